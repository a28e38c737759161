package schema

import (
	"fmt"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// Row is one row of a system_schema table: column name to value as
// cqltype.Decode gives it. A column the server has but left null is present
// with a nil value; a column the server does not have is absent.
type Row = map[string]any

// Rows holds the rows read from each system_schema table, plus the two
// system.local values DESCRIBE CLUSTER prints.
type Rows struct {
	Keyspaces, Tables, Columns, Types               []Row
	Functions, Aggregates, Indexes, Views, Triggers []Row
	ClusterName, Partitioner                        string
}

// BuildError reports a system_schema row whose column does not hold what
// the schema tables define there.
type BuildError struct {
	Table, Column string
	Value         any
}

func (e *BuildError) Error() string {
	return fmt.Sprintf("system_schema.%s: column %s holds %T, not what the schema tables define", e.Table, e.Column, e.Value)
}

// fields reads the columns of one row, keeping the first column that does
// not hold the expected type. A missing or null column reads as the zero
// value.
type fields struct {
	table string
	row   Row
	err   error
}

func (f *fields) bad(k string, v any) {
	if f.err == nil {
		f.err = &BuildError{Table: f.table, Column: k, Value: v}
	}
}

func (f *fields) str(k string) string {
	v := f.row[k]
	s, ok := v.(string)
	if !ok && v != nil {
		f.bad(k, v)
	}
	return s
}

func (f *fields) boolOr(k string, def bool) bool {
	v := f.row[k]
	if v == nil {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		f.bad(k, v)
		return def
	}
	return b
}

func (f *fields) int(k string) int {
	switch x := f.row[k].(type) {
	case nil:
		return 0
	case int32:
		return int(x)
	case int64:
		return int(x)
	case int:
		return x
	default:
		f.bad(k, x)
	}
	return 0
}

// strs reads a list<text> / frozen<list<text>>.
func (f *fields) strs(k string) []string {
	switch l := f.row[k].(type) {
	case nil:
		return nil
	case []string:
		return l
	case []any:
		out := make([]string, 0, len(l))
		for _, x := range l {
			s, ok := x.(string)
			if !ok {
				f.bad(k, x)
			}
			out = append(out, s)
		}
		return out
	default:
		f.bad(k, l)
	}
	return nil
}

// textMap reads a map<text, text>.
func (f *fields) textMap(k string) map[string]string {
	out := map[string]string{}
	switch m := f.row[k].(type) {
	case nil:
	case map[string]string:
		for key, v := range m {
			out[key] = v
		}
	case []cqltype.MapEntry:
		for _, e := range m {
			key, ok1 := e.Key.(string)
			v, ok2 := e.Value.(string)
			if !ok1 || !ok2 {
				f.bad(k, e)
				continue
			}
			out[key] = v
		}
	default:
		f.bad(k, m)
	}
	return out
}

// Build assembles a Schema from system_schema rows. Rows that name an
// unknown keyspace or table are ignored; a column holding the wrong type
// is a *BuildError.
func Build(r *Rows) (*Schema, error) {
	b := &builder{s: &Schema{ClusterName: r.ClusterName, Partitioner: r.Partitioner}, byName: map[string]*Keyspace{}}
	b.keyspaces(r.Keyspaces)
	columns := b.columns(r.Columns)
	b.tables(r.Tables, columns)
	b.indexes(r.Indexes)
	b.triggers(r.Triggers)
	b.views(r.Views, columns)
	b.types(r.Types)
	b.functions(r.Functions)
	b.aggregates(r.Aggregates)
	if b.err != nil {
		return nil, b.err
	}
	b.s.sort()
	return b.s, nil
}

// builder is the state of one Build: the schema so far, its keyspaces and
// tables by name, and the first error.
type builder struct {
	s      *Schema
	byName map[string]*Keyspace
	tabs   map[[2]string]*Table
	err    error
}

// each calls fn with the fields of every row, keeping the first error.
func (b *builder) each(table string, rows []Row, fn func(f *fields)) {
	for _, row := range rows {
		f := &fields{table: table, row: row}
		fn(f)
		if f.err != nil && b.err == nil {
			b.err = f.err
		}
	}
}

func (b *builder) keyspaces(rows []Row) {
	b.each("keyspaces", rows, func(f *fields) {
		ks := &Keyspace{Name: f.str("keyspace_name"), DurableWrites: f.boolOr("durable_writes", true), Replication: f.textMap("replication")}
		b.byName[ks.Name] = ks
		b.s.Keyspaces = append(b.s.Keyspaces, ks)
	})
}

func (b *builder) columns(rows []Row) map[[2]string][]*Column {
	out := map[[2]string][]*Column{}
	b.each("columns", rows, func(f *fields) {
		k := [2]string{f.str("keyspace_name"), f.str("table_name")}
		out[k] = append(out[k], &Column{
			Name:     f.str("column_name"),
			Type:     f.str("type"),
			Kind:     strings.ToLower(f.str("kind")),
			Position: f.int("position"),
			Order:    strings.ToLower(f.str("clustering_order")),
		})
	})
	return out
}

func (b *builder) tables(rows []Row, columns map[[2]string][]*Column) {
	b.tabs = map[[2]string]*Table{}
	b.each("tables", rows, func(f *fields) {
		t := &Table{Keyspace: f.str("keyspace_name"), Name: f.str("table_name"), Options: f.row}
		ks := b.byName[t.Keyspace]
		if ks == nil {
			return
		}
		key := [2]string{t.Keyspace, t.Name}
		t.Columns = columns[key]
		b.tabs[key] = t
		ks.Tables = append(ks.Tables, t)
	})
}

func (b *builder) indexes(rows []Row) {
	b.each("indexes", rows, func(f *fields) {
		ix := &Index{
			Keyspace: f.str("keyspace_name"),
			Table:    f.str("table_name"),
			Name:     f.str("index_name"),
			Kind:     strings.ToUpper(f.str("kind")),
			Options:  f.textMap("options"),
		}
		if t := b.tabs[[2]string{ix.Keyspace, ix.Table}]; t != nil {
			t.Indexes = append(t.Indexes, ix)
		}
	})
}

func (b *builder) triggers(rows []Row) {
	b.each("triggers", rows, func(f *fields) {
		opts := f.textMap("options")
		if t := b.tabs[[2]string{f.str("keyspace_name"), f.str("table_name")}]; t != nil {
			t.Triggers = append(t.Triggers, &Trigger{Name: f.str("trigger_name"), Class: opts["class"]})
		}
	})
}

func (b *builder) views(rows []Row, columns map[[2]string][]*Column) {
	b.each("views", rows, func(f *fields) {
		v := &View{
			Keyspace:          f.str("keyspace_name"),
			Name:              f.str("view_name"),
			BaseTable:         f.str("base_table_name"),
			IncludeAllColumns: f.boolOr("include_all_columns", false),
			Where:             f.str("where_clause"),
			Options:           f.row,
		}
		v.Columns = columns[[2]string{v.Keyspace, v.Name}]
		if ks := b.byName[v.Keyspace]; ks != nil {
			ks.Views = append(ks.Views, v)
		}
	})
}

func (b *builder) types(rows []Row) {
	b.each("types", rows, func(f *fields) {
		u := &UserType{
			Keyspace:   f.str("keyspace_name"),
			Name:       f.str("type_name"),
			FieldNames: f.strs("field_names"),
			FieldTypes: f.strs("field_types"),
		}
		if ks := b.byName[u.Keyspace]; ks != nil {
			ks.Types = append(ks.Types, u)
		}
	})
}

func (b *builder) functions(rows []Row) {
	b.each("functions", rows, func(f *fields) {
		fn := &Function{
			Keyspace:          f.str("keyspace_name"),
			Name:              f.str("function_name"),
			ArgNames:          f.strs("argument_names"),
			ArgTypes:          f.strs("argument_types"),
			ReturnType:        f.str("return_type"),
			Language:          f.str("language"),
			Body:              f.str("body"),
			CalledOnNullInput: f.boolOr("called_on_null_input", false),
		}
		if ks := b.byName[fn.Keyspace]; ks != nil {
			ks.Functions = append(ks.Functions, fn)
		}
	})
}

func (b *builder) aggregates(rows []Row) {
	b.each("aggregates", rows, func(f *fields) {
		a := &Aggregate{
			Keyspace:  f.str("keyspace_name"),
			Name:      f.str("aggregate_name"),
			ArgTypes:  f.strs("argument_types"),
			StateFunc: f.str("state_func"),
			StateType: f.str("state_type"),
			FinalFunc: f.str("final_func"),
		}
		if f.row["initcond"] != nil {
			a.InitCond, a.HasInitCond = f.str("initcond"), true
		}
		if ks := b.byName[a.Keyspace]; ks != nil {
			ks.Aggregates = append(ks.Aggregates, a)
		}
	})
}
