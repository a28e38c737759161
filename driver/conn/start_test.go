package conn_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// echoServer answers every QUERY with a one-row result holding its text;
// statements starting with "held" are parked until Release, "never" ones
// are never answered.
func echoServer(t *testing.T) *fakeserver.Server {
	return fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		if r.Opcode() != frame.OpQuery {
			return fakeserver.Default()
		}
		switch {
		case strings.HasPrefix(r.Statement, "held"):
			return fakeserver.Reply(textRows("v", r.Statement)).Hold()
		case strings.HasPrefix(r.Statement, "never"):
			return fakeserver.NoReply()
		case strings.HasPrefix(r.Statement, "slow"):
			return fakeserver.Reply(textRows("v", r.Statement)).After(time.Duration(rand.IntN(300)) * time.Microsecond)
		}
		return fakeserver.Reply(textRows("v", r.Statement))
	}})
}

// replyText decodes the single text cell of an echoServer reply.
func replyText(t *testing.T, r conn.Reply) string {
	t.Helper()
	m, _ := decode(t, r)
	rows, ok := m.(*frame.Rows)
	if !ok || rows.RowCount != 1 {
		t.Fatalf("reply %#v", m)
	}
	return string(rows.Row(0)[0])
}

// TestStartReusesCall runs one caller-owned Call through many requests:
// each handler run sees its own reply, and the reply storage is reused
// unless KeepBody handed it over.
func TestStartReusesCall(t *testing.T) {
	fakeserver.LeakCheck(t)
	c := dialFake(t, echoServer(t), conn.Config{})
	var call conn.Call
	done := make(chan *conn.Call, 1)
	handler := func(c *conn.Call) { done <- c }
	var prev []byte
	for i := range 200 {
		stmt := fmt.Sprintf("stmt %d", i)
		if err := c.Start(testCtx(t), &call, query(stmt), nil, handler); err != nil {
			t.Fatal(err)
		}
		if got := <-done; got != &call {
			t.Fatal("handler ran with another call")
		}
		reply, err := call.Result()
		if err != nil {
			t.Fatal(err)
		}
		if got := replyText(t, reply); got != stmt {
			t.Fatalf("request %d: reply %q", i, got)
		}
		switch {
		case i == 100:
			call.KeepBody()
			prev = reply.Body
		case i == 101:
			if &reply.Body[0] == &prev[0] {
				t.Fatal("a kept body was overwritten by the next reply")
			}
			if got := string(prev[len(prev)-len("stmt 100"):]); got != "stmt 100" {
				t.Fatalf("kept body now ends %q", got)
			}
		case i > 1 && i != 102:
			if &reply.Body[0] != &prev[0] {
				t.Fatalf("request %d: reply storage was not reused", i)
			}
		}
		if i != 100 {
			prev = reply.Body
		}
	}
	if n := c.InFlight(); n != 0 {
		t.Errorf("%d streams still in use", n)
	}
}

// TestStartAbandon: an abandoned call completes at once with the given
// error, its stream stays reserved until the late reply, which is dropped
// rather than delivered to the call's next request.
func TestStartAbandon(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := echoServer(t)
	c := dialFake(t, srv, conn.Config{})
	ctx := testCtx(t)
	var call conn.Call
	var runs atomic.Int32
	done := make(chan struct{}, 4)
	handler := func(*conn.Call) { runs.Add(1); done <- struct{}{} }
	if err := c.Start(ctx, &call, query("held 1"), nil, handler); err != nil {
		t.Fatal(err)
	}
	if err := srv.WaitFor(ctx, func(s fakeserver.Stats) bool { return s.Held == 1 }); err != nil {
		t.Fatal(err)
	}
	gave := errors.New("gave up")
	if !call.Abandon(gave) {
		t.Fatal("Abandon of a running call reported false")
	}
	<-done
	if _, err := call.Result(); err != gave {
		t.Fatalf("abandoned call: %v", err)
	}
	if call.Abandon(gave) {
		t.Error("a second Abandon reported true")
	}
	if n := c.InFlight(); n != 1 {
		t.Fatalf("%d streams in use after Abandon, want 1 (reserved for the late reply)", n)
	}

	// Reuse the call at once; the late reply must not reach it.
	if err := c.Start(ctx, &call, query("held 2"), nil, handler); err != nil {
		t.Fatal(err)
	}
	if err := srv.WaitFor(ctx, func(s fakeserver.Stats) bool { return s.Held == 2 }); err != nil {
		t.Fatal(err)
	}
	srv.Release(1) // the late reply to "held 1"
	if err := srv.WaitFor(ctx, func(s fakeserver.Stats) bool { return s.Outstanding == 1 }); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for c.InFlight() != 1 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := c.InFlight(); n != 1 {
		t.Fatalf("%d streams in use after the late reply, want 1", n)
	}
	if r := runs.Load(); r != 1 {
		t.Fatalf("handler ran %d times; the late reply reached the reused call", r)
	}
	srv.Release(1)
	<-done
	reply, err := call.Result()
	if err != nil {
		t.Fatal(err)
	}
	if got := replyText(t, reply); got != "held 2" {
		t.Fatalf("reused call got %q", got)
	}
	if _, err := c.Do(ctx, query("after"), nil); err != nil {
		t.Fatalf("connection unusable after a late reply: %v", err)
	}
	if n := c.InFlight(); n != 0 {
		t.Errorf("%d streams in use at the end", n)
	}
}

// TestStartAbandonRace races replies against Abandon: whichever wins, the
// handler runs exactly once per Start.
func TestStartAbandonRace(t *testing.T) {
	fakeserver.LeakCheck(t)
	c := dialFake(t, echoServer(t), conn.Config{})
	ctx := testCtx(t)
	const workers, rounds = 8, 150
	var wg sync.WaitGroup
	var abandoned, answered atomic.Int32
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var call conn.Call
			var runs atomic.Int32
			done := make(chan struct{}, 2)
			handler := func(*conn.Call) { runs.Add(1); done <- struct{}{} }
			for i := range rounds {
				runs.Store(0)
				if err := c.Start(ctx, &call, query(fmt.Sprintf("slow %d %d", w, i)), nil, handler); err != nil {
					t.Error(err)
					return
				}
				time.Sleep(time.Duration(rand.IntN(2000)) * time.Microsecond)
				call.Abandon(conn.ErrClosed)
				<-done
				if r := runs.Load(); r != 1 {
					t.Errorf("handler ran %d times", r)
					return
				}
				if _, err := call.Result(); err != nil {
					abandoned.Add(1)
				} else {
					answered.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d answered, %d abandoned", answered.Load(), abandoned.Load())
	if answered.Load() == 0 || abandoned.Load() == 0 {
		t.Errorf("the race was not exercised both ways: %d answered, %d abandoned", answered.Load(), abandoned.Load())
	}
	deadline := time.Now().Add(5 * time.Second)
	for c.InFlight() != 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := c.InFlight(); n != 0 {
		t.Errorf("%d streams still reserved after every late reply", n)
	}
}

// TestStartClose: closing the connection runs every pending handler once
// with a *ClosedError; Abandon afterwards does nothing.
func TestStartClose(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := echoServer(t)
	c := dialFake(t, srv, conn.Config{})
	ctx := testCtx(t)
	const n = 300
	calls := make([]conn.Call, n)
	var runs [n]atomic.Int32
	var wg sync.WaitGroup
	wg.Add(n)
	for i := range calls {
		calls[i].Tag = i
		err := c.Start(ctx, &calls[i], query("never"), nil, func(call *conn.Call) {
			runs[call.Tag].Add(1)
			wg.Done()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.WaitFor(ctx, func(s fakeserver.Stats) bool { return s.Outstanding == n }); err != nil {
		t.Fatal(err)
	}
	c.Close()
	wg.Wait()
	for i := range calls {
		var ce *conn.ClosedError
		if _, err := calls[i].Result(); !errors.As(err, &ce) {
			t.Fatalf("call %d: %v, want a *ClosedError", i, err)
		}
		if r := runs[i].Load(); r != 1 {
			t.Fatalf("call %d: handler ran %d times", i, r)
		}
		if calls[i].Abandon(conn.ErrClosed) {
			t.Fatalf("call %d: Abandon after Close reported true", i)
		}
	}
	var late conn.Call
	if err := c.Start(ctx, &late, query("x"), nil, func(*conn.Call) { t.Error("handler ran for a refused Start") }); err == nil {
		t.Error("Start on a closed connection succeeded")
	}
}

// TestTryStartBusy: with every stream in use TryStart refuses at once with
// ErrBusy and queues nothing; once a stream frees it succeeds.
func TestTryStartBusy(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := echoServer(t)
	c := dialFake(t, srv, conn.Config{MaxStreams: 4})
	ctx := testCtx(t)
	calls := make([]conn.Call, 4)
	done := make(chan struct{}, 8)
	handler := func(*conn.Call) { done <- struct{}{} }
	for i := range calls {
		if err := c.TryStart(&calls[i], query("held"), nil, handler); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if err := srv.WaitFor(ctx, func(s fakeserver.Stats) bool { return s.Held == 4 }); err != nil {
		t.Fatal(err)
	}
	var extra conn.Call
	if err := c.TryStart(&extra, query("held"), nil, handler); !errors.Is(err, conn.ErrBusy) {
		t.Fatalf("fifth TryStart on 4 streams: %v, want ErrBusy", err)
	}
	if got := srv.Stats().Held; got != 4 {
		t.Fatalf("a refused TryStart reached the server (%d held)", got)
	}
	srv.Release(1)
	<-done
	if err := c.TryStart(&extra, query("after"), nil, handler); err != nil {
		t.Fatalf("TryStart after a stream freed: %v", err)
	}
	<-done
	srv.Release(3)
	for range 3 {
		<-done
	}
}
