// Package schema is a cluster's schema as the system_schema tables describe
// it (Cassandra 3.0 and later): keyspaces with their tables and columns,
// user types, functions, aggregates, indexes and materialized views.
//
// A Cache loads it through a session, one keyspace at a time on first use,
// and forgets a keyspace when a schema-change event (driver.Config's
// OnSchemaChange) or the caller's own DDL says it changed. Everything the
// shell knows of the schema — completion, client-side DESCRIBE, COPY,
// COUNT, the colours of key columns — reads this one model. Values handed
// out are shared and must not be modified.
package schema

import (
	"cmp"
	"slices"
	"strings"
)

// Schema is the whole schema, keyspaces in the order DESCRIBE lists them
// (by name, ignoring case), with the two system.local values DESCRIBE
// CLUSTER prints.
type Schema struct {
	Keyspaces   []*Keyspace
	ClusterName string
	Partitioner string
}

// Keyspace is one keyspace with everything defined in it, each kind sorted
// by name ignoring case (functions and aggregates by signature).
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

// Table is a table with its indexes and triggers. Columns are in key order
// (see KeyOrder); Options is its system_schema.tables row, every column of
// it, as the server has them.
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

// Trigger is a table trigger.
type Trigger struct {
	Name, Class string
}

// View is a materialized view; Columns are in key order and Options is its
// system_schema.views row.
type View struct {
	Keyspace, Name, BaseTable string
	IncludeAllColumns         bool
	Where                     string
	Columns                   []*Column
	Options                   Row
}

// Rank orders column kinds as a primary key reads: partition key (0),
// clustering (1), static (2), regular (3).
func (c *Column) Rank() int {
	switch c.Kind {
	case "partition_key":
		return 0
	case "clustering":
		return 1
	case "static":
		return 2
	}
	return 3
}

// IsKey reports a partition key or clustering column.
func (c *Column) IsKey() bool { return c.Rank() < 2 }

// KeyOrder sorts columns as a primary key reads: partition key and
// clustering columns by position, then static and regular columns, each
// by name.
func KeyOrder(cols []*Column) {
	slices.SortStableFunc(cols, func(a, b *Column) int {
		if r := cmp.Compare(a.Rank(), b.Rank()); r != 0 {
			return r
		}
		if a.IsKey() {
			if p := cmp.Compare(a.Position, b.Position); p != 0 {
				return p
			}
		}
		return cmp.Compare(a.Name, b.Name)
	})
}

// PartitionKey returns the partition key columns in order.
func (t *Table) PartitionKey() []*Column { return ofKind(t.Columns, "partition_key") }

// Clustering returns the clustering columns in order.
func (t *Table) Clustering() []*Column { return ofKind(t.Columns, "clustering") }

// Column returns the named column, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func ofKind(cols []*Column, kind string) []*Column {
	var out []*Column
	for _, c := range cols {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

// Signature is name(type, ...), how DESCRIBE FUNCTIONS lists a function.
func (f *Function) Signature() string { return f.Name + "(" + strings.Join(f.ArgTypes, ", ") + ")" }

// Signature is name(type, ...), how DESCRIBE AGGREGATES lists an aggregate.
func (a *Aggregate) Signature() string { return a.Name + "(" + strings.Join(a.ArgTypes, ", ") + ")" }

// Keyspace finds a keyspace by exact name, or nil.
func (s *Schema) Keyspace(name string) *Keyspace {
	for _, ks := range s.Keyspaces {
		if ks.Name == name {
			return ks
		}
	}
	return nil
}

// Table finds a table by exact name, or nil.
func (ks *Keyspace) Table(name string) *Table {
	for _, t := range ks.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// View finds a materialized view by exact name, or nil.
func (ks *Keyspace) View(name string) *View {
	for _, v := range ks.Views {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// Index finds a secondary index by exact name, or nil.
func (ks *Keyspace) Index(name string) *Index {
	for _, t := range ks.Tables {
		for _, ix := range t.Indexes {
			if ix.Name == name {
				return ix
			}
		}
	}
	return nil
}

// sort puts every list in DESCRIBE's order: names ignoring case, functions
// and aggregates by their signature, columns in key order.
func (s *Schema) sort() {
	byName := func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) }
	slices.SortStableFunc(s.Keyspaces, func(a, b *Keyspace) int { return byName(a.Name, b.Name) })
	for _, ks := range s.Keyspaces {
		slices.SortStableFunc(ks.Types, func(a, b *UserType) int { return byName(a.Name, b.Name) })
		slices.SortStableFunc(ks.Functions, func(a, b *Function) int { return byName(a.Signature(), b.Signature()) })
		slices.SortStableFunc(ks.Aggregates, func(a, b *Aggregate) int { return byName(a.Signature(), b.Signature()) })
		slices.SortStableFunc(ks.Tables, func(a, b *Table) int { return byName(a.Name, b.Name) })
		slices.SortStableFunc(ks.Views, func(a, b *View) int { return byName(a.Name, b.Name) })
		for _, t := range ks.Tables {
			KeyOrder(t.Columns)
			slices.SortStableFunc(t.Indexes, func(a, b *Index) int { return byName(a.Name, b.Name) })
		}
		for _, v := range ks.Views {
			KeyOrder(v.Columns)
		}
	}
}
