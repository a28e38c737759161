package conn_test

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// testCtx is a context that ends with the test or after 20 s.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// dialFake dials srv with cfg (Addr filled in, heartbeats off unless cfg
// sets them) and closes the connection when the test ends.
func dialFake(t testing.TB, srv *fakeserver.Server, cfg conn.Config) *conn.Conn {
	t.Helper()
	cfg.Addr = srv.Addr()
	if cfg.HeartbeatInterval == 0 {
		cfg.HeartbeatInterval = -1
	}
	c, err := conn.Dial(testCtx(t), cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func query(stmt string) *frame.Query {
	return &frame.Query{Statement: stmt, Params: frame.QueryParams{Consistency: frame.One}}
}

// textRows is a one-column Rows result of text cells.
func textRows(name string, cells ...string) *frame.Rows {
	r := &frame.Rows{
		Metadata: frame.Metadata{Columns: []frame.ColumnSpec{{Keyspace: "ks", Table: "t", Name: name, Type: &cqltype.Type{Kind: cqltype.Varchar}}}},
		RowCount: len(cells),
	}
	for _, c := range cells {
		r.Cells = append(r.Cells, []byte(c))
	}
	return r
}

// decode decodes a reply, failing the test on a malformed one.
func decode(t testing.TB, r conn.Reply) (frame.Response, frame.Envelope) {
	t.Helper()
	m, env, err := frame.DecodeResponse(r.Header, r.Body)
	if err != nil {
		t.Fatalf("decoding the reply: %v", err)
	}
	return m, env
}

// eventually polls cond until it holds or 5 s pass.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// writeCounter counts Write calls on the connections it dials.
type writeCounter struct{ writes atomic.Int64 }

func (w *writeCounter) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: nc, w: w}, nil
}

type countingConn struct {
	net.Conn
	w *writeCounter
}

func (c *countingConn) Write(b []byte) (int, error) {
	c.w.writes.Add(1)
	return c.Conn.Write(b)
}
