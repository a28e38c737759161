package schema

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/gocqlsh/gocqlsh/driver"
)

// LoadError reports a system_schema (or system.local) read that failed.
type LoadError struct {
	Table string
	Err   error
}

func (e *LoadError) Error() string { return fmt.Sprintf("reading %s: %v", e.Table, e.Err) }

func (e *LoadError) Unwrap() error { return e.Err }

// keyspaceTables are the system_schema tables a keyspace is read from, and
// where each goes in Rows.
func keyspaceTables(r *Rows) []struct {
	name string
	dst  *[]Row
} {
	return []struct {
		name string
		dst  *[]Row
	}{
		{"keyspaces", &r.Keyspaces}, {"tables", &r.Tables}, {"columns", &r.Columns},
		{"types", &r.Types}, {"functions", &r.Functions}, {"aggregates", &r.Aggregates},
		{"indexes", &r.Indexes}, {"views", &r.Views}, {"triggers", &r.Triggers},
	}
}

// loadKeyspace reads keyspace name from every system_schema table, one
// query per table, run concurrently. It returns nil, nil when the keyspace
// does not exist.
func loadKeyspace(ctx context.Context, sess *driver.Session, name string) (*Keyspace, error) {
	r := &Rows{}
	tables := keyspaceTables(r)
	errs := make([]error, len(tables))
	var wg sync.WaitGroup
	for i, t := range tables {
		wg.Go(func() {
			*t.dst, errs[i] = queryRows(ctx, sess, "SELECT * FROM system_schema."+t.name+" WHERE keyspace_name = ?", name)
			if errs[i] != nil {
				errs[i] = &LoadError{Table: "system_schema." + t.name, Err: errs[i]}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	s, err := Build(r)
	if err != nil {
		return nil, err
	}
	return s.Keyspace(name), nil
}

// loadNames reads the names of every keyspace, sorted.
func loadNames(ctx context.Context, sess *driver.Session) ([]string, error) {
	it := sess.Iter(ctx, &driver.Query{Statement: "SELECT keyspace_name FROM system_schema.keyspaces", Consistency: driver.LocalOne})
	var names []string
	for it.Next() {
		var n string
		if err := it.Scan(&n); err != nil {
			it.Close()
			return nil, &LoadError{Table: "system_schema.keyspaces", Err: err}
		}
		names = append(names, n)
	}
	if err := it.Close(); err != nil {
		return nil, &LoadError{Table: "system_schema.keyspaces", Err: err}
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// loadCluster reads the cluster's name and partitioner from system.local.
func loadCluster(ctx context.Context, sess *driver.Session) (name, partitioner string, err error) {
	res, err := sess.ExecuteQuery(ctx, &driver.Query{Statement: "SELECT cluster_name, partitioner FROM system.local", Consistency: driver.LocalOne})
	if err == nil && res.NumRows() > 0 {
		err = res.Scan(0, &name, &partitioner)
	}
	if err != nil {
		return "", "", &LoadError{Table: "system.local", Err: err}
	}
	return name, partitioner, nil
}

// queryRows runs stmt and returns every row, each column decoded (null
// columns present as nil).
func queryRows(ctx context.Context, sess *driver.Session, stmt string, args ...any) ([]Row, error) {
	it := sess.Iter(ctx, &driver.Query{Statement: stmt, Args: args, Consistency: driver.LocalOne})
	var out []Row
	for it.Next() {
		row, err := it.MapRow()
		if err != nil {
			it.Close()
			return nil, err
		}
		out = append(out, row)
	}
	return out, it.Close()
}
