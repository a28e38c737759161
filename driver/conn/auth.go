package conn

import "fmt"

// Authenticator answers a server's SASL exchange. Initial gives the first
// token for the authenticator class the server named; Challenge answers each
// AUTH_CHALLENGE.
type Authenticator interface {
	Initial(authenticator string) ([]byte, error)
	Challenge(token []byte) ([]byte, error)
}

// PasswordAuth is SASL PLAIN, what PasswordAuthenticator expects. Its String
// never shows the password.
type PasswordAuth struct {
	Username, Password string
}

// Initial returns "\x00user\x00password".
func (a PasswordAuth) Initial(string) ([]byte, error) {
	b := make([]byte, 0, 2+len(a.Username)+len(a.Password))
	b = append(b, 0)
	b = append(b, a.Username...)
	b = append(b, 0)
	return append(b, a.Password...), nil
}

// Challenge fails: PLAIN has a single step.
func (a PasswordAuth) Challenge([]byte) ([]byte, error) {
	return nil, fmt.Errorf("unexpected authentication challenge for user %q", a.Username)
}

func (a PasswordAuth) String() string { return "PasswordAuth{" + a.Username + "}" }
