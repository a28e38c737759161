package conn_test

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// handshakeCases are the protocol versions and compressions a connection
// can negotiate.
var handshakeCases = []struct {
	version byte
	comp    string
}{
	{3, ""}, {3, "lz4"}, {4, ""}, {4, "lz4"}, {4, "snappy"}, {5, ""}, {5, "lz4"},
}

func TestHandshake(t *testing.T) {
	big := strings.Repeat("0123456789abcdef", 20000) // 320 KB: several v5 segments
	for _, tc := range handshakeCases {
		t.Run(fmt.Sprintf("v%d-%s", tc.version, tc.comp), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			var mu sync.Mutex
			var seen []*fakeserver.Request
			srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
				mu.Lock()
				seen = append(seen, r)
				mu.Unlock()
				if q, ok := r.Message.(*frame.Query); ok {
					if len(q.Params.Values) == 1 {
						return fakeserver.Reply(textRows("echo", string(q.Params.Values[0])))
					}
					return fakeserver.Reply(textRows("release_version", "5.0.8"))
				}
				return fakeserver.Default()
			}})
			c := dialFake(t, srv, conn.Config{ProtoVersion: tc.version, Compression: tc.comp})
			if c.Version() != tc.version || c.Compression() != tc.comp {
				t.Fatalf("negotiated v%d %q, want v%d %q", c.Version(), c.Compression(), tc.version, tc.comp)
			}
			if got := c.Supported()["CQL_VERSION"]; len(got) != 1 || got[0] != fakeserver.CQLVersion {
				t.Errorf("SUPPORTED CQL_VERSION = %v", got)
			}
			r, err := c.Do(testCtx(t), query("SELECT release_version FROM system.local"), nil)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := decode(t, r)
			if rows, ok := m.(*frame.Rows); !ok || rows.RowCount != 1 || string(rows.Cells[0]) != "5.0.8" {
				t.Fatalf("reply %#v", m)
			}
			// A request and a reply larger than one v5 segment.
			q := query("SELECT echo")
			q.Params.Values = [][]byte{[]byte(big)}
			if r, err = c.Do(testCtx(t), q, nil); err != nil {
				t.Fatal(err)
			}
			m, _ = decode(t, r)
			if rows, ok := m.(*frame.Rows); !ok || string(rows.Cells[0]) != big {
				t.Fatalf("large reply corrupted (%T)", m)
			}

			mu.Lock()
			defer mu.Unlock()
			var ops []frame.Opcode
			for _, r := range seen {
				ops = append(ops, r.Opcode())
			}
			want := []frame.Opcode{frame.OpOptions, frame.OpStartup, frame.OpQuery, frame.OpQuery}
			if fmt.Sprint(ops) != fmt.Sprint(want) {
				t.Fatalf("server saw %v, want %v", ops, want)
			}
			for _, r := range seen[2:] {
				if r.Version() != tc.version || r.Compression != tc.comp {
					t.Errorf("server saw v%d %q, want v%d %q", r.Version(), r.Compression, tc.version, tc.comp)
				}
				if compressed := r.Header.Flags&frame.FlagCompression != 0; compressed != (tc.comp != "" && tc.version < 5) {
					t.Errorf("QUERY compression flag %v on v%d %q", compressed, tc.version, tc.comp)
				}
			}
		})
	}
}

func TestHandshakeNegotiatesVersion(t *testing.T) {
	tests := []struct {
		versions []byte
		want     byte
		conns    int
	}{
		{[]byte{3, 4, 5}, 5, 1},
		{[]byte{3, 4}, 4, 2},
		{[]byte{3}, 3, 3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.versions), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			srv := fakeserver.Start(t, fakeserver.Config{Versions: tt.versions})
			c := dialFake(t, srv, conn.Config{Compression: "lz4"})
			if c.Version() != tt.want {
				t.Errorf("negotiated v%d, want v%d", c.Version(), tt.want)
			}
			if _, err := c.Do(testCtx(t), query("SELECT 1"), nil); err != nil {
				t.Error(err)
			}
			if st := srv.Stats(); st.Conns != tt.conns {
				t.Errorf("%d connections opened, want %d", st.Conns, tt.conns)
			}
		})
	}
}

func TestHandshakePinnedVersionRefused(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{Versions: []byte{4}})
	_, err := conn.Dial(testCtx(t), conn.Config{Addr: srv.Addr(), ProtoVersion: 5})
	var ce *conn.ConnectError
	var fe *frame.Error
	if !errors.As(err, &ce) || !errors.As(err, &fe) || fe.Code != frame.CodeProtocolError || !strings.Contains(fe.Message, "unsupported protocol version (5)") {
		t.Fatalf("Dial v5 on a v4 node: %v", err)
	}
	if n := srv.Stats().Conns; n != 1 {
		t.Errorf("%d connections for a pinned version, want 1", n)
	}
}

func TestHandshakeAuth(t *testing.T) {
	tests := []struct {
		name    string
		auth    conn.Authenticator
		code    frame.ErrorCode // 0: success; -1: client-side failure
		message string
	}{
		{"good", conn.PasswordAuth{Username: "cassandra", Password: "s3cret"}, 0, ""},
		{"bad password", conn.PasswordAuth{Username: "cassandra", Password: "nope"}, frame.CodeBadCredentials, "Provided username cassandra and/or password are incorrect"},
		{"bad user", conn.PasswordAuth{Username: "mallory", Password: "s3cret"}, frame.CodeBadCredentials, "Provided username mallory and/or password are incorrect"},
		{"no credentials", nil, -1, "requires authentication (" + fakeserver.PasswordAuthenticator + ")"},
	}
	for _, tc := range handshakeCases {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("v%d-%s/%s", tc.version, tc.comp, tt.name), func(t *testing.T) {
				fakeserver.LeakCheck(t)
				srv := fakeserver.Start(t, fakeserver.Config{Username: "cassandra", Password: "s3cret"})
				cfg := conn.Config{Addr: srv.Addr(), ProtoVersion: tc.version, Compression: tc.comp, Auth: tt.auth, HeartbeatInterval: -1}
				c, err := conn.Dial(testCtx(t), cfg)
				if tt.code == 0 {
					if err != nil {
						t.Fatal(err)
					}
					defer c.Close()
					if _, err := c.Do(testCtx(t), query("SELECT 1"), nil); err != nil {
						t.Fatal(err)
					}
					if n := srv.Count(frame.OpAuthResponse); n != 1 {
						t.Errorf("%d AUTH_RESPONSE, want 1", n)
					}
					return
				}
				var ce *conn.ConnectError
				if !errors.As(err, &ce) || ce.Addr != srv.Addr() {
					t.Fatalf("error %v (%T), want a *conn.ConnectError", err, err)
				}
				if !strings.Contains(err.Error(), tt.message) {
					t.Errorf("error %q does not say %q", err, tt.message)
				}
				var fe *frame.Error
				if tt.code > 0 && (!errors.As(err, &fe) || fe.Code != tt.code) {
					t.Errorf("error %v: want a *frame.Error with code %#x", err, tt.code)
				}
				if st := srv.Stats(); st.Conns != 1 {
					t.Errorf("bad credentials retried: %d connections", st.Conns)
				}
			})
		}
	}
}

func TestEvents(t *testing.T) {
	events := []*frame.Event{
		{Type: frame.EventSchemaChange, Schema: frame.SchemaChange{Change: "CREATED", Target: "TABLE", Keyspace: "ks", Name: "t"}},
		{Type: frame.EventTopologyChange, Change: "NEW_NODE", Addr: netip.MustParseAddrPort("127.0.0.2:9042")},
		{Type: frame.EventSchemaChange, Schema: frame.SchemaChange{Change: "DROPPED", Target: frame.TargetKeyspace, Keyspace: "gone"}},
	}
	for _, tc := range handshakeCases {
		t.Run(fmt.Sprintf("v%d-%s", tc.version, tc.comp), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			srv := fakeserver.Start(t, fakeserver.Config{})
			got := make(chan *frame.Event, len(events))
			c := dialFake(t, srv, conn.Config{
				ProtoVersion: tc.version, Compression: tc.comp,
				Events:  []string{frame.EventSchemaChange, frame.EventTopologyChange},
				OnEvent: func(ev *frame.Event) { got <- ev },
			})
			if n := srv.Count(frame.OpRegister); n != 1 {
				t.Fatalf("%d REGISTER, want 1", n)
			}
			for _, ev := range events {
				if n := srv.Push(ev); n != 1 {
					t.Fatalf("pushed to %d connections", n)
				}
			}
			for i, want := range events {
				select {
				case ev := <-got:
					if fmt.Sprint(ev) != fmt.Sprint(want) {
						t.Errorf("event %d = %+v, want %+v", i, ev, want)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("event %d never reached OnEvent", i)
				}
			}
			if c.Err() != nil {
				t.Errorf("events broke the connection: %v", c.Err())
			}
		})
	}
}

func TestHeartbeatKeepsIdleConnection(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv := fakeserver.Start(t, fakeserver.Config{})
	c := dialFake(t, srv, conn.Config{HeartbeatInterval: 50 * time.Millisecond})
	if err := srv.WaitCount(testCtx(t), frame.OpOptions, 4); err != nil { // 1 handshake + 3 heartbeats
		t.Fatal(err)
	}
	if c.Err() != nil {
		t.Fatalf("connection closed: %v", c.Err())
	}
}

func TestHeartbeatUnansweredClosesConnection(t *testing.T) {
	for _, version := range []byte{4, 5} {
		t.Run(fmt.Sprint("v", version), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
				if r.Opcode() == frame.OpOptions && r.Established {
					return fakeserver.NoReply()
				}
				return fakeserver.Default()
			}})
			c := dialFake(t, srv, conn.Config{ProtoVersion: version, HeartbeatInterval: 100 * time.Millisecond})
			start := time.Now()
			select {
			case <-c.Closed():
			case <-time.After(5 * time.Second):
				t.Fatal("connection still open after its heartbeat went unanswered")
			}
			t.Logf("closed after %v", time.Since(start).Round(time.Millisecond))
			err := c.Err()
			var te *conn.TimeoutError
			if !errors.Is(err, conn.ErrClosed) || !errors.As(err, &te) || !strings.Contains(err.Error(), "heartbeat") {
				t.Fatalf("Err() = %v, want a closed error caused by a heartbeat timeout", err)
			}
			if n := srv.Count(frame.OpOptions); n != 2 {
				t.Errorf("%d OPTIONS, want the handshake's and one heartbeat", n)
			}
			if _, err := c.Do(testCtx(t), query("SELECT 1"), nil); !errors.Is(err, conn.ErrClosed) {
				t.Errorf("request after the heartbeat failure: %v", err)
			}
		})
	}
}

func TestWriterCoalesces(t *testing.T) {
	const frames = 1000
	for _, version := range []byte{4, 5} {
		t.Run(fmt.Sprint("v", version), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			srv := fakeserver.Start(t, fakeserver.Config{})
			var wc writeCounter
			c := dialFake(t, srv, conn.Config{ProtoVersion: version, Dial: wc.dial})
			wc.writes.Store(0)
			ctx := testCtx(t)
			start := make(chan struct{})
			errs := make(chan error, frames)
			var wg sync.WaitGroup
			for i := 0; i < frames; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					_, err := c.Do(ctx, query("INSERT"), nil)
					errs <- err
				}()
			}
			close(start)
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			writes := wc.writes.Load()
			t.Logf("%d frames in %d writes", frames, writes)
			if writes >= frames {
				t.Errorf("%d writes for %d frames: the writer does not coalesce", writes, frames)
			}
			if n := srv.Count(frame.OpQuery); n != frames {
				t.Errorf("server received %d queries, want %d", n, frames)
			}
		})
	}
}

func TestCustomPayloadAndTracing(t *testing.T) {
	traceID := []byte("0123456789abcdef")
	for _, tc := range handshakeCases {
		t.Run(fmt.Sprintf("v%d-%s", tc.version, tc.comp), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			reqs := make(chan *fakeserver.Request, 2)
			srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
				if r.Opcode() != frame.OpQuery {
					return fakeserver.Default()
				}
				reqs <- r
				env := frame.Envelope{Warnings: []string{"Aggregation query used without partition key"}}
				if r.Tracing() {
					env.TracingID = traceID
				}
				if r.Envelope.CustomPayload != nil {
					env.CustomPayload = map[string][]byte{"echo": r.Envelope.CustomPayload["k"]}
				}
				return fakeserver.ReplyEnvelope(env, &frame.Void{})
			}})
			c := dialFake(t, srv, conn.Config{ProtoVersion: tc.version, Compression: tc.comp})
			payload := map[string][]byte{"k": []byte("value"), "empty": {}, "null": nil}
			call, err := c.Send(testCtx(t), query("SELECT count(*) FROM t"), &conn.SendOptions{
				Tracing: true, CustomPayload: payload,
			})
			if err != nil {
				t.Fatal(err)
			}
			r, err := call.Wait(testCtx(t))
			if err != nil {
				t.Fatal(err)
			}
			req := <-reqs
			if !req.Tracing() {
				t.Error("the tracing flag did not reach the server")
			}
			if !maps.EqualFunc(req.Envelope.CustomPayload, payload, bytesEqualNull) {
				t.Errorf("server got payload %q, want %q", req.Envelope.CustomPayload, payload)
			}
			m, env := decode(t, r)
			if m.Opcode() != frame.OpResult || !bytes.Equal(env.TracingID, traceID) ||
				len(env.Warnings) != 1 || string(env.CustomPayload["echo"]) != "value" {
				t.Errorf("reply %#v with envelope %+v", m, env)
			}

			// Without options: no flag, no payload.
			if _, err := c.Do(testCtx(t), query("SELECT 1"), nil); err != nil {
				t.Fatal(err)
			}
			if req := <-reqs; req.Tracing() || req.Envelope.CustomPayload != nil {
				t.Errorf("plain request arrived with tracing %v, payload %q", req.Tracing(), req.Envelope.CustomPayload)
			}
		})
	}
}

// bytesEqualNull compares bytes values keeping null and empty apart.
func bytesEqualNull(a, b []byte) bool { return bytes.Equal(a, b) && (a == nil) == (b == nil) }
