package frame

// Prepared is the RESULT of a PREPARE (spec §4.2.5.4).
type Prepared struct {
	ID []byte
	// ResultMetadataID identifies Result in v5; EXECUTE sends it back.
	ResultMetadataID []byte

	// Flags of the bind-marker metadata; only FlagGlobalTablesSpec applies.
	Flags int32
	// PKIndices are the bind-marker positions of the partition key columns
	// (v4+).
	PKIndices []uint16
	// Params describe the bind markers.
	Params []ColumnSpec

	// Result describes the rows an EXECUTE will return; it may be empty
	// (FlagNoMetadata, no columns) for statements that return none.
	Result Metadata
}

func (*Prepared) Opcode() Opcode { return OpResult }

func (m *Prepared) AppendBody(dst []byte, version byte) []byte {
	dst = appendInt(dst, int32(KindPrepared))
	dst = appendShortBytes(dst, m.ID)
	if version >= 5 {
		dst = appendShortBytes(dst, m.ResultMetadataID)
	}
	f := m.Flags & FlagGlobalTablesSpec
	dst = appendInt(dst, f)
	dst = appendInt(dst, int32(len(m.Params)))
	if version >= 4 {
		dst = appendInt(dst, int32(len(m.PKIndices)))
		for _, i := range m.PKIndices {
			dst = appendShort(dst, i)
		}
	}
	dst = appendColumnSpecs(dst, f != 0, m.Params)
	return m.Result.appendTo(dst, version)
}

func (m *Prepared) decode(r *reader, version byte) {
	m.ID = r.shortBytes()
	if version >= 5 {
		m.ResultMetadataID = r.shortBytes()
	}
	m.Flags = r.int_()
	n := r.int_()
	if r.err == nil && n < 0 {
		r.fail("PREPARED: negative bind marker count %d", n)
	}
	if version >= 4 {
		pk := r.int_()
		if r.err == nil && (pk < 0 || int64(pk)*2 > int64(len(r.b))) {
			r.fail("PREPARED: %d partition key indices cannot fit in %d bytes", pk, len(r.b))
		}
		if pk > 0 && r.err == nil {
			m.PKIndices = make([]uint16, pk)
			for i := range m.PKIndices {
				m.PKIndices[i] = r.short()
			}
		}
	}
	if r.err != nil {
		return
	}
	m.Params = r.columnSpecs(m.Flags&FlagGlobalTablesSpec != 0, int(n))
	r.readMetadata(version, &m.Result)
}
