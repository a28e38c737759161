package stub

import (
	"context"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// tuples are n argument tuples of the insert.
func tuples(n int) [][]any {
	out := make([][]any, n)
	for i := range out {
		k := strconv.Itoa(i)
		out[i] = []any{"key" + k, "value0-" + k, "value1-" + k}
	}
	return out
}

func seq(ts [][]any) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for _, t := range ts {
			if !yield(t) {
				return
			}
		}
	}
}

// TestDriver connects gocqlsh's driver (negotiating: the stub refuses v5),
// runs the harnesses' DDL, and prepared inserts sequentially, concurrently
// from several goroutines and through ExecuteConcurrent, and a batch.
func TestDriver(t *testing.T) {
	srv := Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := driver.Connect(ctx, driver.Config{Hosts: []string{srv.Addr()}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v := s.ProtocolVersion(); v != Version {
		t.Fatalf("negotiated v%d, want v%d", v, Version)
	}
	if _, err := s.Execute(ctx, "CREATE TABLE IF NOT EXISTS bench_ks.bench (key text PRIMARY KEY, col0 text, col1 text)"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Prepare(ctx, InsertCQL); err != nil {
		t.Fatal(err)
	}

	q := &driver.Query{Statement: InsertCQL}
	for _, args := range tuples(200) {
		q.Args = args
		if _, err := s.ExecuteQuery(ctx, q); err != nil {
			t.Fatalf("sequential insert: %v", err)
		}
	}

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for _, args := range tuples(100) {
				args[0] = args[0].(string) + "-" + strconv.Itoa(g)
				if _, err := s.Execute(ctx, InsertCQL, args...); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent insert: %v", err)
	}

	n := 0
	for r := range s.ExecuteConcurrentStream(ctx, &driver.Query{Statement: InsertCQL}, seq(tuples(5000)), driver.ConcurrentOptions{Concurrency: 100}) {
		if r.Err != nil {
			t.Fatalf("fan-out insert %d: %v", r.Index, r.Err)
		}
		n++
	}
	if n != 5000 {
		t.Fatalf("fan-out: %d outcomes, want 5000", n)
	}

	b := &driver.Batch{Type: driver.UnloggedBatch}
	for _, args := range tuples(3) {
		b.Entries = append(b.Entries, driver.BatchEntry{Statement: InsertCQL, Args: args})
	}
	if _, err := s.ExecuteBatch(ctx, b); err != nil {
		t.Fatalf("batch: %v", err)
	}

	st := srv.Stats()
	if got, want := st.ByOpcode[frame.OpExecute], uint64(200+800+5000); got != want {
		t.Errorf("EXECUTE served %d, want %d", got, want)
	}
	if got := st.ByOpcode[frame.OpBatch]; got != 1 {
		t.Errorf("BATCH served %d, want 1", got)
	}
}

// dial opens a raw connection to srv with a deadline.
func dial(t *testing.T, srv *Server) net.Conn {
	t.Helper()
	nc, err := net.Dial("tcp", srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	nc.SetDeadline(time.Now().Add(10 * time.Second))
	return nc
}

// readFrame reads one response frame.
func readFrame(t *testing.T, r io.Reader) (frame.Header, frame.Response) {
	t.Helper()
	var hdr [frame.HeaderLen]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		t.Fatalf("reading a header: %v", err)
	}
	h, err := frame.ParseHeader(hdr[:])
	if err != nil {
		t.Fatal(err)
	}
	body := make([]byte, h.Length)
	if _, err := io.ReadFull(r, body); err != nil {
		t.Fatalf("reading a body: %v", err)
	}
	m, _, err := frame.DecodeResponse(h, body)
	if err != nil {
		t.Fatal(err)
	}
	return h, m
}

func startup(t *testing.T, nc net.Conn) {
	t.Helper()
	nc.Write(frame.AppendFrame(nil, Version, 0, 1, &frame.Startup{Options: map[string]string{frame.StartupCQLVersion: "3.0.0"}}))
	if _, m := readFrame(t, nc); m.Opcode() != frame.OpReady {
		t.Fatalf("STARTUP answered %v, want READY", m.Opcode())
	}
}

// TestRefusesOtherVersions checks the answer to a v5 (and a v3) frame: the
// protocol error Cassandra sends, in v4, on the request's stream, then EOF.
func TestRefusesOtherVersions(t *testing.T) {
	srv := Start(t)
	for _, v := range []byte{5, 3} {
		nc := dial(t, srv)
		nc.Write(frame.AppendFrame(nil, v, 0, 7, &frame.Options{}))
		h, m := readFrame(t, nc)
		e, ok := m.(*frame.Error)
		if !ok || h.Version != Version|frame.ResponseBit || h.Stream != 7 || e.Code != frame.CodeProtocolError ||
			!strings.Contains(e.Message, "Invalid or unsupported protocol version ("+strconv.Itoa(int(v))+")") {
			t.Fatalf("v%d: got %+v %v", v, h, m)
		}
		if n, err := nc.Read(make([]byte, 1)); err != io.EOF {
			t.Fatalf("v%d: after the error, read %d bytes, %v; want EOF", v, n, err)
		}
	}
}

// TestBurst sends 500 EXECUTEs in one write and expects 500 VOIDs on the
// same streams, in order, and an Unprepared error for an unknown id.
func TestBurst(t *testing.T) {
	srv := Start(t)
	nc := dial(t, srv)
	startup(t, nc)
	var burst []byte
	for i := range 500 {
		ex := &frame.Execute{ID: PreparedID, Params: frame.QueryParams{Consistency: frame.One, Values: [][]byte{[]byte("k"), []byte("a"), []byte("b")}}}
		burst = frame.AppendFrame(burst, Version, 0, int16(i), ex)
	}
	bad := []byte{1, 2, 3}
	burst = frame.AppendFrame(burst, Version, 0, 500, &frame.Execute{ID: bad, Params: frame.QueryParams{Consistency: frame.One}})
	nc.Write(burst)
	for i := range 500 {
		h, m := readFrame(t, nc)
		if h.Stream != int16(i) || m.Opcode() != frame.OpResult {
			t.Fatalf("reply %d: stream %d, %v", i, h.Stream, m)
		}
		if _, ok := m.(*frame.Void); !ok {
			t.Fatalf("reply %d: %T, want VOID", i, m)
		}
	}
	h, m := readFrame(t, nc)
	e, ok := m.(*frame.Error)
	if !ok || h.Stream != 500 || e.Code != frame.CodeUnprepared || !slices.Equal(e.UnpreparedID, bad) {
		t.Fatalf("unknown id: got %+v %+v", h, m)
	}
}

// TestPrepared checks the canned PREPARED result as a driver decodes it.
func TestPrepared(t *testing.T) {
	srv := Start(t)
	nc := dial(t, srv)
	startup(t, nc)
	nc.Write(frame.AppendFrame(nil, Version, 0, 3, &frame.Prepare{Statement: InsertCQL}))
	_, m := readFrame(t, nc)
	p, ok := m.(*frame.Prepared)
	if !ok {
		t.Fatalf("PREPARE answered %T", m)
	}
	var names []string
	for _, c := range p.Params {
		if c.Keyspace != "bench_ks" || c.Table != "bench" || c.Type.Kind != textType.Kind {
			t.Errorf("marker %+v", c)
		}
		names = append(names, c.Name)
	}
	if !slices.Equal(p.ID, PreparedID) || !slices.Equal(names, []string{"key", "col0", "col1"}) ||
		!slices.Equal(p.PKIndices, []uint16{0}) || p.Result.NumColumns() != 0 {
		t.Fatalf("PREPARED %+v", p)
	}
}

// TestQueries checks the answers to the system queries drivers send when
// they connect, and to other statements.
func TestQueries(t *testing.T) {
	n := node{ip: net.IPv4(127, 0, 0, 1).To4(), port: 9142}
	cols := func(r frame.Response) []string {
		rows, ok := r.(*frame.Rows)
		if !ok {
			t.Fatalf("%T, want rows", r)
		}
		var out []string
		for _, c := range rows.Columns {
			out = append(out, c.Name)
		}
		return out
	}
	local := answer("SELECT * FROM system.local WHERE key='local'", nil, n).(*frame.Rows)
	if local.RowCount != 1 || len(local.Columns) != len(systemTables["system.local"].cols) {
		t.Fatalf("system.local: %d rows, %d columns", local.RowCount, len(local.Columns))
	}
	if got := cols(answer("SELECT schema_version FROM system.local WHERE key='local'", nil, n)); !slices.Equal(got, []string{"schema_version"}) {
		t.Errorf("projection: %v", got)
	}
	if r := answer("SELECT * FROM system.peers_v2", nil, n).(*frame.Rows); r.RowCount != 0 || len(r.Columns) == 0 {
		t.Errorf("peers_v2: %d rows, %d columns", r.RowCount, len(r.Columns))
	}
	ks := answer("SELECT keyspace_name, replication FROM system_schema.keyspaces", nil, n).(*frame.Rows)
	if ks.RowCount != 3 || len(ks.Columns) != 2 {
		t.Errorf("keyspaces: %d rows, %d columns", ks.RowCount, len(ks.Columns))
	}
	one := answer("SELECT durable_writes, replication FROM system_schema.keyspaces WHERE keyspace_name = ?", [][]byte{[]byte("bench_ks")}, n).(*frame.Rows)
	if one.RowCount != 1 {
		t.Errorf("keyspace bench_ks: %d rows", one.RowCount)
	}
	if r := answer("SELECT * FROM system_schema.tables", nil, n).(*frame.Rows); r.RowCount != 0 || len(r.Columns) == 0 {
		t.Errorf("other table: %d rows, %d columns; want none and some", r.RowCount, len(r.Columns))
	}
	if r, ok := answer("USE bench_ks;", nil, n).(*frame.SetKeyspace); !ok || r.Keyspace != "bench_ks" {
		t.Errorf("USE: %+v", r)
	}
	if _, ok := answer("CREATE KEYSPACE IF NOT EXISTS bench_ks WITH replication = {}", nil, n).(*frame.Void); !ok {
		t.Error("DDL: not VOID")
	}
	// The encoded row decodes back with its types.
	b := frame.AppendResponseFrame(nil, Version, 0, frame.Envelope{}, local)
	h, _ := frame.ParseHeader(b)
	m, _, err := frame.DecodeResponse(h, b[frame.HeaderLen:])
	if err != nil {
		t.Fatal(err)
	}
	if got := m.(*frame.Rows).Row(0)[0]; string(got) != "local" {
		t.Errorf("key cell %q", got)
	}
}

// BenchmarkConcurrent runs the driver's W2 pattern against the stub in one
// process (client and stub share the CPU: for profiles, not for figures).
func BenchmarkConcurrent(b *testing.B) {
	srv := Start(b)
	ctx := context.Background()
	s, err := driver.Connect(ctx, driver.Config{Hosts: []string{srv.Addr()}, ProtoVersion: Version})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ts := tuples(b.N)
	b.ResetTimer()
	for r := range s.ExecuteConcurrentStream(ctx, &driver.Query{Statement: InsertCQL}, seq(ts), driver.ConcurrentOptions{Concurrency: 100}) {
		if r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}
