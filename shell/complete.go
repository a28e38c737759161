package shell

import (
	"strings"

	prompt "github.com/c-bata/go-prompt"

	"github.com/gocqlsh/gocqlsh/completions"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/shell/input"
)

// tabCompletion connects the completion engine to go-prompt the way cqlsh
// users expect: nothing pops up while typing; Tab completes a single
// candidate at once, or shows the candidates (Tab again cycles through them).
type tabCompletion struct {
	sh    *Shell
	armed string // buffer text when Tab was last pressed
}

// pendingText is the statement typed on earlier lines, so completion sees
// the whole statement, not just the current line.
func (sh *Shell) pendingText() string {
	if sh.splitter == nil || !sh.splitter.Pending() {
		return ""
	}
	return sh.splitter.PendingText()
}

func (sh *Shell) complete(line string, cursor int) (string, []completions.Suggestion) {
	prefix := sh.pendingText()
	if prefix != "" && !strings.HasSuffix(prefix, "\n") {
		prefix += "\n"
	}
	var sch completions.Schema
	if sh.names != nil {
		sch = sh.names
	}
	return completions.Complete(prefix+line, len(prefix)+cursor, sch, sh.keyspace)
}

// useSchema makes c the shell's schema model: what schema-change events
// invalidate, and what completion reads its names from.
func (sh *Shell) useSchema(c *schema.Cache) {
	sh.schema = c
	sh.conn.events.Store(c)
	sh.names = completions.NewNames(c, 0)
}

// completer returns go-prompt's completer: candidates only after Tab.
func (t *tabCompletion) completer(d prompt.Document) []prompt.Suggest {
	if t.armed == "" || d.Text != t.armed {
		t.armed = ""
		return nil
	}
	word, sugg := t.sh.complete(d.Text, len(d.TextBeforeCursor()))
	goWord := d.GetWordBeforeCursorUntilSeparator(input.WordSeparators)
	keep := ""
	if strings.HasSuffix(goWord, word) {
		keep = goWord[:len(goWord)-len(word)]
	}
	out := make([]prompt.Suggest, 0, len(sugg))
	for _, s := range sugg {
		out = append(out, prompt.Suggest{Text: keep + s.Text, Description: s.Description})
	}
	return out
}

// onTab completes a lone candidate in place, or arms the popup.
func (t *tabCompletion) onTab(buf *prompt.Buffer) {
	d := buf.Document()
	word, sugg := t.sh.complete(d.Text, len(d.TextBeforeCursor()))
	if len(sugg) == 1 {
		buf.DeleteBeforeCursor(len([]rune(word)))
		text := sugg[0].Text
		if !strings.HasSuffix(text, "'") && !strings.HasSuffix(text, "/") && !strings.HasSuffix(text, ".") {
			text += " "
		}
		buf.InsertText(text, false, true)
		t.armed = ""
		return
	}
	t.armed = buf.Text()
}

// completer builds the go-prompt completer; the Tab key binding (tabKey)
// belongs with it.
func (sh *Shell) completer() prompt.Completer {
	if sh.tab == nil {
		sh.tab = &tabCompletion{sh: sh}
	}
	return sh.tab.completer
}

// tabKey is the key binding that makes Tab complete.
func (sh *Shell) tabKey() prompt.KeyBind {
	if sh.tab == nil {
		sh.tab = &tabCompletion{sh: sh}
	}
	return prompt.KeyBind{Key: prompt.Tab, Fn: sh.tab.onTab}
}
