package frame

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// marshalPrefix is the Java package of Cassandra's type classes.
const marshalPrefix = "org.apache.cassandra.db.marshal."

// maxVectorDim bounds the dimension accepted from a VectorType class name so a
// hostile name cannot make later decoding allocate without limit.
const maxVectorDim = 1 << 20

// parseCustomClass turns a marshal class name sent in a Custom [option] into a
// type. It understands Cassandra's parameterized names (VectorType(elem,dim),
// ListType(x), MapType(k,v), FrozenType(x), TupleType(...), UserType(...),
// ReversedType(x)) recursively; a name it does not understand stays a Custom
// type carrying the name, so the result is never nil.
func parseCustomClass(name string) *cqltype.Type {
	return parseClass(name, 0)
}

func parseClass(expr string, depth int) *cqltype.Type {
	s := strings.TrimSpace(expr)
	custom := &cqltype.Type{Kind: cqltype.Custom, Custom: s}
	if depth > maxTypeDepth {
		return custom
	}
	name, args, parens, ok := splitClass(s)
	if !ok {
		return custom
	}
	short, found := strings.CutPrefix(name, marshalPrefix)
	if !found && strings.Contains(name, ".") {
		return custom // a class outside Cassandra's marshal package
	}
	if !parens {
		if k, ok := simpleClassKind(short); ok {
			return &cqltype.Type{Kind: k}
		}
		return custom
	}
	sub := func(a string) *cqltype.Type { return parseClass(a, depth+1) }
	switch {
	case (short == "ListType" || short == "SetType") && len(args) == 1:
		k := cqltype.List
		if short == "SetType" {
			k = cqltype.Set
		}
		return &cqltype.Type{Kind: k, Elem: sub(args[0])}
	case short == "MapType" && len(args) == 2:
		return &cqltype.Type{Kind: cqltype.Map, Key: sub(args[0]), Value: sub(args[1])}
	case short == "FrozenType" && len(args) == 1:
		t := sub(args[0])
		t.Frozen = true
		return t
	case short == "ReversedType" && len(args) == 1:
		return sub(args[0])
	case short == "TupleType":
		t := &cqltype.Type{Kind: cqltype.Tuple}
		for _, a := range args {
			t.Elems = append(t.Elems, sub(a))
		}
		return t
	case short == "VectorType" && len(args) == 2:
		dim, err := strconv.Atoi(strings.TrimSpace(args[1]))
		if err != nil || dim < 1 || dim > maxVectorDim {
			return custom
		}
		return &cqltype.Type{Kind: cqltype.Vector, Elem: sub(args[0]), Dim: dim}
	case short == "UserType" && len(args) >= 2:
		t := &cqltype.Type{
			Kind:     cqltype.UDT,
			Keyspace: strings.TrimSpace(args[0]),
			Name:     unhexName(args[1]),
		}
		for _, a := range args[2:] {
			fname, ftype, ok := strings.Cut(a, ":")
			if !ok {
				return custom
			}
			t.Fields = append(t.Fields, cqltype.Field{Name: unhexName(fname), Type: sub(ftype)})
		}
		return t
	}
	return custom
}

// splitClass splits "Name(a,b(c,d))" into "Name" and its top-level
// arguments. parens reports whether an argument list was present at all.
func splitClass(s string) (name string, args []string, parens, ok bool) {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		if s == "" || strings.ContainsAny(s, "),") {
			return "", nil, false, false
		}
		return s, nil, false, true
	}
	if s[len(s)-1] != ')' {
		return "", nil, false, false
	}
	name = strings.TrimSpace(s[:open])
	inner := s[open+1 : len(s)-1]
	level, start := 0, 0
	for i := 0; i < len(inner); i++ {
		switch inner[i] {
		case '(':
			level++
		case ')':
			level--
			if level < 0 {
				return "", nil, false, false
			}
		case ',':
			if level == 0 {
				args = append(args, inner[start:i])
				start = i + 1
			}
		}
	}
	if level != 0 || name == "" {
		return "", nil, false, false
	}
	if last := inner[start:]; len(args) > 0 || strings.TrimSpace(last) != "" {
		args = append(args, last)
	}
	return name, args, true, true
}

// unhexName decodes the hex-encoded names UserType uses, keeping the text as
// it is when it is not valid hex.
func unhexName(s string) string {
	s = strings.TrimSpace(s)
	b, err := hex.DecodeString(s)
	if err != nil {
		return s
	}
	return string(b)
}

// simpleClassKind maps the short name of a parameterless marshal class to its
// kind.
func simpleClassKind(short string) (cqltype.Kind, bool) {
	switch short {
	case "AsciiType":
		return cqltype.Ascii, true
	case "LongType":
		return cqltype.Bigint, true
	case "BytesType":
		return cqltype.Blob, true
	case "BooleanType":
		return cqltype.Boolean, true
	case "CounterColumnType":
		return cqltype.Counter, true
	case "DecimalType":
		return cqltype.Decimal, true
	case "DoubleType":
		return cqltype.Double, true
	case "FloatType":
		return cqltype.Float, true
	case "Int32Type":
		return cqltype.Int, true
	case "TimestampType", "DateType":
		return cqltype.Timestamp, true
	case "UUIDType":
		return cqltype.UUID, true
	case "UTF8Type":
		return cqltype.Varchar, true
	case "IntegerType":
		return cqltype.Varint, true
	case "TimeUUIDType":
		return cqltype.Timeuuid, true
	case "InetAddressType":
		return cqltype.Inet, true
	case "SimpleDateType":
		return cqltype.Date, true
	case "TimeType":
		return cqltype.Time, true
	case "ShortType":
		return cqltype.Smallint, true
	case "ByteType":
		return cqltype.Tinyint, true
	case "DurationType":
		return cqltype.Duration, true
	}
	return 0, false
}

// simpleClassName is the inverse of simpleClassKind.
func simpleClassName(k cqltype.Kind) string {
	switch k {
	case cqltype.Ascii:
		return "AsciiType"
	case cqltype.Bigint:
		return "LongType"
	case cqltype.Blob:
		return "BytesType"
	case cqltype.Boolean:
		return "BooleanType"
	case cqltype.Counter:
		return "CounterColumnType"
	case cqltype.Decimal:
		return "DecimalType"
	case cqltype.Double:
		return "DoubleType"
	case cqltype.Float:
		return "FloatType"
	case cqltype.Int:
		return "Int32Type"
	case cqltype.Timestamp:
		return "TimestampType"
	case cqltype.UUID:
		return "UUIDType"
	case cqltype.Varchar:
		return "UTF8Type"
	case cqltype.Varint:
		return "IntegerType"
	case cqltype.Timeuuid:
		return "TimeUUIDType"
	case cqltype.Inet:
		return "InetAddressType"
	case cqltype.Date:
		return "SimpleDateType"
	case cqltype.Time:
		return "TimeType"
	case cqltype.Smallint:
		return "ShortType"
	case cqltype.Tinyint:
		return "ByteType"
	case cqltype.Duration:
		return "DurationType"
	}
	return ""
}

// appendClassName appends the marshal class name of t, the form a Custom
// [option] carries. Frozen types are wrapped in FrozenType(...).
func appendClassName(dst []byte, t *cqltype.Type, depth int) []byte {
	if t == nil || depth > maxTypeDepth {
		return append(dst, marshalPrefix+"BytesType"...)
	}
	if t.Frozen {
		dst = append(dst, marshalPrefix+"FrozenType("...)
		u := *t
		u.Frozen = false
		dst = appendClassName(dst, &u, depth+1)
		return append(dst, ')')
	}
	if name := simpleClassName(t.Kind); name != "" {
		return append(append(dst, marshalPrefix...), name...)
	}
	switch t.Kind {
	case cqltype.List, cqltype.Set:
		name := "ListType("
		if t.Kind == cqltype.Set {
			name = "SetType("
		}
		dst = append(append(dst, marshalPrefix...), name...)
		dst = appendClassName(dst, t.Elem, depth+1)
		return append(dst, ')')
	case cqltype.Map:
		dst = append(dst, marshalPrefix+"MapType("...)
		dst = appendClassName(dst, t.Key, depth+1)
		dst = append(dst, ',')
		dst = appendClassName(dst, t.Value, depth+1)
		return append(dst, ')')
	case cqltype.Tuple:
		dst = append(dst, marshalPrefix+"TupleType("...)
		for i, e := range t.Elems {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendClassName(dst, e, depth+1)
		}
		return append(dst, ')')
	case cqltype.UDT:
		dst = append(dst, marshalPrefix+"UserType("...)
		dst = append(dst, t.Keyspace...)
		dst = append(dst, ',')
		dst = hex.AppendEncode(dst, []byte(t.Name))
		for _, f := range t.Fields {
			dst = append(dst, ',')
			dst = hex.AppendEncode(dst, []byte(f.Name))
			dst = append(dst, ':')
			dst = appendClassName(dst, f.Type, depth+1)
		}
		return append(dst, ')')
	case cqltype.Vector:
		dst = append(dst, marshalPrefix+"VectorType("...)
		dst = appendClassName(dst, t.Elem, depth+1)
		dst = append(dst, ',')
		dst = strconv.AppendInt(dst, int64(t.Dim), 10)
		return append(dst, ')')
	}
	return append(dst, t.Custom...)
}
