package driver

import (
	"errors"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// RetryDecision is what a failed attempt leads to.
type RetryDecision int

// Retry decisions.
const (
	// Rethrow returns the error to the caller.
	Rethrow RetryDecision = iota
	// RetrySameHost sends the request again to the host that failed.
	RetrySameHost
	// RetryNextHost sends the request to the next host of its plan.
	RetryNextHost
)

// RetryInfo describes a failed attempt.
type RetryInfo struct {
	// Err is the failure: a server *Error, a *TimeoutError (no reply in
	// time), or a connection error (errors.Is(err, ErrClosed)).
	Err error
	// Retries counts the retries already made for this request.
	Retries int
	// Idempotent says the request may safely run twice.
	Idempotent bool
}

// RetryPolicy decides what a request does after a failed attempt. Requests
// that never reached a node (no connection, every stream in use) go to the
// next host whatever it says; a statement the node did not know
// (UNPREPARED) is prepared on that node and sent again without asking it.
type RetryPolicy interface {
	Decide(RetryInfo) RetryDecision
}

// DefaultRetryPolicy retries as the Python driver and gocql do, and never
// sends a statement that may have run twice unless it is idempotent:
//
//   - Unavailable: the next host, once (the coordinator wrote nothing);
//   - ReadTimeout: the same host, once, when enough replicas answered but
//     the data itself did not arrive;
//   - WriteTimeout: the same host, once, only for a BATCH_LOG write (the
//     batch log is replayed, so the write cannot apply twice);
//   - a lost connection, a client-side timeout, Overloaded,
//     IsBootstrapping or a ServerError: the next host, only when the
//     statement is idempotent, once per host of its plan;
//   - anything else: the caller gets the error.
type DefaultRetryPolicy struct{}

// Decide implements RetryPolicy.
func (DefaultRetryPolicy) Decide(ri RetryInfo) RetryDecision {
	var se *frame.Error
	if errors.As(ri.Err, &se) {
		switch se.Code {
		case frame.CodeUnavailable:
			if ri.Retries == 0 {
				return RetryNextHost
			}
			return Rethrow
		case frame.CodeReadTimeout:
			if ri.Retries == 0 && se.Received >= se.BlockFor && !se.DataPresent {
				return RetrySameHost
			}
			return Rethrow
		case frame.CodeWriteTimeout:
			if ri.Retries == 0 && se.WriteType == "BATCH_LOG" {
				return RetrySameHost
			}
			return Rethrow
		case frame.CodeOverloaded, frame.CodeIsBootstrapping, frame.CodeServerError:
			if ri.Idempotent {
				return RetryNextHost
			}
		}
		return Rethrow
	}
	var te *conn.TimeoutError
	if ri.Idempotent && (errors.Is(ri.Err, conn.ErrClosed) || errors.As(ri.Err, &te)) {
		return RetryNextHost
	}
	return Rethrow
}

// FallthroughRetryPolicy never retries.
type FallthroughRetryPolicy struct{}

// Decide implements RetryPolicy.
func (FallthroughRetryPolicy) Decide(RetryInfo) RetryDecision { return Rethrow }
