package frame

import "encoding/binary"

// Message is a request or response body codec. AppendBody appends the body
// for the given protocol version (3..5, without the response bit).
type Message interface {
	Opcode() Opcode
	AppendBody(dst []byte, version byte) []byte
}

// Request is a message a client sends.
type Request = Message

// Response is a message a server sends.
type Response = Message

// AppendFrame appends a whole frame, header and body, and patches the header's
// length once the body is written. versionByte goes into the header as is;
// the body is encoded for its protocol version. The body is never compressed
// here: FlagCompression belongs to the caller that compresses it.
func AppendFrame(dst []byte, versionByte, flags byte, stream int16, m Message) []byte {
	start := len(dst)
	dst = AppendHeader(dst, Header{Version: versionByte, Flags: flags, Stream: stream, Opcode: m.Opcode()})
	dst = m.AppendBody(dst, versionByte&^ResponseBit)
	binary.BigEndian.PutUint32(dst[start+5:], uint32(len(dst)-start-HeaderLen))
	return dst
}

// AppendResponseFrame appends a response frame for version (3..5): env's
// tracing id, warnings and custom payload are written ahead of the body and
// their header flags set, as a server does.
func AppendResponseFrame(dst []byte, version byte, stream int16, env Envelope, m Response) []byte {
	var flags byte
	if env.TracingID != nil {
		flags |= FlagTracing
	}
	if len(env.Warnings) > 0 {
		flags |= FlagWarning
	}
	if env.CustomPayload != nil {
		flags |= FlagCustomPayload
	}
	start := len(dst)
	dst = AppendHeader(dst, Header{Version: version | ResponseBit, Flags: flags, Stream: stream, Opcode: m.Opcode()})
	dst = env.appendTo(dst, flags)
	dst = m.AppendBody(dst, version)
	binary.BigEndian.PutUint32(dst[start+5:], uint32(len(dst)-start-HeaderLen))
	return dst
}

// Envelope holds what a frame body may carry ahead of its message, as the
// header flags announce: a tracing id (FlagTracing, responses only), warnings
// (FlagWarning, responses only) and a custom payload (FlagCustomPayload).
type Envelope struct {
	TracingID     []byte
	Warnings      []string
	CustomPayload map[string][]byte
}

func (e Envelope) appendTo(dst []byte, flags byte) []byte {
	if flags&FlagTracing != 0 {
		dst = appendUUID(dst, e.TracingID)
	}
	if flags&FlagWarning != 0 {
		dst = appendStringList(dst, e.Warnings)
	}
	if flags&FlagCustomPayload != 0 {
		dst = appendBytesMap(dst, e.CustomPayload)
	}
	return dst
}

// SplitEnvelope strips the prefixes h's flags announce from body, in the
// spec's order (tracing id, warnings, custom payload), and returns them with
// the rest of the body. For a request only the custom payload can be present;
// the tracing flag on a request asks for tracing and adds no bytes.
func SplitEnvelope(h Header, body []byte) (Envelope, []byte, error) {
	var env Envelope
	if h.Flags&(FlagTracing|FlagWarning|FlagCustomPayload) == 0 {
		return env, body, nil // the common case, kept free of allocations
	}
	r := reader{b: body}
	if h.IsResponse() {
		if h.Flags&FlagTracing != 0 {
			env.TracingID = r.uuid()
		}
		if h.Flags&FlagWarning != 0 {
			env.Warnings = r.stringList()
		}
	}
	if h.Flags&FlagCustomPayload != 0 {
		env.CustomPayload = r.bytesMap()
	}
	if r.err != nil {
		return Envelope{}, nil, r.err
	}
	return env, r.b, nil
}
