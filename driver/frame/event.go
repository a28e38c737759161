package frame

import "net/netip"

// Event is a server push (spec §4.2.6), always on stream -1. Type is one of
// EventTopologyChange, EventStatusChange or EventSchemaChange. Topology and
// status events set Change (NEW_NODE, REMOVED_NODE, UP, DOWN) and Addr;
// schema events set Schema.
type Event struct {
	Type   string
	Change string
	Addr   netip.AddrPort
	Schema SchemaChange
}

func (*Event) Opcode() Opcode { return OpEvent }

func (m *Event) AppendBody(dst []byte, _ byte) []byte {
	dst = appendString(dst, m.Type)
	if m.Type == EventSchemaChange {
		return m.Schema.appendTo(dst)
	}
	dst = appendString(dst, m.Change)
	return appendInet(dst, m.Addr)
}

// DecodeEvent decodes an EVENT body.
func DecodeEvent(body []byte, _ byte) (*Event, error) {
	r := reader{b: body}
	m := &Event{Type: r.string_()}
	switch m.Type {
	case EventTopologyChange, EventStatusChange:
		m.Change = r.string_()
		m.Addr = r.inet()
	case EventSchemaChange:
		m.Schema.decode(&r)
	default:
		if r.err == nil {
			r.fail("EVENT: unknown event type %q", m.Type)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
