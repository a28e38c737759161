package driver

import "time"

// Query is one statement with its options. The zero value of each option
// means "the session's default".
type Query struct {
	// Statement is the CQL text.
	Statement string
	// Args are bound to the statement's markers. With Args the statement is
	// prepared (once, cached) and run with EXECUTE, unless NoPrepare is set.
	Args []any

	Consistency       Consistency
	SerialConsistency Consistency

	// PageSize is the number of rows per page (0: session default; negative:
	// no paging, every row in one reply).
	PageSize int
	// PagingState resumes after the page that returned it.
	PagingState []byte

	// Timestamp, when non-zero, is the write time in microseconds since the
	// epoch (the protocol's default timestamp).
	Timestamp int64

	// Tracing asks the server to trace the request; Result.TracingID names
	// the trace session.
	Tracing bool

	// Idempotent marks a statement safe to run twice: after a lost
	// connection, a client-side timeout or an overloaded node it may then
	// be sent to another host (see DefaultRetryPolicy), and speculative
	// execution may send it twice at once. A SELECT is idempotent whatever
	// this says. Inserts and updates of fixed values are idempotent;
	// counter updates, list appends and prepends, lightweight transactions
	// and statements using now() or uuid() are not.
	Idempotent bool

	// RoutingKey, for a statement that is not prepared, is its partition
	// key serialised as Prepared.RoutingKey does, so that it goes to a
	// replica. A prepared statement finds it from its arguments.
	RoutingKey []byte

	// RoutingToken, when set, routes the statement to the replicas of this
	// token (a scan of the token range it ends, as COUNT and COPY TO do).
	RoutingToken *int64

	// Policy orders the hosts for this statement instead of the session's
	// (e.g. AllowList to pin it to one node).
	Policy HostSelectionPolicy

	// Timeout overrides the session's request timeout (negative: none).
	Timeout time.Duration

	// Keyspace runs the statement in this keyspace (protocol v5; on older
	// versions, the keyspace must be in the statement text).
	Keyspace string

	// CustomPayload is sent with the request (v4+).
	CustomPayload map[string][]byte

	// NoPrepare sends Args with a QUERY instead of preparing; their CQL
	// types are then inferred from the Go values (see InferType).
	NoPrepare bool
}

// withArgs returns a shallow copy of q bound to args.
func (q *Query) withArgs(args []any) *Query {
	c := *q
	c.Args = args
	return &c
}
