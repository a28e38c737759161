package cql

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func FuzzSplit(f *testing.F) {
	for _, seed := range []string{
		"SELECT 1; SELECT 2;\nhelp\n",
		"BEGIN UNLOGGED BATCH INSERT INTO t (a) VALUES ('APPLY BATCH;'); APPLY BATCH; &\n",
		"CREATE FUNCTION f() AS $$ a; 'b' \"c\" $$;",
		"SELECT 'a /* b' -- c '\n/* d;\n e */ FROM \"t\"\"x\";",
		"SOURCE 'f\ng'\nSELECT 1 &;\nSELECT 2; &",
		"x */ y;\r\n'open",
		"/* open\n",
		"*/*",
		"\xff\xfe'';;&&$$",
	} {
		f.Add(seed)
	}
	f.Fuzz(checkSplit)
}

// checkSplit asserts the properties every split must have: no panic, texts
// taken from the input, and the same statements however the input is fed.
func checkSplit(t *testing.T, in string) {
	t.Helper()
	{
		stmts, rest := Split(in)
		if !strings.HasSuffix(in, rest) {
			t.Fatalf("rest %q is not a suffix of the input", rest)
		}
		lines := strings.Count(in, "\n") + 1
		for _, st := range stmts {
			if st.Kind == Error {
				if st.Text != MsgStrayCommentEnd || st.Err == nil {
					t.Fatalf("bad error statement %+v", st)
				}
			} else if st.Text == "" || !strings.Contains(in, st.Text) {
				t.Fatalf("statement text %q is not part of the input", st.Text)
			}
			if st.Incomplete || st.Line < 1 || st.Line > st.EndLine || st.EndLine > lines {
				t.Fatalf("bad statement %+v for %d lines", st, lines)
			}
		}
		want := briefs(stmts)

		// The same input fed as one chunk, and line by line without the
		// line breaks, gives the same statements.
		var whole Splitter
		if got := briefs(whole.Feed(in)); !equalStrings(got, want) {
			t.Fatalf("one chunk gave %q, Split gave %q", got, want)
		}
		var byLine Splitter
		var got []Statement
		for _, l := range strings.Split(in, "\n") {
			got = append(got, byLine.Feed(l)...)
		}
		if !equalStrings(briefs(got), want) {
			t.Fatalf("line feeding gave %q, Split gave %q", briefs(got), want)
		}
		st, ok := byLine.Flush()
		if ok != (rest != "") {
			t.Fatalf("Flush ok = %v but rest = %q", ok, rest)
		}
		if ok && (!st.Incomplete || st.Text != strings.TrimSpace(rest)) {
			t.Fatalf("Flush gave %+v, rest %q", st, rest)
		}

		var joined strings.Builder
		for _, tk := range Tokens(in) {
			if tk.End <= tk.Start {
				t.Fatalf("empty token %+v", tk)
			}
			joined.WriteString(tk.Text)
		}
		if joined.String() != in {
			t.Fatal("tokens do not cover the input")
		}
	}
}

// TestSplitRandom runs checkSplit on inputs built from the characters that
// matter to the lexer, to reach combinations a byte-level fuzzer rarely
// builds (such as ';' then a comment spanning lines then '&').
func TestSplitRandom(t *testing.T) {
	pieces := []string{"'", "\"", ";", "$$", "/*", "*/", "--", "//", "&", "\n", "\r\n", " ",
		"a", "1", "e+", "?", "help", "BEGIN", "UNLOGGED", "BATCH", "APPLY", "*", "/", "-", "é", "\xff"}
	r := rand.New(rand.NewPCG(1, 2))
	build := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 20000 {
		checkSplit(t, build(r.IntN(16)))
	}
	checkSplit(t, build(200000))
}
