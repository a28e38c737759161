package driver

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Error is an ERROR the server sent: Code says which, and the fields that
// code carries (consistency, replica counts, write type, failure reasons,
// keyspace and table, unprepared id...) are set.
type Error = frame.Error

// ErrorCode is the code of a server error.
type ErrorCode = frame.ErrorCode

// TimeoutError is a request that got no reply within its timeout. It may
// still have run on the server.
type TimeoutError = conn.TimeoutError

// ConnectError is a failure to open or start a connection.
type ConnectError = conn.ConnectError

// ErrClosed matches errors of requests whose connection closed under them.
var ErrClosed = conn.ErrClosed

// ErrSessionClosed is returned by calls on a closed Session.
var ErrSessionClosed = errors.New("session closed")

// NoHostsError means no node could be reached; Errors holds why, per address.
type NoHostsError struct {
	Errors map[string]error
}

func (e *NoHostsError) Error() string {
	addrs := make([]string, 0, len(e.Errors))
	for a := range e.Errors {
		addrs = append(addrs, a)
	}
	sort.Strings(addrs)
	var b strings.Builder
	b.WriteString("unable to connect to any node")
	for i, a := range addrs {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %v", a, e.Errors[a])
	}
	return b.String()
}

// Unwrap exposes the per-address errors to errors.Is and errors.As.
func (e *NoHostsError) Unwrap() []error {
	out := make([]error, 0, len(e.Errors))
	for _, err := range e.Errors {
		out = append(out, err)
	}
	return out
}

// ArgumentError reports an argument that could not be encoded for its bind
// marker.
type ArgumentError struct {
	Index int
	Name  string
	Type  string
	Err   error
}

func (e *ArgumentError) Error() string {
	return fmt.Sprintf("argument %d (%s %s): %v", e.Index+1, e.Name, e.Type, e.Err)
}

func (e *ArgumentError) Unwrap() error { return e.Err }

// IsCode reports whether err is a server *Error with the given code.
func IsCode(err error, code ErrorCode) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}
