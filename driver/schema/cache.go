package schema

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
)

// Cache defaults.
const (
	// DefaultTTL is how long a loaded keyspace is trusted without an
	// invalidation, in case an event was missed.
	DefaultTTL = 30 * time.Second
	// loadTimeout bounds one load, whoever waits for it.
	loadTimeout = 10 * time.Second
	// retryAfter is how soon a failed load may be tried again.
	retryAfter = 2 * time.Second
)

// NotFoundError reports a keyspace, or a table or view of a keyspace, that
// the schema does not have.
type NotFoundError struct {
	Keyspace, Table string // Table is "" for a keyspace
}

func (e *NotFoundError) Error() string {
	if e.Table == "" {
		return fmt.Sprintf("keyspace %q does not exist", e.Keyspace)
	}
	return fmt.Sprintf("table %q.%q does not exist", e.Keyspace, e.Table)
}

// Cache is the schema read through a session: the keyspace names, and each
// keyspace loaded on first use, reloaded after Invalidate or once older than
// the TTL. A load runs on its own (bounded by loadTimeout), so a caller that
// stops waiting — its context ended — does not cancel it for the others;
// such a caller gets what was loaded before, with its context's error. It
// is safe for concurrent use.
type Cache struct {
	sess *driver.Session
	ttl  time.Duration

	mu    sync.Mutex
	names entry[[]string]
	ks    map[string]*entry[*Keyspace]
}

// entry is one cached value with its load state.
type entry[T any] struct {
	val     T
	err     error         // the last load's error
	loaded  time.Time     // zero: never loaded or invalidated
	gen     uint64        // bumped by Invalidate; a load started before is stale
	loading chan struct{} // non-nil while a load runs; closed when it ends
}

// NewCache returns an empty Cache reading through sess; ttl <= 0 means
// DefaultTTL.
func NewCache(sess *driver.Session, ttl time.Duration) *Cache {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	return &Cache{sess: sess, ttl: ttl, ks: map[string]*entry[*Keyspace]{}}
}

// Invalidate forgets keyspace ks, or everything when ks is "", so that the
// next use reloads it; the keyspace names are reloaded too (a keyspace may
// have come or gone). What was loaded stays available to callers that
// cannot wait until the reload succeeds.
func (c *Cache) Invalidate(ks string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.names.loaded, c.names.gen = time.Time{}, c.names.gen+1
	for name, e := range c.ks {
		if ks == "" || name == ks {
			e.loaded, e.gen = time.Time{}, e.gen+1
		}
	}
}

// OnSchemaChange invalidates what a schema-change event (or the result of
// a DDL statement) says changed; it fits driver.Config.OnSchemaChange.
func (c *Cache) OnSchemaChange(sc *driver.SchemaChange) {
	if sc != nil {
		c.Invalidate(sc.Keyspace)
	}
}

// KeyspaceNames returns the names of every keyspace, sorted.
func (c *Cache) KeyspaceNames(ctx context.Context) ([]string, error) {
	return get(ctx, c, &c.names, func(ctx context.Context) ([]string, error) { return loadNames(ctx, c.sess) })
}

// Keyspace returns keyspace name, loading it when needed, or a
// *NotFoundError. A name the keyspace list lacks is looked up again once
// (the list may predate the keyspace) and never loaded otherwise, so names
// typed at random neither reach the server nor grow the cache.
func (c *Cache) Keyspace(ctx context.Context, name string) (*Keyspace, error) {
	names, err := c.KeyspaceNames(ctx)
	if err != nil && names == nil {
		return nil, err
	}
	if _, ok := slices.BinarySearch(names, name); !ok {
		c.mu.Lock()
		c.names.loaded = time.Time{}
		c.mu.Unlock()
		if names, err = c.KeyspaceNames(ctx); err != nil {
			return nil, err
		}
		if _, ok := slices.BinarySearch(names, name); !ok {
			return nil, &NotFoundError{Keyspace: name}
		}
	}
	c.mu.Lock()
	e, ok := c.ks[name]
	if !ok {
		e = &entry[*Keyspace]{}
		c.ks[name] = e
	}
	c.mu.Unlock()
	ks, err := get(ctx, c, e, func(ctx context.Context) (*Keyspace, error) { return loadKeyspace(ctx, c.sess, name) })
	if err == nil && ks == nil {
		err = &NotFoundError{Keyspace: name}
	}
	return ks, err
}

// Cached returns keyspace name as far as it is known, waiting for a load at
// most until ctx ends: what completion shows while it types. It returns
// nil for a keyspace not (yet) known.
func (c *Cache) Cached(ctx context.Context, name string) *Keyspace {
	ks, _ := c.Keyspace(ctx, name)
	return ks
}

// Table returns table (or materialized view, as a Table with its columns)
// ks.name, or a *NotFoundError. A table missing from a loaded keyspace has
// it loaded again once, in case it was created since.
func (c *Cache) Table(ctx context.Context, ks, name string) (*Table, error) {
	for attempt := 0; ; attempt++ {
		k, err := c.Keyspace(ctx, ks)
		if err != nil {
			return nil, err
		}
		if t := k.Table(name); t != nil {
			return t, nil
		}
		if v := k.View(name); v != nil {
			return &Table{Keyspace: v.Keyspace, Name: v.Name, Columns: v.Columns, Options: v.Options}, nil
		}
		if attempt > 0 {
			return nil, &NotFoundError{Keyspace: ks, Table: name}
		}
		c.Invalidate(ks)
	}
}

// Schema returns every keyspace, with the cluster's name and partitioner:
// what DESCRIBE needs when the server cannot answer it.
func (c *Cache) Schema(ctx context.Context) (*Schema, error) {
	names, err := c.KeyspaceNames(ctx)
	if err != nil {
		return nil, err
	}
	s := &Schema{}
	for _, n := range names {
		ks, err := c.Keyspace(ctx, n)
		var nf *NotFoundError
		switch {
		case err == nil:
			s.Keyspaces = append(s.Keyspaces, ks)
		case !errors.As(err, &nf): // one dropped meanwhile is left out
			return nil, err
		}
	}
	if s.ClusterName, s.Partitioner, err = loadCluster(ctx, c.sess); err != nil {
		return nil, err
	}
	s.sort()
	return s, nil
}

// get returns e's value, starting a load when e is stale and waiting for
// it until ctx ends; then it returns the value loaded before with ctx's
// error. A failed load keeps the previous value and may be retried after
// retryAfter.
func get[T any](ctx context.Context, c *Cache, e *entry[T], load func(ctx context.Context) (T, error)) (T, error) {
	c.mu.Lock()
	if !e.loaded.IsZero() && time.Since(e.loaded) < c.ttl {
		v, err := e.val, e.err
		c.mu.Unlock()
		return v, err
	}
	if e.loading == nil {
		e.loading = make(chan struct{})
		go runLoad(c, e, e.gen, load)
	}
	wait := e.loading
	c.mu.Unlock()
	select {
	case <-wait:
	case <-ctx.Done():
		c.mu.Lock()
		defer c.mu.Unlock()
		return e.val, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return e.val, e.err
}

// runLoad runs one load of e and records its outcome, then closes e's
// loading channel. gen is e's generation when the load started: a load
// overtaken by an invalidation stores its value but leaves e stale.
func runLoad[T any](c *Cache, e *entry[T], gen uint64, load func(ctx context.Context) (T, error)) {
	ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
	v, err := load(ctx)
	cancel()
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case err != nil:
		// The old value stays; the next use may try again soon, not at
		// once on every call.
		e.err, e.loaded = err, time.Now().Add(retryAfter-c.ttl)
	case gen == e.gen:
		e.val, e.err, e.loaded = v, nil, time.Now()
	default:
		e.val, e.err = v, nil
	}
	close(e.loading)
	e.loading = nil
}
