package copy

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// TestCopyFromNodeKilled: a node of the 3-node cluster killed mid-load
// (RF 3, QUORUM) costs no row; the node is started again at the end.
func TestCopyFromNodeKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a cluster node: not with -short")
	}
	addrs := testnode.ClusterAddrs(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sess, err := driver.Connect(ctx, driver.Config{Hosts: addrs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close) // after the keyspace is dropped
	ks := testnode.Keyspace(t, "copy_kill")
	exec(t, sess, "CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
	t.Cleanup(func() { exec(t, sess, "DROP KEYSPACE IF EXISTS "+ks) })
	exec(t, sess, "CREATE TABLE "+ks+".t (k int PRIMARY KEY, v text)")
	const rows = 60000
	var b strings.Builder
	for i := range rows {
		fmt.Fprintf(&b, "%d,v%d\n", i, i)
	}
	file := filepath.Join(t.TempDir(), "rows.csv")
	os.WriteFile(file, []byte(b.String()), 0o644)

	var mu sync.Mutex
	var fails []string
	var out lockedBuffer
	out.mu, out.b = &mu, new(bytes.Buffer)
	done := make(chan struct{})
	go func() {
		defer close(done)
		Run(ctx, &Env{
			Session: sess, Schema: schema.NewCache(sess, 0), Keyspace: ks, Consistency: driver.Quorum,
			Stdout: &out, Fail: func(m string) { mu.Lock(); fails = append(fails, m); mu.Unlock() },
		}, "COPY t FROM '"+file+"' WITH INGESTRATE = 20000")
	}()
	time.Sleep(time.Second)
	testnode.Kill(t, testnode.Cluster, 2)
	<-done
	testnode.Start(t, testnode.Cluster, 2)
	mu.Lock()
	text := out.b.String()
	mu.Unlock()
	if !strings.Contains(text, fmt.Sprintf("%d rows imported", rows)) {
		t.Errorf("output: %s\nerrors: %v", text, fails)
	}
	if n := countPages(ctx, t, sess, ks+".t"); n != rows {
		t.Errorf("rows read back at QUORUM = %d, want %d", n, rows)
	}
}

// countPages counts a table's rows page by page at QUORUM. One SELECT
// count(*) over the whole table can outlast the node's read timeout while
// a just-restarted node replays hints and compacts on a busy machine; a
// page of keys cannot. A node killed within the commit log's sync period of
// the CREATE comes back without the keyspace and answers "does not exist"
// or INCOMPATIBLE_SCHEMA until it has pulled the schema again, so a failed
// pass is read again for up to two minutes.
func countPages(ctx context.Context, t *testing.T, sess *driver.Session, table string) int {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		it := sess.Iter(ctx, &driver.Query{Statement: "SELECT token(k) FROM " + table, Consistency: driver.Quorum, PageSize: 5000, Timeout: time.Minute})
		n := 0
		for it.Next() {
			n++
		}
		err := it.Err()
		it.Close()
		if err == nil {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("reading %s back: %v", table, err)
		}
		t.Logf("reading %s back: %v", table, err)
		time.Sleep(2 * time.Second)
	}
}
