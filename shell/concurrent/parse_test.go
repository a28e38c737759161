package concurrent

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseConcurrent(t *testing.T) {
	tests := []struct {
		in   string
		want concurrentSpec
		err  string
	}{
		{in: "CONCURRENT INSERT INTO t (a, b) VALUES (?, ?) WITH ARGS (1, 'x'), (2, 'y, z')",
			want: concurrentSpec{n: 100, stmt: "INSERT INTO t (a, b) VALUES (?, ?)", kind: srcTuples,
				tuples: [][]string{{"1", "'x'"}, {"2", "'y, z'"}}}},
		{in: "concurrent 8 UPDATE t SET l = ? WHERE k = ? with args ([1, 2], (3, 'a')), ({'k': [1]}, null) STOP ON ERROR SUMMARY;",
			want: concurrentSpec{n: 8, stmt: "UPDATE t SET l = ? WHERE k = ?", kind: srcTuples,
				tuples: [][]string{{"[1, 2]", "(3, 'a')"}, {"{'k': [1]}", "null"}}, stopOnError: true, summary: true}},
		{in: "CONCURRENT 3 INSERT INTO t (k) VALUES (?) WITH ARGS ()",
			want: concurrentSpec{n: 3, stmt: "INSERT INTO t (k) VALUES (?)", kind: srcTuples, tuples: [][]string{nil}}},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS FROM 'it''s.csv' WITH HEADER SUMMARY STOP ON ERROR",
			want: concurrentSpec{n: 100, stmt: "INSERT INTO t (k) VALUES (?)", kind: srcCSV, file: "it's.csv", header: true, stopOnError: true, summary: true}},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS FROM '-'",
			want: concurrentSpec{n: 100, stmt: "INSERT INTO t (k) VALUES (?)", kind: srcCSV, file: "-"}},
		{in: "CONCURRENT 1000 INSERT INTO t (k, v) VALUES (?, ?) WITH ARGS RANGE -5 TO 100000",
			want: concurrentSpec{n: 1000, stmt: "INSERT INTO t (k, v) VALUES (?, ?)", kind: srcRange, from: -5, to: 100000}},
		{in: "CONCURRENT DELETE FROM t WHERE k = ? WITH ARGS FROM (SELECT k FROM t WHERE v = 1 ALLOW FILTERING) STOP ON ERROR",
			want: concurrentSpec{n: 100, stmt: "DELETE FROM t WHERE k = ?", kind: srcSelect, query: "SELECT k FROM t WHERE v = 1 ALLOW FILTERING", stopOnError: true}},
		{in: "CONCURRENT SELECT * FROM t WHERE k IN (?, ?) AND c = 'with args' WITH ARGS (1, 2)",
			want: concurrentSpec{n: 100, stmt: "SELECT * FROM t WHERE k IN (?, ?) AND c = 'with args'", kind: srcTuples, tuples: [][]string{{"1", "2"}}}},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?)", err: "expected <statement> WITH ARGS <source>"},
		{in: "CONCURRENT WITH ARGS (1)", err: "expected <statement> WITH ARGS <source>"},
		{in: "CONCURRENT 0 INSERT INTO t (k) VALUES (?) WITH ARGS (1)", err: "concurrency must be"},
		{in: "CONCURRENT 99999 INSERT INTO t (k) VALUES (?) WITH ARGS (1)", err: "concurrency must be"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS", err: "needs a source"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS (1), (2", err: "unbalanced"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS (1) (2)", err: "expected , between"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS (1),", err: "expected , between"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS RANGE 1 TO", err: "RANGE <integer> TO <integer>"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS RANGE a TO 3", err: "RANGE <integer> TO <integer>"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS FROM 'f.csv' WITH COLUMNS", err: "unexpected"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS FROM (DELETE FROM t)", err: "takes a SELECT"},
		{in: "CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS STDIN", err: "unknown source"},
	}
	for _, tt := range tests {
		got, err := parseConcurrent(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.in, *got, tt.want)
		}
	}
}

// FuzzParseConcurrent checks that any CONCURRENT text parses or fails
// with a ConcurrentSyntaxError, never panics, and that what parses is
// within bounds.
func FuzzParseConcurrent(f *testing.F) {
	for _, s := range []string{
		"CONCURRENT INSERT INTO t (a, b) VALUES (?, ?) WITH ARGS (1, 'x'), (2, 'y, z')",
		"concurrent 8 UPDATE t SET l = ? WHERE k = ? with args ([1, 2], (3, 'a')), ({'k': [1]}, null) STOP ON ERROR SUMMARY;",
		"CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS FROM 'it''s.csv' WITH HEADER",
		"CONCURRENT 1000 INSERT INTO t (k, v) VALUES (?, ?) WITH ARGS RANGE -5 TO 100000",
		"CONCURRENT DELETE FROM t WHERE k = ? WITH ARGS FROM (SELECT k FROM t)",
		"CONCURRENT x WITH ARGS ((((",
		"CONCURRENT WITH ARGS ) ( ,",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, err := parseConcurrent(s)
		if err != nil {
			if _, ok := err.(*ConcurrentSyntaxError); !ok {
				t.Fatalf("%q: error of type %T", s, err)
			}
			return
		}
		if spec.n < 1 || spec.n > maxConcurrency || spec.stmt == "" || spec.kind < srcTuples || spec.kind > srcSelect {
			t.Fatalf("%q: out of bounds: %+v", s, spec)
		}
	})
}
