package copy

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/internal/parquet"
)

// parquetSource reads a Parquet file's rows: each table column from the
// file's top-level field of its name (absent: null), values assembled from
// the leaf columns by their levels and converted by column type. A bad row
// is reported with its row number (from 1) and written to the error file
// as JSON. The file may be hostile: a malformed one is an error, never a
// crash.
type parquetSource struct {
	rd    *parquet.RowReader
	conv  *rowConverter
	nodes []*pqNode       // per valid column, nil when the file lacks it
	cur   []parquet.Value // the row read last
	row   int64           // rows read
	asm   assembler
}

func newParquetSource(f *os.File, conv *rowConverter) (rowSource, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	pf, err := parquet.Open(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("not a Parquet file: %v", err)
	}
	next := 0
	root, err := buildPQ(pf.Schema.Root, "", 0, 0, &next, 0)
	if err != nil {
		return nil, err
	}
	s := &parquetSource{conv: conv, nodes: make([]*pqNode, len(conv.valid))}
	s.asm.cols = make([][]parquet.Value, next)
	s.asm.pos = make([]int, next)
	for _, k := range root.kids {
		i := indexOf(conv.valid, k.name)
		if i < 0 {
			if conv.skipped(k.name) {
				continue
			}
			return nil, fmt.Errorf("the file's column %s is not a column of the table", k.name)
		}
		s.nodes[i] = k
	}
	s.rd = pf.Rows()
	return s, nil
}

func (s *parquetSource) next(convert bool) (raw []string, args []any, err error) {
	row, err := s.rd.ReadRow(s.cur[:0])
	if err != nil {
		return nil, nil, err
	}
	s.cur = row
	s.row++
	if !convert {
		return nil, nil, nil
	}
	vals, err := s.values(row)
	if err == nil {
		args, err = s.conv.bind(vals)
	}
	if err != nil {
		return []string{s.rowJSON(vals)}, nil, &badRowError{msg: fmt.Sprintf("row %d: %s", s.row, err)}
	}
	return nil, args, nil
}

// values assembles and converts one row's values, per valid column.
func (s *parquetSource) values(row []parquet.Value) (vals []any, err error) {
	a := &s.asm
	for i := range a.cols {
		a.cols[i], a.pos[i] = a.cols[i][:0], 0
	}
	for _, v := range row {
		c := v.Column()
		if c < 0 || c >= len(a.cols) {
			return nil, errors.New("a value of no column")
		}
		a.cols[c] = append(a.cols[c], v)
	}
	vals = make([]any, len(s.nodes))
	for i, p := range s.nodes {
		if p == nil {
			continue
		}
		if vals[i], err = a.read(p, s.conv.types[i]); err != nil {
			return vals, fmt.Errorf("column %s: %v", s.conv.valid[i], err)
		}
	}
	return vals, nil
}

// rowJSON is a bad row for the error file, as a JSON line: each value as
// converted, or a scalar not converted as the file holds it.
func (s *parquetSource) rowJSON(vals []any) string {
	out := []byte{'{'}
	for i, c := range s.conv.valid {
		if i > 0 {
			out = append(out, ", "...)
		}
		out = strconv.AppendQuote(out, c)
		out = append(out, ": "...)
		switch p := s.nodes[i]; {
		case i < len(vals) && vals[i] != nil:
			out = strconv.AppendQuote(out, fmt.Sprint(vals[i]))
		case p != nil && p.leaf && len(s.asm.cols[p.col]) > 0 && !s.asm.cols[p.col][0].IsNull():
			v := s.asm.cols[p.col][0]
			text := v.String()
			if v.Kind() == parquet.ByteArray {
				text = string(v.ByteArray())
			}
			out = strconv.AppendQuote(out, text)
		default:
			out = append(out, "null"...)
		}
	}
	return string(append(out, '}'))
}

// parquetShapeError is a file's column that does not fit its CQL type.
type parquetShapeError struct{ what string }

func (e *parquetShapeError) Error() string { return e.what }

func shapeErr(t *cqltype.Type, p *pqNode) error {
	return &parquetShapeError{what: fmt.Sprintf("the file's %s does not fit type %s", p.name, t)}
}
