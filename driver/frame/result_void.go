package frame

// Void is a RESULT carrying nothing (spec §4.2.5.1).
type Void struct{}

func (*Void) Opcode() Opcode { return OpResult }

func (*Void) AppendBody(dst []byte, _ byte) []byte { return appendInt(dst, int32(KindVoid)) }
