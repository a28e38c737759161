package frame

// Options asks the server which STARTUP options it supports (spec §4.1.3).
// Its body is empty.
type Options struct{}

func (*Options) Opcode() Opcode { return OpOptions }

func (*Options) AppendBody(dst []byte, _ byte) []byte { return dst }

// DecodeOptions decodes an OPTIONS body, which carries nothing.
func DecodeOptions(_ []byte, _ byte) (*Options, error) { return &Options{}, nil }
