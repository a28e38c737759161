package describe

import (
	"context"
	"fmt"

	"github.com/gocqlsh/gocqlsh/driver"
)

// LoadError reports a system_schema read that failed.
type LoadError struct {
	Table string
	Err   error
}

func (e *LoadError) Error() string { return fmt.Sprintf("reading %s: %v", e.Table, e.Err) }

func (e *LoadError) Unwrap() error { return e.Err }

// Load reads the schema from the system_schema tables (and the cluster name
// and partitioner from system.local) through sess.
func Load(ctx context.Context, sess *driver.Session) (*Schema, error) {
	r, err := LoadRows(ctx, sess)
	if err != nil {
		return nil, err
	}
	return Build(r), nil
}

// LoadRows reads every system_schema table DESCRIBE needs, whole.
func LoadRows(ctx context.Context, sess *driver.Session) (*Rows, error) {
	r := &Rows{}
	for _, t := range []struct {
		table string
		dst   *[]Row
	}{
		{"keyspaces", &r.Keyspaces}, {"tables", &r.Tables}, {"columns", &r.Columns},
		{"dropped_columns", &r.DroppedColumns}, {"types", &r.Types}, {"functions", &r.Functions},
		{"aggregates", &r.Aggregates}, {"indexes", &r.Indexes}, {"views", &r.Views},
		{"triggers", &r.Triggers},
	} {
		rows, err := queryRows(ctx, sess, "SELECT * FROM system_schema."+t.table)
		if err != nil {
			return nil, &LoadError{Table: "system_schema." + t.table, Err: err}
		}
		*t.dst = rows
	}
	local, err := queryRows(ctx, sess, "SELECT cluster_name, partitioner FROM system.local")
	if err != nil {
		return nil, &LoadError{Table: "system.local", Err: err}
	}
	if len(local) > 0 {
		r.ClusterName = str(local[0], "cluster_name")
		r.Partitioner = str(local[0], "partitioner")
	}
	return r, nil
}

// queryRows runs stmt and returns every row, null columns present as nil.
func queryRows(ctx context.Context, sess *driver.Session, stmt string) ([]Row, error) {
	it := sess.Iter(ctx, &driver.Query{Statement: stmt, Consistency: driver.LocalOne})
	defer it.Close()
	var out []Row
	for it.Next() {
		row := Row{}
		for j, c := range it.Columns() {
			v, err := it.Value(j)
			if err != nil {
				return nil, err
			}
			row[c.Name] = v
		}
		out = append(out, row)
	}
	return out, it.Err()
}
