// Package completions suggests what may follow the cursor in a gocqlsh input
// buffer: keywords by their place in the CQL and shell-command grammar, and
// schema names (keyspaces, tables, columns, types, functions, ...) from a
// Schema. It knows nothing about terminals; a line editor asks Complete and
// shows the suggestions.
//
// The engine is a table of rules. Each rule is a token pattern anchored at the
// start of the statement under the cursor and a list of candidate generators;
// the first rule whose pattern matches the tokens before the cursor decides
// the candidates, which are then filtered by the word being typed.
package completions

import (
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// Suggestion is one completion candidate.
type Suggestion struct {
	// Text replaces the word under the cursor (Complete's word).
	Text string
	// Description says what the candidate is ("keyword", "table", "column
	// (partition key) int", ...).
	Description string
}

// Complete returns the candidates for the cursor position in input, a
// statement buffer that may span lines (the lines before the current one
// included, so the grammar context spans them). word is the partial word
// before the cursor that every suggestion replaces, so a caller deletes
// len(word) bytes before the cursor and inserts Suggestion.Text. keyspace is
// the current keyspace ("" when none). sch may be nil for keywords only.
func Complete(input string, cursor int, sch Schema, keyspace string) (word string, sugg []Suggestion) {
	if cursor < 0 {
		cursor = 0
	}
	if cursor > len(input) {
		cursor = len(input)
	}
	st := newState(input, cursor, sch, keyspace)
	if st == nil {
		return "", nil
	}
	return st.word, st.run()
}

// newState lexes the input before the cursor, finds the statement and the
// word under the cursor, and returns nil when the cursor sits where nothing
// can be completed (inside a comment or a $$ body).
func newState(input string, cursor int, sch Schema, keyspace string) *state {
	before := input[:cursor]
	all := cql.Tokens(before)
	st := &state{input: input, cursor: cursor, sch: sch, curKS: keyspace}

	// The word under the cursor is the last token when it ends at the cursor.
	if n := len(all); n > 0 && all[n-1].End == cursor {
		last := all[n-1]
		switch last.Kind {
		case cql.TokComment:
			if last.Unterminated || strings.HasPrefix(last.Text, "--") || strings.HasPrefix(last.Text, "//") {
				return nil
			}
		case cql.TokDollarString:
			if last.Unterminated {
				return nil
			}
		case cql.TokString:
			if last.Unterminated {
				st.inString = true
				st.word = last.Text[1:]
				all = all[:n-1]
			}
		case cql.TokIdent, cql.TokQuotedName, cql.TokNumber:
			st.word = last.Text
			all = all[:n-1]
		}
	}

	start, inBatch := statementStart(all)
	st.inBatch = inBatch
	st.toks = significant(all[start:])
	st.toks = stripBatchPrefix(st.toks)

	// A name followed by '.' right before the word qualifies it: "ks.ta".
	if n := len(st.toks); n >= 2 && st.toks[n-1].text == "." && st.toks[n-2].isName() && st.toks[n-2].ks == "" {
		st.qual = st.toks[n-2].id
		st.toks = st.toks[:n-2]
	}
	st.measureDepth()
	return st
}

// statementStart returns the index of the first token of the statement under
// the cursor: after the last ';', or after the line of a finished shell
// command. inBatch reports that the statement lies inside BEGIN BATCH ...
// APPLY BATCH, whose inner statements also end with ';'.
func statementStart(all []cql.Token) (start int, inBatch bool) {
	head := ""
	for i, t := range all {
		switch t.Kind {
		case cql.TokSemicolon:
			if head == "BEGIN" {
				inBatch = true
			} else if head == "APPLY" {
				inBatch = false
			}
			head, start = "", i+1
		case cql.TokWhitespace:
			if head != "" && endsAtNewline(head) && strings.Contains(t.Text, "\n") {
				head, start = "", i+1
			}
		case cql.TokComment:
		default:
			if head == "" {
				head = strings.ToUpper(t.Text)
			}
		}
	}
	return start, inBatch
}

// stripBatchPrefix drops "BEGIN [UNLOGGED|COUNTER] BATCH [USING TIMESTAMP n]"
// when a statement follows it, so the inner statement is completed as such.
func stripBatchPrefix(toks []tok) []tok {
	if len(toks) == 0 || toks[0].up != "BEGIN" {
		return toks
	}
	i := 1
	if i < len(toks) && (toks[i].up == "UNLOGGED" || toks[i].up == "COUNTER") {
		i++
	}
	if i >= len(toks) || toks[i].up != "BATCH" {
		return toks
	}
	i++
	if i+2 < len(toks) && toks[i].up == "USING" && toks[i+1].up == "TIMESTAMP" {
		i += 3
	}
	if i < len(toks) {
		switch toks[i].up {
		case "INSERT", "UPDATE", "DELETE":
			return toks[i:]
		}
	}
	return toks
}

// endsAtNewline reports whether a statement starting with word is a shell
// command that ends at the end of its line.
func endsAtNewline(word string) bool {
	c := cql.Lookup(word)
	return c != nil && c.Ends == cql.AtNewline
}
