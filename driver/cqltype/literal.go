package cqltype

import (
	"strings"
)

// ParseLiteral parses CQL literal text for type t into the Go value Decode
// would return for it (which Encode accepts): numbers, 'strings' (a quote doubled inside)
// or $$strings$$, true/false, NaN/Infinity, uuids, 0x blobs,
// durations, [lists], {sets}, {maps: ...}, (tuples), {udt_field: ...},
// [vectors] and null.
//
// At the top level a scalar may also be given bare, as a CSV cell holds it:
// 2012-05-14 12:53:20+0000 needs no quotes, and for text and ascii the whole
// input is the value unless it is one quoted string. The word null (any
// case) is null; a CSV reader with its own null marker should test for it
// first. An empty input is Empty{} for types that have no empty form. Inside
// collections, values containing spaces or punctuation must be quoted.
func ParseLiteral(t *Type, s string) (any, error) {
	if t == nil {
		return nil, &ParseError{What: "literal", Input: s, Pos: -1, Reason: "no type"}
	}
	p := &litParser{cqlScanner{what: "literal", src: s}}
	if isScalar(t.Kind) {
		trimmed := strings.TrimSpace(s)
		if strings.EqualFold(trimmed, "null") {
			return nil, nil
		}
		text := t.Kind == Ascii || t.Kind == Varchar
		if trimmed == "" {
			if text {
				return s, nil
			}
			if t.Kind == Blob || t.Kind == Custom {
				return []byte{}, nil
			}
			return Empty{}, nil
		}
		if trimmed[0] == '\'' || strings.HasPrefix(trimmed, "$$") {
			p.space()
			content, err := p.quoted()
			if err == nil {
				p.space()
				if p.eof() {
					return scalarOrEmpty(t, content)
				}
			}
			if !text {
				if err == nil {
					err = p.fail("unexpected text after the string")
				}
				return nil, err
			}
		}
		if text {
			return s, nil
		}
		return parseScalar(t, trimmed)
	}
	v, err := p.value(t, 0)
	if err != nil {
		return nil, err
	}
	p.space()
	if !p.eof() {
		return nil, p.fail("unexpected text after the value")
	}
	return v, nil
}

// scalarOrEmpty parses a quoted string's content; an empty string is Empty{}
// for types with no empty form.
func scalarOrEmpty(t *Type, content string) (any, error) {
	if strings.TrimSpace(content) == "" {
		switch t.Kind {
		case Ascii, Varchar:
			return content, nil
		case Blob, Custom:
			return []byte{}, nil
		}
		return Empty{}, nil
	}
	return parseScalar(t, content)
}

// litParser is a recursive-descent parser for CQL literals, driven by type.
type litParser struct {
	cqlScanner
}

// quoted reads a 'string' (quotes doubled inside) or a $$string$$ at the cursor.
func (p *litParser) quoted() (string, error) {
	if strings.HasPrefix(p.src[p.pos:], "$$") {
		end := strings.Index(p.src[p.pos+2:], "$$")
		if end < 0 {
			return "", p.fail("unterminated $$ string")
		}
		s := p.src[p.pos+2 : p.pos+2+end]
		p.pos += end + 4
		return s, nil
	}
	if s, ok := p.enclosed('\''); ok {
		return s, nil
	}
	return "", p.fail("unterminated string")
}

// bare reads an unquoted token: everything up to whitespace or punctuation.
func (p *litParser) bare() string {
	p.space()
	start := p.pos
	for !p.eof() && !strings.ContainsRune(" \t\r\n,:[]{}()'", rune(p.src[p.pos])) {
		p.pos++
	}
	return p.src[start:p.pos]
}

// null consumes the keyword null if it is the next token.
func (p *litParser) null() bool {
	p.space()
	save := p.pos
	if strings.EqualFold(p.bare(), "null") {
		return true
	}
	p.pos = save
	return false
}

func (p *litParser) value(t *Type, depth int) (any, error) {
	if t == nil {
		return nil, p.fail("no type for this value")
	}
	if depth > maxDepth {
		return nil, p.fail("nested too deeply")
	}
	if p.peek() == 0 {
		return nil, p.fail("want a value")
	}
	if p.null() {
		return nil, nil
	}
	switch t.Kind {
	case List, Vector:
		elems, err := p.sequence('[', ']', t.Elem, depth)
		if err != nil {
			return nil, err
		}
		if t.Kind == Vector && len(elems) != t.Dim {
			return nil, p.fail("vector needs exactly its dimension of elements")
		}
		return elems, nil
	case Set:
		return p.sequence('{', '}', t.Elem, depth)
	case Map:
		return p.mapLiteral(t, depth)
	case Tuple:
		if err := p.expect('('); err != nil {
			return nil, err
		}
		out := make([]any, len(t.Elems))
		for i := 0; ; i++ {
			if i == 0 && p.accept(')') {
				return out, nil
			}
			if i >= len(t.Elems) {
				return nil, p.fail("more components than the tuple type has")
			}
			v, err := p.value(t.Elems[i], depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = v
			if p.accept(')') {
				return out, nil
			}
			if err := p.expect(','); err != nil {
				return nil, err
			}
		}
	case UDT:
		return p.udtLiteral(t, depth)
	}
	if c := p.peek(); c == '\'' || strings.HasPrefix(p.src[p.pos:], "$$") {
		start := p.pos
		content, err := p.quoted()
		if err != nil {
			return nil, err
		}
		v, err := scalarOrEmpty(t, content)
		if err != nil {
			p.pos = start
			return nil, err
		}
		return v, nil
	}
	tok := p.bare()
	if tok == "" {
		return nil, p.fail("want a value")
	}
	return parseScalar(t, tok)
}

// sequence reads open elem, elem, ... close into a slice.
func (p *litParser) sequence(open, close byte, elem *Type, depth int) ([]any, error) {
	if err := p.expect(open); err != nil {
		return nil, err
	}
	out := []any{}
	if p.accept(close) {
		return out, nil
	}
	for {
		v, err := p.value(elem, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		if p.accept(close) {
			return out, nil
		}
		if err := p.expect(','); err != nil {
			return nil, err
		}
	}
}

func (p *litParser) mapLiteral(t *Type, depth int) (any, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	out := []MapEntry{}
	if p.accept('}') {
		return out, nil
	}
	for {
		k, err := p.value(t.Key, depth+1)
		if err != nil {
			return nil, err
		}
		if err := p.expect(':'); err != nil {
			return nil, err
		}
		v, err := p.value(t.Value, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, MapEntry{Key: k, Value: v})
		if p.accept('}') {
			return out, nil
		}
		if err := p.expect(','); err != nil {
			return nil, err
		}
	}
}

// fieldName reads a UDT field name: unquoted (folded to lower case) or
// "double-quoted" (exact, with "" for a quote).
func (p *litParser) fieldName() (string, error) {
	if p.peek() == '"' {
		if name, ok := p.enclosed('"'); ok {
			return name, nil
		}
		return "", p.fail("unterminated quoted field name")
	}
	name := p.bare()
	if name == "" {
		return "", p.fail("want a field name")
	}
	return strings.ToLower(name), nil
}

func (p *litParser) udtLiteral(t *Type, depth int) (any, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	out := make([]any, len(t.Fields))
	seen := make([]bool, len(t.Fields))
	if p.accept('}') {
		return out, nil
	}
	for {
		start := p.pos
		name, err := p.fieldName()
		if err != nil {
			return nil, err
		}
		idx := -1
		for i, f := range t.Fields {
			if f.Name == name {
				idx = i
				break
			}
		}
		if idx < 0 {
			p.pos = start
			return nil, p.fail("no field named " + QuoteIdentifier(name))
		}
		if seen[idx] {
			p.pos = start
			return nil, p.fail("field " + QuoteIdentifier(name) + " given twice")
		}
		seen[idx] = true
		if err := p.expect(':'); err != nil {
			return nil, err
		}
		if out[idx], err = p.value(t.Fields[idx].Type, depth+1); err != nil {
			return nil, err
		}
		if p.accept('}') {
			return out, nil
		}
		if err := p.expect(','); err != nil {
			return nil, err
		}
	}
}
