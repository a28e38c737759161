package frame

// ResultKind is the first [int] of a RESULT body (spec §4.2.5).
type ResultKind int32

// Result kinds.
const (
	KindVoid         ResultKind = 0x0001
	KindRows         ResultKind = 0x0002
	KindSetKeyspace  ResultKind = 0x0003
	KindPrepared     ResultKind = 0x0004
	KindSchemaChange ResultKind = 0x0005
)

// DecodeResult decodes a RESULT body into *Void, *Rows, *SetKeyspace,
// *Prepared or *SchemaChange. Rows decoded here get fresh storage; use
// DecodeRows to reuse a *Rows.
func DecodeResult(body []byte, version byte) (Response, error) {
	return decodeResult(body, version, nil, nil)
}

func decodeResult(body []byte, version byte, rows *Rows, fallback *Metadata) (Response, error) {
	r := reader{b: body}
	kind := ResultKind(r.int_())
	if r.err != nil {
		return nil, r.err
	}
	switch kind {
	case KindVoid:
		return &Void{}, nil
	case KindRows:
		if rows == nil {
			rows = &Rows{}
		}
		if err := rows.decode(r.b, version, fallback); err != nil {
			return nil, err
		}
		return rows, nil
	case KindSetKeyspace:
		m := &SetKeyspace{Keyspace: r.string_()}
		return m, r.err
	case KindPrepared:
		m := &Prepared{}
		m.decode(&r, version)
		if r.err != nil {
			return nil, r.err
		}
		return m, nil
	case KindSchemaChange:
		m := &SchemaChange{}
		m.decode(&r)
		if r.err != nil {
			return nil, r.err
		}
		return m, nil
	}
	return nil, errorf("RESULT: unknown kind 0x%04x", int32(kind))
}
