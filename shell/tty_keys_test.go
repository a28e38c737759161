package shell

import (
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// TestTTYReverseSearch: Ctrl-R searches the statements typed, newest
// first, showing readline's "(reverse-i-search)`...': " prompt; Enter runs
// the match, Ctrl-R again steps to an older one, Esc leaves it in the line
// for editing, Ctrl-C leaves the line empty, and a statement typed over two
// lines is found as one.
func TestTTYReverseSearch(t *testing.T) {
	s := startTTY(t, testnode.Addr(t), "")
	s.statement("SELECT cluster_name FROM system.local", "cqlsh>")
	s.statement("SELECT release_version FROM system.local", "cqlsh>")
	s.statement("SELECT key FROM system.local", "cqlsh>")

	s.typeKey("C-r")
	s.typeText("clus")
	s.waitFor("the match", func(sc string) bool {
		return lastLine(sc) == "(reverse-i-search)`clus': SELECT cluster_name FROM system.local;"
	})
	before := strings.Count(s.screen(), "cqlsh>")
	s.typeKey("Enter")
	sc := s.waitFor("the match run", func(sc string) bool {
		return lastLine(sc) == "cqlsh>" && strings.Count(sc, "cqlsh>") > before
	})
	if strings.Count(sc, " cluster_name\n") != 2 {
		t.Errorf("Enter should run the match:\n%s", sc)
	}

	s.typeKey("C-r")
	s.typeText("local")
	s.waitFor("the newest match", func(sc string) bool {
		return lastLine(sc) == "(reverse-i-search)`local': SELECT cluster_name FROM system.local;"
	})
	s.typeKey("C-r")
	s.waitFor("an older match", func(sc string) bool {
		return lastLine(sc) == "(reverse-i-search)`local': SELECT key FROM system.local;"
	})
	s.typeKey("C-r")
	s.waitFor("an older one still", func(sc string) bool {
		return lastLine(sc) == "(reverse-i-search)`local': SELECT release_version FROM system.local;"
	})
	s.typeKey("C-c")
	s.waitFor("an empty line after Ctrl-C", func(sc string) bool { return lastLine(sc) == "cqlsh>" })

	s.typeKey("C-r")
	s.typeText("rel")
	s.typeKey("Escape")
	s.waitFor("the match left in the line", func(sc string) bool {
		return lastLine(sc) == "cqlsh> SELECT release_version FROM system.local;"
	})
	s.typeKey("C-e") // the cursor was on the match
	s.typeKey("C-u")
	s.waitFor("the line emptied", func(sc string) bool { return lastLine(sc) == "cqlsh>" })

	s.typeText("SELECT data_center")
	s.typeKey("Enter")
	s.statement("FROM system.local", "cqlsh>")
	s.typeKey("C-r")
	s.typeText("data_c")
	s.waitFor("the two-line statement as one", func(sc string) bool {
		return lastLine(sc) == "(reverse-i-search)`data_c': SELECT data_center FROM system.local;"
	})
	before = strings.Count(s.screen(), "cqlsh>")
	s.typeKey("Enter")
	sc = s.waitFor("the two-line statement run", func(sc string) bool {
		return lastLine(sc) == "cqlsh>" && strings.Count(sc, "cqlsh>") > before
	})
	if strings.Count(sc, " datacenter1\n") != 2 {
		t.Errorf("Enter should run the two-line statement:\n%s", sc)
	}
}

// TestTTYReadlineKeys: the readline keys cqlsh users have, each checked by
// the line it leaves (the cursor shown by a letter typed where it is).
func TestTTYReadlineKeys(t *testing.T) {
	s := startTTY(t, testnode.Addr(t), "")
	s.typeText("SELECT aa bb cc")
	for _, st := range []struct {
		keys []string // tmux key names; "text:..." is typed as text
		want string
	}{
		{[]string{"M-b", "text:X"}, "SELECT aa bb Xcc"},              // Alt-B
		{[]string{"C-k"}, "SELECT aa bb X"},                          // Ctrl-K
		{[]string{"C-a", "text:Y"}, "YSELECT aa bb X"},               // Ctrl-A
		{[]string{"C-e", "C-y"}, "YSELECT aa bb Xcc"},                // Ctrl-E, Ctrl-Y
		{[]string{"C-w"}, "YSELECT aa bb"},                           // Ctrl-W
		{[]string{"M-BSpace"}, "YSELECT aa"},                         // Alt-Backspace
		{[]string{"C-Left", "text:Z"}, "YSELECT Zaa"},                // Ctrl-Left
		{[]string{"C-Right", "text:W"}, "YSELECT ZaaW"},              // Ctrl-Right
		{[]string{"C-a", "M-f", "text:V"}, "YSELECTV ZaaW"},          // Alt-F
		{[]string{"M-d"}, "YSELECTV"},                                // Alt-D
		{[]string{"C-b", "C-b", "C-d", "C-f", "text:U"}, "YSELECVU"}, // Ctrl-B, Ctrl-D, Ctrl-F
		{[]string{"C-u"}, ""},                                        // Ctrl-U
		{[]string{"C-y", "C-a", "C-k", "text:SELECT 1"}, "SELECT 1"}, // yank, then kill the line
	} {
		for _, k := range st.keys {
			if text, ok := strings.CutPrefix(k, "text:"); ok {
				s.typeText(text)
			} else {
				s.typeKey(k)
			}
		}
		want := strings.TrimRight("cqlsh> "+st.want, " ")
		s.waitFor(strings.Join(st.keys, " ")+" → "+want, func(sc string) bool { return lastLine(sc) == want })
	}
}
