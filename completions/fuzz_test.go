package completions

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzComplete checks that Complete never panics and that its word is the
// text right before the cursor, whatever the input and cursor.
func FuzzComplete(f *testing.F) {
	for _, tc := range completeCases {
		in, cur := split(tc.in)
		f.Add(in, cur)
	}
	for _, s := range []string{
		"", "'", `"`, "$$", "/*", "*/", ".", "..", "a.", ".a", "(((", ")))", "<<<", ">>>",
		"SELECT * FROM ks1.\"", "CREATE TABLE t (a map<frozen<list<", "BEGIN BATCH USING TIMESTAMP",
		"\x00\xff", "SOURCE '~/", "SELECT ; ; ; @", "DESC\n\nSELECT",
	} {
		f.Add(s, len(s))
		f.Add(s, len(s)/2)
	}
	sch := testSchema()
	f.Fuzz(func(t *testing.T, input string, cursor int) {
		word, sugg := Complete(input, cursor, sch, "ks1")
		c := min(max(cursor, 0), len(input))
		if !strings.HasSuffix(input[:c], word) {
			t.Fatalf("word %q is not before the cursor in %q", word, input[:c])
		}
		for _, s := range sugg {
			if s.Text == "" {
				t.Fatalf("empty suggestion for %q", input)
			}
			if utf8.ValidString(input) && !utf8.ValidString(s.Text) {
				t.Fatalf("invalid UTF-8 suggestion %q", s.Text)
			}
		}
	})
}
