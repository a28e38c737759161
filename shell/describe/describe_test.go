package describe

import (
	"errors"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/schema"
)

func mapOf(kv ...string) []cqltype.MapEntry {
	var out []cqltype.MapEntry
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, cqltype.MapEntry{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

func col(ks, table, name, typ, kind string, pos int32, order string) Row {
	return Row{"keyspace_name": ks, "table_name": table, "column_name": name, "type": typ,
		"kind": kind, "position": pos, "clustering_order": order}
}

// oldServerRows is the schema a Cassandra 3.11 node would report: no
// 4.0+ table options, the read-repair chances still present.
func oldServerRows() *schema.Rows {
	opts := func(ks, name string) Row {
		return Row{
			"keyspace_name": ks, "table_name": name,
			"bloom_filter_fp_chance": 0.01, "caching": mapOf("rows_per_partition", "NONE", "keys", "ALL"),
			"cdc": nil /* null prints the default */, "comment": "a 'quoted' comment",
			"compaction":       mapOf("class", "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy", "max_threshold", "32", "min_threshold", "4"),
			"compression":      mapOf("class", "org.apache.cassandra.io.compress.LZ4Compressor", "chunk_length_in_kb", "64"),
			"crc_check_chance": 1.0, "dclocal_read_repair_chance": 0.1, "default_time_to_live": int32(0),
			"extensions": []cqltype.MapEntry{{Key: "ext", Value: []byte{1, 2}}}, "gc_grace_seconds": int32(864000),
			"max_index_interval": int32(2048), "memtable_flush_period_in_ms": int32(0),
			"min_index_interval": int32(128), "read_repair_chance": 0.0, "speculative_retry": "99PERCENTILE",
		}
	}
	view := opts("app", "by_v")
	view["view_name"], view["base_table_name"], view["include_all_columns"] = "by_v", "events", false
	view["where_clause"] = "v IS NOT NULL AND id IS NOT NULL AND at IS NOT NULL"
	return &schema.Rows{
		Keyspaces: []Row{
			{"keyspace_name": "app", "durable_writes": true, "replication": mapOf("class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "dc2", "2", "dc1", "3")},
			{"keyspace_name": "Other", "durable_writes": false, "replication": mapOf("class", "org.apache.cassandra.locator.SimpleStrategy", "replication_factor", "1")},
			{"keyspace_name": "system", "durable_writes": true, "replication": mapOf("class", "org.apache.cassandra.locator.LocalStrategy")},
		},
		Tables: []Row{opts("app", "events"), opts("app", "kv"), opts("Other", "Tbl")},
		Columns: []Row{
			col("app", "events", "v", "text", "regular", -1, "none"),
			col("app", "events", "tags", "set<text>", "regular", -1, "none"),
			col("app", "events", "at", "timestamp", "clustering", 1, "desc"),
			col("app", "events", "id", "uuid", "partition_key", 0, "none"),
			col("app", "events", "Kind", "text", "clustering", 0, "asc"),
			col("app", "events", "home", "frozen<address>", "regular", -1, "none"),
			col("app", "events", "owner", "text", "static", -1, "none"),
			col("app", "events", "select", "int", "regular", -1, "none"),
			col("app", "kv", "k", "text", "partition_key", 0, "none"),
			col("app", "kv", "val", "blob", "regular", -1, "none"),
			col("Other", "Tbl", "a", "int", "partition_key", 0, "none"),
			col("Other", "Tbl", "b", "int", "partition_key", 1, "none"),
			col("app", "by_v", "v", "text", "partition_key", 0, "none"),
			col("app", "by_v", "id", "uuid", "clustering", 0, "asc"),
			col("app", "by_v", "at", "timestamp", "clustering", 1, "desc"),
			col("app", "by_v", "Kind", "text", "clustering", 2, "asc"),
		},
		Types: []Row{
			{"keyspace_name": "app", "type_name": "address", "field_names": []any{"street", "geo"}, "field_types": []any{"text", "frozen<point>"}},
			{"keyspace_name": "app", "type_name": "point", "field_names": []any{"x", "Y"}, "field_types": []any{"double", "double"}},
		},
		Functions: []Row{
			{"keyspace_name": "app", "function_name": "twice", "argument_names": []any{"In"}, "argument_types": []any{"int"},
				"return_type": "int", "language": "java", "body": "return In * 2;", "called_on_null_input": false},
			{"keyspace_name": "app", "function_name": "acc", "argument_names": []any{"s", "v"}, "argument_types": []any{"int", "int"},
				"return_type": "int", "language": "java", "body": "return s + v;", "called_on_null_input": true},
		},
		Aggregates: []Row{
			{"keyspace_name": "app", "aggregate_name": "total", "argument_types": []any{"int"}, "state_func": "acc",
				"state_type": "int", "final_func": "twice", "initcond": "0"},
			{"keyspace_name": "app", "aggregate_name": "total", "argument_types": []any{"bigint"}, "state_func": "acc",
				"state_type": "int", "final_func": nil, "initcond": nil},
		},
		Indexes: []Row{
			{"keyspace_name": "app", "table_name": "events", "index_name": "events_v_idx", "kind": "COMPOSITES", "options": mapOf("target", "v")},
			{"keyspace_name": "app", "table_name": "events", "index_name": "Tags", "kind": "CUSTOM",
				"options": mapOf("target", "values(tags)", "class_name", "org.apache.cassandra.index.sasi.SASIIndex", "mode", "CONTAINS")},
		},
		Views:       []Row{view},
		ClusterName: "Test Cluster", Partitioner: "org.apache.cassandra.dht.Murmur3Partitioner",
	}
}

const oldOptions = `    AND bloom_filter_fp_chance = 0.01
    AND caching = {'keys': 'ALL', 'rows_per_partition': 'NONE'}
    AND cdc = false
    AND comment = 'a ''quoted'' comment'
    AND compaction = {'class': 'org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy', 'max_threshold': '32', 'min_threshold': '4'}
    AND compression = {'chunk_length_in_kb': '64', 'class': 'org.apache.cassandra.io.compress.LZ4Compressor'}
    AND crc_check_chance = 1.0
    AND dclocal_read_repair_chance = 0.1
`

const oldTail = `    AND extensions = {'ext': 0x0102}
    AND gc_grace_seconds = 864000
    AND max_index_interval = 2048
    AND memtable_flush_period_in_ms = 0
    AND min_index_interval = 128
    AND read_repair_chance = 0.0
    AND speculative_retry = '99PERCENTILE';`

func TestDescribeFromRows(t *testing.T) {
	s := build(t, oldServerRows())
	tests := []struct {
		stmt, current string
		want          []string // create statements, or names for listings
	}{
		{"DESC TABLE app.events", "", []string{`CREATE TABLE app.events (
    id uuid,
    "Kind" text,
    at timestamp,
    owner text static,
    home frozen<address>,
    "select" int,
    v text,
    tags set<text>,
    PRIMARY KEY (id, "Kind", at)
) WITH CLUSTERING ORDER BY ("Kind" ASC, at DESC)
` + oldOptions + `    AND default_time_to_live = 0
` + oldTail,
			`CREATE INDEX events_v_idx ON app.events (v);`,
			`CREATE CUSTOM INDEX "Tags" ON app.events (values(tags)) USING 'org.apache.cassandra.index.sasi.SASIIndex' WITH OPTIONS = {'mode': 'CONTAINS'};`,
			`CREATE MATERIALIZED VIEW app.by_v AS
    SELECT v, id, at, "Kind"
    FROM app.events
    WHERE v IS NOT NULL AND id IS NOT NULL AND at IS NOT NULL
    PRIMARY KEY (v, id, at, "Kind")
 WITH CLUSTERING ORDER BY (id ASC, at DESC, "Kind" ASC)
` + oldOptions + oldTail,
		}},
		{"desc kv", "app", []string{"CREATE TABLE app.kv (\n    k text PRIMARY KEY,\n    val blob\n) WITH " + strings.TrimPrefix(oldOptions, "    AND ") + "    AND default_time_to_live = 0\n" + oldTail}},
		{`DESC TABLE "Other"."Tbl"`, "", []string{"CREATE TABLE \"Other\".\"Tbl\" (\n    a int,\n    b int,\n    PRIMARY KEY ((a, b))\n) WITH " + strings.TrimPrefix(oldOptions, "    AND ") + "    AND default_time_to_live = 0\n" + oldTail}},
		{"DESC ONLY KEYSPACE app", "", []string{"CREATE KEYSPACE app WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': '3', 'dc2': '2'}  AND durable_writes = true;"}},
		{"DESC KEYSPACE", "Other", nil},
		{"DESC TYPE app.address", "", []string{"CREATE TYPE app.address (\n    street text,\n    geo frozen<point>\n);"}},
		{"DESC TYPE point", "app", []string{"CREATE TYPE app.point (\n    x double,\n    \"Y\" double\n);"}},
		{"DESC FUNCTION app.twice", "", []string{"CREATE FUNCTION app.twice(\"In\" int)\n    RETURNS NULL ON NULL INPUT\n    RETURNS int\n    LANGUAGE java\n    AS $$return In * 2;$$;"}},
		{"DESC AGGREGATE total", "app", []string{
			"CREATE AGGREGATE app.total(bigint)\n    SFUNC acc\n    STYPE int;",
			"CREATE AGGREGATE app.total(int)\n    SFUNC acc\n    STYPE int\n    FINALFUNC twice\n    INITCOND 0;",
		}},
		{"DESC INDEX app.\"Tags\"", "", []string{`CREATE CUSTOM INDEX "Tags" ON app.events (values(tags)) USING 'org.apache.cassandra.index.sasi.SASIIndex' WITH OPTIONS = {'mode': 'CONTAINS'};`}},
		{"DESC KEYSPACES", "", []string{"app", `"Other"`, "system"}},
		{"DESC TABLES", "app", []string{"events", "kv"}},
		{"DESC FUNCTIONS", "app", []string{"acc(int, int)", "twice(int)"}},
		{"DESC AGGREGATES", "", []string{"total(bigint)", "total(int)"}},
		{"DESC TYPES", "app", []string{"address", "point"}},
	}
	for _, tc := range tests {
		t.Run(tc.stmt, func(t *testing.T) {
			req, err := Parse(tc.stmt)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Describe(s, req, tc.current)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range res.Elements {
				if res.Listing {
					got = append(got, e.Name)
				} else {
					got = append(got, e.CQL)
				}
			}
			if tc.want == nil { // only the shape is checked
				if len(got) != 2 || !strings.HasPrefix(got[0], `CREATE KEYSPACE "Other" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}  AND durable_writes = false;`) {
					t.Fatalf("got %q", got)
				}
				return
			}
			if strings.Join(got, "\n--\n") != strings.Join(tc.want, "\n--\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n--\n"), strings.Join(tc.want, "\n--\n"))
			}
		})
	}
}

func TestDescribeKeyspaceOrder(t *testing.T) {
	s := build(t, oldServerRows())
	res, err := Describe(s, Request{Kind: KeyspaceKind, Keyspace: "app"}, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Elements {
		got = append(got, e.Type+" "+e.Name)
	}
	want := "keyspace app|type point|type address|function acc(int, int)|function twice(int)|aggregate total(bigint)|aggregate total(int)|" +
		"table events|index events_v_idx|index \"Tags\"|materialized_view by_v|table kv"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
	full, _ := Describe(s, Request{Kind: SchemaKind, Full: true}, "")
	user, _ := Describe(s, Request{Kind: SchemaKind}, "")
	if len(full.Elements) != len(user.Elements)+1 || user.Elements[0].Name != "app" {
		t.Errorf("FULL SCHEMA %d rows, SCHEMA %d rows", len(full.Elements), len(user.Elements))
	}
	cl, _ := Describe(s, Request{Kind: Cluster}, "")
	if !cl.Cluster || cl.ClusterName != "Test Cluster" || cl.Partitioner != "Murmur3Partitioner" {
		t.Errorf("cluster: %+v", cl)
	}
}

func TestDescribeErrors(t *testing.T) {
	s := build(t, oldServerRows())
	tests := []struct{ stmt, current, want string }{
		{"DESC KEYSPACE nope", "", "Keyspace 'nope' not found."},
		{"DESC KEYSPACE", "", "No keyspace specified and no current keyspace"},
		{"DESC TABLE t", "", "No keyspace specified and no current keyspace"},
		{"DESC TABLE nope.t", "", "'nope' not found in keyspaces"},
		{"DESC TABLE app.nope", "", "Table 'nope' not found in keyspace 'app'"},
		{"DESC TYPE app.nope", "", "User type nope not found"},
		{"DESC FUNCTION app.nope", "", "User defined function nope not found"},
		{"DESC AGGREGATE nope", "app", "User defined aggregate nope not found"},
		{"DESC MATERIALIZED VIEW app.nope", "", "Materialized view 'nope' not found"},
		{"DESC INDEX app.nope", "", "Index nope not found"},
		{"DESC nope", "", "'nope' not found in keyspaces"},
		{"DESC nope", "app", "'nope' not found in keyspace 'app'"},
		{"DESC TABLES", "gone", "'gone' not found in keyspaces"},
	}
	for _, tc := range tests {
		req, err := Parse(tc.stmt)
		if err != nil {
			t.Fatalf("%s: %v", tc.stmt, err)
		}
		_, err = Describe(s, req, tc.current)
		var de *Error
		if err == nil || !asError(err, &de) || de.Message != tc.want {
			t.Errorf("%s (in %q): got %v, want %q", tc.stmt, tc.current, err, tc.want)
		}
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	*target = e
	return ok
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Request
		bad  bool
	}{
		{in: "DESCRIBE KEYSPACES;", want: Request{Kind: Keyspaces}},
		{in: "desc only keyspace Ks", want: Request{Kind: KeyspaceKind, Only: true, Keyspace: "ks"}},
		{in: `DESC KEYSPACE "Ks"`, want: Request{Kind: KeyspaceKind, Keyspace: "Ks"}},
		{in: "DESC FULL SCHEMA", want: Request{Kind: SchemaKind, Full: true}},
		{in: "DESC SCHEMA WITH INTERNALS", want: Request{Kind: SchemaKind, Internals: true}},
		{in: `DESC TABLE "My ks"."a.b"`, want: Request{Kind: TableKind, Keyspace: "My ks", Name: "a.b"}},
		{in: `DESC COLUMNFAMILY t`, want: Request{Kind: TableKind, Name: "t"}},
		{in: `DESC MATERIALIZED VIEW ks.mv`, want: Request{Kind: ViewKind, Keyspace: "ks", Name: "mv"}},
		{in: `DESC INDEX "I"`, want: Request{Kind: IndexKind, Name: "I"}},
		{in: `DESC FUNCTION ks.f`, want: Request{Kind: FunctionKind, Keyspace: "ks", Name: "f"}},
		{in: `DESC Ks.T`, want: Request{Kind: Name, Keyspace: "ks", Name: "t"}},
		{in: `DESC "q""uote"`, want: Request{Kind: Name, Name: `q"uote`}},
		{in: `DESC CLUSTER`, want: Request{Kind: Cluster}},
		{in: `DESC TABLE`, bad: true},
		{in: `DESC`, bad: true},
		{in: `DESC "unterminated`, bad: true},
		{in: `DESC a.b.c`, bad: true},
		{in: `SELECT 1`, bad: true},
	}
	for _, tc := range tests {
		got, err := Parse(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("%s: parsed as %+v", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestIdentAndNumbers(t *testing.T) {
	idents := map[string]string{"abc": "abc", "text": "text", "token": `"token"`, "Abc": `"Abc"`,
		"a b": `"a b"`, `q"`: `"q"""`, "select": `"select"`, "mbean": "mbean", "1a": `"1a"`}
	for in, want := range idents {
		if got := Ident(in); got != want {
			t.Errorf("Ident(%q) = %s, want %s", in, got, want)
		}
	}
	doubles := map[float64]string{0.01: "0.01", 1: "1.0", 0.0001: "1.0E-4", 1e7: "1.0E7", 0.5: "0.5", 123456.5: "123456.5", 0: "0.0"}
	for in, want := range doubles {
		if got := javaDouble(in); got != want {
			t.Errorf("javaDouble(%v) = %s, want %s", in, got, want)
		}
	}
}

// build assembles the schema of rows, failing the test on a malformed row.
func build(t *testing.T, r *schema.Rows) *Schema {
	t.Helper()
	s, err := schema.Build(r)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// FuzzParse: any text is a DESCRIBE request or a *ParseError, never a
// panic; a request that names something names it with its keyspace or
// alone.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"DESCRIBE KEYSPACES", "desc table ks.t;", `DESC "Ks"."T" WITH INTERNALS`, "DESCRIBE FUNCTION ks.f(int, text)",
		"DESCRIBE FULL SCHEMA", "DESCRIBE ONLY KEYSPACE k", "DESC", "DESCRIBE TABLE ks.", "DESCRIBE 'x'", "DESC t /* c */ -- x",
		"DESCRIBE INDEX \"unterminated", "DESCRIBE MATERIALIZED VIEW v", "DESCRIBE CLUSTER",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		req, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): %T %v, want a *ParseError", s, err, err)
			}
			return
		}
		if req.Keyspace != "" && req.Name == "" && req.Kind != KeyspaceKind && req.Kind != Tables &&
			req.Kind != Types && req.Kind != Functions && req.Kind != Aggregates {
			t.Fatalf("Parse(%q) = %+v: a keyspace without a name", s, req)
		}
	})
}
