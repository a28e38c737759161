package frame

// AuthResponse answers an authentication challenge with a SASL token
// (spec §4.1.2).
type AuthResponse struct {
	Token []byte
}

func (*AuthResponse) Opcode() Opcode { return OpAuthResponse }

func (m *AuthResponse) AppendBody(dst []byte, _ byte) []byte { return appendBytes(dst, m.Token) }

// DecodeAuthResponse decodes an AUTH_RESPONSE body; Token references body.
func DecodeAuthResponse(body []byte, _ byte) (*AuthResponse, error) {
	r := reader{b: body}
	m := &AuthResponse{Token: r.bytes()}
	return m, r.err
}
