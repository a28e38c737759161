package cql

import (
	"fmt"
	"strings"
	"testing"
)

// brief renders the fields a test cares about in one comparable string.
func brief(st Statement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d-%d %q", st.Kind, st.Line, st.EndLine, st.Text)
	if st.Command != "" {
		fmt.Fprintf(&b, " cmd=%s", st.Command)
	}
	if st.Background {
		b.WriteString(" &")
	}
	if st.Incomplete {
		b.WriteString(" incomplete")
	}
	return b.String()
}

func briefs(stmts []Statement) []string {
	out := make([]string, len(stmts))
	for i, st := range stmts {
		out[i] = brief(st)
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
		rest string
	}{
		{"empty", "", nil, ""},
		{"whitespace only", " \n\t\r\n  ", nil, ""},
		{"comments only", "-- a\n// b\n/* c\n d */\n", nil, ""},
		{"empty statements", ";\n /* x */ ;\n-- y\n;", nil, ""},
		{"one statement", "SELECT * FROM t;", []string{`CQL 1-1 "SELECT * FROM t"`}, ""},
		{"several on one line", "SELECT 1; SELECT 2 ;SELECT 3;",
			[]string{`CQL 1-1 "SELECT 1"`, `CQL 1-1 "SELECT 2"`, `CQL 1-1 "SELECT 3"`}, ""},
		{"multi-line", "SELECT *\n  FROM t\n  WHERE a = 1\n;\n",
			[]string{`CQL 1-4 "SELECT *\n  FROM t\n  WHERE a = 1"`}, ""},
		{"leading comments dropped", "-- intro\n/* more */ SELECT 1;",
			[]string{`CQL 2-2 "SELECT 1"`}, ""},
		{"inner comments kept trailing dropped", "SELECT /* c */ 1 -- tail\n;",
			[]string{`CQL 1-2 "SELECT /* c */ 1"`}, ""},
		{"string with semicolon", "INSERT INTO t (a) VALUES ('x;y');",
			[]string{`CQL 1-1 "INSERT INTO t (a) VALUES ('x;y')"`}, ""},
		{"string with comment openers", "SELECT 'a -- b', 'c // d', 'e /* f' FROM t;",
			[]string{`CQL 1-1 "SELECT 'a -- b', 'c // d', 'e /* f' FROM t"`}, ""},
		{"string with doubled quotes", "SELECT 'it''s; ok';",
			[]string{`CQL 1-1 "SELECT 'it''s; ok'"`}, ""},
		{"string ending in doubled quote", "SELECT '''';",
			[]string{`CQL 1-1 "SELECT ''''"`}, ""},
		{"string over lines", "INSERT INTO t (a) VALUES ('one;\ntwo');",
			[]string{`CQL 1-2 "INSERT INTO t (a) VALUES ('one;\ntwo')"`}, ""},
		{"quoted name", `SELECT "a;""b" FROM "T";`,
			[]string{`CQL 1-1 "SELECT \"a;\"\"b\" FROM \"T\""`}, ""},
		{"dollar body", "CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$\n  int x = 1; return 'a' + \"b\"; // c\n$$;",
			[]string{`CQL 1-3 "CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$\n  int x = 1; return 'a' + \"b\"; // c\n$$"`}, ""},
		{"block comment over lines", "SELECT 1 /* a;\n b; */ FROM t;",
			[]string{`CQL 1-2 "SELECT 1 /* a;\n b; */ FROM t"`}, ""},
		{"line comment with quote", "SELECT 1 -- don't\n;\nSELECT 2;",
			[]string{`CQL 1-2 "SELECT 1"`, `CQL 3-3 "SELECT 2"`}, ""},
		{"slash comment with semicolon", "SELECT 1 // a; b\nFROM t;",
			[]string{`CQL 1-2 "SELECT 1 // a; b\nFROM t"`}, ""},
		{"star slash star is not stray", "SELECT */* c */ FROM t;",
			[]string{`CQL 1-1 "SELECT */* c */ FROM t"`}, ""},
		{"logged batch", "BEGIN BATCH\n INSERT INTO t (a) VALUES (1);\n UPDATE t SET b = 2 WHERE a = 1;\nAPPLY BATCH;\nSELECT 1;",
			[]string{`CQL 1-4 "BEGIN BATCH\n INSERT INTO t (a) VALUES (1);\n UPDATE t SET b = 2 WHERE a = 1;\nAPPLY BATCH"`, `CQL 5-5 "SELECT 1"`}, ""},
		{"unlogged batch lower case", "begin unlogged batch insert into t (a) values (1); apply batch; select 2;",
			[]string{`CQL 1-1 "begin unlogged batch insert into t (a) values (1); apply batch"`, `CQL 1-1 "select 2"`}, ""},
		{"counter batch", "BEGIN COUNTER BATCH UPDATE c SET n = n + 1 WHERE k = 1; APPLY BATCH;",
			[]string{`CQL 1-1 "BEGIN COUNTER BATCH UPDATE c SET n = n + 1 WHERE k = 1; APPLY BATCH"`}, ""},
		{"batch with using", "BEGIN BATCH USING TIMESTAMP 5 INSERT INTO t (a) VALUES (1); APPLY BATCH;",
			[]string{`CQL 1-1 "BEGIN BATCH USING TIMESTAMP 5 INSERT INTO t (a) VALUES (1); APPLY BATCH"`}, ""},
		{"batch with fake apply in strings and comments",
			"BEGIN BATCH\nINSERT INTO t (a) VALUES ('APPLY BATCH;'); -- APPLY BATCH;\n/* APPLY BATCH; */ INSERT INTO t (\"APPLY BATCH;\") VALUES (2);\nAPPLY /* x */ BATCH\n;",
			[]string{`CQL 1-5 "BEGIN BATCH\nINSERT INTO t (a) VALUES ('APPLY BATCH;'); -- APPLY BATCH;\n/* APPLY BATCH; */ INSERT INTO t (\"APPLY BATCH;\") VALUES (2);\nAPPLY /* x */ BATCH"`}, ""},
		{"unterminated batch", "BEGIN BATCH INSERT INTO t (a) VALUES (1);", nil,
			"BEGIN BATCH INSERT INTO t (a) VALUES (1);"},
		{"begin alone is not a batch", "BEGIN; SELECT 1;",
			[]string{`CQL 1-1 "BEGIN"`, `CQL 1-1 "SELECT 1"`}, ""},
		{"begin then other word", "BEGIN TRANSACTION; SELECT 1;",
			[]string{`CQL 1-1 "BEGIN TRANSACTION"`, `CQL 1-1 "SELECT 1"`}, ""},
		{"batch background", "BEGIN BATCH INSERT INTO t (a) VALUES (1); APPLY BATCH &;",
			[]string{`CQL 1-1 "BEGIN BATCH INSERT INTO t (a) VALUES (1); APPLY BATCH" &`}, ""},
		{"shell without semicolon", "HELP\nconsistency quorum\n",
			[]string{`Shell 1-1 "HELP" cmd=help`, `Shell 2-2 "consistency quorum" cmd=consistency`}, ""},
		{"shell with semicolon", "TRACING ON;\nexpand off ; paging 50;",
			[]string{`Shell 1-1 "TRACING ON" cmd=tracing`, `Shell 2-2 "expand off" cmd=expand`, `Shell 2-2 "paging 50" cmd=paging`}, ""},
		{"shell then cql", "describe keyspaces\nSELECT *\nFROM t;\nexit",
			[]string{`Shell 1-1 "describe keyspaces" cmd=describe`, `CQL 2-3 "SELECT *\nFROM t"`, `Shell 4-4 "exit" cmd=exit`}, ""},
		{"shell at end without newline", "SELECT 1;\nquit",
			[]string{`CQL 1-1 "SELECT 1"`, `Shell 2-2 "quit" cmd=quit`}, ""},
		{"question mark", "? consistency\n",
			[]string{`Shell 1-1 "? consistency" cmd=?`}, ""},
		{"shell own commands", "FORMAT json\njobs\nwait 3\nresult 2\ncancel 1\n",
			[]string{`Shell 1-1 "FORMAT json" cmd=format`, `Shell 2-2 "jobs" cmd=jobs`, `Shell 3-3 "wait 3" cmd=wait`, `Shell 4-4 "result 2" cmd=result`, `Shell 5-5 "cancel 1" cmd=cancel`}, ""},
		{"shell string over lines", "SOURCE 'a\nb'\nSELECT 1;",
			[]string{`Shell 1-2 "SOURCE 'a\nb'" cmd=source`, `CQL 3-3 "SELECT 1"`}, ""},
		{"shell trailing comment", "capture 'out.txt' -- keep\n",
			[]string{`Shell 1-1 "capture 'out.txt'" cmd=capture`}, ""},
		{"serial consistency", "SERIAL CONSISTENCY LOCAL_SERIAL\n",
			[]string{`Shell 1-1 "SERIAL CONSISTENCY LOCAL_SERIAL" cmd=serial`}, ""},
		{"use needs semicolon", "USE ks\n;", []string{`CQL 1-2 "USE ks"`}, ""},
		{"copy needs semicolon", "COPY t TO 'f.csv'\nWITH HEADER = true;",
			[]string{`CQL 1-2 "COPY t TO 'f.csv'\nWITH HEADER = true"`}, ""},
		{"concurrent needs semicolon", "CONCURRENT 4\nSELECT 1;",
			[]string{`CQL 1-2 "CONCURRENT 4\nSELECT 1"`}, ""},
		{"shell word later is not shell", "SELECT help FROM t;", []string{`CQL 1-1 "SELECT help FROM t"`}, ""},
		{"ampersand before semicolon", "SELECT * FROM t &;", []string{`CQL 1-1 "SELECT * FROM t" &`}, ""},
		{"ampersand on its own line ends the statement", "SELECT * FROM t\n&\n;", []string{`CQL 1-2 "SELECT * FROM t" &`}, ""},
		{"ampersand at line end", "SELECT a FROM t &\nSELECT b FROM t &\nSELECT c FROM t;",
			[]string{`CQL 1-1 "SELECT a FROM t" &`, `CQL 2-2 "SELECT b FROM t" &`, `CQL 3-3 "SELECT c FROM t"`}, ""},
		{"ampersand at line end of multi-line statement", "SELECT a\nFROM t &\n",
			[]string{`CQL 1-2 "SELECT a\nFROM t" &`}, ""},
		{"ampersand at line end then semicolon line", "SELECT 1 &\n;\nSELECT 2;",
			[]string{`CQL 1-1 "SELECT 1" &`, `CQL 3-3 "SELECT 2"`}, ""},
		{"ampersand at line end with trailing spaces", "SELECT 1 &  \t\r\nSELECT 2;",
			[]string{`CQL 1-1 "SELECT 1" &`, `CQL 2-2 "SELECT 2"`}, ""},
		{"ampersand at line end without newline", "SELECT 1 &",
			[]string{`CQL 1-1 "SELECT 1" &`}, ""},
		{"ampersand at line end in string", "SELECT 'a &\nb';",
			[]string{`CQL 1-2 "SELECT 'a &\nb'"`}, ""},
		{"ampersand at line end in block comment", "SELECT 1 /* &\n*/ FROM t;",
			[]string{`CQL 1-2 "SELECT 1 /* &\n*/ FROM t"`}, ""},
		{"ampersand at line end in line comment", "SELECT 1 -- &\nFROM t;",
			[]string{`CQL 1-2 "SELECT 1 -- &\nFROM t"`}, ""},
		{"ampersand in dollar body", "CREATE FUNCTION f() AS $$ a &\n b $$;",
			[]string{`CQL 1-2 "CREATE FUNCTION f() AS $$ a &\n b $$"`}, ""},
		{"ampersand mid-line then line end", "SELECT a & b\nFROM t;",
			[]string{`CQL 1-2 "SELECT a & b\nFROM t"`}, ""},
		{"ampersand at line end inside batch does not end it",
			"BEGIN BATCH\nINSERT INTO t (a) VALUES (1) &\nAPPLY BATCH;",
			[]string{`CQL 1-3 "BEGIN BATCH\nINSERT INTO t (a) VALUES (1) &\nAPPLY BATCH"`}, ""},
		{"apply batch ampersand at line end", "BEGIN BATCH\nINSERT INTO t (a) VALUES (1);\nAPPLY BATCH &\nSELECT 1;",
			[]string{`CQL 1-3 "BEGIN BATCH\nINSERT INTO t (a) VALUES (1);\nAPPLY BATCH" &`, `CQL 4-4 "SELECT 1"`}, ""},
		{"concurrent ampersand at line end", "CONCURRENT 4 SELECT ? FROM t WITH ARGS (1) &\nSELECT 2;",
			[]string{`CQL 1-1 "CONCURRENT 4 SELECT ? FROM t WITH ARGS (1)" &`, `CQL 2-2 "SELECT 2"`}, ""},
		{"ampersand after semicolon", "SELECT 1; & SELECT 2;",
			[]string{`CQL 1-1 "SELECT 1" &`, `CQL 1-1 "SELECT 2"`}, ""},
		{"ampersand after semicolon no space", "SELECT 1;&",
			[]string{`CQL 1-1 "SELECT 1" &`}, ""},
		{"ampersand on next line is not background", "SELECT 1;\n& SELECT 2;",
			[]string{`CQL 1-1 "SELECT 1"`, `CQL 2-2 "& SELECT 2"`}, ""},
		{"ampersand after comment over lines", "SELECT 1; /* a\n b */ & SELECT 2;",
			[]string{`CQL 1-1 "SELECT 1"`, `CQL 2-2 "& SELECT 2"`}, ""},
		{"ampersand after comment on same line", "SELECT 1; /* a */ &",
			[]string{`CQL 1-1 "SELECT 1" &`}, ""},
		{"ampersand in middle", "SELECT a & b FROM t;", []string{`CQL 1-1 "SELECT a & b FROM t"`}, ""},
		{"ampersand in string", "SELECT '&';", []string{`CQL 1-1 "SELECT '&'"`}, ""},
		{"ampersand with comment", "SELECT 1 & -- later\n;", []string{`CQL 1-1 "SELECT 1" &`}, ""},
		{"lone ampersand statement", "&;", nil, ""},
		{"shell background", "SOURCE 'big.cql' &\n", []string{`Shell 1-1 "SOURCE 'big.cql'" cmd=source &`}, ""},
		{"stray comment end", "SELECT 1 */ FROM t; SELECT 2;\nSELECT 3;",
			[]string{`Error 1-1 "` + MsgStrayCommentEnd + `"`, `CQL 2-2 "SELECT 3"`}, ""},
		{"stray comment end after statement", "SELECT 1;\nSELECT\n2 */;\n",
			[]string{`CQL 1-1 "SELECT 1"`, `Error 2-3 "` + MsgStrayCommentEnd + `"`}, ""},
		{"comment end inside string", "SELECT 'a */ b';", []string{`CQL 1-1 "SELECT 'a */ b'"`}, ""},
		{"unterminated string", "SELECT 'abc;\n", nil, "SELECT 'abc;\n"},
		{"unterminated rest exact", "SELECT 1; SELECT\n 2", []string{`CQL 1-1 "SELECT 1"`}, "SELECT\n 2"},
		{"crlf", "SELECT 1;\r\nhelp\r\nSELECT\r\n2;\r\n",
			[]string{`CQL 1-1 "SELECT 1"`, `Shell 2-2 "help" cmd=help`, `CQL 3-4 "SELECT\r\n2"`}, ""},
		{"unicode", "SELECT 'héllo;' FROM tëst;", []string{`CQL 1-1 "SELECT 'héllo;' FROM tëst"`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rest := Split(tt.in)
			if g := briefs(got); !equalStrings(g, tt.want) {
				t.Errorf("Split(%q) statements\n got  %q\n want %q", tt.in, g, tt.want)
			}
			if rest != tt.rest {
				t.Errorf("Split(%q) rest = %q, want %q", tt.in, rest, tt.rest)
			}
		})
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSyntaxErrorTyped(t *testing.T) {
	got, _ := Split("SELECT\n1 */;")
	if len(got) != 1 || got[0].Kind != Error {
		t.Fatalf("got %q, want one Error statement", briefs(got))
	}
	se, ok := got[0].Err.(*SyntaxError)
	if !ok {
		t.Fatalf("Err = %T, want *SyntaxError", got[0].Err)
	}
	if se.Line != 2 || se.Error() != MsgStrayCommentEnd {
		t.Errorf("SyntaxError = %v, want line 2 %q", se, MsgStrayCommentEnd)
	}
}

func TestShellCommandWords(t *testing.T) {
	shell := strings.Fields("help ? consistency serial describe desc show source capture login debug tracing expand paging exit quit clear cls history elapsed format jobs wait result cancel")
	for _, w := range shell {
		for _, v := range []string{w, strings.ToUpper(w)} {
			got, _ := Split(v + " x\n")
			if len(got) != 1 || got[0].Kind != Shell || got[0].Command != w {
				t.Errorf("%q: got %q, want Shell with command %q", v, briefs(got), w)
			}
		}
	}
	for _, w := range strings.Fields("use copy concurrent select insert begin list grant helpme") {
		got, _ := Split(w + " x\n")
		if len(got) != 0 {
			t.Errorf("%q without ';' gave %q, want nothing", w, briefs(got))
		}
	}
}
