package driver

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// TestIntegrationWarnings checks that warnings the server attaches reach
// Result.Warnings.
func TestIntegrationWarnings(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".w (pk int PRIMARY KEY, v int)")

	b := &Batch{Type: UnloggedBatch}
	for i := range 30 {
		b.Entries = append(b.Entries, BatchEntry{Statement: "INSERT INTO " + ks + ".w (pk, v) VALUES (?, ?)", Args: []any{int32(i), int32(i)}})
	}
	res, err := s.ExecuteBatch(testCtx(t), b)
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(res, "Unlogged batch covering 30 partitions") {
		t.Errorf("unlogged batch warnings: %q", res.Warnings)
	}

	res = mustExec(t, s, "SELECT count(*) FROM "+ks+".w")
	if !hasWarning(res, "Aggregation query used without partition key") {
		t.Errorf("aggregation warnings: %q", res.Warnings)
	}
	if n, _ := res.Value(0, 0); n != int64(30) {
		t.Errorf("count(*) = %v", n)
	}

	res = mustExec(t, s, "SELECT v FROM "+ks+".w WHERE pk = 1")
	if len(res.Warnings) != 0 {
		t.Errorf("plain read has warnings %q", res.Warnings)
	}
}

func hasWarning(r *Result, fragment string) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w, fragment) {
			return true
		}
	}
	return false
}

// TestIntegrationTracing traces a statement and reads its trace session.
func TestIntegrationTracing(t *testing.T) {
	s := connectPlain(t, nil)
	ctx := testCtx(t)
	for _, q := range []*Query{
		{Statement: "SELECT release_version FROM system.local", Tracing: true},
		{Statement: "SELECT release_version FROM system.local WHERE key = ?", Args: []any{"local"}, Tracing: true},
	} {
		res := mustQuery(t, s, q)
		if len(res.TracingID) != 16 {
			t.Fatalf("%s: tracing id %x", q.Statement, res.TracingID)
		}
		tr, err := s.Trace(ctx, res.TracingID, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if !tr.Complete || tr.Duration < 0 {
			t.Errorf("trace incomplete: complete=%v duration=%d", tr.Complete, tr.Duration)
		}
		if len(tr.Events) == 0 {
			t.Error("trace has no events")
		}
		if tr.Request == "" || tr.Coordinator == nil || tr.StartedAt.IsZero() {
			t.Errorf("trace session: request %q coordinator %v started %v", tr.Request, tr.Coordinator, tr.StartedAt)
		}
		if !strings.Contains(tr.Parameters["query"], "system.local") {
			t.Errorf("trace parameters %v", tr.Parameters)
		}
		for _, e := range tr.Events {
			if e.Activity == "" || e.Time.IsZero() || e.Time.Before(tr.StartedAt.Add(-time.Second)) {
				t.Errorf("event %+v", e)
				break
			}
		}
	}
	if res := mustExec(t, s, "SELECT release_version FROM system.local"); res.TracingID != nil {
		t.Errorf("untraced statement has tracing id %x", res.TracingID)
	}
	var missing [16]byte
	missing[6] = 0x10 // a version 1 uuid no trace has
	if _, err := s.Trace(ctx, missing[:], 200*time.Millisecond); !errors.Is(err, ErrTraceNotFound) {
		t.Errorf("unknown trace: %v", err)
	}
}

// TestIntegrationUse switches keyspace with USE and checks unqualified
// statements before and after the connection is re-established.
func TestIntegrationUse(t *testing.T) {
	for _, version := range []byte{4, 5} {
		t.Run(fmt.Sprintf("v%d", version), func(t *testing.T) {
			s := connectPlain(t, func(c *Config) { c.ProtoVersion = version })
			// A quoted, mixed-case name checks the quoting on reconnect.
			ks := strings.Replace(randomName("It_Use_"), "_", "X", 1)
			mustExec(t, s, `CREATE KEYSPACE "`+ks+`" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`)
			t.Cleanup(func() { _, _ = s.Execute(context.Background(), `DROP KEYSPACE IF EXISTS "`+ks+`"`) })

			res := mustExec(t, s, `USE "`+ks+`"`)
			if res.Kind != KindSetKeyspace || res.Keyspace != ks || s.Keyspace() != ks {
				t.Fatalf("USE: kind %v keyspace %q, session keyspace %q", res.Kind, res.Keyspace, s.Keyspace())
			}
			mustExec(t, s, "CREATE TABLE u (pk int PRIMARY KEY, v text)")
			mustExec(t, s, "INSERT INTO u (pk, v) VALUES (1, 'literal')")
			mustExec(t, s, "INSERT INTO u (pk, v) VALUES (?, ?)", int32(2), "prepared")
			check := func(when string) {
				t.Helper()
				for pk, want := range map[int32]string{1: "literal", 2: "prepared"} {
					res := mustExec(t, s, "SELECT v FROM u WHERE pk = ?", pk)
					if res.NumRows() != 1 {
						t.Fatalf("%s: pk %d: %d rows", when, pk, res.NumRows())
					}
					if v, _ := res.Value(0, 0); v != want {
						t.Errorf("%s: pk %d = %v", when, pk, v)
					}
				}
			}
			check("after USE")

			// Drop the connection under the session: the next request dials
			// again and USEs the keyspace on the new connection.
			old := s.cl.Contact().Pool().Pick()
			if old == nil {
				t.Fatal("no open connection")
			}
			old.Close()
			check("after reconnect")
			if c := s.cl.Contact().Pool().Pick(); c == nil || c == old {
				t.Error("connection was not replaced")
			}
			if s.ProtocolVersion() != version {
				t.Errorf("reconnected with version %d", s.ProtocolVersion())
			}

			// USE of a missing keyspace fails and keeps the old one.
			if _, err := s.Execute(testCtx(t), "USE it_no_such_keyspace"); !IsCode(err, frame.CodeInvalid) {
				t.Errorf("USE missing keyspace: %v", err)
			}
			if s.Keyspace() != ks {
				t.Errorf("keyspace after failed USE: %q", s.Keyspace())
			}
		})
	}
}

// TestIntegrationAsync checks that each callback of a Future runs exactly
// once, whether added before or after completion.
func TestIntegrationAsync(t *testing.T) {
	s := connectPlain(t, nil)
	ctx := testCtx(t)
	for _, tc := range []struct {
		stmt    string
		args    []any
		wantErr bool
	}{
		{stmt: "SELECT release_version FROM system.local"},
		{stmt: "SELECT release_version FROM system.local WHERE key = ?", args: []any{"local"}},
		{stmt: "SELECT nope FROM system.local", wantErr: true},
	} {
		f := s.ExecuteAsync(ctx, tc.stmt, tc.args...)
		var mu sync.Mutex
		var calls []string
		record := func(name string) func(*Result, error) {
			return func(r *Result, err error) {
				if (err != nil) != tc.wantErr || (err == nil && r.NumRows() != 1) {
					t.Errorf("%s: callback %s got %v, %v", tc.stmt, name, r, err)
				}
				mu.Lock()
				calls = append(calls, name)
				mu.Unlock()
			}
		}
		f.AddCallback(record("a"))
		f.AddCallback(record("b"))
		res, err := f.Result(ctx)
		if (err != nil) != tc.wantErr {
			t.Fatalf("%s: %v", tc.stmt, err)
		}
		<-f.Done()
		// Added after completion: runs at once, on this goroutine.
		f.AddCallback(record("c"))
		mu.Lock()
		got := strings.Join(calls, "")
		mu.Unlock()
		if !strings.HasSuffix(got, "c") {
			t.Errorf("%s: late callback had not run on return: %q", tc.stmt, got)
		}
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		got = strings.Join(calls, "")
		mu.Unlock()
		if got != "abc" {
			t.Errorf("%s: callbacks ran as %q, want abc", tc.stmt, got)
		}
		if r2, err2 := f.Result(ctx); r2 != res || (err2 == nil) != (err == nil) {
			t.Errorf("%s: second Result differs", tc.stmt)
		}
	}

	// Many futures at once, each callback once.
	var n atomic.Int64
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		f := s.ExecuteAsync(ctx, "SELECT key FROM system.local WHERE key = ?", "local")
		f.AddCallback(func(r *Result, err error) {
			defer wg.Done()
			if err != nil {
				t.Errorf("future %d: %v", i, err)
			}
			n.Add(1)
		})
	}
	wg.Wait()
	time.Sleep(20 * time.Millisecond)
	if n.Load() != 200 {
		t.Errorf("%d callbacks ran for 200 futures", n.Load())
	}

	// A cancelled wait does not cancel the statement.
	f := s.ExecuteAsync(ctx, "SELECT key FROM system.local")
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := f.Result(cctx); err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("wait with a cancelled context: %v", err)
	} else if err == nil {
		// The reply won the race with the cancelled wait: then the future
		// must be complete.
		select {
		case <-f.Done():
		default:
			t.Error("Result returned no error with a cancelled context before the future completed")
		}
	}
	if _, err := f.Result(ctx); err != nil {
		t.Errorf("statement after cancelled wait: %v", err)
	}
}

// TestIntegrationConcurrent checks StopOnError, in-order streaming and an
// early break.
func TestIntegrationConcurrent(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".c (pk int PRIMARY KEY, v text)")
	ctx := testCtx(t)
	ins := &Query{Statement: "INSERT INTO " + ks + ".c (pk, v) VALUES (?, ?)", NoPrepare: true}

	t.Run("StopOnError", func(t *testing.T) {
		const n, bad = 10000, 10
		var pulled atomic.Int64
		args := func(yield func([]any) bool) {
			for i := range n {
				pulled.Add(1)
				var pk any = int32(i)
				if i == bad {
					pk = "not an int" // refused by the server
				}
				if !yield([]any{pk, "x"}) {
					return
				}
			}
		}
		out := s.ExecuteConcurrent(ctx, ins, iter.Seq[[]any](args), ConcurrentOptions{Concurrency: 5, StopOnError: true})
		if len(out) >= 1000 || len(out) <= bad {
			t.Fatalf("%d outcomes (%d tuples pulled) of %d", len(out), pulled.Load(), n)
		}
		if p := pulled.Load(); p > int64(len(out))+1 {
			t.Errorf("pulled %d tuples for %d outcomes", p, len(out))
		}
		for i, r := range out {
			if r.Index != i {
				t.Fatalf("outcome %d has index %d", i, r.Index)
			}
			switch {
			case i == bad && !IsCode(r.Err, frame.CodeInvalid):
				t.Errorf("tuple %d: %v, want Invalid", i, r.Err)
			case i < bad && r.Err != nil:
				t.Errorf("tuple %d: %v", i, r.Err)
			}
		}
		t.Logf("stopped after %d of %d", len(out), n)
	})

	t.Run("Stop", func(t *testing.T) {
		stop := make(chan struct{})
		args := func(yield func([]any) bool) {
			for i := 0; ; i++ {
				if i == 100 {
					close(stop)
				}
				if !yield([]any{int32(i), "s"}) {
					return
				}
			}
		}
		out := s.ExecuteConcurrent(ctx, ins, iter.Seq[[]any](args), ConcurrentOptions{Concurrency: 4, Stop: stop})
		if len(out) < 100 || len(out) > 110 {
			t.Errorf("%d outcomes after Stop at 100", len(out))
		}
		for _, r := range out {
			if r.Err != nil {
				t.Errorf("tuple %d: %v", r.Index, r.Err)
			}
		}
	})

	t.Run("StreamOrder", func(t *testing.T) {
		const n = 2000
		args := func(yield func([]any) bool) {
			for i := range n {
				if !yield([]any{int32(i)}) {
					return
				}
			}
		}
		sel := &Query{Statement: "SELECT pk, v FROM " + ks + ".c WHERE pk = ?"}
		next := 0
		for r := range s.ExecuteConcurrentStream(ctx, sel, iter.Seq[[]any](args), ConcurrentOptions{Concurrency: 50}) {
			if r.Index != next || r.Args[0] != int32(next) {
				t.Fatalf("outcome %d arrived as index %d args %v", next, r.Index, r.Args)
			}
			if r.Err != nil {
				t.Fatalf("tuple %d: %v", next, r.Err)
			}
			if r.Result.NumRows() == 1 {
				if pk, _ := r.Result.Value(0, 0); pk != int32(next) {
					t.Fatalf("tuple %d read pk %v", next, pk)
				}
			}
			next++
		}
		if next != n {
			t.Errorf("stream yielded %d of %d", next, n)
		}

		// Breaking out stops submitting and returns.
		var pulled atomic.Int64
		counted := func(yield func([]any) bool) {
			for i := range n {
				pulled.Add(1)
				if !yield([]any{int32(i)}) {
					return
				}
			}
		}
		seen := 0
		for r := range s.ExecuteConcurrentStream(ctx, sel, iter.Seq[[]any](counted), ConcurrentOptions{Concurrency: 10}) {
			if r.Index != seen {
				t.Fatalf("index %d at %d", r.Index, seen)
			}
			seen++
			if seen == 30 {
				break
			}
		}
		if p := pulled.Load(); p > 30+3*10 {
			t.Errorf("pulled %d tuples after a break at 30", p)
		}
	})
}

// TestIntegrationGoroutines checks that closing a session that did every
// kind of work leaves no goroutine behind.
func TestIntegrationGoroutines(t *testing.T) {
	addr := connectPlain(t, nil).Host()
	runtime.GC()
	base := runtime.NumGoroutine()

	ctx := testCtx(t)
	for _, cfg := range []Config{
		{Hosts: []string{addr}, ProtoVersion: 4, Compression: "snappy"},
		{Hosts: []string{addr}, ProtoVersion: 5, Compression: "lz4", HeartbeatInterval: 50 * time.Millisecond},
	} {
		s, err := Connect(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			f := s.ExecuteAsync(ctx, "SELECT key FROM system.local WHERE key = ?", "local")
			f.AddCallback(func(*Result, error) {})
		}
		args := func(yield func([]any) bool) {
			for range 100 {
				if !yield([]any{"local"}) {
					return
				}
			}
		}
		for range s.ExecuteConcurrentStream(ctx, &Query{Statement: "SELECT key FROM system.local WHERE key = ?"}, args, ConcurrentOptions{Concurrency: 8}) {
			break
		}
		it := s.Iter(ctx, &Query{Statement: "SELECT keyspace_name, table_name FROM system_schema.tables", PageSize: 5})
		it.Next()
		_ = it.Close() // leaves a prefetch in flight
		time.Sleep(120 * time.Millisecond)
		s.Close()
		if _, err := s.Execute(ctx, "SELECT key FROM system.local"); !errors.Is(err, ErrSessionClosed) {
			t.Errorf("after Close: %v", err)
		}
	}

	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after Close, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}

// TestIntegrationScan reads typed values from system tables with Scan.
func TestIntegrationScan(t *testing.T) {
	s := connectPlain(t, nil)
	res := mustExec(t, s, "SELECT cluster_name, tokens, rpc_port, host_id FROM system.local")
	var name string
	var tokens []string
	var port int
	var id any
	if err := res.Scan(0, &name, &tokens, &port, &id); err != nil {
		t.Fatal(err)
	}
	if name == "" || len(tokens) == 0 || port != 9042 || id == nil {
		t.Errorf("scanned %q, %v, %d, %v", name, tokens, port, id)
	}
	if err := res.Scan(0, &name); err == nil {
		t.Error("scan with too few destinations succeeded")
	}
	var wrong int64
	if err := res.Scan(0, &wrong, &tokens, &port, &id); err == nil || !strings.Contains(err.Error(), "cluster_name") {
		t.Errorf("text into int64: %v", err)
	}
	it := s.Iter(testCtx(t), &Query{Statement: "SELECT keyspace_name, replication FROM system_schema.keyspaces"})
	seen := 0
	for it.Next() {
		var ks string
		var repl map[string]string
		if err := it.Scan(&ks, &repl); err != nil {
			t.Fatal(err)
		}
		if ks == "system" && repl["class"] == "" {
			t.Errorf("system's replication %v", repl)
		}
		seen++
	}
	if err := it.Close(); err != nil || seen < 3 {
		t.Errorf("%d keyspaces, %v", seen, err)
	}
}
