package frame

// Execute runs a prepared statement (spec §4.1.6). ResultMetadataID, the id
// of the result metadata the client holds, is sent only in v5.
type Execute struct {
	ID               []byte
	ResultMetadataID []byte
	Params           QueryParams
}

func (*Execute) Opcode() Opcode { return OpExecute }

func (m *Execute) AppendBody(dst []byte, version byte) []byte {
	dst = appendShortBytes(dst, m.ID)
	if version >= 5 {
		dst = appendShortBytes(dst, m.ResultMetadataID)
	}
	return m.Params.appendTo(dst, version)
}

// DecodeExecute decodes an EXECUTE body; ids and values reference body.
func DecodeExecute(body []byte, version byte) (*Execute, error) {
	r := reader{b: body}
	m := &Execute{ID: r.shortBytes()}
	if version >= 5 {
		m.ResultMetadataID = r.shortBytes()
	}
	m.Params = r.readQueryParams(version)
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
