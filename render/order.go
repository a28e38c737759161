package render

import (
	"bytes"
	"math/big"
	"net"
	"slices"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// sortPython sorts decoded set elements (or map entries by key) the way
// cqlsh's sorted() orders the Python values the driver produces: numbers by
// value, text by code point, uuids by their 128-bit integer (so timeuuids
// are not in time order), inet addresses as strings, tuples element-wise.
// The sort is stable, as Python's is.
func sortPython(vals []any) {
	slices.SortStableFunc(vals, comparePython)
}

func sortEntries(es []cqltype.MapEntry) {
	slices.SortStableFunc(es, func(a, b cqltype.MapEntry) int { return comparePython(a.Key, b.Key) })
}

func cmp3[T int64 | uint64 | float64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// comparePython orders two decoded values of the same CQL type. Values
// Python could not compare (null, mixed kinds) order by kind, null first.
func comparePython(a, b any) int {
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return -1
		}
		return 1
	}
	switch x := a.(type) {
	case string:
		if y, ok := b.(string); ok {
			return cmp3(x, y)
		}
	case []byte:
		if y, ok := b.([]byte); ok {
			return bytes.Compare(x, y)
		}
	case bool:
		if y, ok := b.(bool); ok {
			return cmp3(boolInt(x), boolInt(y))
		}
	case int64, int32, int16, int8:
		if y, ok := cqltype.Integer(b); ok {
			xi, _ := cqltype.Integer(a)
			return cmp3(xi, y)
		}
	case float32:
		if y, ok := b.(float32); ok {
			return cmp3(float64(x), float64(y))
		}
	case float64:
		if y, ok := b.(float64); ok {
			return cmp3(x, y)
		}
	case *big.Int:
		if y, ok := b.(*big.Int); ok && x != nil && y != nil {
			return x.Cmp(y)
		}
	case cqltype.DecimalValue:
		if y, ok := b.(cqltype.DecimalValue); ok {
			return decimalRat(x).Cmp(decimalRat(y))
		}
	case cqltype.UUIDValue:
		if y, ok := b.(cqltype.UUIDValue); ok {
			return bytes.Compare(x[:], y[:])
		}
	case net.IP:
		if y, ok := b.(net.IP); ok {
			return cmp3(x.String(), y.String())
		}
	case cqltype.TimestampValue:
		if y, ok := b.(cqltype.TimestampValue); ok {
			return cmp3(int64(x), int64(y))
		}
	case cqltype.DateValue:
		if y, ok := b.(cqltype.DateValue); ok {
			return cmp3(uint64(x), uint64(y))
		}
	case cqltype.TimeValue:
		if y, ok := b.(cqltype.TimeValue); ok {
			return cmp3(int64(x), int64(y))
		}
	case []any:
		if y, ok := b.([]any); ok {
			for i := 0; i < len(x) && i < len(y); i++ {
				if c := comparePython(x[i], y[i]); c != 0 {
					return c
				}
			}
			return cmp3(int64(len(x)), int64(len(y)))
		}
	case []cqltype.MapEntry:
		if y, ok := b.([]cqltype.MapEntry); ok {
			for i := 0; i < len(x) && i < len(y); i++ {
				if c := comparePython(x[i].Key, y[i].Key); c != 0 {
					return c
				}
				if c := comparePython(x[i].Value, y[i].Value); c != 0 {
					return c
				}
			}
			return cmp3(int64(len(x)), int64(len(y)))
		}
	}
	return 0
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func decimalRat(d cqltype.DecimalValue) *big.Rat {
	u := d.Unscaled
	if u == nil {
		u = new(big.Int)
	}
	r := new(big.Rat).SetInt(u)
	if d.Scale == 0 {
		return r
	}
	s := d.Scale
	if s < 0 {
		s = -s
	}
	if s > 10000 { // keep hostile scales cheap; such values only need an order
		s = 10000
	}
	p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(s)), nil))
	if d.Scale > 0 {
		return r.Quo(r, p)
	}
	return r.Mul(r, p)
}
