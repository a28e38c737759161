package frame

// DecodeResponse decodes a response frame's body. The tracing id, warnings
// and custom payload that h's flags announce are stripped first, in the
// spec's order, and returned in the Envelope; the rest is decoded by opcode
// for h's protocol version. The body must already be decompressed.
//
// A server ERROR is returned as a *Error Response with a nil error; the error
// result is for malformed frames (*DecodeError) only. Byte slices in the
// result reference body.
func DecodeResponse(h Header, body []byte) (Response, Envelope, error) {
	return DecodeResponseInto(h, body, nil, nil)
}

// DecodeResponseInto is DecodeResponse with the allocation-free path for
// Rows: when the frame is a RESULT of kind Rows and rows is non-nil, it is
// decoded into rows (reusing its storage, see Rows) and rows itself is
// returned as the Response. fallback supplies the column specs when the
// server omitted them (FlagNoMetadata), typically the result metadata of the
// prepared statement executed with SkipMetadata.
func DecodeResponseInto(h Header, body []byte, rows *Rows, fallback *Metadata) (Response, Envelope, error) {
	env, rest, err := SplitEnvelope(h, body)
	if err != nil {
		return nil, env, err
	}
	v := h.ProtoVersion()
	var m Response
	switch h.Opcode {
	case OpError:
		m, err = DecodeErrorResponse(rest, v)
	case OpReady:
		m, err = DecodeReady(rest, v)
	case OpAuthenticate:
		m, err = DecodeAuthenticate(rest, v)
	case OpSupported:
		m, err = DecodeSupported(rest, v)
	case OpResult:
		m, err = decodeResult(rest, v, rows, fallback)
	case OpEvent:
		m, err = DecodeEvent(rest, v)
	case OpAuthChallenge:
		m, err = DecodeAuthChallenge(rest, v)
	case OpAuthSuccess:
		m, err = DecodeAuthSuccess(rest, v)
	default:
		return nil, env, errorf("opcode %v is not a response", h.Opcode)
	}
	if err != nil {
		return nil, env, err
	}
	return m, env, nil
}
