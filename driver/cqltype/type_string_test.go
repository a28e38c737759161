package cqltype

import (
	"reflect"
	"testing"
)

func TestTypeString(t *testing.T) {
	i := &Type{Kind: Int}
	txt := &Type{Kind: Varchar}
	cases := []struct {
		t    *Type
		want string
	}{
		{i, "int"},
		{txt, "text"},
		{&Type{Kind: Ascii}, "ascii"},
		{&Type{Kind: Counter}, "counter"},
		{&Type{Kind: List, Elem: i}, "list<int>"},
		{&Type{Kind: Set, Elem: txt}, "set<text>"},
		{&Type{Kind: Map, Key: txt, Value: i}, "map<text, int>"},
		{&Type{Kind: List, Elem: i, Frozen: true}, "frozen<list<int>>"},
		{&Type{Kind: Tuple, Elems: []*Type{i, txt}}, "tuple<int, text>"},
		{&Type{Kind: UDT, Keyspace: "ks", Name: "address"}, "address"},
		{&Type{Kind: UDT, Name: "Address", Frozen: true}, `frozen<"Address">`},
		{&Type{Kind: UDT, Name: "select"}, `"select"`},
		{&Type{Kind: UDT, Name: "int"}, `"int"`},
		{&Type{Kind: UDT, Name: `a"b`}, `"a""b"`},
		{&Type{Kind: Vector, Elem: &Type{Kind: Float}, Dim: 3}, "vector<float, 3>"},
		{&Type{Kind: Custom, Custom: "com.example.My'Type"}, `'com.example.My''Type'`},
		{&Type{Kind: Kind(0x99)}, "unknown(0x99)"},
		{nil, "unknown"},
	}
	for _, tc := range cases {
		if got := tc.t.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestParseType(t *testing.T) {
	cases := []struct {
		in   string
		want *Type
	}{
		{"int", &Type{Kind: Int}},
		{"  INT ", &Type{Kind: Int}},
		{"varchar", &Type{Kind: Varchar}},
		{"Frozen < Map<Text , List<int>> >", &Type{Kind: Map, Frozen: true, Key: &Type{Kind: Varchar},
			Value: &Type{Kind: List, Elem: &Type{Kind: Int}}}},
		{"tuple<int,text>", &Type{Kind: Tuple, Elems: []*Type{{Kind: Int}, {Kind: Varchar}}}},
		{"vector<float, 3>", &Type{Kind: Vector, Elem: &Type{Kind: Float}, Dim: 3}},
		{"Address", &Type{Kind: UDT, Name: "address"}},
		{`"Address"`, &Type{Kind: UDT, Name: "Address"}},
		{`ks."My Type"`, &Type{Kind: UDT, Keyspace: "ks", Name: "My Type"}},
		{"frozen<ks.addr>", &Type{Kind: UDT, Keyspace: "ks", Name: "addr", Frozen: true}},
		{"'com.example.Foo'", &Type{Kind: Custom, Custom: "com.example.Foo"}},
		{"'org.apache.cassandra.db.marshal.Int32Type'", &Type{Kind: Int}},
		{`"list"`, &Type{Kind: UDT, Name: "list"}},
		{"list", &Type{Kind: UDT, Name: "list"}},
	}
	for _, tc := range cases {
		got, err := Parse(tc.in)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	bad := []string{"", "list<", "list<int", "map<int>", "map<int,>", "tuple<>", "vector<float>",
		"vector<float, 0>", "vector<float, -1>", "vector<float, 99999999>", "frozen<>", "int int",
		`""`, `"open`, "'open", "''", "1abc", "list<int>>", "ks.", "set<map<int, int>"}
	for _, in := range bad {
		if got, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want error", in, got)
		}
	}
	deep := ""
	for range maxDepth + 2 {
		deep += "list<"
	}
	if _, err := Parse(deep + "int"); err == nil {
		t.Error("deeply nested type parsed")
	}
}

func TestParseStringRoundTrip(t *testing.T) {
	for _, s := range []string{
		"ascii", "bigint", "blob", "boolean", "counter", "date", "decimal", "double", "duration",
		"float", "inet", "int", "smallint", "text", "time", "timestamp", "timeuuid", "tinyint",
		"uuid", "varint", "list<int>", "set<frozen<list<text>>>", "map<text, frozen<map<int, uuid>>>",
		"frozen<tuple<int, text, frozen<set<date>>>>", "tuple<int, vector<float, 3>>",
		"list<frozen<map<text, set<int>>>>", "vector<text, 2>", "vector<vector<int, 2>, 4>",
		"address", `"Mixed Case"`, `"select"`, "frozen<address>", "'com.example.Thing'",
	} {
		ty, err := Parse(s)
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		if got := ty.String(); got != s {
			t.Errorf("Parse(%q).String() = %q", s, got)
		}
	}
}

func TestParseCustom(t *testing.T) {
	const m = "org.apache.cassandra.db.marshal."
	cases := []struct {
		in   string
		want string
	}{
		{m + "VectorType(" + m + "FloatType,3)", "vector<float, 3>"},
		{m + "VectorType(" + m + "UTF8Type, 2)", "vector<text, 2>"},
		{"VectorType(FloatType,3)", "vector<float, 3>"},
		{m + "VectorType(" + m + "ListType(" + m + "Int32Type),2)", "vector<list<int>, 2>"},
		{m + "FrozenType(" + m + "MapType(" + m + "UTF8Type," + m + "LongType))", "frozen<map<text, bigint>>"},
		{m + "SetType(" + m + "TimeUUIDType)", "set<timeuuid>"},
		{m + "TupleType(" + m + "Int32Type," + m + "DoubleType)", "tuple<int, double>"},
		{m + "ReversedType(" + m + "TimestampType)", "timestamp"},
		{m + "DateType", "timestamp"},
		{m + "SimpleDateType", "date"},
		{m + "UserType(ks,61646472657373,737472656574:" + m + "UTF8Type,7a6970:" + m + "Int32Type)", "address"},
		{"com.example.Custom", "'com.example.Custom'"},
		{"com.example.Param(a,b(c))", "'com.example.Param(a,b(c))'"},
		{m + "VectorType(" + m + "FloatType,0)", "'" + m + "VectorType(" + m + "FloatType,0)'"},
		{m + "VectorType(" + m + "FloatType,3", "'" + m + "VectorType(" + m + "FloatType,3'"},
		{m + "ListType(" + m + "Int32Type) trailing", "'" + m + "ListType(" + m + "Int32Type) trailing'"},
		{m + "VectorType(com.example.X,2)", "vector<'com.example.X', 2>"},
	}
	for _, tc := range cases {
		if got := ParseCustom(tc.in).String(); got != tc.want {
			t.Errorf("ParseCustom(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
	udt := ParseCustom(m + "UserType(ks,61646472657373,737472656574:" + m + "UTF8Type,7a6970:" + m + "Int32Type)")
	want := &Type{Kind: UDT, Keyspace: "ks", Name: "address", Fields: []Field{
		{"street", &Type{Kind: Varchar}}, {"zip", &Type{Kind: Int}}}}
	if !reflect.DeepEqual(udt, want) {
		t.Errorf("ParseCustom(UserType) = %+v", udt)
	}
}
