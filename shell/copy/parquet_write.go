package copy

import (
	"fmt"
	"io"
	"math/big"
	"net"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/internal/parquet"
)

// parquetRowGroup is how many rows a row group holds: the writer keeps one
// row group in memory, so this bounds COPY TO's memory for Parquet.
const parquetRowGroup = 64 << 10

// startParquet makes the writer write Parquet of the columns: one file
// (MAXOUTPUTSIZE does not split it), snappy-compressed.
func (w *exportWriter) startParquet(cols []string, types []*cqltype.Type) error {
	schema, err := parquetSchema(cols, types)
	if err != nil {
		return err
	}
	var out io.Writer = w.bw
	w.pq, err = parquet.NewWriter(out, schema, parquet.WriterOptions{
		RowGroupRows: parquetRowGroup, Snappy: true, CreatedBy: "gocqlsh"})
	return err
}

// parquetEncoder turns a page's rows into Parquet rows (shredded into
// leaf values with their repetition and definition levels).
type parquetEncoder struct {
	types []*cqltype.Type
	root  *pqNode
	cols  [][]parquet.Value // per leaf column, for the row being built
}

func newParquetEncoder(cols []string, types []*cqltype.Type) (*parquetEncoder, error) {
	schema, err := parquetSchema(cols, types)
	if err != nil {
		return nil, err
	}
	next := 0
	root, err := buildPQ(schema.Root, "", 0, 0, &next, 0)
	if err != nil {
		return nil, err
	}
	root.def = 0
	return &parquetEncoder{types: types, root: root, cols: make([][]parquet.Value, next)}, nil
}

func (e *parquetEncoder) encode(ch *exportChunk, row [][]byte) error {
	for i := range e.cols {
		e.cols[i] = e.cols[i][:0]
	}
	for i, cell := range row {
		v, err := cqltype.Decode(e.types[i], cell)
		if err != nil {
			return err
		}
		if err := e.shred(e.root.kids[i], e.types[i], v, 0, 0); err != nil {
			return err
		}
	}
	n := 0
	for _, c := range e.cols {
		n += len(c)
	}
	out := make([]parquet.Value, 0, n)
	for _, c := range e.cols {
		out = append(out, c...)
	}
	ch.rows = append(ch.rows, out)
	return nil
}

// shred appends value v of type t at node p, whose parent is at
// repetition level rep and definition level def.
func (e *parquetEncoder) shred(p *pqNode, t *cqltype.Type, v any, rep, def int) error {
	if p.optional {
		if _, empty := v.(cqltype.Empty); v == nil || empty {
			e.nulls(p, rep, def)
			return nil
		}
		def = p.def
	}
	if p.leaf {
		pv, err := parquetLeaf(t, v)
		if err != nil {
			return err
		}
		e.cols[p.col] = append(e.cols[p.col], pv.Level(rep, def, p.col))
		return nil
	}
	switch t.Kind {
	case cqltype.List, cqltype.Set, cqltype.Vector:
		elems, _ := v.([]any)
		return e.repeated(p.kids[0], len(elems), rep, def, func(i, rep int) error {
			return e.shred(p.kids[0].kids[0], t.Elem, elems[i], rep, p.kids[0].def)
		})
	case cqltype.Map:
		entries, _ := v.([]cqltype.MapEntry)
		kv := p.kids[0]
		return e.repeated(kv, len(entries), rep, def, func(i, rep int) error {
			if err := e.shred(kv.kids[0], t.Key, entries[i].Key, rep, kv.def); err != nil {
				return err
			}
			return e.shred(kv.kids[1], t.Value, entries[i].Value, rep, kv.def)
		})
	case cqltype.Tuple, cqltype.UDT:
		vals, _ := v.([]any)
		for i, k := range p.kids {
			ft, _ := groupField(t, i)
			var x any
			if i < len(vals) {
				x = vals[i]
			}
			if err := e.shred(k, ft, x, rep, def); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("cannot write %s to Parquet", t)
}

// repeated writes n elements of repeated node p; none is one null entry per
// leaf at the parent's level.
func (e *parquetEncoder) repeated(p *pqNode, n, rep, def int, elem func(i, rep int) error) error {
	if n == 0 {
		e.nulls(p, rep, def)
		return nil
	}
	for i := range n {
		r := rep
		if i > 0 {
			r = p.rep
		}
		if err := elem(i, r); err != nil {
			return err
		}
	}
	return nil
}

// nulls writes one null entry in every leaf column under p.
func (e *parquetEncoder) nulls(p *pqNode, rep, def int) {
	for c := p.col; c < p.col+p.leaves; c++ {
		e.cols[c] = append(e.cols[c], parquet.NullValue().Level(rep, def, c))
	}
}

// parquetLeaf is scalar v of type t as a Parquet value.
func parquetLeaf(t *cqltype.Type, v any) (parquet.Value, error) {
	switch x := v.(type) {
	case string:
		return parquet.ByteArrayValue([]byte(x)), nil
	case []byte:
		return parquet.ByteArrayValue(x), nil
	case bool:
		return parquet.BooleanValue(x), nil
	case int8:
		return parquet.Int32Value(int32(x)), nil
	case int16:
		return parquet.Int32Value(int32(x)), nil
	case int32:
		return parquet.Int32Value(x), nil
	case int64:
		return parquet.Int64Value(x), nil
	case float32:
		return parquet.FloatValue(x), nil
	case float64:
		return parquet.DoubleValue(x), nil
	case *big.Int:
		return parquet.ByteArrayValue([]byte(x.String())), nil
	case cqltype.DecimalValue:
		return parquet.ByteArrayValue([]byte(x.String())), nil
	case cqltype.DurationValue:
		return parquet.ByteArrayValue([]byte(x.String())), nil
	case net.IP:
		return parquet.ByteArrayValue([]byte(x.String())), nil
	case cqltype.UUIDValue:
		return parquet.FixedLenByteArrayValue(x[:]), nil
	case cqltype.TimestampValue:
		return parquet.Int64Value(int64(x)), nil
	case cqltype.DateValue:
		return parquet.Int32Value(int32(x.Days())), nil
	case cqltype.TimeValue:
		return parquet.Int64Value(int64(x)), nil
	}
	return parquet.Value{}, fmt.Errorf("cannot write a %T as %s to Parquet", v, t)
}
