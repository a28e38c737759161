package completions

import (
	"fmt"
	"strings"
)

// fakeSchema is an in-memory Schema for tests.
type fakeSchema struct {
	keyspaces []string
	objects   map[string]fakeKeyspace
}

type fakeKeyspace struct {
	tables     map[string][]Column
	tableOrder []string
	types      []string
	functions  []string
	aggregates []string
	views      []string
	indexes    []string
}

func (f *fakeSchema) Keyspaces() []string       { return f.keyspaces }
func (f *fakeSchema) Tables(ks string) []string { return f.objects[ks].tableOrder }
func (f *fakeSchema) Columns(ks, t string) []Column {
	return f.objects[ks].tables[t]
}
func (f *fakeSchema) Types(ks string) []string      { return f.objects[ks].types }
func (f *fakeSchema) Functions(ks string) []string  { return f.objects[ks].functions }
func (f *fakeSchema) Aggregates(ks string) []string { return f.objects[ks].aggregates }
func (f *fakeSchema) Views(ks string) []string      { return f.objects[ks].views }
func (f *fakeSchema) Indexes(ks string) []string    { return f.objects[ks].indexes }

func pk(name, typ string) Column  { return Column{Name: name, Kind: "partition_key", Type: typ} }
func ck(name, typ string) Column  { return Column{Name: name, Kind: "clustering", Type: typ} }
func st(name, typ string) Column  { return Column{Name: name, Kind: "static", Type: typ} }
func reg(name, typ string) Column { return Column{Name: name, Kind: "regular", Type: typ} }

// testSchema is the schema most completion tests run against.
func testSchema() *fakeSchema {
	return &fakeSchema{
		keyspaces: []string{"app", "ks1", "MyKs", "system", "system_auth", "system_schema"},
		objects: map[string]fakeKeyspace{
			"ks1": {
				tables: map[string][]Column{
					"users": {pk("user_id", "uuid"), reg("email", "text"), reg("name", "text"), reg("tags", "set<text>")},
					"events": {pk("tenant", "text"), pk("day", "date"), ck("ts", "timeuuid"), ck("seq", "int"),
						st("kind", "text"), reg("payload", "text")},
					"Orders": {pk("OrderId", "int"), reg("total", "decimal")},
				},
				tableOrder: []string{"events", "Orders", "users"},
				types:      []string{"address", "Phone"},
				functions:  []string{"my_func"},
				aggregates: []string{"my_agg"},
				views:      []string{"users_by_email"},
				indexes:    []string{"users_name_idx"},
			},
			"app": {
				tables:     map[string][]Column{"logs": {pk("id", "int"), reg("line", "text")}, "metrics": {pk("k", "text")}},
				tableOrder: []string{"logs", "metrics"},
				types:      []string{"point"},
			},
		},
	}
}

// bigSchema has one keyspace of n tables with ten columns each.
func bigSchema(n int) *fakeSchema {
	ks := fakeKeyspace{tables: make(map[string][]Column, n)}
	for i := range n {
		name := fmt.Sprintf("table_%04d", i)
		cols := []Column{pk("id", "uuid"), ck("ts", "timestamp")}
		for j := range 8 {
			cols = append(cols, reg(fmt.Sprintf("col_%d", j), "text"))
		}
		ks.tables[name] = cols
		ks.tableOrder = append(ks.tableOrder, name)
	}
	kss := []string{"big"}
	for i := range 20 {
		kss = append(kss, fmt.Sprintf("other_%02d", i))
	}
	return &fakeSchema{keyspaces: kss, objects: map[string]fakeKeyspace{"big": ks}}
}

// texts returns the suggestions' texts.
func texts(s []Suggestion) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x.Text
	}
	return out
}

// split splits an input at its '@' cursor marker.
func split(in string) (string, int) {
	i := strings.IndexByte(in, '@')
	if i < 0 {
		return in, len(in)
	}
	return in[:i] + in[i+1:], i
}
