package frame

// Authenticate asks the client to authenticate with the named IAuthenticator
// (spec §4.2.3).
type Authenticate struct {
	Authenticator string
}

func (*Authenticate) Opcode() Opcode { return OpAuthenticate }

func (m *Authenticate) AppendBody(dst []byte, _ byte) []byte {
	return appendString(dst, m.Authenticator)
}

// DecodeAuthenticate decodes an AUTHENTICATE body.
func DecodeAuthenticate(body []byte, _ byte) (*Authenticate, error) {
	r := reader{b: body}
	m := &Authenticate{Authenticator: r.string_()}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
