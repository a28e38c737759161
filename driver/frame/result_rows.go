package frame

import (
	"bytes"
	"encoding/binary"
)

// Rows is a RESULT of kind Rows (spec §4.2.5.2): metadata, then the cells.
//
// Cells holds every cell in one flat, row-major slice of length
// RowCount*NumColumns(); each cell references the decoded body (no copy),
// and a null cell is nil. A *Rows can be decoded into again and again
// (DecodeRows, DecodeResponseInto): its cell slice is reused, and parsed
// column specs are kept and reused while the server keeps sending the same
// metadata bytes, so decoding same-shape pages allocates nothing. Columns
// slices are shared between decodes and must not be modified.
type Rows struct {
	Metadata
	RowCount int
	Cells    [][]byte

	// The column specs last parsed, and the raw bytes they came from.
	specRaw    []byte
	specGlobal bool
	specN      int
	specCols   []ColumnSpec
}

func (*Rows) Opcode() Opcode { return OpResult }

// Row returns the cells of row i, which must be in [0, RowCount).
func (r *Rows) Row(i int) [][]byte {
	n := r.NumColumns()
	return r.Cells[i*n : (i+1)*n : (i+1)*n]
}

// AppendBody writes the RESULT body. It writes RowCount rows of
// NumColumns() cells, taking them from Cells, missing cells written as null.
func (r *Rows) AppendBody(dst []byte, version byte) []byte {
	dst = appendInt(dst, int32(KindRows))
	dst = r.Metadata.appendTo(dst, version)
	dst = appendInt(dst, int32(r.RowCount))
	total := r.RowCount * r.NumColumns()
	for i := range total {
		var c []byte
		if i < len(r.Cells) {
			c = r.Cells[i]
		}
		dst = appendBytes(dst, c)
	}
	return dst
}

// DecodeRows decodes a RESULT body of kind Rows into dst, reusing its
// storage. fallback supplies the columns when the server omitted them
// (FlagNoMetadata, as after a skip-metadata EXECUTE): pass the prepared
// statement's result metadata; its column count must match. With no
// fallback such a result decodes with nil Columns. On error the contents of
// dst are unspecified.
func DecodeRows(body []byte, version byte, dst *Rows, fallback *Metadata) error {
	r := reader{b: body}
	if kind := ResultKind(r.int_()); r.err == nil && kind != KindRows {
		return errorf("RESULT: kind 0x%04x is not Rows", int32(kind))
	}
	if r.err != nil {
		return r.err
	}
	return dst.decode(r.b, version, fallback)
}

// decode reads the Rows result that follows the kind [int].
func (dst *Rows) decode(body []byte, version byte, fallback *Metadata) error {
	r := reader{b: body}
	m := &dst.Metadata
	r.readMetadataHead(version, m)
	if r.err != nil {
		return r.err
	}
	n := m.ColumnCount
	if m.Flags&FlagNoMetadata != 0 {
		m.Columns = nil
		if fallback != nil {
			if len(fallback.Columns) != n {
				return errorf("RESULT Rows: %d columns, but the known metadata has %d", n, len(fallback.Columns))
			}
			m.Columns = fallback.Columns
		}
	} else {
		global := m.Flags&FlagGlobalTablesSpec != 0
		start := r.b
		r.skipColumnSpecs(global, n)
		if r.err != nil {
			return r.err
		}
		raw := start[:len(start)-len(r.b)]
		if dst.specCols == nil || dst.specGlobal != global || dst.specN != n || !bytes.Equal(dst.specRaw, raw) {
			sub := reader{b: raw}
			cols := sub.columnSpecs(global, n)
			if sub.err != nil {
				return sub.err
			}
			if cols == nil {
				cols = []ColumnSpec{}
			}
			dst.specRaw = append(dst.specRaw[:0], raw...)
			dst.specGlobal, dst.specN, dst.specCols = global, n, cols
		}
		m.Columns = dst.specCols
		if n == 0 {
			m.Columns = nil
		}
	}

	count := r.int_()
	if r.err != nil {
		return r.err
	}
	if count < 0 {
		return errorf("RESULT Rows: negative row count %d", count)
	}
	total := int64(count) * int64(n)
	if total > int64(len(r.b)/4) { // every cell takes at least its [int] length
		return errorf("RESULT Rows: %d rows of %d columns cannot fit in %d bytes", count, n, len(r.b))
	}
	cells := dst.Cells[:0]
	if int64(cap(cells)) < total {
		cells = make([][]byte, 0, total)
	}
	// The hot loop: each cell is an [int] length and its bytes, read
	// directly rather than through the reader.
	b := r.b
	for range total {
		if len(b) < 4 {
			return errorf("RESULT Rows: truncated cell length")
		}
		l := int32(binary.BigEndian.Uint32(b))
		b = b[4:]
		if l < 0 {
			cells = append(cells, nil)
			continue
		}
		if int(l) > len(b) {
			return errorf("RESULT Rows: cell of %d bytes, %d left", l, len(b))
		}
		cells = append(cells, b[:l:l]) // b is non-nil here, so empty stays non-nil
		b = b[l:]
	}
	dst.RowCount = int(count)
	dst.Cells = cells
	return nil
}
