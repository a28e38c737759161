package cqltype

import (
	"strconv"
	"strings"
)

// maxDepth bounds the nesting of parsed types and literals so that hostile
// text cannot exhaust the stack.
const maxDepth = 64

// Parse parses CQL type text such as int, frozen<map<text, list<int>>>,
// tuple<int, text>, vector<float, 3>, ks.address or 'com.example.MyType'.
// Keywords are case-insensitive and whitespace is free. A name that is not a
// native type is a user-defined type (Kind UDT, Name and optional Keyspace
// set, no Fields); unquoted names are folded to lower case as CQL does.
func Parse(cql string) (*Type, error) {
	p := &typeParser{cqlScanner{what: "type", src: cql}}
	t, err := p.parse(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.fail("unexpected text after type")
	}
	return t, nil
}

// typeParser is a recursive-descent parser over CQL type text.
type typeParser struct {
	cqlScanner
}

// ident reads an unquoted or double-quoted identifier; quoted reports which.
func (p *typeParser) ident() (name string, quoted bool, err error) {
	p.space()
	if p.pos >= len(p.src) {
		return "", false, p.fail("want a type")
	}
	if p.src[p.pos] == '"' {
		name, ok := p.enclosed('"')
		if !ok {
			return "", true, p.fail("unterminated quoted identifier")
		}
		if name == "" {
			return "", true, p.fail("empty quoted identifier")
		}
		return name, true, nil
	}
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || (p.pos > start && c >= '0' && c <= '9') {
			p.pos++
			continue
		}
		break
	}
	if p.pos == start {
		return "", false, p.fail("want a type")
	}
	return p.src[start:p.pos], false, nil
}

func (p *typeParser) parse(depth int) (*Type, error) {
	if depth > maxDepth {
		return nil, p.fail("nested too deeply")
	}
	if p.peek() == '\'' {
		class, ok := p.enclosed('\'')
		if !ok {
			return nil, p.fail("unterminated string")
		}
		if class == "" {
			return nil, p.fail("empty custom class")
		}
		return ParseCustom(class), nil
	}
	name, quoted, err := p.ident()
	if err != nil {
		return nil, err
	}
	if !quoted {
		lower := strings.ToLower(name)
		if k, ok := nativeKind(lower); ok {
			return &Type{Kind: k}, nil
		}
		switch lower {
		case "frozen":
			return p.frozen(depth)
		case "list", "set":
			if p.peek() == '<' {
				return p.collection(lower, depth)
			}
		case "map":
			if p.peek() == '<' {
				return p.mapType(depth)
			}
		case "tuple":
			if p.peek() == '<' {
				return p.tuple(depth)
			}
		case "vector":
			if p.peek() == '<' {
				return p.vector(depth)
			}
		}
		name = lower
	}
	t := &Type{Kind: UDT, Name: name}
	if p.peek() == '.' {
		p.pos++
		n2, q2, err := p.ident()
		if err != nil {
			return nil, err
		}
		if !q2 {
			n2 = strings.ToLower(n2)
		}
		t.Keyspace, t.Name = name, n2
	}
	return t, nil
}

func (p *typeParser) frozen(depth int) (*Type, error) {
	if err := p.expect('<'); err != nil {
		return nil, err
	}
	inner, err := p.parse(depth + 1)
	if err != nil {
		return nil, err
	}
	if err := p.expect('>'); err != nil {
		return nil, err
	}
	inner.Frozen = true
	return inner, nil
}

func (p *typeParser) collection(kind string, depth int) (*Type, error) {
	p.pos++ // '<'
	elem, err := p.parse(depth + 1)
	if err != nil {
		return nil, err
	}
	if err := p.expect('>'); err != nil {
		return nil, err
	}
	k := List
	if kind == "set" {
		k = Set
	}
	return &Type{Kind: k, Elem: elem}, nil
}

func (p *typeParser) mapType(depth int) (*Type, error) {
	p.pos++ // '<'
	key, err := p.parse(depth + 1)
	if err != nil {
		return nil, err
	}
	if err := p.expect(','); err != nil {
		return nil, err
	}
	val, err := p.parse(depth + 1)
	if err != nil {
		return nil, err
	}
	if err := p.expect('>'); err != nil {
		return nil, err
	}
	return &Type{Kind: Map, Key: key, Value: val}, nil
}

func (p *typeParser) tuple(depth int) (*Type, error) {
	p.pos++ // '<'
	t := &Type{Kind: Tuple}
	for {
		e, err := p.parse(depth + 1)
		if err != nil {
			return nil, err
		}
		t.Elems = append(t.Elems, e)
		if p.peek() == ',' {
			p.pos++
			continue
		}
		if err := p.expect('>'); err != nil {
			return nil, err
		}
		return t, nil
	}
}

// maxVectorDim is a sanity bound on vector dimensions, far above any real
// embedding size, that keeps dimension arithmetic well inside int range.
const maxVectorDim = 1 << 20

func (p *typeParser) vector(depth int) (*Type, error) {
	p.pos++ // '<'
	elem, err := p.parse(depth + 1)
	if err != nil {
		return nil, err
	}
	if err := p.expect(','); err != nil {
		return nil, err
	}
	p.space()
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	dim, err := strconv.Atoi(p.src[start:p.pos])
	if err != nil || dim < 1 || dim > maxVectorDim {
		p.pos = start
		return nil, p.fail("want a vector dimension in 1.." + strconv.Itoa(maxVectorDim))
	}
	if err := p.expect('>'); err != nil {
		return nil, err
	}
	return &Type{Kind: Vector, Elem: elem, Dim: dim}, nil
}
