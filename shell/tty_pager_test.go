package shell

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// TestTTYPager: with PAGER ON a result wider and taller than a 60×20
// window goes through less -SRFX: rows are chopped at the edge, the right
// arrow scrolls sideways, Ctrl-C in less does not end the shell, and q
// returns to the prompt, where the shell goes on.
func TestTTYPager(t *testing.T) {
	addr := testnode.Addr(t)
	ks, sess := ttyKeyspace(t, addr)
	for i := 0; i < 40; i++ {
		mustExec(t, sess, fmt.Sprintf("INSERT INTO %s.t (pk, v) VALUES (%d, '%s|end%d')", ks, i, strings.Repeat("w", 90), i))
	}
	s := startTTYSized(t, addr, "env PAGER= %s", 60, 20)
	sc := s.statement("PAGER ON", "cqlsh>")
	if !strings.Contains(sc, "PAGER set to ON (less -SRFX)") {
		t.Fatalf("PAGER ON:\n%s", sc)
	}
	s.typeText("SELECT pk, v FROM " + ks + ".t")
	s.semicolon()
	s.typeKey("Enter")
	sc = s.waitFor("less", func(sc string) bool { return lastLine(sc) == ":" && strings.Contains(sc, "| www") })
	if strings.Contains(sc, "|end") {
		t.Fatalf("rows should be chopped at the window's edge:\n%s", sc)
	}
	for i := 0; i < 2; i++ { // half a screen each
		s.typeKey("Right")
	}
	s.waitFor("scrolled right", func(sc string) bool { return strings.Contains(sc, "|end") })
	s.typeKey("C-c")
	s.typeKey("q")
	sc = s.waitFor("the prompt after q", func(sc string) bool { return lastLine(sc) == "cqlsh>" })
	if strings.Contains(sc, "EXITED") {
		t.Fatalf("the shell ended:\n%s", sc)
	}
	sc = s.statement("SELECT release_version FROM system.local", "cqlsh>")
	if !strings.Contains(sc, "release_version") {
		t.Errorf("the shell should go on after the pager:\n%s", sc)
	}
}
