package schema

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

func connect(t *testing.T) *driver.Session {
	t.Helper()
	addr := testnode.Addr(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := driver.Connect(ctx, driver.Config{Hosts: []string{addr}, RequestTimeout: 30 * time.Second})
	if err != nil {
		t.Fatalf("connect %s: %v", addr, err)
	}
	t.Cleanup(s.Close)
	return s
}

func exec(t *testing.T, s *driver.Session, stmt string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.ExecuteQuery(ctx, &driver.Query{Statement: stmt, Timeout: time.Minute}); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

// The cache loads a keyspace on first use, finds a table created since
// (loading it again once), reports what does not exist, and forgets a
// keyspace on Invalidate.
func TestCacheOnNode(t *testing.T) {
	s := connect(t)
	ks := testnode.Keyspace(t, "schema_cache")
	exec(t, s, "CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
	t.Cleanup(func() { exec(t, s, "DROP KEYSPACE IF EXISTS "+ks) })
	exec(t, s, "CREATE TABLE "+ks+".t (k int, c int, v text, PRIMARY KEY (k, c))")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	c := NewCache(s, time.Hour) // only invalidation refreshes it
	tb, err := c.Table(ctx, ks, "t")
	if err != nil {
		t.Fatal(err)
	}
	if pk := tb.PartitionKey(); len(pk) != 1 || pk[0].Name != "k" || len(tb.Columns) != 3 {
		t.Errorf("table t: %+v", tb.Columns)
	}
	exec(t, s, "CREATE TABLE "+ks+".later (k int PRIMARY KEY)")
	if _, err := c.Table(ctx, ks, "later"); err != nil {
		t.Errorf("a table created after the keyspace was loaded: %v", err)
	}
	var nf *NotFoundError
	if _, err := c.Table(ctx, ks, "nope"); !errors.As(err, &nf) || nf.Table != "nope" {
		t.Errorf("missing table: %v", err)
	}
	if _, err := c.Keyspace(ctx, ks+"_nope"); !errors.As(err, &nf) || nf.Table != "" {
		t.Errorf("missing keyspace: %v", err)
	}

	exec(t, s, "ALTER TABLE "+ks+".t ADD w int")
	if tb, _ := c.Table(ctx, ks, "t"); tb.Column("w") != nil {
		t.Error("the cache saw the ALTER before it was invalidated")
	}
	c.OnSchemaChange(&driver.SchemaChange{Change: "UPDATED", Target: "TABLE", Keyspace: ks, Name: "t"})
	if tb, _ := c.Table(ctx, ks, "t"); tb == nil || tb.Column("w") == nil {
		t.Error("the cache missed the ALTER after it was invalidated")
	}

	all, err := c.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if all.Keyspace(ks) == nil || all.Keyspace("system_schema") == nil || all.ClusterName == "" || all.Partitioner == "" {
		t.Errorf("whole schema: %d keyspaces, cluster %q, partitioner %q", len(all.Keyspaces), all.ClusterName, all.Partitioner)
	}
	names, err := c.KeyspaceNames(ctx)
	if err != nil || !slices.IsSorted(names) || !slices.Contains(names, ks) {
		t.Errorf("names %q, %v", names, err)
	}
}

// A caller whose context ends first gets what was known, with its
// context's error; the load goes on and serves the next caller.
func TestCacheWaitCutShort(t *testing.T) {
	c := NewCache(connect(t), 0)
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	if names, err := c.KeyspaceNames(ctx); names != nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %q, %v; want nothing yet and the deadline", names, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		short, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		names, _ := c.KeyspaceNames(short)
		cancel()
		if slices.Contains(names, "system") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the load never completed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
