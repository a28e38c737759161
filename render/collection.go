package render

import (
	"fmt"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// punct appends collection punctuation in the collection colour; s is
// ASCII, so its width is its length.
func (f *Formatter) punct(dst []byte, s string) []byte {
	dst = append(dst, f.pal.collection...)
	dst = append(dst, s...)
	return append(dst, f.pal.resetIf(f.pal.collection)...)
}

// appendSequence formats a list, set, vector, tuple or UDT. Sets are shown
// sorted as cqlsh sorts them; UDT fields print as {name: value} with bare
// names.
func (f *Formatter) appendSequence(dst []byte, t *cqltype.Type, vals []any) ([]byte, int, error) {
	open, close := "[", "]"
	elem := func(i int) *cqltype.Type { return t.Elem }
	switch t.Kind {
	case cqltype.List, cqltype.Vector:
	case cqltype.Set:
		open, close = "{", "}"
		sortPython(vals)
	case cqltype.Tuple:
		if len(vals) > len(t.Elems) {
			return dst, 0, fmt.Errorf("tuple has %d values for %d types", len(vals), len(t.Elems))
		}
		open, close = "(", ")"
		elem = func(i int) *cqltype.Type { return t.Elems[i] }
	case cqltype.UDT:
		return f.appendUDT(dst, t, vals)
	default:
		return dst, 0, fmt.Errorf("sequence value for %s", typeName(t))
	}
	dst = f.punct(dst, open)
	w := 2
	for i, v := range vals {
		if i > 0 {
			dst = f.punct(dst, ", ")
			w += 2
		}
		var ew int
		var err error
		dst, ew, err = f.appendValue(dst, elem(i), v, true)
		if err != nil {
			return dst, 0, err
		}
		w += ew
	}
	return f.punct(dst, close), w, nil
}

func (f *Formatter) appendUDT(dst []byte, t *cqltype.Type, vals []any) ([]byte, int, error) {
	if len(vals) > len(t.Fields) {
		return dst, 0, fmt.Errorf("user type has %d values for %d fields", len(vals), len(t.Fields))
	}
	dst = f.punct(dst, "{")
	w := 2
	for i, v := range vals {
		if i > 0 {
			dst = f.punct(dst, ", ")
			w += 2
		}
		var nw, vw int
		var err error
		dst, nw = f.appendText(dst, t.Fields[i].Name, false, f.pal.text)
		dst = f.punct(dst, ": ")
		dst, vw, err = f.appendValue(dst, t.Fields[i].Type, v, true)
		if err != nil {
			return dst, 0, err
		}
		w += nw + 2 + vw
	}
	return f.punct(dst, "}"), w, nil
}

// appendMap formats a map as {k: v, ...} sorted by key, as cqlsh does.
func (f *Formatter) appendMap(dst []byte, t *cqltype.Type, es []cqltype.MapEntry) ([]byte, int, error) {
	if t.Kind != cqltype.Map {
		return dst, 0, fmt.Errorf("map value for %s", typeName(t))
	}
	sortEntries(es)
	dst = f.punct(dst, "{")
	w := 2
	for i, e := range es {
		if i > 0 {
			dst = f.punct(dst, ", ")
			w += 2
		}
		var kw, vw int
		var err error
		if dst, kw, err = f.appendValue(dst, t.Key, e.Key, true); err != nil {
			return dst, 0, err
		}
		dst = f.punct(dst, ": ")
		if dst, vw, err = f.appendValue(dst, t.Value, e.Value, true); err != nil {
			return dst, 0, err
		}
		w += kw + 2 + vw
	}
	return f.punct(dst, "}"), w, nil
}
