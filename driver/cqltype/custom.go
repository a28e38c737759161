package cqltype

import (
	"encoding/hex"
	"strconv"
	"strings"
)

// marshalPackage is the package of Cassandra's type classes; class names in
// type strings may omit it.
const marshalPackage = "org.apache.cassandra.db.marshal."

// ParseCustom interprets a Cassandra type class name, as the server sends for
// a Custom [option] or in schema tables:
// org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)
// becomes vector<float, 3>. Known classes (Int32Type, ListType(...),
// MapType(...), TupleType(...), UserType(...), FrozenType(...), ReversedType(...))
// become the matching types; anything it does not understand becomes a
// Custom type carrying the class name, so it never fails.
func ParseCustom(class string) *Type {
	p := &classParser{src: class}
	t, err := p.parse(0)
	if err == nil && p.pos == len(p.src) {
		return t
	}
	return &Type{Kind: Custom, Custom: class}
}

// classParser reads Cassandra's marshal type-string grammar:
// name [ '(' param { ',' param } ')' ].
type classParser struct {
	src string
	pos int
}

type classError struct{}

func (classError) Error() string { return "malformed type class" }

func (p *classParser) space() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n') {
		p.pos++
	}
}

// name reads a class name or bare parameter token.
func (p *classParser) name() string {
	p.space()
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '$' || c == '-' || c == '+' {
			p.pos++
			continue
		}
		break
	}
	return p.src[start:p.pos]
}

func (p *classParser) accept(c byte) bool {
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

// skipParams skips a balanced parenthesised parameter list whose opening
// parenthesis has already been consumed.
func (p *classParser) skipParams() error {
	depth := 1
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				p.pos++
				return nil
			}
		}
		p.pos++
	}
	return classError{}
}

func simpleClassKind(short string) (Kind, bool) {
	switch short {
	case "AsciiType":
		return Ascii, true
	case "LongType":
		return Bigint, true
	case "BytesType":
		return Blob, true
	case "BooleanType":
		return Boolean, true
	case "CounterColumnType":
		return Counter, true
	case "DecimalType":
		return Decimal, true
	case "DoubleType":
		return Double, true
	case "FloatType":
		return Float, true
	case "Int32Type":
		return Int, true
	case "TimestampType", "DateType":
		return Timestamp, true
	case "UUIDType":
		return UUID, true
	case "UTF8Type":
		return Varchar, true
	case "IntegerType":
		return Varint, true
	case "TimeUUIDType":
		return Timeuuid, true
	case "InetAddressType":
		return Inet, true
	case "SimpleDateType":
		return Date, true
	case "TimeType":
		return Time, true
	case "ShortType":
		return Smallint, true
	case "ByteType":
		return Tinyint, true
	case "DurationType":
		return Duration, true
	}
	return 0, false
}

func (p *classParser) parse(depth int) (*Type, error) {
	if depth > maxDepth {
		return nil, classError{}
	}
	start := p.pos
	full := p.name()
	if full == "" {
		return nil, classError{}
	}
	short := strings.TrimPrefix(full, marshalPackage)
	hasParams := p.accept('(')
	if !hasParams {
		if k, ok := simpleClassKind(short); ok {
			return &Type{Kind: k}, nil
		}
		return &Type{Kind: Custom, Custom: strings.TrimSpace(p.src[start:p.pos])}, nil
	}
	switch short {
	case "ListType", "SetType", "FrozenType", "ReversedType":
		inner, err := p.parse(depth + 1)
		if err != nil || !p.accept(')') {
			return nil, classError{}
		}
		switch short {
		case "ListType":
			return &Type{Kind: List, Elem: inner}, nil
		case "SetType":
			return &Type{Kind: Set, Elem: inner}, nil
		case "FrozenType":
			inner.Frozen = true
		}
		return inner, nil
	case "MapType":
		k, err := p.parse(depth + 1)
		if err != nil || !p.accept(',') {
			return nil, classError{}
		}
		v, err := p.parse(depth + 1)
		if err != nil || !p.accept(')') {
			return nil, classError{}
		}
		return &Type{Kind: Map, Key: k, Value: v}, nil
	case "TupleType":
		t := &Type{Kind: Tuple}
		for {
			e, err := p.parse(depth + 1)
			if err != nil {
				return nil, err
			}
			t.Elems = append(t.Elems, e)
			if p.accept(')') {
				return t, nil
			}
			if !p.accept(',') {
				return nil, classError{}
			}
		}
	case "VectorType":
		e, err := p.parse(depth + 1)
		if err != nil || !p.accept(',') {
			return nil, classError{}
		}
		dim, err := strconv.Atoi(p.name())
		if err != nil || dim < 1 || dim > maxVectorDim || !p.accept(')') {
			return nil, classError{}
		}
		return &Type{Kind: Vector, Elem: e, Dim: dim}, nil
	case "UserType":
		return p.userType(depth)
	}
	if err := p.skipParams(); err != nil {
		return nil, err
	}
	return &Type{Kind: Custom, Custom: strings.TrimSpace(p.src[start:p.pos])}, nil
}

// userType reads UserType(keyspace,hexname,hexfield:type,...) after its '('.
func (p *classParser) userType(depth int) (*Type, error) {
	ks := p.name()
	if ks == "" || !p.accept(',') {
		return nil, classError{}
	}
	name, err := hex.DecodeString(p.name())
	if err != nil || len(name) == 0 {
		return nil, classError{}
	}
	t := &Type{Kind: UDT, Keyspace: ks, Name: string(name)}
	for p.accept(',') {
		fname, err := hex.DecodeString(p.name())
		if err != nil || len(fname) == 0 || !p.accept(':') {
			return nil, classError{}
		}
		ft, err := p.parse(depth + 1)
		if err != nil {
			return nil, err
		}
		t.Fields = append(t.Fields, Field{Name: string(fname), Type: ft})
	}
	if !p.accept(')') {
		return nil, classError{}
	}
	return t, nil
}
