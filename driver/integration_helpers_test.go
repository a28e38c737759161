package driver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// testCtx bounds one integration test.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// connectPlain opens a session to the plain node; edit adjusts the config
// before connecting. The session is closed when the test ends.
func connectPlain(t *testing.T, edit func(*Config)) *Session {
	t.Helper()
	cfg := Config{Hosts: []string{testnode.Addr(t)}, RequestTimeout: 30 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	s, err := Connect(testCtx(t), cfg)
	if err != nil {
		t.Fatalf("connect %v: %v", cfg.Hosts, err)
	}
	t.Cleanup(s.Close)
	return s
}

// secureNode returns the address of the node with PasswordAuthenticator and
// the path of its certificate. The certificate's default path is resolved
// from this package's directory when the environment does not name it.
func secureNode(t *testing.T) (addr, caFile string) {
	t.Helper()
	if os.Getenv(testnode.EnvSecureCA) == "" {
		const local = "../testenv/run/secure/node1/conf/node.pem"
		if _, err := os.Stat(local); err == nil {
			t.Setenv(testnode.EnvSecureCA, local)
		}
	}
	return testnode.SecureAddr(t)
}

// randomName returns prefix followed by 12 random hex digits.
func randomName(prefix string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

// newKeyspace creates a keyspace unique to this test run and drops it when
// the test ends.
func newKeyspace(t *testing.T, s *Session) string {
	t.Helper()
	ctx := testCtx(t)
	ks := randomName("it_")
	mustExec(t, s, "CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
	t.Cleanup(func() {
		if _, err := s.Execute(context.WithoutCancel(ctx), "DROP KEYSPACE IF EXISTS "+ks); err != nil {
			t.Errorf("drop keyspace %s: %v", ks, err)
		}
	})
	return ks
}

// mustExec runs stmt with args and fails the test on error.
func mustExec(t *testing.T, s *Session, stmt string, args ...any) *Result {
	t.Helper()
	res, err := s.Execute(testCtx(t), stmt, args...)
	if err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
	return res
}

// mustQuery runs q and fails the test on error.
func mustQuery(t *testing.T, s *Session, q *Query) *Result {
	t.Helper()
	res, err := s.ExecuteQuery(testCtx(t), q)
	if err != nil {
		t.Fatalf("%s: %v", q.Statement, err)
	}
	return res
}

// canon renders a decoded value with its Go types so that two values compare
// equal exactly when they are the same CQL value: NaN equals NaN, big
// integers compare by value, and every element of a collection keeps its
// type.
func canon(v any) string {
	var b strings.Builder
	writeCanon(&b, v)
	return b.String()
}

func writeCanon(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case []any:
		b.WriteString("[")
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeCanon(b, e)
		}
		b.WriteString("]")
	case []cqltype.MapEntry:
		b.WriteString("{")
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeCanon(b, e.Key)
			b.WriteString(": ")
			writeCanon(b, e.Value)
		}
		b.WriteString("}")
	case []byte:
		fmt.Fprintf(b, "blob(%x)", x)
	case float32:
		fmt.Fprintf(b, "float32(%s)", fmtFloat(float64(x), math.Signbit(float64(x))))
	case float64:
		fmt.Fprintf(b, "float64(%s)", fmtFloat(x, math.Signbit(x)))
	case cqltype.DecimalValue:
		fmt.Fprintf(b, "decimal(%v scale %d)", x.Unscaled, x.Scale)
	default:
		fmt.Fprintf(b, "%T(%v)", v, v)
	}
}

func fmtFloat(f float64, neg bool) string {
	if f == 0 && neg {
		return "-0"
	}
	return fmt.Sprint(f)
}
