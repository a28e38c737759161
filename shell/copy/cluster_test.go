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

// pageHosts records, per statement, the hosts that answered it.
type pageHosts struct {
	mu    sync.Mutex
	hosts map[string]map[string]int
}

func (p *pageHosts) ObserveRequest(o driver.ObservedRequest) {
	if o.Err != nil || !strings.Contains(o.Statement, "token(") {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.hosts[o.Statement] == nil {
		p.hosts[o.Statement] = map[string]int{}
	}
	p.hosts[o.Statement][o.Host.Addr()]++
}

// TestCopyToRangesStayOnAReplica: COPY TO on the 3-node cluster reads each
// token range's pages from the replica that read its first page (its caches
// hold the range), while the ranges spread over the nodes.
func TestCopyToRangesStayOnAReplica(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	obs := &pageHosts{hosts: map[string]map[string]int{}}
	sess, err := driver.Connect(ctx, driver.Config{Hosts: addrs, Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	ks := testnode.Keyspace(t, "copy_sticky")
	exec(t, sess, "CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}")
	t.Cleanup(func() { exec(t, sess, "DROP KEYSPACE IF EXISTS "+ks) })
	exec(t, sess, "CREATE TABLE "+ks+".t (k int PRIMARY KEY, v text)")
	const rows = 20000
	// QUORUM on both sides: a row written at ONE may not have reached the
	// replica a range is then read from at ONE.
	ins := &driver.Query{Statement: "INSERT INTO " + ks + ".t (k, v) VALUES (?, ?)", Idempotent: true, Consistency: driver.Quorum}
	for r := range sess.ExecuteConcurrentStream(ctx, ins, func(yield func([]any) bool) {
		for i := range rows {
			if !yield([]any{int32(i), fmt.Sprint("v", i)}) {
				return
			}
		}
	}, driver.ConcurrentOptions{Concurrency: 64}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	var out bytes.Buffer
	var fails []string
	file := filepath.Join(t.TempDir(), "out.csv")
	Run(ctx, &Env{
		Session: sess, Schema: schema.NewCache(sess, 0), Keyspace: ks, Consistency: driver.Quorum,
		Policy: driver.TokenAware{Fallback: driver.DCAwareRoundRobin{}},
		Stdout: &out, Fail: func(m string) { fails = append(fails, m) },
	}, "COPY t TO '"+file+"' WITH PAGESIZE = 100")
	if !strings.Contains(out.String(), fmt.Sprintf("%d rows exported", rows)) || len(fails) > 0 {
		t.Fatalf("output: %s\nerrors: %v", out.String(), fails)
	}
	obs.mu.Lock()
	defer obs.mu.Unlock()
	used := map[string]bool{}
	paged := 0
	for stmt, hosts := range obs.hosts {
		n := 0
		for h, pages := range hosts {
			used[h] = true
			n += pages
		}
		if n > 1 {
			paged++
		}
		if len(hosts) != 1 {
			t.Errorf("%d pages of one range from %d hosts %v: %s", n, len(hosts), hosts, stmt)
		}
	}
	t.Logf("%d ranges (%d of them paged) read from %d hosts", len(obs.hosts), paged, len(used))
	if paged == 0 || len(used) < 2 {
		t.Errorf("%d ranges paged, %d hosts used: the test saw no spread of paged ranges", paged, len(used))
	}
}
