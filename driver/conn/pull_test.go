package conn_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// wrappedConn hides the *net.TCPConn, as a TLS or a custom dialer's
// connection does, so the connection reads through its pull loop instead of
// pumping a raw socket.
type wrappedConn struct{ net.Conn }

// TestPullPath: replies larger than one read, in both framings and with
// compression, and a malformed frame, through the pull loop.
func TestPullPath(t *testing.T) {
	big := strings.Repeat("x", 100<<10)
	for _, m := range []struct {
		version byte
		comp    string
	}{{4, ""}, {4, "lz4"}, {5, ""}, {5, "lz4"}} {
		t.Run(fmt.Sprintf("v%d-%s", m.version, m.comp), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			srv := fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
				switch r.Statement {
				case "SELECT big":
					return fakeserver.Reply(textRows("v", big, "small"))
				case "SELECT bad":
					f := frame.AppendResponseFrame(nil, r.Version(), r.Stream(), frame.Envelope{}, &frame.Void{})
					f[0] = 0x87
					return fakeserver.RawFrame(f)
				}
				return fakeserver.Default()
			}})
			var d net.Dialer
			c := dialFake(t, srv, conn.Config{ProtoVersion: m.version, Compression: m.comp,
				Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
					nc, err := d.DialContext(ctx, network, addr)
					if err != nil {
						return nil, err
					}
					return wrappedConn{nc}, nil
				}})
			ctx := testCtx(t)
			for i := range 20 {
				r, err := c.Do(ctx, query("SELECT big"), nil)
				if err != nil {
					t.Fatalf("request %d: %v", i, err)
				}
				res, _ := decode(t, r)
				rows, ok := res.(*frame.Rows)
				if !ok || rows.RowCount != 2 || string(rows.Cells[0]) != big || string(rows.Cells[1]) != "small" {
					t.Fatalf("request %d: %T with %v rows", i, res, rows)
				}
			}
			_, err := c.Do(ctx, query("SELECT bad"), nil)
			var pe *conn.ProtocolError
			if !errors.As(err, &pe) || !errors.Is(err, conn.ErrClosed) {
				t.Errorf("malformed frame: %v, want a protocol error that closed the connection", err)
			}
		})
	}
}
