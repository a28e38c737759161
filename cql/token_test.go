package cql

import (
	"fmt"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string // "kind:text", '!' suffix marks Unterminated; whitespace omitted
	}{
		{"SELECT a, b FROM ks.t;", []string{"identifier:SELECT", "identifier:a", "punctuation:,", "identifier:b", "identifier:FROM", "identifier:ks", "punctuation:.", "identifier:t", "semicolon:;"}},
		{"'it''s' \"Na\"\"me\" $$ x; 'y' $$", []string{"string:'it''s'", `quoted name:"Na""me"`, "dollar string:$$ x; 'y' $$"}},
		{"-- c ' x\n// d\n/* e\n f */", []string{"comment:-- c ' x", "comment:// d", "comment:/* e\n f */"}},
		{"'open", []string{"string:'open!"}},
		{`"open`, []string{`quoted name:"open!`}},
		{"$$ open", []string{"dollar string:$$ open!"}},
		{"/* open", []string{"comment:/* open!"}},
		{"'a /* b' c", []string{"string:'a /* b'", "identifier:c"}},
		{"a */ b", []string{"identifier:a", "stray comment end:*/", "identifier:b"}},
		{"*/*c*/", []string{"punctuation:*", "comment:/*c*/"}},
		{"1 -2 3.5 1.5e-3 0xCAFE 1h30m 123e4567-e89b-12d3-a456-426614174000",
			[]string{"number:1", "punctuation:-", "number:2", "number:3.5", "number:1.5e-3", "number:0xCAFE", "number:1h30m", "number:123e4567-e89b-12d3-a456-426614174000"}},
		{"a <= b >= c != d += 1 & ? :x", []string{"identifier:a", "punctuation:<=", "identifier:b", "punctuation:>=", "identifier:c", "punctuation:!=", "identifier:d", "punctuation:+=", "number:1", "punctuation:&", "punctuation:?", "punctuation::", "identifier:x"}},
		{"tëst _x9 €", []string{"identifier:tëst", "identifier:_x9", "punctuation:€"}},
		{"\xff'", []string{"punctuation:\xff", "string:'!"}},
	}
	for _, tt := range tests {
		toks := Tokens(tt.in)
		var got []string
		var joined strings.Builder
		pos := 0
		for _, tk := range toks {
			if tk.Start != pos || tk.Text != tt.in[tk.Start:tk.End] {
				t.Errorf("%q: token %+v does not continue at %d", tt.in, tk, pos)
			}
			pos = tk.End
			joined.WriteString(tk.Text)
			if tk.Kind == TokWhitespace {
				continue
			}
			s := fmt.Sprintf("%s:%s", tk.Kind, tk.Text)
			if tk.Unterminated {
				s += "!"
			}
			got = append(got, s)
		}
		if joined.String() != tt.in {
			t.Errorf("%q: tokens do not cover the input", tt.in)
		}
		if !equalStrings(got, tt.want) {
			t.Errorf("Tokens(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}
