package cqltype

import "strconv"

// DecodeError reports a cell whose bytes are not a valid value of its type.
type DecodeError struct {
	Type   string // CQL text of the type being decoded
	Reason string
}

func (e *DecodeError) Error() string {
	return "cqltype: cannot decode " + e.Type + ": " + e.Reason
}

// EncodeError reports a Go value that cannot be encoded as the requested type.
type EncodeError struct {
	Type   string // CQL text of the target type
	GoType string // dynamic Go type of the value
	Reason string
}

func (e *EncodeError) Error() string {
	return "cqltype: cannot encode " + e.GoType + " as " + e.Type + ": " + e.Reason
}

// ParseError reports CQL text (a type, a literal or a scalar value) that
// does not parse. Pos is a byte offset into Input, or -1 when unknown.
type ParseError struct {
	What   string // what was being parsed, e.g. "type", "timestamp"
	Input  string
	Pos    int
	Reason string
}

func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > 64 {
		in = in[:64] + "..."
	}
	s := "cqltype: invalid " + e.What + " " + strconv.Quote(in)
	if e.Pos >= 0 {
		s += " at offset " + strconv.Itoa(e.Pos)
	}
	return s + ": " + e.Reason
}

func typeText(t *Type) string {
	if t == nil {
		return "<nil type>"
	}
	return t.String()
}

func decodeErr(t *Type, reason string) error {
	return &DecodeError{Type: typeText(t), Reason: reason}
}
