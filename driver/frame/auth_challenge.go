package frame

// AuthChallenge is a server SASL challenge (spec §4.2.7).
type AuthChallenge struct {
	Token []byte
}

func (*AuthChallenge) Opcode() Opcode { return OpAuthChallenge }

func (m *AuthChallenge) AppendBody(dst []byte, _ byte) []byte { return appendBytes(dst, m.Token) }

// DecodeAuthChallenge decodes an AUTH_CHALLENGE body; Token references body.
func DecodeAuthChallenge(body []byte, _ byte) (*AuthChallenge, error) {
	r := reader{b: body}
	m := &AuthChallenge{Token: r.bytes()}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
