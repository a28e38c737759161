package input

import (
	"testing"

	prompt "github.com/c-bata/go-prompt"
)

// TestReverseSearch drives the search as the parser and go-prompt do: each
// key routed, the keys go-prompt gets in its place applied to a buffer.
func TestReverseSearch(t *testing.T) {
	hist := []string{
		"SELECT cluster_name FROM system.local;",
		"SELECT data_center FROM system.local;",
		"INSERT INTO ks.t (k) VALUES ('sel');",
	}
	tests := []struct {
		name       string
		line       string   // the buffer before Ctrl-R
		keys       []string // typed
		text       string   // the buffer after
		prefix     string   // the search's prompt after, "" when over
		passedKeys []string // keys go-prompt gets besides searchKey
	}{
		{"newest first", "", []string{"\x12", "s", "e", "l"}, hist[2], "(reverse-i-search)`sel': ", nil},
		{"case matters", "", []string{"\x12", "S", "E", "L"}, hist[1], "(reverse-i-search)`SEL': ", nil},
		{"ctrl-r steps back", "", []string{"\x12", "S", "E", "L", "\x12"}, hist[0], "(reverse-i-search)`SEL': ", nil},
		{"no older match", "", []string{"\x12", "clus", "\x12"}, hist[0], "(failed reverse-i-search)`clus': ", nil},
		{"no match keeps the line", "abc", []string{"\x12", "zzz"}, "abc", "(failed reverse-i-search)`zzz': ", nil},
		{"backspace", "", []string{"\x12", "datx", "\x7f"}, hist[1], "(reverse-i-search)`dat': ", nil},
		{"enter ends and runs", "", []string{"\x12", "data", "\r"}, hist[1], "", []string{"\r"}},
		{"escape leaves the match", "", []string{"\x12", "data", "\x1b"}, hist[1], "", nil},
		{"ctrl-g leaves the match", "", []string{"\x12", "data", "\x07"}, hist[1], "", nil},
		{"an arrow leaves the match and moves", "", []string{"\x12", "data", "\x1b[D"}, hist[1], "", []string{"\x1b[D"}},
		{"ctrl-c gives the line back", "abc", []string{"\x12", "data", "\x03"}, "abc", "", []string{"\x03"}},
		{"keys after the search are the line's", "", []string{"\x12", "data", "\x1b", "x"}, hist[1], "", []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &searcher{history: func() []string { return hist }}
			buf := prompt.NewBuffer()
			buf.InsertText(tt.line, false, true)
			var passed []string
			for _, k := range tt.keys {
				for _, out := range s.route([]byte(k)) {
					if string(out) == searchKey {
						s.apply(buf)
					} else {
						passed = append(passed, string(out))
					}
				}
			}
			if buf.Text() != tt.text || s.currentPrefix() != tt.prefix {
				t.Errorf("buffer %q, prompt %q; want %q, %q", buf.Text(), s.currentPrefix(), tt.text, tt.prefix)
			}
			if len(passed) != len(tt.passedKeys) || (len(passed) > 0 && passed[0] != tt.passedKeys[0]) {
				t.Errorf("keys passed on %q, want %q", passed, tt.passedKeys)
			}
		})
	}
}

// TestWordMotions: readline's word boundaries (letters, digits, _).
func TestWordMotions(t *testing.T) {
	for _, tt := range []struct {
		s                 string
		before, after, ws int
	}{
		{"SELECT aa", 2, 6, 2},
		{"SELECT aa  ", 4, 6, 4},
		{"ks.table_1", 7, 2, 10},
		{"", 0, 0, 0},
		{"été ", 4, 3, 4},
	} {
		if got := wordBefore(tt.s); got != tt.before {
			t.Errorf("wordBefore(%q) = %d, want %d", tt.s, got, tt.before)
		}
		if got := wordAfter(tt.s); got != tt.after {
			t.Errorf("wordAfter(%q) = %d, want %d", tt.s, got, tt.after)
		}
		if got := spaceWordBefore(tt.s); got != tt.ws {
			t.Errorf("spaceWordBefore(%q) = %d, want %d", tt.s, got, tt.ws)
		}
	}
}
