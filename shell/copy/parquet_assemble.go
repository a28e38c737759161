package copy

import (
	"errors"
	"fmt"
	"math/big"
	"net"
	"strconv"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/internal/parquet"
)

// assembler rebuilds one row's nested values from its leaf columns: each
// column's values in order, with a cursor per column.
type assembler struct {
	cols [][]parquet.Value
	pos  []int
}

var errShortRow = errors.New("the row's values end early")

// peek is the next value of p's first leaf column.
func (a *assembler) peek(p *pqNode) (parquet.Value, bool) {
	if p.leaves == 0 || a.pos[p.col] >= len(a.cols[p.col]) {
		return parquet.Value{}, false
	}
	return a.cols[p.col][a.pos[p.col]], true
}

// skip passes over the one entry each leaf under p has for a null or
// empty p.
func (a *assembler) skip(p *pqNode) {
	for c := p.col; c < p.col+p.leaves; c++ {
		a.pos[c]++
	}
}

// read assembles the value of type t at node p.
func (a *assembler) read(p *pqNode, t *cqltype.Type) (any, error) {
	v, ok := a.peek(p)
	if !ok {
		return nil, errShortRow
	}
	if p.optional && v.DefinitionLevel() < p.def {
		a.skip(p)
		return nil, nil
	}
	if p.leaf {
		a.pos[p.col]++
		return leafFromParquet(t, p, v)
	}
	switch t.Kind {
	case cqltype.List, cqltype.Set, cqltype.Vector:
		if len(p.kids) != 1 || !p.kids[0].repeated || len(p.kids[0].kids) != 1 {
			return nil, shapeErr(t, p)
		}
		var out []any
		err := a.repeated(p.kids[0], func() error {
			x, err := a.read(p.kids[0].kids[0], t.Elem)
			out = append(out, x)
			return err
		})
		return out, err
	case cqltype.Map:
		return a.readMap(p, t)
	case cqltype.Tuple, cqltype.UDT:
		return a.readGroup(p, t)
	}
	return nil, shapeErr(t, p)
}

// repeated reads the elements of repeated node p (none when its first
// entry is not defined to p's level).
func (a *assembler) repeated(p *pqNode, elem func() error) error {
	v, ok := a.peek(p)
	if !ok {
		return errShortRow
	}
	if v.DefinitionLevel() < p.def {
		a.skip(p)
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if v, ok := a.peek(p); !ok || v.RepetitionLevel() != p.rep {
			return nil
		}
	}
}

func (a *assembler) readMap(p *pqNode, t *cqltype.Type) (any, error) {
	if len(p.kids) != 1 || !p.kids[0].repeated || len(p.kids[0].kids) != 2 {
		return nil, shapeErr(t, p)
	}
	kv := p.kids[0]
	var out []cqltype.MapEntry
	err := a.repeated(kv, func() error {
		k, err := a.read(kv.kids[0], t.Key)
		if err != nil {
			return err
		}
		v, err := a.read(kv.kids[1], t.Value)
		if err != nil {
			return err
		}
		if k == nil || v == nil {
			return errors.New("a null map key or value")
		}
		out = append(out, cqltype.MapEntry{Key: k, Value: v})
		return nil
	})
	return out, err
}

// readGroup reads a tuple's or user type's fields by name; a field the
// file lacks is null.
func (a *assembler) readGroup(p *pqNode, t *cqltype.Type) (any, error) {
	n := len(t.Elems)
	if t.Kind == cqltype.UDT {
		n = len(t.Fields)
	}
	out := make([]any, n)
	for _, k := range p.kids {
		i := -1
		for j := range n {
			if _, name := groupField(t, j); name == k.name {
				i = j
			}
		}
		if i < 0 {
			return nil, shapeErr(t, p)
		}
		ft, _ := groupField(t, i)
		x, err := a.read(k, ft)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// leafFromParquet converts a leaf value to type t, by the leaf's physical
// type (and, for timestamps, its unit).
func leafFromParquet(t *cqltype.Type, p *pqNode, v parquet.Value) (any, error) {
	switch v.Kind() {
	case parquet.Boolean:
		if t.Kind == cqltype.Boolean {
			return v.Boolean(), nil
		}
	case parquet.Int32, parquet.Int64:
		return intFromParquet(t, p, v)
	case parquet.Float:
		if t.Kind == cqltype.Float {
			return v.Float(), nil
		}
		if t.Kind == cqltype.Double {
			return float64(v.Float()), nil
		}
	case parquet.Double:
		if t.Kind == cqltype.Double {
			return v.Double(), nil
		}
		if t.Kind == cqltype.Float {
			return float32(v.Double()), nil
		}
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return bytesFromParquet(t, v.ByteArray())
	}
	return nil, fmt.Errorf("a Parquet %s value does not fit type %s", v.Kind(), t)
}

// intFromParquet converts an integer leaf: a number, a date (days), a
// timestamp or a time of day (each in the leaf's unit).
func intFromParquet(t *cqltype.Type, p *pqNode, v parquet.Value) (any, error) {
	n := v.Int64()
	if v.Kind() == parquet.Int32 {
		n = int64(v.Int32())
	}
	switch t.Kind {
	case cqltype.Date:
		d, ok := cqltype.DateFromDays(n)
		if !ok {
			return nil, fmt.Errorf("date %d out of range", n)
		}
		return d, nil
	case cqltype.Timestamp:
		return cqltype.TimestampValue(n / timestampDivisor(p.logical)), nil
	case cqltype.Time:
		n *= timeMultiplier(p.logical)
		if n < 0 || n > int64(cqltype.MaxTime) {
			return nil, fmt.Errorf("time %d out of range", n)
		}
		return cqltype.TimeValue(n), nil
	case cqltype.Varint:
		return big.NewInt(n), nil
	}
	return integerConverter(t, func(s string) string { return s })(strconv.FormatInt(n, 10))
}

// timestampDivisor turns a timestamp leaf's unit into milliseconds.
func timestampDivisor(lt *parquet.LogicalType) int64 {
	if lt == nil || lt.Kind != parquet.LogicalTimestamp {
		return 1
	}
	switch lt.Unit {
	case parquet.Micros:
		return 1000
	case parquet.Nanos:
		return 1000000
	}
	return 1
}

// timeMultiplier turns a time leaf's unit into nanoseconds (files written
// elsewhere often hold TIME in milliseconds or microseconds).
func timeMultiplier(lt *parquet.LogicalType) int64 {
	if lt == nil || lt.Kind != parquet.LogicalTime {
		return 1
	}
	switch lt.Unit {
	case parquet.Millis:
		return 1000000
	case parquet.Micros:
		return 1000
	}
	return 1
}

// bytesFromParquet converts a byte-array leaf: blobs and uuids as bytes,
// every other type from its text.
func bytesFromParquet(t *cqltype.Type, b []byte) (any, error) {
	switch t.Kind {
	case cqltype.Blob, cqltype.Custom:
		return append([]byte{}, b...), nil
	case cqltype.UUID, cqltype.Timeuuid:
		if len(b) == 16 {
			var u cqltype.UUIDValue
			copy(u[:], b)
			return u, nil
		}
	case cqltype.Inet:
		if ip := net.ParseIP(string(b)); ip != nil {
			return convertInet(string(b))
		}
		return nil, fmt.Errorf("%q is not an address", b)
	}
	return scalarFromText(t, string(b))
}
