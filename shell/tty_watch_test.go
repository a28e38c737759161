package shell

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// TestTTYWatch: in a terminal WATCH clears the screen and redraws its
// header and result on each run (one header on the screen, its elapsed
// time moving on), and Ctrl-C returns to the prompt.
func TestTTYWatch(t *testing.T) {
	s := startTTY(t, testnode.Addr(t), "")
	s.typeText("WATCH 0.3 SELECT key FROM system.local")
	s.semicolon()
	s.typeKey("Enter")
	elapsed := regexp.MustCompile(`elapsed ([0-9.]+m?s)`)
	seen := map[string]bool{}
	s.waitFor("three redraws", func(sc string) bool {
		if strings.Count(sc, "Every 300ms: SELECT key FROM system.local") != 1 || !strings.Contains(sc, " local") {
			return false
		}
		if m := elapsed.FindStringSubmatch(sc); m != nil {
			seen[m[1]] = true
		}
		return len(seen) >= 3
	})
	s.typeKey("C-c")
	sc := s.waitFor("the prompt after Ctrl-C", func(sc string) bool { return lastLine(sc) == "cqlsh>" })
	if strings.Contains(sc, "EXITED") {
		t.Fatalf("Ctrl-C ended the shell:\n%s", sc)
	}
	sc = s.statement("SELECT release_version FROM system.local", "cqlsh>")
	if !strings.Contains(sc, "release_version") {
		t.Errorf("the shell should go on after WATCH:\n%s", sc)
	}
}
