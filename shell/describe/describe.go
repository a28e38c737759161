package describe

import (
	"fmt"
	"strings"
)

// Error is a DESCRIBE that names something the schema does not have; its
// text is cqlsh's.
type Error struct{ Message string }

func (e *Error) Error() string { return e.Message }

func errorf(format string, args ...any) *Error { return &Error{Message: fmt.Sprintf(format, args...)} }

// Element is one row of DESCRIBE output, shaped like a row of the server's
// answer: keyspace and name quoted as needed, Type one of keyspace, type,
// function, aggregate, table, index, materialized_view, and CQL the create
// statement (empty for listings).
type Element struct {
	Keyspace, Type, Name, CQL string
}

// Result is the answer to a DESCRIBE: elements, or for DESCRIBE CLUSTER the
// cluster's name and partitioner.
type Result struct {
	Elements    []Element
	Listing     bool // names only (KEYSPACES, TABLES, TYPES, FUNCTIONS, AGGREGATES)
	Cluster     bool
	ClusterName string
	Partitioner string
}

// isSystemKeyspace reports the keyspaces DESCRIBE SCHEMA leaves out.
func isSystemKeyspace(name string) bool {
	switch name {
	case "system", "system_schema", "system_auth", "system_distributed", "system_traces",
		"system_views", "system_virtual_schema":
		return true
	}
	return false
}

// Describe answers req against schema s; current is the keyspace in use
// ("" for none).
func Describe(s *Schema, req Request, current string) (*Result, error) {
	switch req.Kind {
	case Keyspaces:
		res := &Result{Listing: true}
		for _, ks := range s.Keyspaces {
			res.Elements = append(res.Elements, Element{Keyspace: Ident(ks.Name), Type: "keyspace", Name: Ident(ks.Name)})
		}
		return res, nil
	case Tables, Types, Functions, Aggregates:
		return listing(s, req.Kind, current)
	case Cluster:
		p, _ := strings.CutPrefix(s.Partitioner, "org.apache.cassandra.dht.")
		return &Result{Cluster: true, ClusterName: s.ClusterName, Partitioner: p}, nil
	case SchemaKind:
		res := &Result{}
		for _, ks := range s.Keyspaces {
			if req.Full || !isSystemKeyspace(ks.Name) {
				res.Elements = append(res.Elements, keyspaceElements(ks, false)...)
			}
		}
		return res, nil
	case KeyspaceKind:
		name := req.Keyspace
		if name == "" {
			name = current
		}
		if name == "" {
			return nil, errorf("No keyspace specified and no current keyspace")
		}
		ks := s.Keyspace(name)
		if ks == nil {
			return nil, errorf("Keyspace '%s' not found.", name)
		}
		return &Result{Elements: keyspaceElements(ks, req.Only)}, nil
	}
	ksName := req.Keyspace
	if req.Kind == Name && ksName == "" {
		if ks := s.Keyspace(req.Name); ks != nil {
			return &Result{Elements: keyspaceElements(ks, false)}, nil
		}
		ksName = current
		if ksName == "" {
			ksName = req.Name
		}
	}
	if ksName == "" {
		ksName = current
	}
	if ksName == "" {
		return nil, errorf("No keyspace specified and no current keyspace")
	}
	ks := s.Keyspace(ksName)
	if ks == nil {
		return nil, errorf("'%s' not found in keyspaces", ksName)
	}
	return describeIn(ks, req)
}

// describeIn answers the forms that name one object in keyspace ks.
func describeIn(ks *Keyspace, req Request) (*Result, error) {
	res := &Result{}
	switch req.Kind {
	case TableKind:
		if t := ks.Table(req.Name); t != nil {
			res.Elements = tableElements(t, ks.Views)
			return res, nil
		}
		return nil, errorf("Table '%s' not found in keyspace '%s'", req.Name, ks.Name)
	case IndexKind:
		if ix := ks.Index(req.Name); ix != nil {
			res.Elements = []Element{indexElement(ix)}
			return res, nil
		}
		return nil, errorf("Index %s not found", req.Name)
	case ViewKind:
		if v := ks.View(req.Name); v != nil {
			res.Elements = []Element{viewElement(v)}
			return res, nil
		}
		return nil, errorf("Materialized view '%s' not found", req.Name)
	case TypeKind:
		for _, u := range ks.Types {
			if u.Name == req.Name {
				res.Elements = []Element{typeElement(u)}
				return res, nil
			}
		}
		return nil, errorf("User type %s not found", req.Name)
	case FunctionKind:
		for _, f := range ks.Functions {
			if f.Name == req.Name {
				res.Elements = append(res.Elements, functionElement(f))
			}
		}
		if len(res.Elements) == 0 {
			return nil, errorf("User defined function %s not found", req.Name)
		}
		return res, nil
	case AggregateKind:
		for _, a := range ks.Aggregates {
			if a.Name == req.Name {
				res.Elements = append(res.Elements, aggregateElement(a))
			}
		}
		if len(res.Elements) == 0 {
			return nil, errorf("User defined aggregate %s not found", req.Name)
		}
		return res, nil
	}
	// A bare name: table, then index, then view.
	if t := ks.Table(req.Name); t != nil {
		res.Elements = tableElements(t, ks.Views)
		return res, nil
	}
	if ix := ks.Index(req.Name); ix != nil {
		res.Elements = []Element{indexElement(ix)}
		return res, nil
	}
	if v := ks.View(req.Name); v != nil {
		res.Elements = []Element{viewElement(v)}
		return res, nil
	}
	return nil, errorf("'%s' not found in keyspace '%s'", req.Name, ks.Name)
}

// listing answers TABLES, TYPES, FUNCTIONS and AGGREGATES: every keyspace's
// names, or the current keyspace's.
func listing(s *Schema, kind Kind, current string) (*Result, error) {
	kss := s.Keyspaces
	if current != "" {
		ks := s.Keyspace(current)
		if ks == nil {
			return nil, errorf("'%s' not found in keyspaces", current)
		}
		kss = []*Keyspace{ks}
	}
	res := &Result{Listing: true}
	for _, ks := range kss {
		add := func(typ, name string) {
			res.Elements = append(res.Elements, Element{Keyspace: Ident(ks.Name), Type: typ, Name: name})
		}
		switch kind {
		case Tables:
			for _, t := range ks.Tables {
				add("table", Ident(t.Name))
			}
		case Types:
			for _, u := range ks.Types {
				add("type", Ident(u.Name))
			}
		case Functions:
			for _, f := range ks.Functions {
				add("function", Ident(f.Name)+strings.TrimPrefix(f.Signature(), f.Name))
			}
		case Aggregates:
			for _, a := range ks.Aggregates {
				add("aggregate", Ident(a.Name)+strings.TrimPrefix(a.Signature(), a.Name))
			}
		}
	}
	return res, nil
}

// keyspaceElements is DESCRIBE KEYSPACE: the keyspace, then (unless only)
// its types in dependency order, functions, aggregates, and each table
// followed by its indexes and views.
func keyspaceElements(ks *Keyspace, only bool) []Element {
	out := []Element{{Keyspace: Ident(ks.Name), Type: "keyspace", Name: Ident(ks.Name), CQL: KeyspaceCQL(ks)}}
	if only {
		return out
	}
	for _, u := range typesInCreateOrder(ks) {
		out = append(out, typeElement(u))
	}
	for _, f := range ks.Functions {
		out = append(out, functionElement(f))
	}
	for _, a := range ks.Aggregates {
		out = append(out, aggregateElement(a))
	}
	for _, t := range ks.Tables {
		out = append(out, tableElements(t, ks.Views)...)
	}
	return out
}

// tableElements is a table followed by its indexes and the views built on
// it, as DESCRIBE TABLE and DESCRIBE KEYSPACE list them.
func tableElements(t *Table, views []*View) []Element {
	out := []Element{{Keyspace: Ident(t.Keyspace), Type: "table", Name: Ident(t.Name), CQL: TableCQL(t)}}
	for _, ix := range t.Indexes {
		out = append(out, indexElement(ix))
	}
	for _, v := range views {
		if v.BaseTable == t.Name {
			out = append(out, viewElement(v))
		}
	}
	return out
}

func indexElement(ix *Index) Element {
	return Element{Keyspace: Ident(ix.Keyspace), Type: "index", Name: Ident(ix.Name), CQL: IndexCQL(ix)}
}

func viewElement(v *View) Element {
	return Element{Keyspace: Ident(v.Keyspace), Type: "materialized_view", Name: Ident(v.Name), CQL: ViewCQL(v)}
}

func typeElement(u *UserType) Element {
	return Element{Keyspace: Ident(u.Keyspace), Type: "type", Name: Ident(u.Name), CQL: TypeCQL(u)}
}

func functionElement(f *Function) Element {
	return Element{Keyspace: Ident(f.Keyspace), Type: "function", Name: Ident(f.Name) + strings.TrimPrefix(f.Signature(), f.Name), CQL: FunctionCQL(f)}
}

func aggregateElement(a *Aggregate) Element {
	return Element{Keyspace: Ident(a.Keyspace), Type: "aggregate", Name: Ident(a.Name) + strings.TrimPrefix(a.Signature(), a.Name), CQL: AggregateCQL(a)}
}

// typesInCreateOrder lists a keyspace's types so that every type comes
// after the types its fields use: passes over the name-sorted list, each
// taking the types whose dependencies are already listed, as the server
// orders them.
func typesInCreateOrder(ks *Keyspace) []*UserType {
	names := map[string]bool{}
	for _, u := range ks.Types {
		names[u.Name] = true
	}
	done := map[string]bool{}
	var out []*UserType
	pending := ks.Types
	for len(pending) > 0 {
		var next []*UserType
		for _, u := range pending {
			ready := true
			for _, ft := range u.FieldTypes {
				for _, n := range typeNames(ft) {
					if names[n] && !done[n] && n != u.Name {
						ready = false
					}
				}
			}
			if ready {
				done[u.Name] = true
				out = append(out, u)
			} else {
				next = append(next, u)
			}
		}
		if len(next) == len(pending) { // a cycle cannot be created; list the rest as they are
			return append(out, next...)
		}
		pending = next
	}
	return out
}

// typeNames returns the identifiers in CQL type text, quoted ones
// unquoted: the candidates for user type names it refers to.
func typeNames(t string) []string {
	toks, err := tokenize(strings.NewReplacer("<", " ", ">", " ", ",", " ").Replace(t))
	if err != nil {
		return nil
	}
	var out []string
	for _, tk := range toks {
		if !tk.dot {
			out = append(out, tk.ident())
		}
	}
	return out
}
