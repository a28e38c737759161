package frame

// Supported lists the STARTUP options the server accepts, with their values
// (spec §4.2.4), e.g. COMPRESSION: [snappy lz4].
type Supported struct {
	Options map[string][]string
}

func (*Supported) Opcode() Opcode { return OpSupported }

func (m *Supported) AppendBody(dst []byte, _ byte) []byte {
	return appendStringMultimap(dst, m.Options)
}

// DecodeSupported decodes a SUPPORTED body.
func DecodeSupported(body []byte, _ byte) (*Supported, error) {
	r := reader{b: body}
	m := &Supported{Options: r.stringMultimap()}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
