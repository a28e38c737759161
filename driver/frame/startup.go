package frame

// Well-known STARTUP option keys.
const (
	StartupCQLVersion    = "CQL_VERSION"
	StartupCompression   = "COMPRESSION"
	StartupDriverName    = "DRIVER_NAME"
	StartupDriverVersion = "DRIVER_VERSION"
	StartupNoCompact     = "NO_COMPACT"
)

// Startup opens a connection (spec §4.1.1). CQL_VERSION is mandatory.
type Startup struct {
	Options map[string]string
}

func (*Startup) Opcode() Opcode { return OpStartup }

// AppendBody writes the options as a [string map], keys sorted.
func (m *Startup) AppendBody(dst []byte, _ byte) []byte {
	return appendStringMap(dst, m.Options)
}

// DecodeStartup decodes a STARTUP body.
func DecodeStartup(body []byte, _ byte) (*Startup, error) {
	r := reader{b: body}
	m := &Startup{Options: r.stringMap()}
	return m, r.err
}
