package fakeserver

import (
	"time"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

type actionKind int

const (
	kindDefault actionKind = iota
	kindReply
	kindNoReply
	kindClose
	kindRaw
	kindRawFrame
)

// Action is what the server does with one request. The zero Action is the
// built-in behaviour; the constructors below build the others, and After,
// Hold and ToStream modify any of them.
type Action struct {
	kind     actionKind
	msg      frame.Response
	env      frame.Envelope
	raw      []byte
	delay    time.Duration
	hold     bool
	stream   int16
	restream bool
}

// Default is the built-in behaviour for the request.
func Default() Action { return Action{} }

// Reply answers with m.
func Reply(m frame.Response) Action { return Action{kind: kindReply, msg: m} }

// ReplyEnvelope answers with m preceded by env's tracing id, warnings and
// custom payload.
func ReplyEnvelope(env frame.Envelope, m frame.Response) Action {
	return Action{kind: kindReply, msg: m, env: env}
}

// Fail answers with an ERROR of the given code and message.
func Fail(code frame.ErrorCode, msg string) Action {
	return Reply(&frame.Error{Code: code, Message: msg})
}

// NoReply never answers; the request stays outstanding until its connection
// closes.
func NoReply() Action { return Action{kind: kindNoReply} }

// CloseConn closes the connection instead of answering.
func CloseConn() Action { return Action{kind: kindClose} }

// Raw writes b to the socket exactly as given, outside any framing: on a v5
// connection b must form segments itself (or deliberately not).
func Raw(b []byte) Action { return Action{kind: kindRaw, raw: b} }

// RawFrame writes b, taken to be one complete frame however malformed, in the
// connection's framing: inside a segment on v5, as is before that and on
// v3/v4. It is never compressed.
func RawFrame(b []byte) Action { return Action{kind: kindRawFrame, raw: b} }

// After delays the action by d. On STARTUP and AUTH_RESPONSE the delay
// blocks the connection, as the handshake is sequential.
func (a Action) After(d time.Duration) Action {
	a.delay = d
	return a
}

// Hold parks the action until Server.Release lets it run, in arrival order.
// Hold is ignored on STARTUP and AUTH_RESPONSE.
func (a Action) Hold() Action {
	a.hold = true
	return a
}

// ToStream sends the reply on stream id instead of the request's.
func (a Action) ToStream(id int16) Action {
	a.stream, a.restream = id, true
	return a
}

// resolve turns a Default action into the built-in one, keeping the
// modifiers the handler set.
func (a Action) resolve(builtin Action) Action {
	if a.kind != kindDefault {
		return a
	}
	builtin.delay, builtin.hold = a.delay, a.hold
	if a.restream {
		builtin.stream, builtin.restream = a.stream, true
	}
	return builtin
}
