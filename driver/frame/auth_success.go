package frame

// AuthSuccess ends a successful authentication exchange (spec §4.2.8).
type AuthSuccess struct {
	Token []byte
}

func (*AuthSuccess) Opcode() Opcode { return OpAuthSuccess }

func (m *AuthSuccess) AppendBody(dst []byte, _ byte) []byte { return appendBytes(dst, m.Token) }

// DecodeAuthSuccess decodes an AUTH_SUCCESS body; Token references body.
func DecodeAuthSuccess(body []byte, _ byte) (*AuthSuccess, error) {
	r := reader{b: body}
	m := &AuthSuccess{Token: r.bytes()}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
