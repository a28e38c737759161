package completions

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/schema"
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

// DefaultTimeout bounds how long a Names method waits for a load before it
// returns what is known.
const DefaultTimeout = 500 * time.Millisecond

// Names is the Schema of a schema.Cache as completion reads it: a method
// never waits longer than its timeout for a load (the load goes on and
// serves later calls), names come sorted, and a failed or slow load leaves
// fewer names, never an error. It is safe for concurrent use.
type Names struct {
	cache   *schema.Cache
	timeout time.Duration

	mu      sync.Mutex
	lastErr error
}

// NewNames reads names from c, waiting at most timeout for a load
// (DefaultTimeout when <= 0).
func NewNames(c *schema.Cache, timeout time.Duration) *Names {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Names{cache: c, timeout: timeout}
}

// LastError returns the error of the most recent failed load, or nil. Loads
// fail quietly (completion just offers fewer names); this tells why.
func (n *Names) LastError() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.lastErr
}

// note keeps a load's error for LastError; a wait cut short is not one.
func (n *Names) note(err error) {
	if err == nil || errors.Is(err, context.DeadlineExceeded) {
		return
	}
	n.mu.Lock()
	n.lastErr = err
	n.mu.Unlock()
}

// Keyspaces returns the names of all keyspaces, sorted.
func (n *Names) Keyspaces() []string {
	ctx, cancel := context.WithTimeout(context.Background(), n.timeout)
	defer cancel()
	names, err := n.cache.KeyspaceNames(ctx)
	n.note(err)
	return names
}

// keyspace returns what is known of ks, or nil. Only keyspaces in the
// keyspace list are asked for, so names typed at random neither reach the
// server nor grow the cache.
func (n *Names) keyspace(ks string) *schema.Keyspace {
	if ks == "" {
		return nil
	}
	if _, ok := slices.BinarySearch(n.Keyspaces(), ks); !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), n.timeout)
	defer cancel()
	k, err := n.cache.Keyspace(ctx, ks)
	n.note(err)
	return k
}

// sortedNames lists name(x) for each x, sorted, each name once.
func sortedNames[T any](xs []T, name func(T) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, name(x))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Tables returns the tables of ks, sorted.
func (n *Names) Tables(ks string) []string {
	if k := n.keyspace(ks); k != nil {
		return sortedNames(k.Tables, func(t *schema.Table) string { return t.Name })
	}
	return nil
}

// Columns returns the columns of table (or view) ks.table in key order.
func (n *Names) Columns(ks, table string) []Column {
	k := n.keyspace(ks)
	if k == nil {
		return nil
	}
	var cols []*schema.Column
	if t := k.Table(table); t != nil {
		cols = t.Columns
	} else if v := k.View(table); v != nil {
		cols = v.Columns
	}
	out := make([]Column, 0, len(cols))
	for _, c := range cols {
		out = append(out, Column{Name: c.Name, Kind: c.Kind, Type: c.Type})
	}
	return out
}

// Types returns the user-defined types of ks, sorted.
func (n *Names) Types(ks string) []string {
	if k := n.keyspace(ks); k != nil {
		return sortedNames(k.Types, func(u *schema.UserType) string { return u.Name })
	}
	return nil
}

// Functions returns the user-defined function names of ks, sorted, once
// each however many overloads there are.
func (n *Names) Functions(ks string) []string {
	if k := n.keyspace(ks); k != nil {
		return sortedNames(k.Functions, func(f *schema.Function) string { return f.Name })
	}
	return nil
}

// Aggregates returns the user-defined aggregate names of ks, sorted.
func (n *Names) Aggregates(ks string) []string {
	if k := n.keyspace(ks); k != nil {
		return sortedNames(k.Aggregates, func(a *schema.Aggregate) string { return a.Name })
	}
	return nil
}

// Views returns the materialized views of ks, sorted.
func (n *Names) Views(ks string) []string {
	if k := n.keyspace(ks); k != nil {
		return sortedNames(k.Views, func(v *schema.View) string { return v.Name })
	}
	return nil
}

// Indexes returns the secondary indexes of ks, sorted.
func (n *Names) Indexes(ks string) []string {
	k := n.keyspace(ks)
	if k == nil {
		return nil
	}
	var ixs []*schema.Index
	for _, t := range k.Tables {
		ixs = append(ixs, t.Indexes...)
	}
	return sortedNames(ixs, func(ix *schema.Index) string { return ix.Name })
}
