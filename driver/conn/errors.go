package conn

import (
	"errors"
	"fmt"
	"time"
)

// ErrClosed matches (errors.Is) every error that reports a closed connection.
var ErrClosed = errors.New("connection closed")

// ErrBusy is TryStart's answer when every stream id is in use.
var ErrBusy = errors.New("every stream of the connection is in use")

// ClosedError fails requests on a connection that died or was closed; Cause
// says why (nil after Close).
type ClosedError struct {
	Addr  string
	Cause error
}

func (e *ClosedError) Error() string {
	if e.Cause == nil {
		return fmt.Sprintf("connection to %s closed", e.Addr)
	}
	return fmt.Sprintf("connection to %s closed: %v", e.Addr, e.Cause)
}

func (e *ClosedError) Unwrap() []error { return []error{ErrClosed, e.Cause} }

// TimeoutError is a request that got no reply in time. The request may still
// have run on the server.
type TimeoutError struct {
	Addr  string
	After time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("client request timeout: no reply from %s after %v", e.Addr, e.After.Round(time.Millisecond))
}

// Timeout reports true, as net.Error does.
func (e *TimeoutError) Timeout() bool { return true }

// ConnectError wraps what went wrong while dialling or starting up a
// connection: network errors, TLS, protocol negotiation, authentication.
type ConnectError struct {
	Addr string
	Err  error
}

func (e *ConnectError) Error() string { return fmt.Sprintf("connecting to %s: %v", e.Addr, e.Err) }
func (e *ConnectError) Unwrap() error { return e.Err }

// ProtocolError is a reply the connection could not make sense of: a frame
// or segment that fails to decode. The connection is closed after one.
type ProtocolError struct {
	Err error
}

func (e *ProtocolError) Error() string { return "protocol error: " + e.Err.Error() }
func (e *ProtocolError) Unwrap() error { return e.Err }
