package render

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// growing is three pages whose later pages hold wider values.
func growing(tb testing.TB) capturedTable {
	in, tx := mustType(tb, "int"), mustType(tb, "text")
	ct := capturedTable{cols: []Column{{"id", in, PartitionKey}, {"name", tx, Regular}}}
	for i, s := range []string{"'a'", "'bb'", "'a much longer name'", "'以呂波耳本部止'", "'z'"} {
		ct.rows = append(ct.rows, [][]byte{lit(tb, in, fmt.Sprint(i*1000)), lit(tb, tx, s)})
	}
	return ct
}

func TestWritersGolden(t *testing.T) {
	tests := []struct {
		golden string
		format Format
		o      *Options
		pages  []int
	}{
		{"table_growing.golden", FormatTable, nil, []int{2, 2, 1}},
		{"table_growing_compat.golden", FormatTable, &Options{CompatPageWidths: true}, []int{2, 2, 1}},
		{"table_growing_tty.golden", FormatTable, &Options{Tty: true}, []int{2, 2, 1}},
		{"table_growing_color.golden", FormatTable, &Options{Color: true}, []int{2, 2, 1}},
		{"expanded_growing.golden", FormatExpanded, nil, []int{2, 2, 1}},
		{"expanded_growing_compat_tty.golden", FormatExpanded, &Options{CompatPageWidths: true, Tty: true}, []int{2, 2, 1}},
		{"csv_growing.golden", FormatCSV, nil, []int{2, 3}},
		{"json_growing.golden", FormatJSON, nil, []int{2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			golden(t, tt.golden, render(t, tt.format, growing(t), tt.o, tt.pages...))
		})
	}
}

func TestTableEmptyTty(t *testing.T) {
	ct := tableT(t)
	ct.rows = nil
	got := render(t, FormatTable, ct, &Options{Tty: true})
	want := "\n pk | ck | s | f | m | v\n----+----+---+---+---+---\n\n(0 rows)\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := render(t, FormatExpanded, ct, nil); got != readCaptured(t, "cqlsh_empty.golden") {
		t.Errorf("expanded empty result %q", got)
	}
}

func TestExpandedNumbersAcrossPages(t *testing.T) {
	in := mustType(t, "int")
	ct := capturedTable{cols: []Column{{"k", in, PartitionKey}}}
	for i := range 20 {
		ct.rows = append(ct.rows, [][]byte{lit(t, in, fmt.Sprint(i))})
	}
	got := render(t, FormatExpanded, ct, nil, 5, 5, 5, 5)
	for i := 1; i <= 20; i++ {
		if !strings.Contains(got, fmt.Sprintf("@ Row %d\n", i)) {
			t.Fatalf("missing @ Row %d in %q", i, got)
		}
	}
	if !strings.HasSuffix(got, "\n\n(20 rows)\n") {
		t.Errorf("trailer: %q", got[len(got)-20:])
	}
}

// All cell kinds in CSV and JSON, including null, empty and collections.
func TestCSVAndJSONValues(t *testing.T) {
	spec := []struct{ name, typ, val string }{
		{"t", "text", `'say "hi", ok'`}, {"e", "text", "''"}, {"n", "int", "null"}, {"ei", "int", "<empty>"},
		{"f", "float", "NaN"}, {"d", "double", "0.1"}, {"dec", "decimal", "1E-14"}, {"v", "varint", "100000000000000000000000000"},
		{"b", "blob", "0xcafe"}, {"u", "uuid", "7a3e5f0c-1f2e-4d3c-9b8a-0123456789ab"}, {"ip", "inet", "'::1'"},
		{"ts", "timestamp", "'2012-05-14 12:53:20.123456+0000'"}, {"dt", "date", "'2012-05-14'"}, {"tm", "time", "'16:30:00.5'"},
		{"du", "duration", "1h30m"}, {"l", "list<text>", "['a\nb', 'c']"}, {"m", "map<text, int>", "{'b': 2, 'a': 1}"},
		{"mi", "map<int, boolean>", "{1: true}"}, {"tu", "tuple<int, text>", "(1, null)"}, {"vec", "vector<float, 2>", "[1.5, -2]"},
	}
	var cols []Column
	var row [][]byte
	for _, s := range spec {
		typ := mustType(t, s.typ)
		cols = append(cols, Column{Name: s.name, Type: typ})
		switch s.val {
		case "null":
			row = append(row, nil)
		case "<empty>":
			row = append(row, []byte{})
		default:
			row = append(row, lit(t, typ, s.val))
		}
	}
	udt := &cqltype.Type{Kind: cqltype.UDT, Name: "addr", Fields: []cqltype.Field{{Name: "city", Type: mustType(t, "text")}, {Name: "zip", Type: mustType(t, "int")}}}
	cols = append(cols, Column{Name: "u dt", Type: udt})
	row = append(row, enc(t, udt, []any{"Chelyabinsk", nil}))
	ct := capturedTable{cols: cols, rows: [][][]byte{row}}
	golden(t, "csv_values.golden", render(t, FormatCSV, ct, nil))
	golden(t, "json_values.golden", render(t, FormatJSON, ct, nil))
}

func TestTraceAndWarnings(t *testing.T) {
	tv := &TraceView{SessionID: "0adcf3d0-ec74-11f1-ab5b-4f59aa90206b", Rows: []TraceRow{
		{"Execute CQL3 query", "2026-11-30 04:10:56.783000", "127.0.0.1", "0", "127.0.0.1"},
		{"Parsing SELECT k FROM x WHERE k=1; [Native-Transport-Requests-1]", "2026-11-30 04:10:56.792000+00:00", "127.0.0.1", "9277", "127.0.0.1"},
		{"Request complete", "2026-11-30 04:10:56.796167", "127.0.0.1", "--", "127.0.0.1"},
	}}
	var b bytes.Buffer
	for _, o := range []*Options{nil, {Color: true}, {Tty: true}} {
		if err := WriteTrace(&b, tv, o); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteWarnings(&b, []string{"Aggregation query used without partition key", "second"}); err != nil {
		t.Fatal(err)
	}
	if err := WriteWarnings(&b, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "trace_warnings.golden", b.String())
	if !strings.HasSuffix(b.String(), "\nWarnings :\nAggregation query used without partition key\n\nsecond\n\n") {
		t.Errorf("warnings block: %q", b.String())
	}
}

func TestRowErrorAndParseFormat(t *testing.T) {
	tb := NewTable(&bytes.Buffer{}, []Column{{Name: "a", Type: mustType(t, "int")}}, nil)
	if err := tb.WriteRows([][][]byte{{nil, nil}}); err == nil {
		t.Error("row with two cells for one column accepted")
	}
	for s, want := range map[string]Format{"table": FormatTable, "EXPANDED": FormatExpanded, "csv": FormatCSV, " json ": FormatJSON} {
		if got, err := ParseFormat(s); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("xml accepted")
	}
}

func ExampleTable() {
	id, name := cqltype.Type{Kind: cqltype.Int}, cqltype.Type{Kind: cqltype.Varchar}
	t := NewTable(os.Stdout, []Column{{Name: "id", Type: &id, Role: PartitionKey}, {Name: "name", Type: &name}}, nil)
	one, _ := cqltype.Encode(&id, 1)
	ten, _ := cqltype.Encode(&id, 10)
	_ = t.WriteRows([][][]byte{{one, []byte("Ada")}, {ten, nil}})
	_ = t.Close(2)
	// Output:
	//
	//  id | name
	// ----+------
	//   1 |  Ada
	//  10 | null
	//
	// (2 rows)
}
