package frame

// Ready tells the client the connection is ready for queries (spec §4.2.2).
type Ready struct{}

func (*Ready) Opcode() Opcode { return OpReady }

func (*Ready) AppendBody(dst []byte, _ byte) []byte { return dst }

// DecodeReady decodes a READY body, which carries nothing.
func DecodeReady(_ []byte, _ byte) (*Ready, error) { return &Ready{}, nil }
