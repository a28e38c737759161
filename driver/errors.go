package driver

import (
	"errors"
	"fmt"

	"github.com/gocqlsh/gocqlsh/driver/cluster"
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

// NoHostsError means no node could take a request, or none could be
// reached at all; Errors holds why, per address (errors.As reaches each).
type NoHostsError = cluster.NoHostsError

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
