package cqltype

import (
	"encoding/binary"
	"math"
	"reflect"
)

// appendCell appends v as a [bytes] element: a 4-byte length (-1 for null)
// followed by the value.
func appendCell(dst []byte, t *Type, v any, depth int) ([]byte, error) {
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	dst, null, err := appendValue(dst, t, v, depth+1)
	if err != nil {
		return dst, err
	}
	n := len(dst) - start - 4
	if null {
		binary.BigEndian.PutUint32(dst[start:], math.MaxUint32) // -1
		return dst[:start+4], nil
	}
	if n > math.MaxInt32 {
		return dst, encErr(t, v, "value too large")
	}
	binary.BigEndian.PutUint32(dst[start:], uint32(n))
	return dst, nil
}

// asSlice returns the elements of any slice or array (but not a string).
func asSlice(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case string:
		return nil, false
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, false
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out, true
}

func appendList(dst []byte, t *Type, v any, depth int) ([]byte, error) {
	elems, ok := asSlice(v)
	if !ok {
		return dst, encErr(t, v, "want a slice")
	}
	if len(elems) > math.MaxInt32 {
		return dst, encErr(t, v, "too many elements")
	}
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(elems)))
	var err error
	for _, e := range elems {
		if dst, err = appendCell(dst, t.Elem, e, depth); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

func appendMap(dst []byte, t *Type, v any, depth int) ([]byte, error) {
	var entries []MapEntry
	switch x := v.(type) {
	case []MapEntry:
		entries = x
	case map[any]any:
		entries = make([]MapEntry, 0, len(x))
		for k, val := range x {
			entries = append(entries, MapEntry{k, val})
		}
	default:
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Map {
			return dst, encErr(t, v, "want a map or []MapEntry")
		}
		entries = make([]MapEntry, 0, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			entries = append(entries, MapEntry{it.Key().Interface(), it.Value().Interface()})
		}
	}
	if len(entries) > math.MaxInt32 {
		return dst, encErr(t, v, "too many entries")
	}
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(entries)))
	var err error
	for _, e := range entries {
		if dst, err = appendCell(dst, t.Key, e.Key, depth); err != nil {
			return dst, err
		}
		if dst, err = appendCell(dst, t.Value, e.Value, depth); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// appendTuple writes one [bytes] per declared component; components beyond
// the end of a short slice are written as null.
func appendTuple(dst []byte, t *Type, v any, depth int) ([]byte, error) {
	elems, ok := asSlice(v)
	if !ok {
		return dst, encErr(t, v, "want a slice")
	}
	if len(elems) > len(t.Elems) {
		return dst, encErr(t, v, "more components than the tuple type has")
	}
	var err error
	for i, et := range t.Elems {
		var e any
		if i < len(elems) {
			e = elems[i]
		}
		if dst, err = appendCell(dst, et, e, depth); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// appendUDT writes one [bytes] per field, taking values by name from a
// map[string]any or by position from a slice; absent fields are null.
func appendUDT(dst []byte, t *Type, v any, depth int) ([]byte, error) {
	var byPos []any
	var byName map[string]any
	switch x := v.(type) {
	case map[string]any:
		byName = x
	default:
		var ok bool
		if byPos, ok = asSlice(v); !ok {
			return dst, encErr(t, v, "want map[string]any or a slice")
		}
		if len(byPos) > len(t.Fields) {
			return dst, encErr(t, v, "more values than the type has fields")
		}
	}
	if byName != nil {
		known := 0
		for _, f := range t.Fields {
			if _, ok := byName[f.Name]; ok {
				known++
			}
		}
		if known != len(byName) {
			for k := range byName {
				if !hasField(t, k) {
					return dst, encErr(t, v, "no field named "+QuoteIdentifier(k))
				}
			}
		}
	}
	var err error
	for i, f := range t.Fields {
		var e any
		if byName != nil {
			e = byName[f.Name]
		} else if i < len(byPos) {
			e = byPos[i]
		}
		if dst, err = appendCell(dst, f.Type, e, depth); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

func hasField(t *Type, name string) bool {
	for _, f := range t.Fields {
		if f.Name == name {
			return true
		}
	}
	return false
}

// appendVector writes exactly Dim non-null elements, packed for fixed-size
// element types and each after an [unsigned vint] length otherwise.
func appendVector(dst []byte, t *Type, v any, depth int) ([]byte, error) {
	elems, ok := asSlice(v)
	if !ok {
		return dst, encErr(t, v, "want a slice")
	}
	if t.Elem == nil || len(elems) != t.Dim {
		return dst, encErr(t, v, "want exactly the vector's dimension of elements")
	}
	size := fixedSize(t.Elem)
	var scratch []byte
	for _, e := range elems {
		var null bool
		var err error
		if size > 0 {
			start := len(dst)
			if dst, null, err = appendValue(dst, t.Elem, e, depth+1); err != nil {
				return dst, err
			}
			if !null && len(dst)-start != size {
				return dst, encErr(t, e, "vector element has the wrong size")
			}
		} else {
			if scratch, null, err = appendValue(scratch[:0], t.Elem, e, depth+1); err != nil {
				return dst, err
			}
			dst = appendUvint(dst, uint64(len(scratch)))
			dst = append(dst, scratch...)
		}
		if null {
			return dst, encErr(t, e, "vector elements cannot be null")
		}
	}
	return dst, nil
}
