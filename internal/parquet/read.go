package parquet

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// File is an open Parquet file: its schema and row groups. Nothing but the
// footer is read until rows are.
type File struct {
	r      io.ReaderAt
	size   int64
	meta   fileMetaData
	Schema *Schema
}

// Open reads the footer of the file of size bytes that r reads.
func Open(r io.ReaderAt, size int64) (*File, error) {
	if size < 12 {
		return nil, errors.New("parquet: file too short")
	}
	var head, tail [8]byte
	if _, err := r.ReadAt(head[:4], 0); err != nil {
		return nil, err
	}
	if _, err := r.ReadAt(tail[:], size-8); err != nil {
		return nil, err
	}
	if string(head[:4]) != magic || string(tail[4:]) != magic {
		return nil, errors.New("parquet: no PAR1 magic at the file's start and end")
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-12 {
		return nil, errors.New("parquet: footer length beyond the file")
	}
	footer := make([]byte, n)
	if _, err := r.ReadAt(footer, size-8-n); err != nil {
		return nil, err
	}
	f := &File{r: r, size: size}
	if err := f.meta.decode(&decoder{b: footer}); err != nil {
		return nil, fmt.Errorf("parquet: bad footer: %w", err)
	}
	s, err := schemaFromElements(f.meta.Schema)
	if err != nil {
		return nil, err
	}
	f.Schema = s
	if f.meta.NumRows < 0 {
		return nil, errors.New("parquet: negative row count")
	}
	for i := range f.meta.RowGroups {
		if err := f.checkRowGroup(&f.meta.RowGroups[i], size-8-n); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// checkRowGroup checks a row group's columns against the schema and its
// chunks against the data's end.
func (f *File) checkRowGroup(rg *rowGroup, end int64) error {
	if len(rg.Columns) != len(f.Schema.Columns) {
		return fmt.Errorf("parquet: a row group of %d columns in a schema of %d", len(rg.Columns), len(f.Schema.Columns))
	}
	for i := range rg.Columns {
		m := rg.Columns[i].Meta
		col := &f.Schema.Columns[i]
		if m == nil {
			return fmt.Errorf("parquet: column %s has no metadata", col.name())
		}
		if m.Type != int32(col.Node.Type) {
			return fmt.Errorf("parquet: column %s holds %s, its schema says %s", col.name(), Type(m.Type), col.Node.Type)
		}
		start, n := m.chunkStart(), m.CompressedSize
		if start < 4 || n < 0 || n > end-start {
			return fmt.Errorf("parquet: column %s's data lies outside the file", col.name())
		}
	}
	return nil
}

// chunkStart is where a column chunk's first page starts.
func (m *columnMetaData) chunkStart() int64 {
	if m.DictPageOffset > 0 && m.DictPageOffset < m.DataPageOffset {
		return m.DictPageOffset
	}
	return m.DataPageOffset
}

// NumRows is the file's row count, as its footer says.
func (f *File) NumRows() int64 { return f.meta.NumRows }

// NumRowGroups is how many row groups the file has.
func (f *File) NumRowGroups() int { return len(f.meta.RowGroups) }

// maxRowValues bounds the values of one row, so a file cannot make a row
// of unbounded size out of a few bytes of RLE runs.
const maxRowValues = 1 << 20

// RowReader reads a file's rows in order, one row group's column chunks
// at a time.
type RowReader struct {
	f    *File
	next int // the next row group
	cols []*columnReader
}

// Rows is a reader of the file's rows.
func (f *File) Rows() *RowReader { return &RowReader{f: f} }

// ReadRow appends the next row's values to row (column by column, in each
// column's order; a row starts where a column's repetition level is 0).
// At the end it returns io.EOF.
func (r *RowReader) ReadRow(row []Value) ([]Value, error) {
	for {
		if r.cols != nil {
			_, err := r.cols[0].peek()
			if err == nil {
				break
			}
			if err != io.EOF {
				return row, err
			}
			if err := r.checkEnded(); err != nil {
				return row, err
			}
			r.cols = nil
		}
		if r.next >= len(r.f.meta.RowGroups) {
			return row, io.EOF
		}
		r.openRowGroup()
		if len(r.cols) == 0 {
			r.cols = nil
			r.next = len(r.f.meta.RowGroups)
		}
	}
	start := len(row)
	for _, c := range r.cols {
		v, err := c.read()
		if err == io.EOF {
			return row, fmt.Errorf("parquet: column %s has fewer rows than the first", c.col.name())
		}
		if err != nil {
			return row, err
		}
		if v.rep != 0 {
			return row, fmt.Errorf("parquet: column %s's row starts at repetition level %d", c.col.name(), v.rep)
		}
		row = append(row, v)
		for {
			v, err := c.peek()
			if err == io.EOF || (err == nil && v.rep == 0) {
				break
			}
			if err != nil {
				return row, err
			}
			if len(row)-start >= maxRowValues {
				return row, fmt.Errorf("parquet: a row of over %d values", maxRowValues)
			}
			c.peeked = false
			row = append(row, v)
		}
	}
	return row, nil
}

// checkEnded checks that every column of the row group has ended with the
// first.
func (r *RowReader) checkEnded() error {
	for _, c := range r.cols[1:] {
		if _, err := c.peek(); err != io.EOF {
			if err != nil {
				return err
			}
			return fmt.Errorf("parquet: column %s has more rows than the first", c.col.name())
		}
	}
	return nil
}

// openRowGroup starts reading the next row group.
func (r *RowReader) openRowGroup() {
	rg := &r.f.meta.RowGroups[r.next]
	r.next++
	r.cols = r.cols[:0]
	for i := range rg.Columns {
		m := rg.Columns[i].Meta
		start := m.chunkStart()
		r.cols = append(r.cols, &columnReader{
			r: r.f.r, col: &r.f.Schema.Columns[i], meta: m,
			pos: start, end: start + m.CompressedSize,
		})
	}
}
