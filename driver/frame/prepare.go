package frame

// prepareWithKeyspace is the v5 PREPARE flag announcing a keyspace.
const prepareWithKeyspace uint32 = 0x01

// Prepare asks the server to prepare a statement (spec §4.1.5). Keyspace,
// when set, is sent only in v5, whose PREPARE body gains a flags [int].
type Prepare struct {
	Statement string
	Keyspace  string
}

func (*Prepare) Opcode() Opcode { return OpPrepare }

func (m *Prepare) AppendBody(dst []byte, version byte) []byte {
	dst = appendLongString(dst, m.Statement)
	if version < 5 {
		return dst
	}
	if m.Keyspace == "" {
		return appendInt(dst, 0)
	}
	dst = appendInt(dst, int32(prepareWithKeyspace))
	return appendString(dst, m.Keyspace)
}

// DecodePrepare decodes a PREPARE body.
func DecodePrepare(body []byte, version byte) (*Prepare, error) {
	r := reader{b: body}
	m := &Prepare{Statement: r.longString()}
	if version >= 5 {
		if uint32(r.int_())&prepareWithKeyspace != 0 {
			m.Keyspace = r.string_()
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
