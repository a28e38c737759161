// Package describe rebuilds DESCRIBE output on the client from the
// system_schema tables (Cassandra 3.0+ layout), for servers that cannot
// answer DESCRIBE themselves (releases before 4.0). Its CQL text follows what
// Cassandra 5.0's server-side DESCRIBE prints.
package describe

import (
	"sort"
	"strings"
)

// Row is one row of a system_schema table: column name to value decoded as
// cqltype.Decode does. A column the server has but left null is present with
// a nil value; a column the server does not have is absent.
type Row = map[string]any

// Rows holds the rows read from each system_schema table, plus the two
// system.local values DESCRIBE CLUSTER prints.
type Rows struct {
	Keyspaces, Tables, Columns, DroppedColumns, Types []Row
	Functions, Aggregates, Indexes, Views, Triggers   []Row
	ClusterName, Partitioner                          string
}

// Schema is the cluster's schema, keyspaces in the order DESCRIBE lists them.
type Schema struct {
	Keyspaces   []*Keyspace
	ClusterName string
	Partitioner string
}

// Keyspace is one keyspace with everything defined in it, each kind sorted
// by name ignoring case.
type Keyspace struct {
	Name          string
	DurableWrites bool
	Replication   map[string]string
	Types         []*UserType
	Functions     []*Function
	Aggregates    []*Aggregate
	Tables        []*Table
	Views         []*View
}

// UserType is a user-defined type.
type UserType struct {
	Keyspace, Name         string
	FieldNames, FieldTypes []string
}

// Function is a user-defined function.
type Function struct {
	Keyspace, Name       string
	ArgNames, ArgTypes   []string
	ReturnType, Language string
	Body                 string
	CalledOnNullInput    bool
}

// Aggregate is a user-defined aggregate. InitCond is the stored CQL literal
// ("" with HasInitCond false when there is none).
type Aggregate struct {
	Keyspace, Name       string
	ArgTypes             []string
	StateFunc, StateType string
	FinalFunc            string
	InitCond             string
	HasInitCond          bool
}

// Column is one column of a table or view; Type is its CQL type text as
// system_schema stores it.
type Column struct {
	Name, Type string
	Kind       string // partition_key, clustering, static, regular
	Position   int
	Order      string // asc, desc or none
}

// Table is a table with its indexes and triggers; Options is its
// system_schema.tables row.
type Table struct {
	Keyspace, Name string
	Columns        []*Column
	Options        Row
	Indexes        []*Index
	Triggers       []*Trigger
}

// Index is a secondary index; Options holds its target, class_name and
// any custom options.
type Index struct {
	Keyspace, Table, Name string
	Kind                  string // COMPOSITES, KEYS or CUSTOM
	Options               map[string]string
}

// Trigger is a table trigger. The server's DESCRIBE does not print
// triggers, so neither does the client-side one; it is kept in the model
// for completeness.
type Trigger struct {
	Name, Class string
}

// View is a materialized view; Options is its system_schema.views row.
type View struct {
	Keyspace, Name, BaseTable string
	IncludeAllColumns         bool
	Where                     string
	Columns                   []*Column
	Options                   Row
}

// Build assembles a Schema from system_schema rows. Rows that name an
// unknown keyspace or table are ignored.
func Build(r *Rows) *Schema {
	s := &Schema{ClusterName: r.ClusterName, Partitioner: r.Partitioner}
	byName := map[string]*Keyspace{}
	for _, row := range r.Keyspaces {
		ks := &Keyspace{
			Name:          str(row, "keyspace_name"),
			DurableWrites: boolOr(row, "durable_writes", true),
			Replication:   map[string]string{},
		}
		for _, e := range mapEntries(row["replication"]) {
			ks.Replication[e.key] = e.value
		}
		byName[ks.Name] = ks
		s.Keyspaces = append(s.Keyspaces, ks)
	}
	columns := map[[2]string][]*Column{}
	for _, row := range r.Columns {
		k := [2]string{str(row, "keyspace_name"), str(row, "table_name")}
		columns[k] = append(columns[k], &Column{
			Name:     str(row, "column_name"),
			Type:     str(row, "type"),
			Kind:     strings.ToLower(str(row, "kind")),
			Position: intOf(row["position"]),
			Order:    strings.ToLower(str(row, "clustering_order")),
		})
	}
	tables := map[[2]string]*Table{}
	for _, row := range r.Tables {
		t := &Table{Keyspace: str(row, "keyspace_name"), Name: str(row, "table_name"), Options: row}
		ks := byName[t.Keyspace]
		if ks == nil {
			continue
		}
		t.Columns = columns[[2]string{t.Keyspace, t.Name}]
		tables[[2]string{t.Keyspace, t.Name}] = t
		ks.Tables = append(ks.Tables, t)
	}
	for _, row := range r.Indexes {
		ix := &Index{
			Keyspace: str(row, "keyspace_name"),
			Table:    str(row, "table_name"),
			Name:     str(row, "index_name"),
			Kind:     strings.ToUpper(str(row, "kind")),
			Options:  map[string]string{},
		}
		for _, e := range mapEntries(row["options"]) {
			ix.Options[e.key] = e.value
		}
		if t := tables[[2]string{ix.Keyspace, ix.Table}]; t != nil {
			t.Indexes = append(t.Indexes, ix)
		}
	}
	for _, row := range r.Triggers {
		opts := map[string]string{}
		for _, e := range mapEntries(row["options"]) {
			opts[e.key] = e.value
		}
		if t := tables[[2]string{str(row, "keyspace_name"), str(row, "table_name")}]; t != nil {
			t.Triggers = append(t.Triggers, &Trigger{Name: str(row, "trigger_name"), Class: opts["class"]})
		}
	}
	for _, row := range r.Views {
		v := &View{
			Keyspace:          str(row, "keyspace_name"),
			Name:              str(row, "view_name"),
			BaseTable:         str(row, "base_table_name"),
			IncludeAllColumns: boolOr(row, "include_all_columns", false),
			Where:             str(row, "where_clause"),
			Options:           row,
		}
		v.Columns = columns[[2]string{v.Keyspace, v.Name}]
		if ks := byName[v.Keyspace]; ks != nil {
			ks.Views = append(ks.Views, v)
		}
	}
	for _, row := range r.Types {
		u := &UserType{
			Keyspace:   str(row, "keyspace_name"),
			Name:       str(row, "type_name"),
			FieldNames: strs(row["field_names"]),
			FieldTypes: strs(row["field_types"]),
		}
		if ks := byName[u.Keyspace]; ks != nil {
			ks.Types = append(ks.Types, u)
		}
	}
	for _, row := range r.Functions {
		f := &Function{
			Keyspace:          str(row, "keyspace_name"),
			Name:              str(row, "function_name"),
			ArgNames:          strs(row["argument_names"]),
			ArgTypes:          strs(row["argument_types"]),
			ReturnType:        str(row, "return_type"),
			Language:          str(row, "language"),
			Body:              str(row, "body"),
			CalledOnNullInput: boolOr(row, "called_on_null_input", false),
		}
		if ks := byName[f.Keyspace]; ks != nil {
			ks.Functions = append(ks.Functions, f)
		}
	}
	for _, row := range r.Aggregates {
		a := &Aggregate{
			Keyspace:  str(row, "keyspace_name"),
			Name:      str(row, "aggregate_name"),
			ArgTypes:  strs(row["argument_types"]),
			StateFunc: str(row, "state_func"),
			StateType: str(row, "state_type"),
			FinalFunc: str(row, "final_func"),
		}
		if ic, ok := row["initcond"].(string); ok {
			a.InitCond, a.HasInitCond = ic, true
		}
		if ks := byName[a.Keyspace]; ks != nil {
			ks.Aggregates = append(ks.Aggregates, a)
		}
	}
	s.sort()
	return s
}

// sort puts every list in DESCRIBE order: names ignoring case, functions
// and aggregates by their signature, columns in CREATE order.
func (s *Schema) sort() {
	sort.SliceStable(s.Keyspaces, func(i, j int) bool { return lessFold(s.Keyspaces[i].Name, s.Keyspaces[j].Name) })
	for _, ks := range s.Keyspaces {
		sort.SliceStable(ks.Types, func(i, j int) bool { return lessFold(ks.Types[i].Name, ks.Types[j].Name) })
		sort.SliceStable(ks.Functions, func(i, j int) bool {
			return lessFold(ks.Functions[i].Signature(), ks.Functions[j].Signature())
		})
		sort.SliceStable(ks.Aggregates, func(i, j int) bool {
			return lessFold(ks.Aggregates[i].Signature(), ks.Aggregates[j].Signature())
		})
		sort.SliceStable(ks.Tables, func(i, j int) bool { return lessFold(ks.Tables[i].Name, ks.Tables[j].Name) })
		sort.SliceStable(ks.Views, func(i, j int) bool { return lessFold(ks.Views[i].Name, ks.Views[j].Name) })
		for _, t := range ks.Tables {
			sortColumns(t.Columns, false)
			sort.SliceStable(t.Indexes, func(i, j int) bool { return lessFold(t.Indexes[i].Name, t.Indexes[j].Name) })
		}
		for _, v := range ks.Views {
			sortColumns(v.Columns, true)
		}
	}
}

// Signature is name(type, ...), how DESCRIBE FUNCTIONS lists a function.
func (f *Function) Signature() string { return f.Name + "(" + strings.Join(f.ArgTypes, ", ") + ")" }

// Signature is name(type, ...), how DESCRIBE AGGREGATES lists an aggregate.
func (a *Aggregate) Signature() string { return a.Name + "(" + strings.Join(a.ArgTypes, ", ") + ")" }

// keyspace finds a keyspace by exact name.
func (s *Schema) keyspace(name string) *Keyspace {
	for _, ks := range s.Keyspaces {
		if ks.Name == name {
			return ks
		}
	}
	return nil
}

func str(r Row, k string) string { s, _ := r[k].(string); return s }

func boolOr(r Row, k string, def bool) bool {
	if b, ok := r[k].(bool); ok {
		return b
	}
	return def
}

func intOf(v any) int {
	switch x := v.(type) {
	case int32:
		return int(x)
	case int64:
		return int(x)
	case int:
		return x
	}
	return 0
}

// strs reads a decoded list<text> / frozen<list<text>>.
func strs(v any) []string {
	switch l := v.(type) {
	case []string:
		return l
	case []any:
		out := make([]string, 0, len(l))
		for _, x := range l {
			s, _ := x.(string)
			out = append(out, s)
		}
		return out
	}
	return nil
}
