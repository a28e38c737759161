package frame

// Event types a connection can register for.
const (
	EventTopologyChange = "TOPOLOGY_CHANGE"
	EventStatusChange   = "STATUS_CHANGE"
	EventSchemaChange   = "SCHEMA_CHANGE"
)

// Register subscribes the connection to server events (spec §4.1.8).
type Register struct {
	Events []string
}

func (*Register) Opcode() Opcode { return OpRegister }

func (m *Register) AppendBody(dst []byte, _ byte) []byte { return appendStringList(dst, m.Events) }

// DecodeRegister decodes a REGISTER body.
func DecodeRegister(body []byte, _ byte) (*Register, error) {
	r := reader{b: body}
	m := &Register{Events: r.stringList()}
	return m, r.err
}
