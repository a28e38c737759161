package frame

import "fmt"

// DecodeError reports a malformed frame header or body.
type DecodeError struct {
	Msg string
}

func (e *DecodeError) Error() string { return "frame: " + e.Msg }

// UnsupportedVersionError reports a header whose protocol version is outside
// MinVersion..MaxVersion. Version is the raw header byte, direction bit
// included, so the caller can see what the peer sent.
type UnsupportedVersionError struct {
	Version byte
}

func (e *UnsupportedVersionError) Error() string {
	return fmt.Sprintf("frame: unsupported protocol version %d (header byte 0x%02x)", e.Version&^ResponseBit, e.Version)
}

// errorf builds a *DecodeError.
func errorf(format string, args ...any) error {
	return &DecodeError{Msg: fmt.Sprintf(format, args...)}
}
