// Package driver is gocqlsh's client for Apache Cassandra's native protocol
// (v3, v4 and v5), usable by any Go program.
//
// # Connecting
//
//	s, err := driver.Connect(ctx, driver.Config{Hosts: []string{"127.0.0.1"}})
//	if err != nil { ... }
//	defer s.Close()
//
// # Executing
//
// Execute blocks; ExecuteAsync returns a Future at once, whose callbacks run
// exactly once when it completes and never on the connection's reader;
// ExecuteConcurrent runs one statement over many argument tuples with a
// bounded number in flight and returns results in input order.
//
//	res, err := s.Execute(ctx, "SELECT * FROM ks.t WHERE pk = ?", 42)
//
// ExecuteConcurrent (and ExecuteConcurrentStream, its streaming form) needs
// no goroutine per request: one goroutine encodes and queues requests into
// reused buffers, the connection's reader only marks each one complete, and
// the caller's goroutine decodes outcomes in order. In the steady state a
// request's encoding allocates nothing.
//
// A statement without arguments is sent as a QUERY, as typed. A statement
// with arguments is prepared once (per keyspace and text, shared by
// concurrent callers) and run with EXECUTE, its arguments encoded by the
// types of its bind markers.
//
// # Results
//
// A Result keeps each row's raw cell bytes and the column types, and decodes
// a cell only when asked, so null (nil), empty (zero-length) and zero stay
// distinct. Rows are paged (5000 per page by default): Result.NextPage
// fetches the next page, and Iter walks every page, fetching the next one
// while the current one is being read.
//
// # Errors
//
// Errors from the server are *Error values (errors.As) carrying the code and
// the code's extra fields; a request that got no reply in time fails with a
// *TimeoutError, one whose connection died with an error matching
// errors.Is(err, ErrClosed).
package driver
