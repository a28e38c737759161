// Package stub is a loopback server that speaks the CQL native protocol v4
// and answers every request at once with a canned reply, so that a client's
// own ceiling — its ops/s and CPU per request with no database behind it —
// can be measured (bench/run.sh's stub pass) and so that Go tests can run a
// driver against something that is not a Cassandra node.
//
// What it answers:
//
//   - OPTIONS: SUPPORTED (CQL_VERSION, an empty COMPRESSION list,
//     PROTOCOL_VERSIONS 4/v4); STARTUP and REGISTER: READY.
//   - PREPARE, whatever the statement: one fixed PREPARED result, the bind
//     markers of bench/insert's statement (key, col0, col1: text columns of
//     bench_ks.bench, partition key at marker 0) and no result columns.
//   - EXECUTE of that id and BATCH: VOID; EXECUTE of another id: Unprepared.
//   - QUERY: rows for the system tables that drivers read when they connect
//     (system.local, system.peers_v2, system.peers, system_schema.keyspaces,
//     with Cassandra 5.0's column types), no rows for any other SELECT,
//     SET_KEYSPACE for USE, VOID for anything else (DDL, DML).
//   - A frame of any other protocol version: the protocol error Cassandra
//     sends for an unsupported version, then the connection closes, so that
//     clients that start at v5 fall back to v4.
//
// The hot path (EXECUTE, BATCH, PREPARE) decodes nothing but the header: the
// reply is pre-encoded and only its stream id is patched. Each connection is
// one goroutine that reads through a buffered reader and writes through a
// buffered writer, flushed only when no complete frame is left in the input,
// so a burst of requests costs one read and one write.
package stub
