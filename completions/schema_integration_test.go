package completions

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// connect opens a session to the test node, closed when the test ends.
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

func mustExec(t *testing.T, s *driver.Session, stmt string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.Execute(ctx, stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

func TestCacheIntegration(t *testing.T) {
	s := connect(t)
	itKeyspace := testnode.Keyspace(t, "completions_it")
	mustExec(t, s, "CREATE KEYSPACE "+itKeyspace+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
	t.Cleanup(func() { mustExec(t, s, "DROP KEYSPACE IF EXISTS "+itKeyspace) })
	mustExec(t, s, "CREATE TYPE "+itKeyspace+".addr (street text, zip int)")
	mustExec(t, s, "CREATE TABLE "+itKeyspace+`.items (tenant text, day date, seq int, ts timestamp, note text, kind text static, home frozen<addr>, "Mixed" int, PRIMARY KEY ((tenant, day), seq, ts))`)
	mustExec(t, s, "CREATE INDEX items_note_idx ON "+itKeyspace+".items (note)")

	cache := schema.NewCache(s, 0)
	c := NewNames(cache, 20*time.Second)
	if ks := c.Keyspaces(); !slices.Contains(ks, itKeyspace) || !slices.Contains(ks, "system_schema") || !slices.IsSorted(ks) {
		t.Errorf("Keyspaces() = %q", ks)
	}
	if got := c.Tables(itKeyspace); !slices.Equal(got, []string{"items"}) {
		t.Errorf("Tables = %q", got)
	}
	if got := c.Types(itKeyspace); !slices.Equal(got, []string{"addr"}) {
		t.Errorf("Types = %q", got)
	}
	if got := c.Indexes(itKeyspace); !slices.Equal(got, []string{"items_note_idx"}) {
		t.Errorf("Indexes = %q", got)
	}
	if got := c.Functions(itKeyspace); len(got) != 0 {
		t.Errorf("Functions = %q", got)
	}
	wantCols := []Column{
		{"tenant", "partition_key", "text"}, {"day", "partition_key", "date"},
		{"seq", "clustering", "int"}, {"ts", "clustering", "timestamp"},
		{"kind", "static", "text"},
		{"Mixed", "regular", "int"}, {"home", "regular", "frozen<addr>"}, {"note", "regular", "text"},
	}
	if got := c.Columns(itKeyspace, "items"); !slices.Equal(got, wantCols) {
		t.Errorf("Columns =\n%v\nwant\n%v", got, wantCols)
	}
	if got := c.Tables("no_such_keyspace"); len(got) != 0 {
		t.Errorf("Tables(no_such_keyspace) = %q", got)
	}
	if err := c.LastError(); err != nil {
		t.Errorf("LastError() = %v", err)
	}

	// Completion through the cache.
	if in := "SELECT * FROM " + itKeyspace + "."; !slices.Equal(texts(complete(in, c)), []string{"items"}) {
		t.Errorf("%s -> %q", in, texts(complete(in, c)))
	}
	if _, got := Complete("UPDATE items SET ", 17, c, itKeyspace); !slices.Equal(texts(got), []string{"kind", `"Mixed"`, "home", "note"}) {
		t.Errorf("SET -> %q", texts(got))
	}
	if _, got := Complete("CREATE TABLE t (a ", 18, c, itKeyspace); !slices.Contains(texts(got), "addr") {
		t.Errorf("types -> %q", texts(got))
	}

	// New objects show after Invalidate, not before (the TTL is 30 s).
	mustExec(t, s, "CREATE TABLE "+itKeyspace+".items2 (k int PRIMARY KEY)")
	if got := c.Tables(itKeyspace); !slices.Equal(got, []string{"items"}) {
		t.Errorf("before Invalidate: Tables = %q", got)
	}
	cache.Invalidate(itKeyspace)
	if got := c.Tables(itKeyspace); !slices.Equal(got, []string{"items", "items2"}) {
		t.Errorf("after Invalidate: Tables = %q", got)
	}
	mustExec(t, s, "DROP TABLE "+itKeyspace+".items2")
	cache.Invalidate("")
	if got := c.Tables(itKeyspace); !slices.Equal(got, []string{"items"}) {
		t.Errorf("after Invalidate(\"\"): Tables = %q", got)
	}
}

func TestCacheTTLAndTimeout(t *testing.T) {
	s := connect(t)
	// A timeout far shorter than any round trip: the first call returns at
	// once with nothing, the load finishes in the background.
	c := NewNames(schema.NewCache(s, 200*time.Millisecond), time.Microsecond)
	start := time.Now()
	first := c.Keyspaces()
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("Keyspaces() blocked for %v", d)
	}
	deadline := time.Now().Add(20 * time.Second)
	got := first
	for !slices.Contains(got, "system") {
		if time.Now().After(deadline) {
			t.Fatalf("keyspaces never loaded: %q", got)
		}
		time.Sleep(20 * time.Millisecond)
		got = c.Keyspaces()
	}
	// Past the TTL the stale list is still returned while a reload runs.
	time.Sleep(300 * time.Millisecond)
	if got := c.Keyspaces(); !slices.Contains(got, "system") {
		t.Errorf("stale list dropped after TTL: %q", got)
	}

	// Without any Invalidate, a keyspace created elsewhere appears once the
	// TTL has passed.
	ks := testnode.Keyspace(t, "completions_ttl")
	mustExec(t, s, "CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
	t.Cleanup(func() { mustExec(t, s, "DROP KEYSPACE IF EXISTS "+ks) })
	for !slices.Contains(c.Keyspaces(), ks) {
		if time.Now().After(deadline) {
			t.Fatalf("%s never appeared after the TTL", ks)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// complete is Complete at the end of in, outside any keyspace.
func complete(in string, sch Schema) []Suggestion {
	_, got := Complete(in, len(in), sch, "")
	return got
}
