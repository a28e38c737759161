package cql

import "strings"

// Idempotent reports whether a DML statement can safely run twice — the
// rule CONCURRENT and COPY apply before letting the driver retry a write on
// another node: a plain INSERT, UPDATE or DELETE of fixed or bound values
// is; a lightweight transaction (IF ...), a counter update or list append
// or prepend (col = col + ..., col = ... + col, and -), a delete or set of
// a list element by index, and anything calling a function whose value
// changes between runs (now(), uuid(), current*()) are not. A SELECT is;
// any other statement is not. The rule reads the text alone, so it is
// conservative: a set or map addition, which is idempotent, counts as not.
func Idempotent(stmt string) bool {
	var words []Token
	for _, t := range Tokens(stmt) {
		switch t.Kind {
		case TokWhitespace, TokComment:
			continue
		}
		words = append(words, t)
	}
	if len(words) == 0 || words[0].Kind != TokIdent {
		return false
	}
	switch strings.ToUpper(words[0].Text) {
	case "SELECT":
		return true
	case "INSERT", "UPDATE", "DELETE":
	default:
		return false
	}
	isWord := func(i int, w string) bool {
		return i >= 0 && i < len(words) && words[i].Kind == TokIdent && strings.EqualFold(words[i].Text, w)
	}
	isPunct := func(i int, p string) bool {
		return i >= 0 && i < len(words) && words[i].Kind == TokPunct && words[i].Text == p
	}
	name := func(i int) string {
		if i < 0 || i >= len(words) || (words[i].Kind != TokIdent && words[i].Kind != TokQuotedName) {
			return ""
		}
		if words[i].Kind == TokQuotedName {
			return words[i].Text
		}
		return strings.ToLower(words[i].Text)
	}
	deleting := isWord(0, "DELETE")
	for i, w := range words {
		switch {
		case isWord(i, "IF"):
			return false // IF NOT EXISTS, IF EXISTS, IF <conditions>
		case w.Kind == TokIdent && isPunct(i+1, "(") && volatile(w.Text):
			return false
		case deleting && isPunct(i, "[") && !pastWhere(words, i):
			return false // DELETE l[1] removes whatever sits at that index

		case isPunct(i, "="):
			// col = col + x, col = x + col (and -): counters, list appends
			// and prepends, removals.
			col := name(i - 1)
			if col == "" {
				continue
			}
			if name(i+1) == col && (isPunct(i+2, "+") || isPunct(i+2, "-")) {
				return false
			}
			for j := i + 1; j < len(words) && !isPunct(j, ",") && !isWord(j, "WHERE"); j++ {
				if (isPunct(j, "+") || isPunct(j, "-")) && name(j+1) == col {
					return false
				}
			}
		}
	}
	return true
}

// pastWhere reports whether token i comes after the statement's WHERE.
func pastWhere(words []Token, i int) bool {
	for j := range i {
		if words[j].Kind == TokIdent && strings.EqualFold(words[j].Text, "WHERE") {
			return true
		}
	}
	return false
}

// volatile names the CQL functions whose value differs from run to run.
func volatile(fn string) bool {
	switch strings.ToLower(fn) {
	case "now", "uuid", "currenttimestamp", "currentdate", "currenttime", "currenttimeuuid":
		return true
	}
	return false
}
