package fakeserver

import "github.com/gocqlsh/gocqlsh/driver/frame"

// Request is one request as the server received it. A handler may keep it:
// its byte slices belong to it alone.
type Request struct {
	// Conn numbers the connection the request came on, from 1 in accept
	// order.
	Conn int
	// Header is the frame header as received; Flags keep FlagCompression,
	// FlagTracing and FlagCustomPayload as the client set them.
	Header frame.Header
	// Message is the decoded request.
	Message frame.Request
	// Envelope carries the request's custom payload, if any.
	Envelope frame.Envelope
	// Statement is the CQL text of a QUERY or PREPARE, or of the statement
	// an EXECUTE names when the server prepared it.
	Statement string
	// Established reports whether start-up (and authentication) had
	// completed on the connection when the request arrived.
	Established bool
	// Compression is the algorithm negotiated on the connection ("" when
	// none).
	Compression string
}

// Opcode is the request's opcode.
func (r *Request) Opcode() frame.Opcode { return r.Header.Opcode }

// Stream is the stream id the client chose.
func (r *Request) Stream() int16 { return r.Header.Stream }

// Version is the protocol version of the request.
func (r *Request) Version() byte { return r.Header.ProtoVersion() }

// Tracing reports whether the client asked for tracing.
func (r *Request) Tracing() bool { return r.Header.Flags&frame.FlagTracing != 0 }
