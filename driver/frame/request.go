package frame

// DecodeRequest decodes a request frame's body, as a server sees it: the
// custom payload, if h announces one, is stripped into the Envelope, then the
// body is decoded by opcode for h's protocol version. The body must already
// be decompressed.
func DecodeRequest(h Header, body []byte) (Request, Envelope, error) {
	env, rest, err := SplitEnvelope(h, body)
	if err != nil {
		return nil, env, err
	}
	v := h.ProtoVersion()
	var m Request
	switch h.Opcode {
	case OpStartup:
		m, err = DecodeStartup(rest, v)
	case OpOptions:
		m, err = DecodeOptions(rest, v)
	case OpAuthResponse:
		m, err = DecodeAuthResponse(rest, v)
	case OpQuery:
		m, err = DecodeQuery(rest, v)
	case OpPrepare:
		m, err = DecodePrepare(rest, v)
	case OpExecute:
		m, err = DecodeExecute(rest, v)
	case OpBatch:
		m, err = DecodeBatch(rest, v)
	case OpRegister:
		m, err = DecodeRegister(rest, v)
	default:
		return nil, env, errorf("opcode %v is not a request", h.Opcode)
	}
	if err != nil {
		return nil, env, err
	}
	return m, env, nil
}
