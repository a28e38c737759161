package cqltype

import (
	"encoding/binary"
	"strconv"
)

// readCell reads one [bytes] element: a 4-byte length, then that many bytes;
// a negative length is null. It returns the decoded value and the rest.
func readCell(t *Type, b []byte) (any, []byte, error) {
	if len(b) < 4 {
		return nil, nil, decodeErr(t, "truncated element length")
	}
	n := int32(binary.BigEndian.Uint32(b))
	b = b[4:]
	if n < 0 {
		return nil, b, nil
	}
	if int64(n) > int64(len(b)) {
		return nil, nil, decodeErr(t, "element of "+strconv.Itoa(int(n))+" bytes overruns the value")
	}
	if t == nil {
		return nil, nil, &DecodeError{Type: "<nil type>", Reason: "no element type"}
	}
	v, err := decode(t, b[:n:n])
	return v, b[n:], err
}

// readCount reads a collection's [int] count and checks that the remaining
// bytes could hold that many elements of at least minSize bytes each.
func readCount(t *Type, b []byte, minSize int) (int, []byte, error) {
	if len(b) < 4 {
		return 0, nil, decodeErr(t, "truncated element count")
	}
	n := int32(binary.BigEndian.Uint32(b))
	b = b[4:]
	if n < 0 {
		return 0, nil, decodeErr(t, "negative element count")
	}
	if int64(n) > int64(len(b)/minSize) {
		return 0, nil, decodeErr(t, "element count "+strconv.Itoa(int(n))+" exceeds the value's size")
	}
	return int(n), b, nil
}

func decodeList(t *Type, b []byte) (any, error) {
	n, b, err := readCount(t, b, 4)
	if err != nil {
		return nil, err
	}
	out := make([]any, n)
	for i := range out {
		if out[i], b, err = readCell(t.Elem, b); err != nil {
			return nil, err
		}
	}
	if len(b) != 0 {
		return nil, decodeErr(t, "trailing bytes after last element")
	}
	return out, nil
}

func decodeMap(t *Type, b []byte) (any, error) {
	n, b, err := readCount(t, b, 8)
	if err != nil {
		return nil, err
	}
	out := make([]MapEntry, n)
	for i := range out {
		if out[i].Key, b, err = readCell(t.Key, b); err != nil {
			return nil, err
		}
		if out[i].Value, b, err = readCell(t.Value, b); err != nil {
			return nil, err
		}
	}
	if len(b) != 0 {
		return nil, decodeErr(t, "trailing bytes after last entry")
	}
	return out, nil
}

// decodeFields decodes a tuple or UDT: consecutive [bytes] cells, possibly
// fewer than the type declares (the missing trailing ones are null).
func decodeFields(t *Type, b []byte, n int, typeAt func(int) *Type) (any, error) {
	out := make([]any, n)
	var err error
	for i := 0; i < n && len(b) > 0; i++ {
		if out[i], b, err = readCell(typeAt(i), b); err != nil {
			return nil, err
		}
	}
	if len(b) != 0 {
		return nil, decodeErr(t, "more components than the type declares")
	}
	return out, nil
}

// fixedSize returns the serialized size of every value of t inside a vector
// when that size is fixed, or 0 when elements carry a length prefix. It
// follows Cassandra 5.0, where only these types have a fixed length.
func fixedSize(t *Type) int {
	if t == nil {
		return 0
	}
	switch t.Kind {
	case Boolean:
		return 1
	case Int, Float:
		return 4
	case Bigint, Counter, Double, Timestamp:
		return 8
	case UUID, Timeuuid:
		return 16
	case Vector:
		if e := fixedSize(t.Elem); e > 0 && t.Dim > 0 && t.Dim <= maxVectorDim {
			return e * t.Dim
		}
	}
	return 0
}

// decodeVector decodes dim elements: packed back to back for fixed-size
// element types, each after an [unsigned vint] length otherwise.
func decodeVector(t *Type, b []byte) (any, error) {
	if t.Dim <= 0 || t.Elem == nil {
		return nil, decodeErr(t, "vector type without element type or dimension")
	}
	if size := fixedSize(t.Elem); size > 0 {
		if len(b)%size != 0 || len(b)/size != t.Dim {
			return nil, decodeErr(t, "want "+strconv.Itoa(t.Dim)+" elements of "+strconv.Itoa(size)+" bytes, have "+strconv.Itoa(len(b))+" bytes")
		}
		out := make([]any, t.Dim)
		for i := range out {
			v, err := decode(t.Elem, b[i*size:(i+1)*size:(i+1)*size])
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	if t.Dim > len(b) {
		return nil, decodeErr(t, "too few bytes for "+strconv.Itoa(t.Dim)+" elements")
	}
	out := make([]any, t.Dim)
	for i := range out {
		n, size, ok := readUvint(b)
		if !ok {
			return nil, decodeErr(t, "truncated element length")
		}
		b = b[size:]
		if n > uint64(len(b)) {
			return nil, decodeErr(t, "element overruns the value")
		}
		v, err := decode(t.Elem, b[:n:n])
		if err != nil {
			return nil, err
		}
		out[i] = v
		b = b[n:]
	}
	if len(b) != 0 {
		return nil, decodeErr(t, "trailing bytes after last element")
	}
	return out, nil
}
