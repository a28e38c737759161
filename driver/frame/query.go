package frame

// Query runs a CQL statement (spec §4.1.4).
type Query struct {
	Statement string
	Params    QueryParams
}

func (*Query) Opcode() Opcode { return OpQuery }

func (m *Query) AppendBody(dst []byte, version byte) []byte {
	dst = appendLongString(dst, m.Statement)
	return m.Params.appendTo(dst, version)
}

// DecodeQuery decodes a QUERY body; values reference body.
func DecodeQuery(body []byte, version byte) (*Query, error) {
	r := reader{b: body}
	m := &Query{Statement: r.longString()}
	m.Params = r.readQueryParams(version)
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
