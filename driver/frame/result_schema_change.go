package frame

// Schema change targets.
const (
	TargetKeyspace  = "KEYSPACE"
	TargetTable     = "TABLE"
	TargetType      = "TYPE"
	TargetFunction  = "FUNCTION"
	TargetAggregate = "AGGREGATE"
)

// SchemaChange describes a schema change, both as the RESULT of a DDL
// statement (spec §4.2.5.5) and inside a SCHEMA_CHANGE event (§4.2.6).
// Name is empty for a KEYSPACE target; ArgTypes (CQL type names) exist only
// for FUNCTION and AGGREGATE.
type SchemaChange struct {
	Change   string // CREATED, UPDATED or DROPPED
	Target   string
	Keyspace string
	Name     string
	ArgTypes []string
}

func (*SchemaChange) Opcode() Opcode { return OpResult }

func (m *SchemaChange) AppendBody(dst []byte, _ byte) []byte {
	return m.appendTo(appendInt(dst, int32(KindSchemaChange)))
}

func (m *SchemaChange) appendTo(dst []byte) []byte {
	dst = appendString(dst, m.Change)
	dst = appendString(dst, m.Target)
	dst = appendString(dst, m.Keyspace)
	switch m.Target {
	case TargetKeyspace:
	case TargetFunction, TargetAggregate:
		dst = appendString(dst, m.Name)
		dst = appendStringList(dst, m.ArgTypes)
	default:
		dst = appendString(dst, m.Name)
	}
	return dst
}

func (m *SchemaChange) decode(r *reader) {
	m.Change = r.string_()
	m.Target = r.string_()
	m.Keyspace = r.string_()
	switch m.Target {
	case TargetKeyspace:
	case TargetTable, TargetType:
		m.Name = r.string_()
	case TargetFunction, TargetAggregate:
		m.Name = r.string_()
		m.ArgTypes = r.stringList()
	default:
		r.fail("SCHEMA_CHANGE: unknown target %q", m.Target)
	}
}
