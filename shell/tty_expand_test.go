package shell

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// ttyKeyspace makes a keyspace of the test's own for a terminal test, with
// one table t (pk int PRIMARY KEY, v text), dropped when the test ends.
func ttyKeyspace(t *testing.T, addr string) (string, *driver.Session) {
	t.Helper()
	sess, err := driver.Connect(context.Background(), driver.Config{Hosts: []string{addr}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	ks := testKeyspace(t, sess)
	mustExec(t, sess, "CREATE TABLE "+ks+".t (pk int PRIMARY KEY, v text)")
	return ks, sess
}

// TestTTYExpandAuto: with EXPAND AUTO a row 100 columns wide prints in the
// "@ Row N" form in a 70-column window, and as a table in a 200-column one.
func TestTTYExpandAuto(t *testing.T) {
	addr := testnode.Addr(t)
	ks, sess := ttyKeyspace(t, addr)
	mustExec(t, sess, "INSERT INTO "+ks+".t (pk, v) VALUES (1, '"+strings.Repeat("w", 100)+"')")
	for _, tt := range []struct {
		cols     int
		expanded bool
	}{{70, true}, {200, false}} {
		t.Run(fmt.Sprintf("%d columns", tt.cols), func(t *testing.T) {
			s := startTTYSized(t, addr, "", tt.cols, 40)
			sc := s.statement("EXPAND AUTO", "cqlsh>")
			if !strings.Contains(sc, "EXPAND set to AUTO") {
				t.Fatalf("EXPAND AUTO:\n%s", sc)
			}
			sc = s.statement("SELECT pk, v FROM "+ks+".t WHERE pk = 1", "cqlsh>")
			vertical := strings.Contains(sc, "@ Row 1") && strings.Contains(sc, " v  | www")
			table := strings.Contains(sc, " pk | v") && strings.Contains(sc, "  1 | www")
			if vertical != tt.expanded || table == tt.expanded {
				t.Errorf("expanded %v, want %v:\n%s", vertical, tt.expanded, sc)
			}
		})
	}
}
