package completions

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
)

// Schema is what completion needs to know about the cluster's schema. Names
// are returned as stored (unquoted, case preserved).
type Schema interface {
	Keyspaces() []string
	Tables(ks string) []string
	// Columns returns a table's (or view's) columns in key order: partition
	// key, clustering columns, then static and regular ones.
	Columns(ks, table string) []Column
	Types(ks string) []string
	Functions(ks string) []string
	Aggregates(ks string) []string
	Views(ks string) []string
	Indexes(ks string) []string
}

// Column is one column of a table.
type Column struct {
	Name string
	// Kind is partition_key, clustering, static or regular.
	Kind string
	// Type is the CQL type as the schema tables spell it.
	Type string
}

// Cache defaults.
const (
	DefaultTTL     = 30 * time.Second
	DefaultTimeout = 500 * time.Millisecond
	loadTimeout    = 10 * time.Second
	retryAfter     = 2 * time.Second
)

// CacheOptions tune a Cache. Zero values mean the defaults.
type CacheOptions struct {
	// TTL is how long loaded names are trusted without an Invalidate
	// (default DefaultTTL).
	TTL time.Duration
	// Timeout bounds how long a method waits for a load before it returns
	// what is cached (default DefaultTimeout). The load goes on in the
	// background and serves later calls.
	Timeout time.Duration
}

// Cache is a Schema read from the system_schema tables through a session.
// The keyspace list and each keyspace's objects are loaded lazily, on first
// use, and reloaded after Invalidate or once older than the TTL. A method
// never waits longer than the timeout: a slow or failing load leaves the
// previous (possibly empty) names in place. Cache is safe for concurrent use.
type Cache struct {
	sess    *driver.Session
	ttl     time.Duration
	timeout time.Duration

	mu      sync.Mutex
	lastErr error
	list    entry[[]string]
	ks      map[string]*entry[*ksSchema]
}

// ksSchema is everything cached about one keyspace.
type ksSchema struct {
	tables, types, functions, aggregates, views, indexes []string
	columns                                              map[string][]Column
}

// entry is one cached value with its load state.
type entry[T any] struct {
	val     T
	loaded  time.Time     // zero: never loaded or invalidated
	gen     uint64        // bumped by Invalidate; a load started before is stale
	loading chan struct{} // non-nil while a load runs; closed when it ends
}

// NewCache returns an empty Cache reading through sess.
func NewCache(sess *driver.Session, opts CacheOptions) *Cache {
	c := &Cache{sess: sess, ttl: opts.TTL, timeout: opts.Timeout, ks: make(map[string]*entry[*ksSchema])}
	if c.ttl <= 0 {
		c.ttl = DefaultTTL
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	return c
}

// Invalidate forgets what is known about keyspace ks, or about everything
// when ks is "", so the next use reloads it. The shell calls it after DDL
// and on schema-change events. Stale names stay available until the reload
// succeeds.
func (c *Cache) Invalidate(ks string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ks == "" {
		c.list.loaded, c.list.gen = time.Time{}, c.list.gen+1
		for _, e := range c.ks {
			e.loaded, e.gen = time.Time{}, e.gen+1
		}
		return
	}
	if e, ok := c.ks[ks]; ok {
		e.loaded, e.gen = time.Time{}, e.gen+1
	}
	// A keyspace created or dropped changes the list too.
	c.list.loaded, c.list.gen = time.Time{}, c.list.gen+1
}

// get returns e's value, first starting a load when e is stale and waiting
// for it at most c.timeout. The caller must not hold c.mu.
func get[T any](c *Cache, e *entry[T], load func(ctx context.Context) (T, error)) T {
	c.mu.Lock()
	fresh := !e.loaded.IsZero() && time.Since(e.loaded) < c.ttl
	if fresh {
		v := e.val
		c.mu.Unlock()
		return v
	}
	if e.loading == nil {
		done := make(chan struct{})
		e.loading = done
		gen := e.gen
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
			v, err := load(ctx)
			cancel()
			c.mu.Lock()
			switch {
			case err != nil:
				// keep the old value; retry soon rather than on every call
				e.loaded = time.Now().Add(retryAfter - c.ttl)
				c.lastErr = err
			case gen == e.gen:
				e.val, e.loaded = v, time.Now()
			default:
				e.val = v // newer than what we had, but invalidated meanwhile
			}
			e.loading = nil
			c.mu.Unlock()
			close(done)
		}()
	}
	wait := e.loading
	c.mu.Unlock()

	t := time.NewTimer(c.timeout)
	defer t.Stop()
	select {
	case <-wait:
	case <-t.C:
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return e.val
}

// LastError returns the error of the most recent failed load, or nil. Loads
// fail quietly (completion just offers fewer names); this tells why.
func (c *Cache) LastError() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lastErr
}

// Keyspaces returns the names of all keyspaces, sorted.
func (c *Cache) Keyspaces() []string {
	return get(c, &c.list, c.loadKeyspaces)
}

// keyspace returns the cached schema of ks (nil when unknown or not loaded).
// Only keyspaces in the keyspace list are loaded, so names typed at random
// neither reach the server nor grow the cache.
func (c *Cache) keyspace(ks string) *ksSchema {
	if ks == "" {
		return nil
	}
	if _, ok := slices.BinarySearch(c.Keyspaces(), ks); !ok {
		return nil
	}
	c.mu.Lock()
	e, ok := c.ks[ks]
	if !ok {
		e = &entry[*ksSchema]{}
		c.ks[ks] = e
	}
	c.mu.Unlock()
	return get(c, e, func(ctx context.Context) (*ksSchema, error) { return c.loadKeyspace(ctx, ks) })
}

// Tables returns the tables of ks, sorted.
func (c *Cache) Tables(ks string) []string {
	if s := c.keyspace(ks); s != nil {
		return s.tables
	}
	return nil
}

// Columns returns the columns of table (or view) ks.table in key order.
func (c *Cache) Columns(ks, table string) []Column {
	if s := c.keyspace(ks); s != nil {
		return s.columns[table]
	}
	return nil
}

// Types returns the user-defined types of ks, sorted.
func (c *Cache) Types(ks string) []string {
	if s := c.keyspace(ks); s != nil {
		return s.types
	}
	return nil
}

// Functions returns the user-defined function names of ks, sorted, once
// each however many overloads there are.
func (c *Cache) Functions(ks string) []string {
	if s := c.keyspace(ks); s != nil {
		return s.functions
	}
	return nil
}

// Aggregates returns the user-defined aggregate names of ks, sorted.
func (c *Cache) Aggregates(ks string) []string {
	if s := c.keyspace(ks); s != nil {
		return s.aggregates
	}
	return nil
}

// Views returns the materialized views of ks, sorted.
func (c *Cache) Views(ks string) []string {
	if s := c.keyspace(ks); s != nil {
		return s.views
	}
	return nil
}

// Indexes returns the secondary indexes of ks, sorted.
func (c *Cache) Indexes(ks string) []string {
	if s := c.keyspace(ks); s != nil {
		return s.indexes
	}
	return nil
}

// SchemaError reports a failed read of the schema tables.
type SchemaError struct {
	Query string
	Err   error
}

func (e *SchemaError) Error() string { return fmt.Sprintf("reading schema (%s): %v", e.Query, e.Err) }

func (e *SchemaError) Unwrap() error { return e.Err }

// rows runs stmt and returns each row's cells as strings (int cells are
// formatted), n cells per row.
func (c *Cache) rows(ctx context.Context, stmt string, n int, args ...any) ([][]string, error) {
	it := c.sess.Iter(ctx, &driver.Query{Statement: stmt, Args: args})
	var out [][]string
	for it.Next() {
		row := make([]string, n)
		for j := range n {
			v, err := it.Value(j)
			if err != nil {
				it.Close()
				return nil, &SchemaError{Query: stmt, Err: err}
			}
			switch x := v.(type) {
			case string:
				row[j] = x
			case nil:
			default:
				row[j] = fmt.Sprint(x)
			}
		}
		out = append(out, row)
	}
	if err := it.Close(); err != nil {
		return nil, &SchemaError{Query: stmt, Err: err}
	}
	return out, nil
}

// loadKeyspaces reads the keyspace list.
func (c *Cache) loadKeyspaces(ctx context.Context) ([]string, error) {
	rows, err := c.rows(ctx, "SELECT keyspace_name FROM system_schema.keyspaces", 1)
	if err != nil {
		return nil, err
	}
	return firstColumn(rows), nil
}

// firstColumn returns the distinct first cells of rows, sorted.
func firstColumn(rows [][]string) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, r[0])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// loadKeyspace reads every object of keyspace ks, one query per schema
// table, run concurrently.
func (c *Cache) loadKeyspace(ctx context.Context, ks string) (*ksSchema, error) {
	queries := []struct {
		stmt string
		n    int
	}{
		{"SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", 1},
		{"SELECT type_name FROM system_schema.types WHERE keyspace_name = ?", 1},
		{"SELECT function_name FROM system_schema.functions WHERE keyspace_name = ?", 1},
		{"SELECT aggregate_name FROM system_schema.aggregates WHERE keyspace_name = ?", 1},
		{"SELECT view_name FROM system_schema.views WHERE keyspace_name = ?", 1},
		{"SELECT index_name FROM system_schema.indexes WHERE keyspace_name = ?", 1},
		{"SELECT table_name, column_name, kind, position, type FROM system_schema.columns WHERE keyspace_name = ?", 5},
	}
	results := make([][][]string, len(queries))
	errs := make([]error, len(queries))
	var wg sync.WaitGroup
	for i, q := range queries {
		wg.Go(func() { results[i], errs[i] = c.rows(ctx, q.stmt, q.n, ks) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	s := &ksSchema{
		tables:     firstColumn(results[0]),
		types:      firstColumn(results[1]),
		functions:  firstColumn(results[2]),
		aggregates: firstColumn(results[3]),
		views:      firstColumn(results[4]),
		indexes:    firstColumn(results[5]),
		columns:    make(map[string][]Column),
	}
	type posCol struct {
		Column
		pos int
	}
	byTable := make(map[string][]posCol)
	for _, r := range results[6] {
		pos, _ := strconv.Atoi(r[3])
		byTable[r[0]] = append(byTable[r[0]], posCol{Column{Name: r[1], Kind: r[2], Type: r[4]}, pos})
	}
	for t, cs := range byTable {
		slices.SortFunc(cs, func(a, b posCol) int {
			if k := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); k != 0 {
				return k
			}
			if a.Kind == "partition_key" || a.Kind == "clustering" {
				if p := cmp.Compare(a.pos, b.pos); p != 0 {
					return p
				}
			}
			return cmp.Compare(a.Name, b.Name)
		})
		out := make([]Column, len(cs))
		for i, pc := range cs {
			out[i] = pc.Column
		}
		s.columns[t] = out
	}
	return s, nil
}

// kindRank orders column kinds as a primary key reads.
func kindRank(kind string) int {
	switch kind {
	case "partition_key":
		return 0
	case "clustering":
		return 1
	case "static":
		return 2
	}
	return 3
}
