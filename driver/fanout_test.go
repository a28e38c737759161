package driver

import (
	"context"
	"errors"
	"iter"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// These tests drive ExecuteConcurrent against the scripted fake server, for
// what a real node will not do on demand: replies out of order, replies
// that never come, errors and dropped connections at chosen points.

// echoRows is a one-row, one-column text result holding v.
func echoRows(v []byte) *frame.Rows {
	return &frame.Rows{
		Metadata: frame.Metadata{Columns: []frame.ColumnSpec{{Keyspace: "ks", Table: "t", Name: "v", Type: &cqltype.Type{Kind: cqltype.Varchar}}}},
		RowCount: 1,
		Cells:    [][]byte{v},
	}
}

// isDiscovery reports a query the driver's discovery runs, which the fake
// server answers itself.
func isDiscovery(stmt string) bool {
	return strings.Contains(stmt, "FROM system.") || strings.Contains(stmt, "FROM system_schema.")
}

// fakeSession connects a session to a fake server whose handler sees every
// QUERY and EXECUTE (with its first bound value as text); the rest gets the
// built-in behaviour.
func fakeSession(t *testing.T, cfg Config, handle func(r *fakeserver.Request, v string) fakeserver.Action) (*Session, *fakeserver.Server) {
	t.Helper()
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		var vals [][]byte
		switch m := r.Message.(type) {
		case *frame.Query:
			if isDiscovery(m.Statement) {
				return fakeserver.Default()
			}
			vals = m.Params.Values
		case *frame.Execute:
			vals = m.Params.Values
		default:
			return fakeserver.Default()
		}
		v := ""
		if len(vals) > 0 {
			v = string(vals[0])
		}
		return handle(r, v)
	}})
	cfg.Hosts = []string{srv.Addr()}
	if cfg.HeartbeatInterval == 0 {
		cfg.HeartbeatInterval = -1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := Connect(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s, srv
}

// numbered yields n one-text tuples "0", "1", ... and counts what it gave.
func numbered(n int, pulled *atomic.Int64) iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for i := range n {
			if pulled != nil {
				pulled.Add(1)
			}
			if !yield([]any{strconv.Itoa(i)}) {
				return
			}
		}
	}
}

func fanCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestFanoutOrderAndWidth: replies that arrive in random order still come
// out in input order, each matching its arguments, with never more than the
// concurrency in flight — and the window really fills.
func TestFanoutOrderAndWidth(t *testing.T) {
	for _, proto := range []byte{4, 5} {
		t.Run("v"+strconv.Itoa(int(proto)), func(t *testing.T) {
			s, srv := fakeSession(t, Config{ProtoVersion: proto}, func(r *fakeserver.Request, v string) fakeserver.Action {
				return fakeserver.Reply(echoRows([]byte(v))).After(time.Duration(rand.IntN(2000)) * time.Microsecond)
			})
			const n, width = 3000, 16
			for _, prepared := range []bool{false, true} {
				q := &Query{Statement: "SELECT v FROM ks.t WHERE k = ?", NoPrepare: !prepared}
				out := s.ExecuteConcurrent(fanCtx(t), q, numbered(n, nil), ConcurrentOptions{Concurrency: width})
				if len(out) != n {
					t.Fatalf("%d outcomes of %d", len(out), n)
				}
				for i, r := range out {
					if r.Index != i || r.Err != nil {
						t.Fatalf("outcome %d: index %d, %v", i, r.Index, r.Err)
					}
					v, err := r.Result.Value(0, 0)
					if err != nil || v != strconv.Itoa(i) {
						t.Fatalf("outcome %d holds %v (%v), want the reply to its own arguments", i, v, err)
					}
					if r.Result.Latency <= 0 || r.Result.Coordinator != srv.Addr() {
						t.Fatalf("outcome %d: latency %v, coordinator %q", i, r.Result.Latency, r.Result.Coordinator)
					}
				}
			}
			st := srv.Stats()
			if st.MaxOutstanding > width+1 { // +1: the handshake's own request
				t.Errorf("%d requests were outstanding at once, concurrency %d", st.MaxOutstanding, width)
			}
			if st.MaxOutstanding < width/2 {
				t.Errorf("at most %d requests were outstanding: the window of %d never filled", st.MaxOutstanding, width)
			}
		})
	}
}

// TestFanoutTimeout: a request whose reply never comes fails with a
// *conn.TimeoutError after the query's timeout; the others are unaffected
// and the run does not wait for the lost reply.
func TestFanoutTimeout(t *testing.T) {
	s, _ := fakeSession(t, Config{}, func(r *fakeserver.Request, v string) fakeserver.Action {
		if v == "7" || v == "300" {
			return fakeserver.NoReply()
		}
		return fakeserver.Reply(&frame.Void{})
	})
	q := &Query{Statement: "INSERT INTO ks.t (k) VALUES (?)", NoPrepare: true, Timeout: 150 * time.Millisecond}
	start := time.Now()
	out := s.ExecuteConcurrent(fanCtx(t), q, numbered(1000, nil), ConcurrentOptions{Concurrency: 20})
	took := time.Since(start)
	if len(out) != 1000 {
		t.Fatalf("%d outcomes", len(out))
	}
	for i, r := range out {
		var te *conn.TimeoutError
		switch {
		case i == 7 || i == 300:
			if !errors.As(r.Err, &te) || te.After < 150*time.Millisecond {
				t.Errorf("outcome %d: %v, want a timeout after >= 150ms", i, r.Err)
			}
		case r.Err != nil:
			t.Errorf("outcome %d: %v", i, r.Err)
		}
	}
	if took > 3*time.Second {
		t.Errorf("run took %v with a 150ms timeout", took)
	}
}

// TestFanoutCancel: cancelling the context stops submitting and fails what
// is in flight with the context's error, promptly.
func TestFanoutCancel(t *testing.T) {
	s, srv := fakeSession(t, Config{}, func(r *fakeserver.Request, v string) fakeserver.Action {
		if i, _ := strconv.Atoi(v); i >= 5 {
			return fakeserver.NoReply()
		}
		return fakeserver.Reply(&frame.Void{})
	})
	ctx, cancel := context.WithCancel(fanCtx(t))
	defer cancel()
	var pulled atomic.Int64
	q := &Query{Statement: "INSERT INTO ks.t (k) VALUES (?)", NoPrepare: true}
	start := time.Now()
	var out []ExecResult
	for r := range s.ExecuteConcurrentStream(ctx, q, numbered(1000, &pulled), ConcurrentOptions{Concurrency: 10}) {
		out = append(out, r)
		if r.Index == 4 {
			// Tuples 5 to 14 fill the window and will never be answered.
			if err := srv.WaitFor(fanCtx(t), func(st fakeserver.Stats) bool { return st.Outstanding == 10 }); err != nil {
				t.Fatal(err)
			}
			cancel()
		}
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("cancelled run took %v", took)
	}
	if len(out) != 15 {
		t.Fatalf("%d outcomes (%d pulled), want the ones taken before the cancel", len(out), pulled.Load())
	}
	for i, r := range out {
		if i < 5 && r.Err != nil {
			t.Errorf("outcome %d: %v", i, r.Err)
		}
		if i >= 5 && !errors.Is(r.Err, context.Canceled) {
			t.Errorf("outcome %d: %v, want context.Canceled", i, r.Err)
		}
	}

	// A cancelled context before the start sends nothing.
	before := srv.Count(frame.OpQuery)
	out = s.ExecuteConcurrent(ctx, q, numbered(100, nil), ConcurrentOptions{})
	if len(out) != 0 || srv.Count(frame.OpQuery) != before {
		t.Errorf("with a cancelled context: %d outcomes, %d requests sent", len(out), srv.Count(frame.OpQuery)-before)
	}
}

// TestFanoutReprepare: when the node forgets the prepared statement in the
// middle of a run, the requests that get UNPREPARED are prepared again and
// retried, and every outcome succeeds.
func TestFanoutReprepare(t *testing.T) {
	var executes atomic.Int64
	var srv *fakeserver.Server
	s, srv := fakeSession(t, Config{}, func(r *fakeserver.Request, v string) fakeserver.Action {
		if r.Opcode() == frame.OpExecute && executes.Add(1) == 500 {
			srv.Forget()
		}
		return fakeserver.Default()
	})
	q := &Query{Statement: "INSERT INTO ks.t (k) VALUES (?)"}
	out := s.ExecuteConcurrent(fanCtx(t), q, numbered(2000, nil), ConcurrentOptions{Concurrency: 50})
	for i, r := range out {
		if r.Index != i || r.Err != nil {
			t.Fatalf("outcome %d: index %d, %v", i, r.Index, r.Err)
		}
	}
	if len(out) != 2000 {
		t.Fatalf("%d outcomes", len(out))
	}
	if p := srv.Count(frame.OpPrepare); p < 2 {
		t.Errorf("%d PREPAREs: the statement was not prepared again", p)
	}
}

// TestFanoutStopOnError: the first server error stops submission at once,
// even when it arrives ahead of earlier outcomes.
func TestFanoutStopOnError(t *testing.T) {
	s, _ := fakeSession(t, Config{}, func(r *fakeserver.Request, v string) fakeserver.Action {
		if v == "40" {
			return fakeserver.Fail(frame.CodeInvalid, "no such thing")
		}
		return fakeserver.Reply(&frame.Void{}).After(time.Duration(rand.IntN(500)) * time.Microsecond)
	})
	var pulled atomic.Int64
	q := &Query{Statement: "INSERT INTO ks.t (k) VALUES (?)", NoPrepare: true}
	out := s.ExecuteConcurrent(fanCtx(t), q, numbered(100000, &pulled), ConcurrentOptions{Concurrency: 8, StopOnError: true})
	if len(out) <= 40 || len(out) > 40+2*8+1 {
		t.Fatalf("%d outcomes (%d pulled): did not stop soon after tuple 40", len(out), pulled.Load())
	}
	if !IsCode(out[40].Err, frame.CodeInvalid) {
		t.Errorf("outcome 40: %v", out[40].Err)
	}
	if p := pulled.Load(); p > int64(len(out))+1 {
		t.Errorf("pulled %d tuples for %d outcomes", p, len(out))
	}
}

// TestFanoutConnectionLost: a connection dropped mid-run fails the requests
// in flight with a clear error; the run still accounts for every tuple in
// order and the session carries on with a new connection.
func TestFanoutConnectionLost(t *testing.T) {
	var seen atomic.Int64
	s, _ := fakeSession(t, Config{}, func(r *fakeserver.Request, v string) fakeserver.Action {
		if seen.Add(1) == 300 {
			return fakeserver.CloseConn()
		}
		return fakeserver.Reply(&frame.Void{})
	})
	q := &Query{Statement: "INSERT INTO ks.t (k) VALUES (?)", NoPrepare: true}
	out := s.ExecuteConcurrent(fanCtx(t), q, numbered(2000, nil), ConcurrentOptions{Concurrency: 30})
	if len(out) != 2000 {
		t.Fatalf("%d outcomes", len(out))
	}
	failed := 0
	for i, r := range out {
		if r.Index != i {
			t.Fatalf("outcome %d has index %d", i, r.Index)
		}
		if r.Err != nil {
			failed++
			var ce *conn.ClosedError
			if !errors.As(r.Err, &ce) {
				t.Errorf("outcome %d: %v, want a *conn.ClosedError", i, r.Err)
			}
		}
	}
	if failed == 0 || failed > 30 {
		t.Errorf("%d outcomes failed; want the ones in flight at the drop (1..30)", failed)
	}
	if out[1999].Err != nil {
		t.Errorf("the session did not recover: %v", out[1999].Err)
	}
}

// TestFanoutBreak: breaking out of the stream stops pulling input, waits
// for what is in flight, and leaves no goroutine behind (LeakCheck).
func TestFanoutBreak(t *testing.T) {
	s, srv := fakeSession(t, Config{}, func(r *fakeserver.Request, v string) fakeserver.Action {
		return fakeserver.Reply(&frame.Void{}).After(time.Duration(rand.IntN(1000)) * time.Microsecond)
	})
	var pulled atomic.Int64
	q := &Query{Statement: "INSERT INTO ks.t (k) VALUES (?)", NoPrepare: true}
	seen := 0
	for r := range s.ExecuteConcurrentStream(fanCtx(t), q, numbered(100000, &pulled), ConcurrentOptions{Concurrency: 10}) {
		if r.Index != seen || r.Err != nil {
			t.Fatalf("outcome %d: index %d, %v", seen, r.Index, r.Err)
		}
		if seen++; seen == 50 {
			break
		}
	}
	if p := pulled.Load(); p > 50+2*10+1 {
		t.Errorf("pulled %d tuples after a break at 50", p)
	}
	if st := srv.Stats(); st.Outstanding != 0 {
		t.Errorf("%d requests still outstanding after the loop returned", st.Outstanding)
	}
}

// TestAsyncFastPath: futures sent without a waiting goroutine still time
// out, honour cancellation, re-prepare, and keep no goroutine per request
// while their replies are outstanding.
func TestAsyncFastPath(t *testing.T) {
	var forgetAt atomic.Int64
	var srv *fakeserver.Server
	s, srv := fakeSession(t, Config{}, func(r *fakeserver.Request, v string) fakeserver.Action {
		switch {
		case v == "never":
			return fakeserver.NoReply()
		case v == "held":
			return fakeserver.Reply(echoRows([]byte(v))).Hold()
		case v == "again":
			if forgetAt.Load() > 0 && forgetAt.Add(-1) == 0 {
				srv.Forget()
			}
			return fakeserver.Default() // UNPREPARED once forgotten
		}
		return fakeserver.Reply(echoRows([]byte(v)))
	})
	ctx := fanCtx(t)
	sel := "SELECT v FROM ks.t WHERE k = ?"
	// The first one prepares on the waiting path; the rest take the fast one.
	if _, err := s.ExecuteAsync(ctx, sel, "warm").Result(ctx); err != nil {
		t.Fatal(err)
	}

	t.Run("results", func(t *testing.T) {
		futs := make([]*Future, 500)
		for i := range futs {
			futs[i] = s.ExecuteAsync(ctx, sel, strconv.Itoa(i))
		}
		for i, f := range futs {
			res, err := f.Result(ctx)
			if err != nil {
				t.Fatalf("future %d: %v", i, err)
			}
			if v, _ := res.Value(0, 0); v != strconv.Itoa(i) || res.Coordinator != srv.Addr() || res.Latency <= 0 {
				t.Fatalf("future %d: %v from %q in %v", i, v, res.Coordinator, res.Latency)
			}
		}
	})

	t.Run("no goroutine per request", func(t *testing.T) {
		base := runtime.NumGoroutine()
		const n = 2000
		futs := make([]*Future, n)
		for i := range futs {
			futs[i] = s.ExecuteAsync(ctx, sel, "held")
		}
		if err := srv.WaitFor(ctx, func(st fakeserver.Stats) bool { return st.Held == n }); err != nil {
			t.Fatal(err)
		}
		if g := runtime.NumGoroutine(); g > base+50 {
			t.Errorf("%d goroutines with %d requests outstanding (%d before)", g, n, base)
		}
		srv.Release(n)
		for i, f := range futs {
			if _, err := f.Result(ctx); err != nil {
				t.Fatalf("future %d: %v", i, err)
			}
		}
	})

	t.Run("timeout", func(t *testing.T) {
		q := &Query{Statement: sel, Args: []any{"never"}, Timeout: 100 * time.Millisecond}
		f := s.ExecuteQueryAsync(ctx, q)
		var te *conn.TimeoutError
		if _, err := f.Result(ctx); !errors.As(err, &te) || te.After < 100*time.Millisecond {
			t.Fatalf("%v, want a timeout after >= 100ms", err)
		}
	})

	t.Run("cancel", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		f := s.ExecuteAsync(cctx, sel, "never")
		done := make(chan error, 1)
		f.AddCallback(func(_ *Result, err error) { done <- err })
		time.Sleep(20 * time.Millisecond)
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("%v, want context.Canceled", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("cancelling did not complete the future")
		}
	})

	t.Run("reprepare", func(t *testing.T) {
		before := srv.Count(frame.OpPrepare)
		forgetAt.Store(3)
		for i := range 10 {
			if _, err := s.ExecuteAsync(ctx, sel, "again").Result(ctx); err != nil {
				t.Fatalf("request %d: %v", i, err)
			}
		}
		if srv.Count(frame.OpPrepare) == before {
			t.Error("the forgotten statement was not prepared again")
		}
	})

	t.Run("bad argument", func(t *testing.T) {
		f := s.ExecuteAsync(ctx, sel, 42) // a number for a text marker
		var ae *ArgumentError
		if _, err := f.Result(ctx); !errors.As(err, &ae) {
			t.Fatalf("%v, want an *ArgumentError", err)
		}
		ran := false
		f.AddCallback(func(*Result, error) { ran = true })
		if !ran {
			t.Error("a callback added to a completed future did not run at once")
		}
	})
}

// TestFanoutStress mixes everything at random — widths, reply delays,
// replies that never come, errors with and without StopOnError, cancelled
// contexts and early breaks — and checks what must always hold: outcomes
// come once each, in order, the run ends in bounded time, nothing is left
// outstanding or running.
func TestFanoutStress(t *testing.T) {
	s, srv := fakeSession(t, Config{}, func(r *fakeserver.Request, v string) fakeserver.Action {
		i, _ := strconv.Atoi(v)
		switch {
		case i%97 == 13:
			return fakeserver.NoReply()
		case i%31 == 7:
			return fakeserver.Fail(frame.CodeInvalid, "refused")
		}
		return fakeserver.Reply(&frame.Void{}).After(time.Duration(rand.IntN(400)) * time.Microsecond)
	})
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 40 {
		n := 1 + rng.IntN(600)
		width := 1 + rng.IntN(64)
		stopOnError := rng.IntN(3) == 0
		breakAt := -1
		if rng.IntN(3) == 0 {
			breakAt = rng.IntN(n)
		}
		ctx, cancel := context.WithCancel(fanCtx(t))
		if rng.IntN(4) == 0 {
			time.AfterFunc(time.Duration(rng.IntN(20))*time.Millisecond, cancel)
		}
		q := &Query{Statement: "INSERT INTO ks.t (k) VALUES (?)", NoPrepare: rng.IntN(2) == 0, Timeout: 80 * time.Millisecond}
		start := time.Now()
		seen := 0
		for r := range s.ExecuteConcurrentStream(ctx, q, numbered(n, nil), ConcurrentOptions{Concurrency: width, StopOnError: stopOnError}) {
			if r.Index != seen {
				t.Fatalf("round %d: outcome %d arrived as %d", round, seen, r.Index)
			}
			if (r.Err == nil) == (r.Result == nil) {
				t.Fatalf("round %d: outcome %d has result %v and error %v", round, seen, r.Result, r.Err)
			}
			seen++
			if seen-1 == breakAt {
				break
			}
		}
		cancel()
		if seen > n {
			t.Fatalf("round %d: %d outcomes for %d tuples", round, seen, n)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("round %d (n %d, width %d): took %v", round, n, width, took)
		}
	}
	// Only the requests that never get a reply may still be outstanding.
	st := srv.Stats()
	t.Logf("%d requests, %d outstanding (never answered)", st.Total, st.Outstanding)
}
