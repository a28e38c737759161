package describe

import (
	"strings"
)

// KeyspaceCQL is the CREATE KEYSPACE statement.
func KeyspaceCQL(ks *Keyspace) string {
	var b strings.Builder
	b.WriteString("CREATE KEYSPACE ")
	b.WriteString(Ident(ks.Name))
	b.WriteString(" WITH replication = {'class': ")
	class := ks.Replication["class"]
	if rest, ok := strings.CutPrefix(class, "org.apache.cassandra.locator."); ok && !strings.Contains(rest, ".") {
		class = rest
	}
	b.WriteString(quoteString(class))
	for _, e := range mapEntries(ks.Replication) {
		if e.key == "class" {
			continue
		}
		b.WriteString(", ")
		b.WriteString(quoteString(e.key))
		b.WriteString(": ")
		b.WriteString(quoteString(e.value))
	}
	b.WriteString("}  AND durable_writes = ")
	if ks.DurableWrites {
		b.WriteString("true;")
	} else {
		b.WriteString("false;")
	}
	return b.String()
}

// TypeCQL is the CREATE TYPE statement.
func TypeCQL(u *UserType) string {
	var b strings.Builder
	b.WriteString("CREATE TYPE ")
	b.WriteString(qualified(u.Keyspace, u.Name))
	b.WriteString(" (\n")
	for i, name := range u.FieldNames {
		typ := ""
		if i < len(u.FieldTypes) {
			typ = u.FieldTypes[i]
		}
		b.WriteString("    ")
		b.WriteString(Ident(name))
		b.WriteByte(' ')
		b.WriteString(typ)
		if i < len(u.FieldNames)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(");")
	return b.String()
}

// FunctionCQL is the CREATE FUNCTION statement; the body is always put
// between $$ as the server does.
func FunctionCQL(f *Function) string {
	var b strings.Builder
	b.WriteString("CREATE FUNCTION ")
	b.WriteString(qualified(f.Keyspace, f.Name))
	b.WriteByte('(')
	for i, name := range f.ArgNames {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(Ident(name))
		b.WriteByte(' ')
		if i < len(f.ArgTypes) {
			b.WriteString(f.ArgTypes[i])
		}
	}
	b.WriteString(")\n    ")
	if f.CalledOnNullInput {
		b.WriteString("CALLED ON NULL INPUT")
	} else {
		b.WriteString("RETURNS NULL ON NULL INPUT")
	}
	b.WriteString("\n    RETURNS ")
	b.WriteString(f.ReturnType)
	b.WriteString("\n    LANGUAGE ")
	b.WriteString(f.Language)
	b.WriteString("\n    AS $$")
	b.WriteString(f.Body)
	b.WriteString("$$;")
	return b.String()
}

// AggregateCQL is the CREATE AGGREGATE statement.
func AggregateCQL(a *Aggregate) string {
	var b strings.Builder
	b.WriteString("CREATE AGGREGATE ")
	b.WriteString(qualified(a.Keyspace, a.Name))
	b.WriteByte('(')
	b.WriteString(strings.Join(a.ArgTypes, ", "))
	b.WriteString(")\n    SFUNC ")
	b.WriteString(Ident(a.StateFunc))
	b.WriteString("\n    STYPE ")
	b.WriteString(a.StateType)
	if a.FinalFunc != "" {
		b.WriteString("\n    FINALFUNC ")
		b.WriteString(Ident(a.FinalFunc))
	}
	if a.HasInitCond {
		b.WriteString("\n    INITCOND ")
		b.WriteString(a.InitCond)
	}
	b.WriteByte(';')
	return b.String()
}

// IndexCQL is the CREATE [CUSTOM] INDEX statement.
func IndexCQL(ix *Index) string {
	var b strings.Builder
	custom := ix.Kind == "CUSTOM"
	if custom {
		b.WriteString("CREATE CUSTOM INDEX ")
	} else {
		b.WriteString("CREATE INDEX ")
	}
	b.WriteString(Ident(ix.Name))
	b.WriteString(" ON ")
	b.WriteString(qualified(ix.Keyspace, ix.Table))
	b.WriteString(" (")
	b.WriteString(ix.Options["target"])
	b.WriteByte(')')
	if custom {
		b.WriteString(" USING ")
		b.WriteString(quoteString(ix.Options["class_name"]))
		var extra []entry
		for _, e := range mapEntries(ix.Options) {
			if e.key != "target" && e.key != "class_name" {
				extra = append(extra, e)
			}
		}
		if len(extra) > 0 {
			b.WriteString(" WITH OPTIONS = ")
			b.WriteString(formatMap(extra, true))
		}
	}
	b.WriteByte(';')
	return b.String()
}

// TableCQL is the CREATE TABLE statement with every option, in the order
// and form Cassandra 5.0 prints them.
func TableCQL(t *Table) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE ")
	b.WriteString(qualified(t.Keyspace, t.Name))
	b.WriteString(" (\n")
	cols := sortColumns(t.Columns, false)
	pk, ck, _ := split(cols)
	single := len(pk) == 1 && len(ck) == 0
	for i, c := range cols {
		b.WriteString("    ")
		b.WriteString(Ident(c.Name))
		b.WriteByte(' ')
		b.WriteString(c.Type)
		if c.Kind == "static" {
			b.WriteString(" static")
		}
		if single && c.Kind == "partition_key" {
			b.WriteString(" PRIMARY KEY")
		}
		if !single || i < len(cols)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	if !single {
		b.WriteString("    ")
		writePrimaryKey(&b, pk, ck)
		b.WriteByte('\n')
	}
	b.WriteByte(')')
	writeOptions(&b, " WITH ", ck, t.Options, false)
	return b.String()
}

// ViewCQL is the CREATE MATERIALIZED VIEW statement.
func ViewCQL(v *View) string {
	var b strings.Builder
	b.WriteString("CREATE MATERIALIZED VIEW ")
	b.WriteString(qualified(v.Keyspace, v.Name))
	b.WriteString(" AS\n    SELECT ")
	cols := sortColumns(v.Columns, true)
	if v.IncludeAllColumns {
		b.WriteByte('*')
	} else {
		for i, c := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Ident(c.Name))
		}
	}
	b.WriteString("\n    FROM ")
	b.WriteString(qualified(v.Keyspace, v.BaseTable))
	b.WriteString("\n    WHERE ")
	b.WriteString(v.Where)
	b.WriteString("\n    ")
	pk, ck, _ := split(cols)
	writePrimaryKey(&b, pk, ck)
	b.WriteByte('\n')
	writeOptions(&b, " WITH ", ck, v.Options, true)
	return b.String()
}

// writePrimaryKey writes PRIMARY KEY (pk, ck...), the partition key in
// parentheses when it has several columns.
func writePrimaryKey(b *strings.Builder, pk, ck []*Column) {
	b.WriteString("PRIMARY KEY (")
	if len(pk) > 1 {
		b.WriteByte('(')
	}
	for i, c := range pk {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(Ident(c.Name))
	}
	if len(pk) > 1 {
		b.WriteByte(')')
	}
	for _, c := range ck {
		b.WriteString(", ")
		b.WriteString(Ident(c.Name))
	}
	b.WriteByte(')')
}

// writeOptions writes the WITH clause: CLUSTERING ORDER BY, then the table
// options, each on its own line after "AND", then the closing semicolon.
func writeOptions(b *strings.Builder, with string, ck []*Column, opts Row, isView bool) {
	var clauses []string
	if len(ck) > 0 {
		var parts []string
		for _, c := range ck {
			dir := " ASC"
			if c.Order == "desc" {
				dir = " DESC"
			}
			parts = append(parts, Ident(c.Name)+dir)
		}
		clauses = append(clauses, "CLUSTERING ORDER BY ("+strings.Join(parts, ", ")+")")
	}
	clauses = append(clauses, tableOptions(opts, isView)...)
	if len(clauses) == 0 {
		b.WriteByte(';')
		return
	}
	b.WriteString(with)
	b.WriteString(strings.Join(clauses, "\n    AND "))
	b.WriteByte(';')
}
