package frame

// SetKeyspace is the RESULT of a USE statement (spec §4.2.5.3).
type SetKeyspace struct {
	Keyspace string
}

func (*SetKeyspace) Opcode() Opcode { return OpResult }

func (m *SetKeyspace) AppendBody(dst []byte, _ byte) []byte {
	return appendString(appendInt(dst, int32(KindSetKeyspace)), m.Keyspace)
}
