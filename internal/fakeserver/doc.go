// Package fakeserver is a scripted CQL server on a loopback listener, for
// testing the driver without a Cassandra node.
//
// It speaks protocol v3, v4 and v5 the way Cassandra does: OPTIONS and
// STARTUP in the legacy framing, then on v5 segments (optionally lz4) from
// the reply to STARTUP on; on v3/v4 lz4 or snappy body compression once
// STARTUP asked for it; and, when Config.Username is set, SASL PLAIN as
// PasswordAuthenticator does. A frame of a version it refuses gets the
// protocol ERROR Cassandra sends, in the server's own version, and the
// connection is closed.
//
// Every request goes to Config.Handler, which returns an Action: reply with
// a message (with warnings, tracing id or custom payload through an Envelope),
// after a delay, on hold until the test releases it, on another stream, never,
// close the connection, or write raw bytes. A zero Action (or a nil Handler)
// selects the built-in behaviour: SUPPORTED, READY, authentication, READY to
// REGISTER, a Void RESULT to QUERY and BATCH, a Prepared RESULT to PREPARE
// and EXECUTE of a known id, UNPREPARED otherwise.
//
// The queries a driver's discovery runs get rows, so that fake nodes form a
// fake cluster: system.local describes the node (SetNode, else a made-up
// row), system.peers_v2 lists SetPeers, system_schema.keyspaces lists
// SetKeyspaces. A prepared statement's first marker is its partition key.
//
// Counters (requests per opcode, requests outstanding and their high-water
// mark, connections) are read with Stats and awaited with WaitFor. Close
// stops the listener, every connection and every pending timer, and returns
// once no goroutine of the server is left.
//
// Example:
//
//	srv := fakeserver.Start(t, fakeserver.Config{
//		Handler: func(r *fakeserver.Request) fakeserver.Action {
//			if r.Statement == "SELECT slow" {
//				return fakeserver.Reply(&frame.Void{}).After(time.Second)
//			}
//			return fakeserver.Default()
//		},
//	})
//	c, err := conn.Dial(ctx, conn.Config{Addr: srv.Addr()})
//	...
//	err = srv.WaitCount(ctx, frame.OpQuery, 1)
package fakeserver
