package cql

import (
	"strings"
	"testing"
)

// Every entry of the table is complete: a name, an ending, help unless it
// is hidden, a syntax line naming the command, and words no other command
// claims.
func TestCommandTableEntries(t *testing.T) {
	seen := map[string]string{}
	for _, c := range Commands() {
		if c.Name == "" || c.Name != strings.ToUpper(c.Name) {
			t.Errorf("%q: the name must be upper case", c.Name)
		}
		switch c.Ends {
		case AtNewline, AtSemicolon:
		case TopicOnly:
			if len(c.Aliases) > 0 || len(c.Complete) > 0 {
				t.Errorf("%s: a help topic has no words or grammar of its own", c.Name)
			}
		default:
			t.Errorf("%s: no ending", c.Name)
		}
		if !c.Hidden && c.Help == "" {
			t.Errorf("%s: no HELP text", c.Name)
		}
		if c.Syntax != "" && !strings.HasPrefix(c.Syntax, c.Name) {
			t.Errorf("%s: the syntax %q does not start with the name", c.Name, c.Syntax)
		}
		for _, w := range c.Words() {
			if other, ok := seen[strings.ToLower(w)]; ok {
				t.Errorf("%s and %s both claim %q", other, c.Name, w)
			}
			seen[strings.ToLower(w)] = c.Name
			if got := Lookup(strings.ToUpper(w)); got == nil || got.Name != c.Name {
				t.Errorf("Lookup(%q) = %v, want %s", w, got, c.Name)
			}
		}
	}
	if Lookup("select") != nil || Lookup("") != nil || Lookup(strings.Repeat("x", 40)) != nil {
		t.Error("Lookup found a command that is not one")
	}
}

// The lexer ends each command where the table says: at the end of its
// line, or at a ';' like CQL.
func TestCommandTableEndings(t *testing.T) {
	for _, c := range Commands() {
		for _, w := range c.Words() {
			stmts, rest := Split(w + " x\ny;\n")
			switch c.Ends {
			case AtNewline:
				if len(stmts) != 2 || stmts[0].Kind != Shell || stmts[0].Command != strings.ToLower(w) || stmts[0].Text != w+" x" {
					t.Errorf("%s: got %+v, want a shell command ending at the line", w, stmts)
				}
			case AtSemicolon, TopicOnly:
				if len(stmts) != 1 || stmts[0].Kind != CQL || stmts[0].Text != w+" x\ny" {
					t.Errorf("%s: got %+v, want one statement up to the ';'", w, stmts)
				}
			}
			if rest != "" {
				t.Errorf("%s: rest %q", w, rest)
			}
		}
	}
}

// HELP names a command without arguments by the word asked about, with
// its other words in parentheses; a syntax line is shared by every word.
func TestCommandHelpText(t *testing.T) {
	for _, tt := range []struct{ word, first string }{
		{"CLS", "CLS (or CLEAR)"},
		{"CLEAR", "CLEAR (or CLS)"},
		{"QUIT", "QUIT (or EXIT)"},
		{"JOBS", "JOBS"},
		{"DESC", "DESCRIBE | DESC <what>"},
		{"HELP", "HELP [<topic>]"},
	} {
		c := Lookup(tt.word)
		got, _, _ := strings.Cut(c.HelpText(tt.word), "\n")
		if got != tt.first {
			t.Errorf("HELP %s starts %q, want %q", tt.word, got, tt.first)
		}
	}
	if w := Lookup("help").HelpWords(); len(w) != 1 {
		t.Errorf("HELP is documented under %q; ? is typed, not listed", w)
	}
	if Lookup("debug").HelpWords() != nil {
		t.Error("DEBUG is hidden from HELP")
	}
}
