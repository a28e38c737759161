package conn_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// releaseVersion runs the query every driver starts with and returns the
// node's release_version.
func releaseVersion(t *testing.T, c *conn.Conn) string {
	t.Helper()
	r, err := c.Do(testCtx(t), query("SELECT release_version FROM system.local"), nil)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := decode(t, r)
	rows, ok := m.(*frame.Rows)
	if !ok || rows.RowCount != 1 || len(rows.Cells) != 1 {
		t.Fatalf("reply %#v", m)
	}
	return string(rows.Cells[0])
}

func dialNode(t *testing.T, cfg conn.Config) *conn.Conn {
	t.Helper()
	c, err := conn.Dial(testCtx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestIntegrationHandshake(t *testing.T) {
	fakeserver.LeakCheck(t)
	addr := testnode.Addr(t)
	for _, tc := range []struct {
		version byte
		comp    string
	}{{0, ""}, {4, ""}, {4, "lz4"}, {4, "snappy"}, {5, ""}, {5, "lz4"}} {
		t.Run(fmt.Sprintf("v%d-%s", tc.version, tc.comp), func(t *testing.T) {
			c := dialNode(t, conn.Config{Addr: addr, ProtoVersion: tc.version, Compression: tc.comp, Events: []string{frame.EventSchemaChange}})
			want := tc.version
			if want == 0 {
				want = 5
			}
			if c.Version() != want || c.Compression() != tc.comp {
				t.Errorf("negotiated v%d %q", c.Version(), c.Compression())
			}
			v := releaseVersion(t, c)
			if !strings.HasPrefix(v, "5.0") {
				t.Errorf("release_version %q, want 5.0.x", v)
			}
			t.Logf("talked to Cassandra %s on node %s over protocol v%d, compression %q", v, addr, c.Version(), c.Compression())
		})
	}
}

func TestIntegrationSecureNode(t *testing.T) {
	fakeserver.LeakCheck(t)
	addr, caFile := testnode.SecureAddr(t)
	good := conn.PasswordAuth{Username: "cassandra", Password: "cassandra"}

	t.Run("no credentials", func(t *testing.T) {
		_, err := conn.Dial(testCtx(t), conn.Config{Addr: addr})
		var ce *conn.ConnectError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "requires authentication") {
			t.Fatalf("Dial without credentials: %v", err)
		}
	})
	t.Run("bad password", func(t *testing.T) {
		_, err := conn.Dial(testCtx(t), conn.Config{Addr: addr, Auth: conn.PasswordAuth{Username: "cassandra", Password: "wrong"}})
		var fe *frame.Error
		if !errors.As(err, &fe) || fe.Code != frame.CodeBadCredentials {
			t.Fatalf("Dial with a bad password: %v", err)
		}
		t.Logf("%v", err)
	})
	t.Run("good credentials", func(t *testing.T) {
		for _, v := range []byte{4, 5} {
			c := dialNode(t, conn.Config{Addr: addr, ProtoVersion: v, Compression: "lz4", Auth: good})
			if rv := releaseVersion(t, c); !strings.HasPrefix(rv, "5.0") {
				t.Errorf("v%d: release_version %q", v, rv)
			}
		}
	})
	t.Run("TLS", func(t *testing.T) {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			t.Fatal(err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			t.Fatalf("no certificate in %s", caFile)
		}
		c := dialNode(t, conn.Config{Addr: addr, Auth: good, TLS: &tls.Config{RootCAs: pool}})
		if rv := releaseVersion(t, c); !strings.HasPrefix(rv, "5.0") {
			t.Errorf("release_version %q", rv)
		}
	})
}
