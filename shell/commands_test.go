package shell

import (
	"context"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/shell/input"
)

// Every command of cql's table has a handler and every handler a command:
// adding a command is one table entry plus its handler, and forgetting
// either fails here.
func TestHandlersCoverTheTable(t *testing.T) {
	hs := handlers()
	names := map[string]bool{}
	for _, c := range cql.Commands() {
		names[c.Name] = true
		_, ok := hs[c.Name]
		switch {
		case c.Ends == cql.TopicOnly && ok:
			t.Errorf("%s is a HELP topic, not a command, yet has a handler", c.Name)
		case c.Ends != cql.TopicOnly && !ok:
			t.Errorf("%s has no handler", c.Name)
		}
	}
	for name, h := range hs {
		if !names[name] {
			t.Errorf("handler %s has no command in cql's table", name)
		}
		if h.run == nil {
			t.Errorf("handler %s does not run", name)
		}
	}
}

// HELP prints each documented word's text, lists every documented command,
// and says so for a word it does not know.
func TestHelpReadsTheTable(t *testing.T) {
	for _, c := range cql.Commands() {
		for _, w := range c.HelpWords() {
			sh := newOfflineShell(t)
			sh.run("HELP " + strings.ToLower(w) + "\n")
			if want := "\n" + c.HelpText(w) + "\n\n"; sh.out.String() != want {
				t.Errorf("HELP %s printed\n%q\nwant\n%q", w, sh.out.String(), want)
			}
		}
	}
	sh := newOfflineShell(t)
	sh.run("HELP\n")
	for _, w := range cql.DocumentedCommands() {
		if !strings.Contains(sh.out.String(), w) {
			t.Errorf("HELP does not list %s", w)
		}
	}
	sh = newOfflineShell(t)
	sh.run("HELP DEBUG\n")
	if got := sh.errw.String(); got != "<stdin>:2:*** No help on DEBUG\n" {
		t.Errorf("HELP DEBUG: %q", got)
	}
}

// A command that cannot run in the background says so (cqlsh names the
// line after the statement in errors).
func TestBackgroundRefused(t *testing.T) {
	sh := newOfflineShell(t)
	sh.runInput(context.Background(), input.NewString("CONCURRENT INSERT INTO t (k) VALUES (?) WITH ARGS (1) &;\n"), 1)
	if got := sh.errw.String(); got != "<stdin>:2:CONCURRENT cannot run in the background.\n" {
		t.Errorf("got %q", got)
	}
}

// newOfflineShell is a batch-mode shell with no session, for commands that
// never reach a node.
func newOfflineShell(t *testing.T) *testShell {
	t.Helper()
	out, errw := &lockedBuffer{}, &lockedBuffer{}
	sh := NewShell(Config{Stdout: out, Stderr: errw, Source: "<stdin>"})
	return &testShell{Shell: sh, out: out, errw: errw}
}
