package cql

import (
	"strings"
	"testing"
)

func TestFeedPending(t *testing.T) {
	type step struct {
		line        string
		want        []string
		pending     bool
		pendingText string
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"multi-line select", []step{
			{"SELECT *", nil, true, "SELECT *"},
			{"FROM t", nil, true, "SELECT *\nFROM t"},
			{"WHERE a = 1;", []string{`CQL 1-3 "SELECT *\nFROM t\nWHERE a = 1"`}, false, ""},
		}},
		{"open string", []step{
			{"INSERT INTO t (a) VALUES ('x;", nil, true, "INSERT INTO t (a) VALUES ('x;"},
			{"y;');", []string{`CQL 1-2 "INSERT INTO t (a) VALUES ('x;\ny;')"`}, false, ""},
		}},
		{"open comment before statement", []step{
			{"/* a;", nil, true, "/* a;"},
			{"b; */", nil, false, ""},
			{"SELECT 1;", []string{`CQL 3-3 "SELECT 1"`}, false, ""},
		}},
		{"open dollar body", []step{
			{"CREATE FUNCTION f() AS $$ x;", nil, true, "CREATE FUNCTION f() AS $$ x;"},
			{"';", nil, true, "CREATE FUNCTION f() AS $$ x;\n';"},
			{"$$;", []string{`CQL 1-3 "CREATE FUNCTION f() AS $$ x;\n';\n$$"`}, false, ""},
		}},
		{"open batch", []step{
			{"BEGIN BATCH", nil, true, "BEGIN BATCH"},
			{"INSERT INTO t (a) VALUES (1);", nil, true, "BEGIN BATCH\nINSERT INTO t (a) VALUES (1);"},
			{"APPLY BATCH;", []string{`CQL 1-3 "BEGIN BATCH\nINSERT INTO t (a) VALUES (1);\nAPPLY BATCH"`}, false, ""},
		}},
		{"shell completes at line end", []step{
			{"SELECT 1; help", []string{`CQL 1-1 "SELECT 1"`, `Shell 1-1 "help" cmd=help`}, false, ""},
		}},
		{"line with newline", []step{
			{"SELECT 1;\n", []string{`CQL 1-1 "SELECT 1"`}, false, ""},
			{"SELECT\r\n", nil, true, "SELECT"},
			{"2;\n", []string{`CQL 2-3 "SELECT\r\n2"`}, false, ""},
		}},
		{"chunk of several lines", []step{
			{"SELECT 1;\nhelp\nSELECT", []string{`CQL 1-1 "SELECT 1"`, `Shell 2-2 "help" cmd=help`}, true, "SELECT"},
			{"2;", []string{`CQL 3-4 "SELECT\n2"`}, false, ""},
		}},
		{"line ending in ampersand completes", []step{
			{"SELECT *", nil, true, "SELECT *"},
			{"FROM t &", []string{`CQL 1-2 "SELECT *\nFROM t" &`}, false, ""},
			{"SELECT 1 & -- later", []string{`CQL 3-3 "SELECT 1" &`}, false, ""},
		}},
		{"comment lines are not pending", []step{
			{"-- just a comment", nil, false, ""},
			{"", nil, false, ""},
			{"   ", nil, false, ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Splitter
			for i, st := range tt.steps {
				got := briefs(s.Feed(st.line))
				if !equalStrings(got, st.want) {
					t.Errorf("step %d Feed(%q) = %q, want %q", i, st.line, got, st.want)
				}
				if s.Pending() != st.pending {
					t.Errorf("step %d Pending() = %v, want %v", i, s.Pending(), st.pending)
				}
				if s.PendingText() != st.pendingText {
					t.Errorf("step %d PendingText() = %q, want %q", i, s.PendingText(), st.pendingText)
				}
			}
			if _, ok := s.Flush(); ok {
				t.Errorf("Flush returned a statement after complete input")
			}
		})
	}
}

func TestReset(t *testing.T) {
	for _, open := range []string{"SELECT 1", "SELECT 'abc", `SELECT "ab`, "AS $$ x", "/* c", "BEGIN BATCH INSERT INTO t (a) VALUES (1);"} {
		var s Splitter
		s.Feed("SELECT 0;")
		s.Feed(open)
		if !s.Pending() {
			t.Fatalf("%q: not pending before Reset", open)
		}
		s.Reset()
		if s.Pending() || s.PendingText() != "" {
			t.Errorf("%q: still pending after Reset: %q", open, s.PendingText())
		}
		got := briefs(s.Feed("SELECT 2;"))
		want := []string{`CQL 3-3 "SELECT 2"`}
		if !equalStrings(got, want) {
			t.Errorf("%q: after Reset got %q, want %q", open, got, want)
		}
	}
}

func TestFlush(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"plain", []string{"SELECT 1;", "SELECT *", "FROM t"}, `CQL 2-3 "SELECT *\nFROM t" incomplete`},
		{"string", []string{"SELECT 'abc"}, `CQL 1-1 "SELECT 'abc" incomplete`},
		{"quoted name", []string{`SELECT "abc`, ""}, `CQL 1-2 "SELECT \"abc" incomplete`},
		{"dollar", []string{"AS $$ a;", "b;"}, `CQL 1-2 "AS $$ a;\nb;" incomplete`},
		{"comment", []string{"", "/* abc"}, `CQL 2-2 "/* abc" incomplete`},
		{"comment in statement", []string{"SELECT /* abc"}, `CQL 1-1 "SELECT /* abc" incomplete`},
		{"batch", []string{"BEGIN BATCH", "INSERT INTO t (a) VALUES (1);"}, `CQL 1-2 "BEGIN BATCH\nINSERT INTO t (a) VALUES (1);" incomplete`},
		{"batch without semicolon after apply", []string{"BEGIN BATCH INSERT INTO t (a) VALUES (1); APPLY BATCH"}, `CQL 1-1 "BEGIN BATCH INSERT INTO t (a) VALUES (1); APPLY BATCH" incomplete`},
		{"shell with open string", []string{"SOURCE 'f"}, `Shell 1-1 "SOURCE 'f" cmd=source incomplete`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Splitter
			for _, l := range tt.lines {
				s.Feed(l)
			}
			st, ok := s.Flush()
			if !ok {
				t.Fatal("Flush returned nothing")
			}
			if got := brief(st); got != tt.want {
				t.Errorf("Flush = %s, want %s", got, tt.want)
			}
			if s.Pending() {
				t.Error("still pending after Flush")
			}
			if _, ok := s.Flush(); ok {
				t.Error("second Flush returned a statement")
			}
		})
	}
}

func TestNewSplitterFirstLine(t *testing.T) {
	s := NewSplitter(10)
	got := briefs(append(s.Feed("SELECT"), s.Feed("1;")...))
	want := []string{`CQL 10-11 "SELECT\n1"`}
	if !equalStrings(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFeedWithoutNewlinesMatchesSplit(t *testing.T) {
	in := "SELECT 1; help\nBEGIN BATCH\nINSERT INTO t (a) VALUES ('x;\ny');\nAPPLY BATCH; &\n/* c\n*/ SELECT $$a\nb$$\n;\nSELECT"
	want, rest := Split(in)
	var s Splitter
	var got []Statement
	for _, l := range strings.Split(in, "\n") {
		got = append(got, s.Feed(l)...)
	}
	if g, w := briefs(got), briefs(want); !equalStrings(g, w) {
		t.Errorf("line feeding\n got  %q\n want %q", g, w)
	}
	if s.PendingText() != rest {
		t.Errorf("PendingText = %q, rest = %q", s.PendingText(), rest)
	}
}
