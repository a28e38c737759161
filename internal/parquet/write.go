package parquet

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/golang/snappy"
)

const magic = "PAR1"

// pageSize is the size of a page's values at which the writer starts a new
// page (at the next row).
const pageSize = 1 << 20

// WriterOptions configure a Writer.
type WriterOptions struct {
	RowGroupRows int    // rows per row group (default 64Ki)
	Snappy       bool   // compress pages with SNAPPY
	CreatedBy    string // the footer's created_by
}

// Writer writes a Parquet file: rows are buffered, one row group at a
// time, per column as encoded pages, and written when the row group is
// full or the writer is closed.
type Writer struct {
	w      io.Writer
	opts   WriterOptions
	schema *Schema
	cols   []*columnWriter
	off    int64 // bytes written
	rows   int64 // rows in the file
	inRG   int   // rows in the buffered row group
	groups []rowGroup
	err    error
}

// NewWriter starts a file of schema on w.
func NewWriter(w io.Writer, s *Schema, o WriterOptions) (*Writer, error) {
	if o.RowGroupRows <= 0 {
		o.RowGroupRows = 64 << 10
	}
	pw := &Writer{w: w, opts: o, schema: s}
	for i := range s.Columns {
		pw.cols = append(pw.cols, &columnWriter{col: &s.Columns[i], snappy: o.Snappy})
	}
	if err := pw.write([]byte(magic)); err != nil {
		return nil, err
	}
	return pw, nil
}

func (w *Writer) write(b []byte) error {
	if w.err != nil {
		return w.err
	}
	n, err := w.w.Write(b)
	w.off += int64(n)
	w.err = err
	return err
}

// WriteRows writes rows, each its leaf values with their levels and
// columns, in any column order.
func (w *Writer) WriteRows(rows [][]Value) (int, error) {
	for i, r := range rows {
		if err := w.WriteRow(r); err != nil {
			return i, err
		}
	}
	return len(rows), nil
}

// WriteRow writes one row.
func (w *Writer) WriteRow(row []Value) error {
	if w.err != nil {
		return w.err
	}
	for _, v := range row {
		c := int(v.col)
		if c < 0 || c >= len(w.cols) {
			return fmt.Errorf("parquet: a value of column %d in a schema of %d", c, len(w.cols))
		}
		if err := w.cols[c].add(v); err != nil {
			return err
		}
	}
	w.rows++
	if w.inRG++; w.inRG >= w.opts.RowGroupRows {
		return w.flushRowGroup()
	}
	return nil
}

// flushRowGroup writes the buffered row group.
func (w *Writer) flushRowGroup() error {
	if w.inRG == 0 {
		return nil
	}
	rg := rowGroup{NumRows: int64(w.inRG)}
	for _, c := range w.cols {
		if err := c.flushPage(); err != nil {
			return err
		}
		meta := c.meta(w.off)
		if err := w.write(c.chunk); err != nil {
			return err
		}
		rg.TotalByteSize += meta.UncompressedSize
		rg.Columns = append(rg.Columns, columnChunk{FileOffset: meta.DataPageOffset, Meta: meta})
		c.reset()
	}
	w.groups = append(w.groups, rg)
	w.inRG = 0
	return nil
}

// Close writes the last row group and the footer; it does not close the
// underlying writer.
func (w *Writer) Close() error {
	if err := w.flushRowGroup(); err != nil {
		return err
	}
	m := fileMetaData{Version: 1, Schema: w.schema.elements(), NumRows: w.rows, RowGroups: w.groups, CreatedBy: w.opts.CreatedBy}
	var e encoder
	m.encode(&e)
	e.buf = binary.LittleEndian.AppendUint32(e.buf, uint32(len(e.buf)))
	e.buf = append(e.buf, magic...)
	if err := w.write(e.buf); err != nil {
		return err
	}
	w.err = errors.New("parquet: writer closed")
	return nil
}

// columnWriter buffers one column's row group: the current page's levels
// and PLAIN values, and the finished pages.
type columnWriter struct {
	col    *Column
	snappy bool
	reps   []uint32
	defs   []uint32
	vals   []byte
	nvals  int // values (nulls included) in the page
	bools  int // booleans packed in vals
	chunk  []byte
	values int64  // values in the chunk
	raw    int64  // the chunk's uncompressed size
	enc    []byte // the page, encoded
	comp   []byte // the page, compressed
}

// add buffers a value.
func (c *columnWriter) add(v Value) error {
	if int(v.rep) > c.col.MaxRep || int(v.def) > c.col.MaxDef || v.rep < 0 || v.def < 0 {
		return fmt.Errorf("parquet: levels %d, %d beyond column %s's", v.rep, v.def, c.col.name())
	}
	if v.rep == 0 && len(c.vals) >= pageSize {
		if err := c.flushPage(); err != nil {
			return err
		}
	}
	if c.col.MaxRep > 0 {
		c.reps = append(c.reps, uint32(v.rep))
	}
	if c.col.MaxDef > 0 {
		c.defs = append(c.defs, uint32(v.def))
	}
	c.nvals++
	if int(v.def) < c.col.MaxDef {
		return nil
	}
	if v.null || v.typ != c.col.Node.Type {
		return fmt.Errorf("parquet: a %s value in column %s of %s", v.typ, c.col.name(), c.col.Node.Type)
	}
	return c.plain(v)
}

// plain appends v PLAIN-encoded.
func (c *columnWriter) plain(v Value) error {
	switch v.typ {
	case Boolean:
		if c.bools%8 == 0 {
			c.vals = append(c.vals, 0)
		}
		c.vals[len(c.vals)-1] |= byte(v.num) << (c.bools % 8)
		c.bools++
	case Int32, Float:
		c.vals = binary.LittleEndian.AppendUint32(c.vals, uint32(v.num))
	case Int64, Double:
		c.vals = binary.LittleEndian.AppendUint64(c.vals, v.num)
	case ByteArray:
		c.vals = binary.LittleEndian.AppendUint32(c.vals, uint32(len(v.bytes)))
		c.vals = append(c.vals, v.bytes...)
	case FixedLenByteArray:
		if len(v.bytes) != c.col.Node.Length {
			return fmt.Errorf("parquet: a value of %d bytes in column %s of %d", len(v.bytes), c.col.name(), c.col.Node.Length)
		}
		c.vals = append(c.vals, v.bytes...)
	default:
		return fmt.Errorf("parquet: cannot write %s", v.typ)
	}
	return nil
}

// flushPage encodes the current page into the chunk: levels (each with its
// 4-byte length) then values, compressed as a whole.
func (c *columnWriter) flushPage() error {
	if c.nvals == 0 {
		return nil
	}
	body := c.enc[:0]
	for _, lv := range []struct {
		vals []uint32
		max  int
	}{{c.reps, c.col.MaxRep}, {c.defs, c.col.MaxDef}} {
		if lv.max == 0 {
			continue
		}
		at := len(body)
		body = append(body, 0, 0, 0, 0)
		body = appendHybrid(body, lv.vals, levelWidth(lv.max))
		binary.LittleEndian.PutUint32(body[at:], uint32(len(body)-at-4))
	}
	body = append(body, c.vals...)
	c.enc = body
	data := body
	if c.snappy {
		c.comp = snappy.Encode(c.comp[:cap(c.comp)], body)
		data = c.comp
	}
	if len(body) > 1<<31-1 || c.nvals > 1<<31-1 {
		return errors.New("parquet: page too large")
	}
	h := pageHeader{Type: pageData, Uncompressed: int32(len(body)), Compressed: int32(len(data)),
		Data: &dataPageHeader{NumValues: int32(c.nvals), Encoding: encPlain, DefEncoding: encRLE, RepEncoding: encRLE}}
	var e encoder
	h.encode(&e)
	c.raw += int64(len(e.buf) + len(body))
	c.chunk = append(append(c.chunk, e.buf...), data...)
	c.values += int64(c.nvals)
	c.reps, c.defs, c.vals = c.reps[:0], c.defs[:0], c.vals[:0]
	c.nvals, c.bools = 0, 0
	return nil
}

// meta is the chunk's metadata, the chunk starting at offset off.
func (c *columnWriter) meta(off int64) *columnMetaData {
	codec := int32(codecNone)
	if c.snappy {
		codec = codecSnappy
	}
	return &columnMetaData{
		Type: int32(c.col.Node.Type), Encodings: []int32{encPlain, encRLE}, Path: c.col.Path,
		Codec: codec, NumValues: c.values, UncompressedSize: c.raw, CompressedSize: int64(len(c.chunk)),
		DataPageOffset: off, DictPageOffset: -1,
	}
}

// reset empties the chunk for the next row group.
func (c *columnWriter) reset() {
	c.chunk = c.chunk[:0]
	c.values, c.raw = 0, 0
}
