package frame

import "github.com/gocqlsh/gocqlsh/driver/cqltype"

// maxTypeDepth bounds the nesting of types read from the wire or from class
// names, so hostile input cannot exhaust the stack.
const maxTypeDepth = 64

// AppendOption appends t as a protocol [option]. A Vector, which has no
// option id, is written as a Custom option carrying its marshal class name. A
// nil type, or nesting deeper than the decoder accepts, is written as a Custom
// option with an empty class name.
func AppendOption(dst []byte, t *cqltype.Type) []byte {
	return appendOption(dst, t, 0)
}

func appendOption(dst []byte, t *cqltype.Type, depth int) []byte {
	if t == nil || depth >= maxTypeDepth {
		return appendString(appendShort(dst, uint16(cqltype.Custom)), "")
	}
	switch t.Kind {
	case cqltype.Custom:
		return appendString(appendShort(dst, uint16(cqltype.Custom)), t.Custom)
	case cqltype.Vector:
		dst = appendShort(dst, uint16(cqltype.Custom))
		return appendString(dst, string(appendClassName(nil, t, depth)))
	}
	dst = appendShort(dst, uint16(t.Kind))
	switch t.Kind {
	case cqltype.List, cqltype.Set:
		dst = appendOption(dst, t.Elem, depth+1)
	case cqltype.Map:
		dst = appendOption(dst, t.Key, depth+1)
		dst = appendOption(dst, t.Value, depth+1)
	case cqltype.UDT:
		dst = appendString(dst, t.Keyspace)
		dst = appendString(dst, t.Name)
		n := min(len(t.Fields), maxShortLen)
		dst = appendShort(dst, uint16(n))
		for _, f := range t.Fields[:n] {
			dst = appendString(dst, f.Name)
			dst = appendOption(dst, f.Type, depth+1)
		}
	case cqltype.Tuple:
		n := min(len(t.Elems), maxShortLen)
		dst = appendShort(dst, uint16(n))
		for _, e := range t.Elems[:n] {
			dst = appendOption(dst, e, depth+1)
		}
	}
	return dst
}

// ParseOption decodes one [option] at the start of b and returns the type and
// the number of bytes it occupied. Custom options are resolved through their
// marshal class name, so a VectorType(...) class becomes a Vector type.
func ParseOption(b []byte) (*cqltype.Type, int, error) {
	r := reader{b: b}
	t := r.option(0)
	if r.err != nil {
		return nil, 0, r.err
	}
	return t, len(b) - len(r.b), nil
}

// option reads one [option]; depth is the nesting level of the type.
func (r *reader) option(depth int) *cqltype.Type {
	if depth > maxTypeDepth {
		r.fail("[option]: types nested deeper than %d", maxTypeDepth)
		return nil
	}
	k := cqltype.Kind(r.short())
	if r.err != nil {
		return nil
	}
	switch k {
	case cqltype.Custom:
		name := r.string_()
		if r.err != nil {
			return nil
		}
		return parseCustomClass(name)
	case cqltype.Ascii, cqltype.Bigint, cqltype.Blob, cqltype.Boolean, cqltype.Counter,
		cqltype.Decimal, cqltype.Double, cqltype.Float, cqltype.Int, cqltype.Timestamp,
		cqltype.UUID, cqltype.Varchar, cqltype.Varint, cqltype.Timeuuid, cqltype.Inet,
		cqltype.Date, cqltype.Time, cqltype.Smallint, cqltype.Tinyint, cqltype.Duration:
		return &cqltype.Type{Kind: k}
	case cqltype.List, cqltype.Set:
		elem := r.option(depth + 1)
		if r.err != nil {
			return nil
		}
		return &cqltype.Type{Kind: k, Elem: elem}
	case cqltype.Map:
		key := r.option(depth + 1)
		val := r.option(depth + 1)
		if r.err != nil {
			return nil
		}
		return &cqltype.Type{Kind: k, Key: key, Value: val}
	case cqltype.UDT:
		t := &cqltype.Type{Kind: k, Keyspace: r.string_(), Name: r.string_()}
		n := r.count(4, "UDT fields")
		if n > 0 {
			t.Fields = make([]cqltype.Field, n)
		}
		for i := range t.Fields {
			t.Fields[i].Name = r.string_()
			t.Fields[i].Type = r.option(depth + 1)
		}
		if r.err != nil {
			return nil
		}
		return t
	case cqltype.Tuple:
		t := &cqltype.Type{Kind: k}
		n := r.count(2, "tuple elements")
		if n > 0 {
			t.Elems = make([]*cqltype.Type, n)
		}
		for i := range t.Elems {
			t.Elems[i] = r.option(depth + 1)
		}
		if r.err != nil {
			return nil
		}
		return t
	}
	r.fail("[option]: unknown type id 0x%04x", uint16(k))
	return nil
}

// skipOption advances past one [option] without building a type; it is the
// allocation-free twin of option used to compare metadata with a cached copy.
func (r *reader) skipOption(depth int) {
	if depth > maxTypeDepth {
		r.fail("[option]: types nested deeper than %d", maxTypeDepth)
		return
	}
	k := cqltype.Kind(r.short())
	if r.err != nil {
		return
	}
	switch k {
	case cqltype.Custom:
		r.take(int(r.short()), "[string]")
	case cqltype.Ascii, cqltype.Bigint, cqltype.Blob, cqltype.Boolean, cqltype.Counter,
		cqltype.Decimal, cqltype.Double, cqltype.Float, cqltype.Int, cqltype.Timestamp,
		cqltype.UUID, cqltype.Varchar, cqltype.Varint, cqltype.Timeuuid, cqltype.Inet,
		cqltype.Date, cqltype.Time, cqltype.Smallint, cqltype.Tinyint, cqltype.Duration:
	case cqltype.List, cqltype.Set:
		r.skipOption(depth + 1)
	case cqltype.Map:
		r.skipOption(depth + 1)
		r.skipOption(depth + 1)
	case cqltype.UDT:
		r.take(int(r.short()), "[string]")
		r.take(int(r.short()), "[string]")
		n := r.count(4, "UDT fields")
		for i := 0; i < n && r.err == nil; i++ {
			r.take(int(r.short()), "[string]")
			r.skipOption(depth + 1)
		}
	case cqltype.Tuple:
		n := r.count(2, "tuple elements")
		for i := 0; i < n && r.err == nil; i++ {
			r.skipOption(depth + 1)
		}
	default:
		r.fail("[option]: unknown type id 0x%04x", uint16(k))
	}
}
