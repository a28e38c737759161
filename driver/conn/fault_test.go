package conn_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/segment"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

func TestServerCloseFailsAllInFlight(t *testing.T) {
	const inFlight = 1000
	for _, version := range []byte{4, 5} {
		t.Run(fmt.Sprint("v", version), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
				if r.Opcode() == frame.OpQuery {
					return fakeserver.NoReply()
				}
				return fakeserver.Default()
			}})
			c := dialFake(t, srv, conn.Config{ProtoVersion: version})
			ctx := testCtx(t)
			type result struct {
				err error
				at  time.Time
			}
			results := make(chan result, inFlight)
			for i := 0; i < inFlight; i++ {
				go func() {
					_, err := c.Do(ctx, query("SELECT never"), nil)
					results <- result{err, time.Now()}
				}()
			}
			if err := srv.WaitCount(ctx, frame.OpQuery, inFlight); err != nil {
				t.Fatal(err)
			}
			if n := c.InFlight(); n != inFlight {
				t.Fatalf("InFlight() = %d, want %d", n, inFlight)
			}
			closedAt := time.Now()
			srv.DropConns()
			var last time.Time
			for i := 0; i < inFlight; i++ {
				r := <-results
				var ce *conn.ClosedError
				if !errors.Is(r.err, conn.ErrClosed) || !errors.As(r.err, &ce) || !strings.Contains(r.err.Error(), "closed the connection") {
					t.Fatalf("request %d: %v, want a closed-connection error", i, r.err)
				}
				if r.at.After(last) {
					last = r.at
				}
			}
			if d := last.Sub(closedAt); d > 100*time.Millisecond {
				t.Errorf("the last request failed %v after the close, want within 100ms", d)
			} else {
				t.Logf("all %d failed within %v", inFlight, d.Round(time.Microsecond))
			}
			select {
			case <-c.Closed():
			default:
				t.Error("Closed() not closed")
			}
			if !errors.Is(c.Err(), conn.ErrClosed) {
				t.Errorf("Err() = %v", c.Err())
			}
			if _, err := c.Send(ctx, query("SELECT 1"), nil); !errors.Is(err, conn.ErrClosed) {
				t.Errorf("Send after the close: %v", err)
			}
		})
	}
}

func TestCloseFailsInFlightWithoutCause(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		if r.Opcode() == frame.OpQuery {
			return fakeserver.NoReply()
		}
		return fakeserver.Default()
	}})
	c := dialFake(t, srv, conn.Config{})
	call, err := c.Send(testCtx(t), query("SELECT never"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	_, err = call.Wait(testCtx(t))
	var ce *conn.ClosedError
	if !errors.As(err, &ce) || ce.Cause != nil || !errors.Is(err, conn.ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
}

// streamLog records the stream id of every QUERY by statement.
type streamLog struct {
	mu  sync.Mutex
	ids map[string][]int16
}

func (l *streamLog) add(r *fakeserver.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ids == nil {
		l.ids = make(map[string][]int16)
	}
	l.ids[r.Statement] = append(l.ids[r.Statement], r.Stream())
}

func (l *streamLog) take(stmt string) []int16 {
	l.mu.Lock()
	defer l.mu.Unlock()
	ids := l.ids[stmt]
	delete(l.ids, stmt)
	return ids
}

func TestSlowReplyTimesOutAndKeepsItsStream(t *testing.T) {
	for _, version := range []byte{4, 5} {
		t.Run(fmt.Sprint("v", version), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			var log streamLog
			srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
				if r.Opcode() != frame.OpQuery {
					return fakeserver.Default()
				}
				log.add(r)
				if r.Statement == "SELECT slow" {
					return fakeserver.Reply(&frame.Void{}).Hold()
				}
				return fakeserver.Default()
			}})
			const streams = 4
			c := dialFake(t, srv, conn.Config{ProtoVersion: version, MaxStreams: streams})

			start := time.Now()
			ctx, cancel := context.WithTimeout(conn.WithStart(context.Background(), start), 50*time.Millisecond)
			_, err := c.Do(ctx, query("SELECT slow"), nil)
			cancel()
			var te *conn.TimeoutError
			if !errors.As(err, &te) || te.After < 50*time.Millisecond || te.Addr != srv.Addr() {
				t.Fatalf("slow request: %v, want a *conn.TimeoutError after >= 50ms", err)
			}
			if !strings.Contains(err.Error(), "timeout") {
				t.Errorf("timeout message %q", err)
			}
			slow := log.take("SELECT slow")
			if len(slow) != 1 {
				t.Fatalf("slow request seen %d times", len(slow))
			}
			if n := c.InFlight(); n != 1 {
				t.Fatalf("InFlight() = %d after the timeout, want the abandoned request's 1", n)
			}

			// While the late reply is pending, stream ids cycle through the
			// other three.
			for i := 0; i < 4*streams; i++ {
				if _, err := c.Do(testCtx(t), query("SELECT fast"), nil); err != nil {
					t.Fatal(err)
				}
			}
			used := map[int16]bool{}
			for _, id := range log.take("SELECT fast") {
				used[id] = true
			}
			if used[slow[0]] {
				t.Fatalf("stream %d reused while its late reply was pending (used %v)", slow[0], used)
			}
			if len(used) != streams-1 {
				t.Errorf("requests used streams %v, want the %d free ones", used, streams-1)
			}

			// The late reply frees the stream.
			if srv.Release(1) != 1 {
				t.Fatal("nothing held")
			}
			eventually(t, "the late reply to free its stream", func() bool { return c.InFlight() == 0 })
			for i := 0; i < streams; i++ {
				if _, err := c.Do(testCtx(t), query("SELECT fast"), nil); err != nil {
					t.Fatal(err)
				}
			}
			reused := false
			for _, id := range log.take("SELECT fast") {
				reused = reused || id == slow[0]
			}
			if !reused {
				t.Errorf("stream %d never reused after its late reply", slow[0])
			}
			if c.Err() != nil {
				t.Errorf("connection closed: %v", c.Err())
			}
		})
	}
}

func TestCanceledWaitIsNotATimeout(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		if r.Opcode() == frame.OpQuery {
			return fakeserver.NoReply()
		}
		return fakeserver.Default()
	}})
	c := dialFake(t, srv, conn.Config{})
	ctx, cancel := context.WithCancel(context.Background())
	call, err := c.Send(ctx, query("SELECT never"), nil)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	_, err = call.Wait(ctx)
	var te *conn.TimeoutError
	if !errors.Is(err, context.Canceled) || errors.As(err, &te) {
		t.Errorf("canceled wait: %v", err)
	}
}

func TestStreamExhaustionBlocksThenProceeds(t *testing.T) {
	const streams = 32768
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		if r.Opcode() == frame.OpQuery {
			return fakeserver.Default().Hold()
		}
		return fakeserver.Default()
	}})
	c := dialFake(t, srv, conn.Config{ProtoVersion: 5})
	ctx := testCtx(t)
	calls := make([]*conn.Call, 0, streams)
	for i := 0; i < streams; i++ {
		call, err := c.Send(ctx, query("SELECT held"), nil)
		if err != nil {
			t.Fatalf("Send %d: %v", i, err)
		}
		calls = append(calls, call)
	}
	if err := srv.WaitFor(ctx, func(st fakeserver.Stats) bool { return st.Held == streams }); err != nil {
		t.Fatal(err)
	}
	if n := c.InFlight(); n != streams {
		t.Fatalf("InFlight() = %d, want %d", n, streams)
	}

	type result struct {
		call *conn.Call
		err  error
	}
	extra := make(chan result, 1)
	go func() {
		call, err := c.Send(ctx, query("SELECT extra"), nil)
		extra <- result{call, err}
	}()
	select {
	case r := <-extra:
		t.Fatalf("request %d did not wait for a free stream: %v", streams+1, r.err)
	case <-time.After(100 * time.Millisecond):
	}
	if n := srv.Count(frame.OpQuery); n != streams {
		t.Fatalf("server received %d queries while all streams were busy", n)
	}

	srv.Release(1)
	var r result
	select {
	case r = <-extra:
	case <-time.After(5 * time.Second):
		t.Fatal("a freed stream did not unblock the waiting request")
	}
	if r.err != nil {
		t.Fatalf("request %d failed: %v", streams+1, r.err)
	}
	calls = append(calls, r.call)
	if err := srv.WaitCount(ctx, frame.OpQuery, streams+1); err != nil {
		t.Fatal(err)
	}
	srv.Release(streams)
	for i, call := range calls {
		if _, err := call.Wait(ctx); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	if st := srv.Stats(); st.MaxOutstanding != streams {
		t.Errorf("server saw %d requests outstanding at once, want %d", st.MaxOutstanding, streams)
	}
	if n := c.InFlight(); n != 0 {
		t.Errorf("InFlight() = %d at the end", n)
	}
}

// responseFrame encodes m as the server would, uncompressed.
func responseFrame(version byte, stream int16, m frame.Response) []byte {
	return frame.AppendResponseFrame(nil, version, stream, frame.Envelope{}, m)
}

func TestMalformedReplyClosesConnection(t *testing.T) {
	hugeHeader := func(version byte) []byte {
		return frame.AppendHeader(nil, frame.Header{Version: version | frame.ResponseBit, Stream: 0, Opcode: frame.OpResult, Length: 0x7fffffff})
	}
	type fault struct {
		name     string
		versions []byte // nil: all
		action   func(version byte, lz4 bool, stream int16) fakeserver.Action
	}
	faults := []fault{
		{"bad version byte", nil, func(v byte, _ bool, s int16) fakeserver.Action {
			f := responseFrame(v, s, &frame.Void{})
			f[0] = 0x87
			return fakeserver.RawFrame(f)
		}},
		{"version byte without the response bit", nil, func(v byte, _ bool, s int16) fakeserver.Action {
			f := responseFrame(v, s, &frame.Void{})
			f[0] = v
			return fakeserver.RawFrame(f)
		}},
		{"length beyond the limit", []byte{4}, func(v byte, _ bool, s int16) fakeserver.Action {
			return fakeserver.Raw(hugeHeader(v))
		}},
		{"length beyond the limit", []byte{5}, func(v byte, lz4 bool, s int16) fakeserver.Action {
			return fakeserver.Raw(segment.AppendSegment(nil, hugeHeader(v), false, lz4))
		}},
		{"segment payload CRC", []byte{5}, func(v byte, lz4 bool, s int16) fakeserver.Action {
			seg := segment.AppendFrames(nil, responseFrame(v, s, &frame.Void{}), lz4)
			seg[len(seg)-1] ^= 0xff
			return fakeserver.Raw(seg)
		}},
		{"segment header CRC", []byte{5}, func(v byte, lz4 bool, s int16) fakeserver.Action {
			seg := segment.AppendFrames(nil, responseFrame(v, s, &frame.Void{}), lz4)
			seg[segment.HeaderLen(lz4)-1] ^= 0xff
			return fakeserver.Raw(seg)
		}},
		{"frame longer than its segment", []byte{5}, func(v byte, lz4 bool, s int16) fakeserver.Action {
			f := responseFrame(v, s, &frame.Void{})
			binary.BigEndian.PutUint32(f[5:], uint32(len(f)))
			return fakeserver.Raw(segment.AppendSegment(nil, f, true, lz4))
		}},
		{"reply on a stream with no request", nil, func(v byte, _ bool, s int16) fakeserver.Action {
			return fakeserver.Reply(&frame.Void{}).ToStream(3000)
		}},
		{"reply on a stream beyond MaxStreams", nil, func(v byte, _ bool, s int16) fakeserver.Action {
			return fakeserver.Reply(&frame.Void{}).ToStream(32767)
		}},
		{"corrupt compressed body", []byte{4}, func(v byte, _ bool, s int16) fakeserver.Action {
			f := frame.AppendHeader(nil, frame.Header{Version: v | frame.ResponseBit, Flags: frame.FlagCompression, Stream: s, Opcode: frame.OpResult, Length: 8})
			return fakeserver.RawFrame(append(f, 0, 0, 0x10, 0, 0xff, 0xff, 0xff, 0xff))
		}},
	}
	modes := []struct {
		version byte
		comp    string
	}{{4, ""}, {4, "lz4"}, {5, ""}, {5, "lz4"}}
	for _, m := range modes {
		for _, f := range faults {
			if f.versions != nil && f.versions[0] != m.version {
				continue
			}
			t.Run(fmt.Sprintf("v%d-%s/%s", m.version, m.comp, f.name), func(t *testing.T) {
				fakeserver.LeakCheck(t)
				srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
					switch r.Statement {
					case "SELECT bad":
						return f.action(r.Version(), r.Compression == "lz4", r.Stream())
					case "SELECT never":
						return fakeserver.NoReply()
					}
					return fakeserver.Default()
				}})
				c := dialFake(t, srv, conn.Config{ProtoVersion: m.version, Compression: m.comp, MaxStreams: 4096})
				ctx := testCtx(t)
				var calls []*conn.Call
				for i := 0; i < 4; i++ {
					call, err := c.Send(ctx, query("SELECT never"), nil)
					if err != nil {
						t.Fatal(err)
					}
					calls = append(calls, call)
				}
				if err := srv.WaitCount(ctx, frame.OpQuery, 4); err != nil {
					t.Fatal(err)
				}
				bad, err := c.Send(ctx, query("SELECT bad"), nil)
				if err != nil {
					t.Fatal(err)
				}
				calls = append(calls, bad)
				for i, call := range calls {
					_, err := call.Wait(ctx)
					var pe *conn.ProtocolError
					if !errors.As(err, &pe) || err.Error() == "" {
						t.Errorf("request %d: %v (%T), want a protocol error", i, err, err)
					}
					if i < 4 && !errors.Is(err, conn.ErrClosed) {
						t.Errorf("bystander %d: %v, want a closed-connection error", i, err)
					}
				}
				select {
				case <-c.Closed():
				case <-time.After(5 * time.Second):
					t.Fatal("the connection stayed open")
				}
				var pe *conn.ProtocolError
				if err := c.Err(); !errors.Is(err, conn.ErrClosed) || !errors.As(err, &pe) {
					t.Errorf("Err() = %v", err)
				}
				t.Logf("Err() = %v", c.Err())
			})
		}
	}
}

// An ERROR or a RESULT the frame package cannot decode is delivered to its
// caller as bytes; only framing faults close the connection.
func TestUndecodableBodyLeavesConnectionOpen(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		if r.Statement == "SELECT garbage" {
			f := frame.AppendHeader(nil, frame.Header{Version: r.Version() | frame.ResponseBit, Stream: r.Stream(), Opcode: frame.OpResult, Length: 3})
			return fakeserver.RawFrame(append(f, 1, 2, 3))
		}
		return fakeserver.Default()
	}})
	c := dialFake(t, srv, conn.Config{ProtoVersion: 5})
	r, err := c.Do(testCtx(t), query("SELECT garbage"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := frame.DecodeResponse(r.Header, r.Body); err == nil {
		t.Fatal("garbage decoded")
	}
	if _, err := c.Do(testCtx(t), query("SELECT 1"), nil); err != nil {
		t.Fatalf("connection unusable after an undecodable body: %v", err)
	}
}

func TestTimeoutReportsElapsedWithoutWithStart(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		if r.Opcode() == frame.OpQuery {
			return fakeserver.NoReply()
		}
		return fakeserver.Default()
	}})
	c := dialFake(t, srv, conn.Config{})
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, query("SELECT never"), nil)
	took := time.Since(start)
	var te *conn.TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("got %v, want a *conn.TimeoutError", err)
	}
	// Measured from when the request was queued, a little after the
	// deadline was set: most of the 50ms, never more than the whole wait.
	if te.After < 25*time.Millisecond || te.After > took {
		t.Fatalf("TimeoutError.After is %v (message %q) after a wait of %v with a 50ms deadline", te.After, err, took)
	}
}
