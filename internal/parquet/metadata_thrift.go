package parquet

// Encoding and decoding of the footer and page headers in Thrift compact
// protocol, by the field ids of parquet.thrift. Decoders skip the fields
// they do not use.

func (m *fileMetaData) encode(e *encoder) {
	e.begin(-1)
	e.i32(1, m.Version)
	e.list(2, tStruct, len(m.Schema))
	for i := range m.Schema {
		m.Schema[i].encode(e)
	}
	e.i64(3, m.NumRows)
	e.list(4, tStruct, len(m.RowGroups))
	for i := range m.RowGroups {
		m.RowGroups[i].encode(e)
	}
	if m.CreatedBy != "" {
		e.string(6, m.CreatedBy)
	}
	e.end()
}

func (m *fileMetaData) decode(d *decoder) error {
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 1:
			return d.fI32(typ, &m.Version)
		case 2:
			return d.fList(typ, tStruct, func(int) error {
				m.Schema = append(m.Schema, schemaElement{})
				return m.Schema[len(m.Schema)-1].decode(d)
			})
		case 3:
			return d.fI64(typ, &m.NumRows)
		case 4:
			return d.fList(typ, tStruct, func(int) error {
				m.RowGroups = append(m.RowGroups, rowGroup{})
				return m.RowGroups[len(m.RowGroups)-1].decode(d)
			})
		case 6:
			return d.fString(typ, &m.CreatedBy)
		}
		return errSkip
	})
}

func (s *schemaElement) encode(e *encoder) {
	e.begin(-1)
	if s.Type >= 0 {
		e.i32(1, s.Type)
		if s.Type == int32(FixedLenByteArray) {
			e.i32(2, s.TypeLength)
		}
	}
	if s.Repetition >= 0 {
		e.i32(3, s.Repetition)
	}
	e.string(4, s.Name)
	if s.NumChildren >= 0 {
		e.i32(5, s.NumChildren)
	}
	if s.Converted >= 0 {
		e.i32(6, s.Converted)
	}
	if s.Logical != nil {
		e.begin(10)
		s.Logical.encode(e)
		e.end()
	}
	e.end()
}

func (s *schemaElement) decode(d *decoder) error {
	*s = schemaElement{Type: -1, Repetition: -1, NumChildren: -1, Converted: -1}
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 1:
			return d.fI32(typ, &s.Type)
		case 2:
			return d.fI32(typ, &s.TypeLength)
		case 3:
			return d.fI32(typ, &s.Repetition)
		case 4:
			return d.fString(typ, &s.Name)
		case 5:
			return d.fI32(typ, &s.NumChildren)
		case 6:
			return d.fI32(typ, &s.Converted)
		case 7:
			return d.fI32(typ, &s.Scale)
		case 8:
			return d.fI32(typ, &s.Precision)
		case 10:
			if err := want(typ, tStruct); err != nil {
				return err
			}
			s.Logical = &LogicalType{}
			return s.Logical.decode(d)
		}
		return errSkip
	})
}

// encode writes the union's one field (the caller opens and closes it).
func (l *LogicalType) encode(e *encoder) {
	e.begin(l.Kind)
	switch l.Kind {
	case LogicalInt:
		e.i8(1, l.BitWidth)
		e.bool(2, l.Signed)
	case LogicalTime, LogicalTimestamp:
		e.bool(1, l.UTC)
		e.begin(2)
		e.begin(l.Unit)
		e.end()
		e.end()
	case LogicalDecimal:
		e.i32(1, l.Scale)
		e.i32(2, l.Precision)
	}
	e.end()
}

func (l *LogicalType) decode(d *decoder) error {
	return d.strct(func(id int16, typ byte) error {
		if err := want(typ, tStruct); err != nil {
			return errSkip
		}
		l.Kind = id
		return d.strct(func(f int16, typ byte) error {
			switch {
			case id == LogicalInt && f == 1:
				if err := want(typ, tByte); err != nil {
					return err
				}
				b, err := d.byte()
				l.BitWidth = int8(b)
				return err
			case id == LogicalInt && f == 2:
				return d.fBool(typ, &l.Signed)
			case (id == LogicalTime || id == LogicalTimestamp) && f == 1:
				return d.fBool(typ, &l.UTC)
			case (id == LogicalTime || id == LogicalTimestamp) && f == 2:
				if err := want(typ, tStruct); err != nil {
					return err
				}
				return d.strct(func(u int16, typ byte) error {
					l.Unit = u
					return errSkip
				})
			case id == LogicalDecimal && f == 1:
				return d.fI32(typ, &l.Scale)
			case id == LogicalDecimal && f == 2:
				return d.fI32(typ, &l.Precision)
			}
			return errSkip
		})
	})
}

func (r *rowGroup) encode(e *encoder) {
	e.begin(-1)
	e.list(1, tStruct, len(r.Columns))
	for i := range r.Columns {
		c := &r.Columns[i]
		e.begin(-1)
		e.i64(2, c.FileOffset)
		e.begin(3)
		c.Meta.encode(e)
		e.end()
		e.end()
	}
	e.i64(2, r.TotalByteSize)
	e.i64(3, r.NumRows)
	e.end()
}

func (r *rowGroup) decode(d *decoder) error {
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 1:
			return d.fList(typ, tStruct, func(int) error {
				r.Columns = append(r.Columns, columnChunk{})
				return r.Columns[len(r.Columns)-1].decode(d)
			})
		case 2:
			return d.fI64(typ, &r.TotalByteSize)
		case 3:
			return d.fI64(typ, &r.NumRows)
		}
		return errSkip
	})
}

func (c *columnChunk) decode(d *decoder) error {
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 2:
			return d.fI64(typ, &c.FileOffset)
		case 3:
			if err := want(typ, tStruct); err != nil {
				return err
			}
			c.Meta = &columnMetaData{DictPageOffset: -1}
			return c.Meta.decode(d)
		}
		return errSkip
	})
}

// encode writes the fields (the caller opens and closes the struct).
func (m *columnMetaData) encode(e *encoder) {
	e.i32(1, m.Type)
	e.list(2, tI32, len(m.Encodings))
	for _, x := range m.Encodings {
		e.varint(int64(x))
	}
	e.list(3, tBinary, len(m.Path))
	for _, p := range m.Path {
		e.uvarint(uint64(len(p)))
		e.buf = append(e.buf, p...)
	}
	e.i32(4, m.Codec)
	e.i64(5, m.NumValues)
	e.i64(6, m.UncompressedSize)
	e.i64(7, m.CompressedSize)
	e.i64(9, m.DataPageOffset)
	if m.DictPageOffset >= 0 {
		e.i64(11, m.DictPageOffset)
	}
}

func (m *columnMetaData) decode(d *decoder) error {
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 1:
			return d.fI32(typ, &m.Type)
		case 2:
			return d.fList(typ, tI32, func(int) error {
				v, err := d.i32()
				m.Encodings = append(m.Encodings, v)
				return err
			})
		case 3:
			return d.fList(typ, tBinary, func(int) error {
				b, err := d.binary()
				m.Path = append(m.Path, string(b))
				return err
			})
		case 4:
			return d.fI32(typ, &m.Codec)
		case 5:
			return d.fI64(typ, &m.NumValues)
		case 6:
			return d.fI64(typ, &m.UncompressedSize)
		case 7:
			return d.fI64(typ, &m.CompressedSize)
		case 9:
			return d.fI64(typ, &m.DataPageOffset)
		case 11:
			return d.fI64(typ, &m.DictPageOffset)
		}
		return errSkip
	})
}

func (h *pageHeader) encode(e *encoder) {
	e.begin(-1)
	e.i32(1, h.Type)
	e.i32(2, h.Uncompressed)
	e.i32(3, h.Compressed)
	if p := h.Data; p != nil {
		e.begin(5)
		e.i32(1, p.NumValues)
		e.i32(2, p.Encoding)
		e.i32(3, p.DefEncoding)
		e.i32(4, p.RepEncoding)
		e.end()
	}
	if p := h.Dict; p != nil {
		e.begin(7)
		e.i32(1, p.NumValues)
		e.i32(2, p.Encoding)
		e.end()
	}
	if p := h.DataV2; p != nil {
		e.begin(8)
		e.i32(1, p.NumValues)
		e.i32(2, p.NumNulls)
		e.i32(3, p.NumRows)
		e.i32(4, p.Encoding)
		e.i32(5, p.DefLen)
		e.i32(6, p.RepLen)
		e.bool(7, p.IsCompressed)
		e.end()
	}
	e.end()
}

func (h *pageHeader) decode(d *decoder) error {
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 1:
			return d.fI32(typ, &h.Type)
		case 2:
			return d.fI32(typ, &h.Uncompressed)
		case 3:
			return d.fI32(typ, &h.Compressed)
		case 5:
			h.Data = &dataPageHeader{}
			return h.Data.decode(d, typ)
		case 7:
			h.Dict = &dictPageHeader{}
			return h.Dict.decode(d, typ)
		case 8:
			h.DataV2 = &dataPageHeaderV2{IsCompressed: true}
			return h.DataV2.decode(d, typ)
		}
		return errSkip
	})
}

func (p *dataPageHeader) decode(d *decoder, typ byte) error {
	if err := want(typ, tStruct); err != nil {
		return err
	}
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 1:
			return d.fI32(typ, &p.NumValues)
		case 2:
			return d.fI32(typ, &p.Encoding)
		case 3:
			return d.fI32(typ, &p.DefEncoding)
		case 4:
			return d.fI32(typ, &p.RepEncoding)
		}
		return errSkip
	})
}

func (p *dictPageHeader) decode(d *decoder, typ byte) error {
	if err := want(typ, tStruct); err != nil {
		return err
	}
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 1:
			return d.fI32(typ, &p.NumValues)
		case 2:
			return d.fI32(typ, &p.Encoding)
		}
		return errSkip
	})
}

func (p *dataPageHeaderV2) decode(d *decoder, typ byte) error {
	if err := want(typ, tStruct); err != nil {
		return err
	}
	return d.strct(func(id int16, typ byte) error {
		switch id {
		case 1:
			return d.fI32(typ, &p.NumValues)
		case 2:
			return d.fI32(typ, &p.NumNulls)
		case 3:
			return d.fI32(typ, &p.NumRows)
		case 4:
			return d.fI32(typ, &p.Encoding)
		case 5:
			return d.fI32(typ, &p.DefLen)
		case 6:
			return d.fI32(typ, &p.RepLen)
		case 7:
			return d.fBool(typ, &p.IsCompressed)
		}
		return errSkip
	})
}
