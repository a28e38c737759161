package completions

import (
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// tok is one significant token of the statement under the cursor. A
// qualified name (ks.name) is folded into one tok.
type tok struct {
	text string        // source text
	up   string        // upper-case text of identifiers and strings, matched by patterns
	kind cql.TokenKind // lexer kind; TokIdent for a folded qualified name
	ks   string        // keyspace part of a qualified name, unquoted
	id   string        // the name as stored: unquoted, lower-cased unless quoted
}

// isName reports whether t can be a schema name.
func (t tok) isName() bool { return t.kind == cql.TokIdent || t.kind == cql.TokQuotedName }

// state is everything a rule or a generator needs to know about the cursor.
type state struct {
	input  string
	cursor int
	sch    Schema
	curKS  string

	toks     []tok  // significant tokens of the statement before the word
	word     string // the partial word the suggestions replace
	qual     string // keyspace typed before the word as "ks."
	inString bool   // the cursor is inside an unterminated '...' string
	inBatch  bool   // the statement is inside BEGIN BATCH ... APPLY BATCH

	parenDepth int // unclosed '(' before the cursor
	angleDepth int // unclosed '<' of a collection type before the cursor

	targetDone     bool
	targetKS, tgt  string // the table (or type, view) the statement is about
	lookaheadToks  []tok
	lookaheadTaken bool
}

// nameID returns the stored form of an identifier token: quoted names are
// unquoted, unquoted ones folded to lower case as CQL does.
func nameID(t cql.Token) string {
	if t.Kind == cql.TokQuotedName {
		s := strings.TrimPrefix(t.Text, `"`)
		if !t.Unterminated {
			s = strings.TrimSuffix(s, `"`)
		}
		return strings.ReplaceAll(s, `""`, `"`)
	}
	return strings.ToLower(t.Text)
}

// significant drops whitespace and comments and folds qualified names.
func significant(raw []cql.Token) []tok {
	out := make([]tok, 0, len(raw)/2+1)
	for _, t := range raw {
		if t.Kind == cql.TokWhitespace || t.Kind == cql.TokComment {
			continue
		}
		nt := tok{text: t.Text, up: t.Text, kind: t.Kind}
		switch t.Kind {
		case cql.TokIdent, cql.TokString:
			nt.up = strings.ToUpper(t.Text)
		}
		if nt.isName() {
			nt.id = nameID(t)
			// name '.' name → one qualified name
			if n := len(out); n >= 2 && out[n-1].text == "." && out[n-2].isName() && out[n-2].ks == "" {
				q := out[n-2]
				nt = tok{text: q.text + "." + t.Text, kind: cql.TokIdent, ks: q.id, id: nt.id}
				out = out[:n-2]
			}
		}
		out = append(out, nt)
	}
	return out
}

// collectionTypes are the type names that take <...> parameters.
var collectionTypes = map[string]bool{
	"LIST": true, "SET": true, "MAP": true, "FROZEN": true, "TUPLE": true, "VECTOR": true,
}

// measureDepth counts the brackets left open before the cursor.
func (st *state) measureDepth() {
	st.parenDepth, st.angleDepth = 0, 0
	for i, t := range st.toks {
		switch t.text {
		case "(":
			st.parenDepth++
		case ")":
			if st.parenDepth > 0 {
				st.parenDepth--
			}
		case "<":
			if i > 0 && collectionTypes[st.toks[i-1].up] {
				st.angleDepth++
			}
		case ">":
			if st.angleDepth > 0 {
				st.angleDepth--
			}
		}
	}
}

// head returns the first keyword of the statement, upper-case.
func (st *state) head() string {
	if len(st.toks) == 0 {
		return ""
	}
	return st.toks[0].up
}

// has reports whether the statement before the cursor contains keyword kw.
func (st *state) has(kw string) bool {
	for _, t := range st.toks {
		if t.up == kw && t.kind == cql.TokIdent {
			return true
		}
	}
	return false
}

// targetAnchors lists, per statement head, the keywords after which the
// statement's table (or type, view) is named, in order of preference.
var targetAnchors = map[string][]string{
	"SELECT":   {"FROM"},
	"DELETE":   {"FROM"},
	"INSERT":   {"INTO"},
	"UPDATE":   {"UPDATE"},
	"TRUNCATE": {"TABLE", "COLUMNFAMILY", "TRUNCATE"},
	"COPY":     {"COPY"},
	"CREATE":   {"FROM", "TABLE", "COLUMNFAMILY", "TYPE", "FUNCTION", "AGGREGATE", "ON"},
	"ALTER":    {"TABLE", "COLUMNFAMILY", "TYPE", "VIEW"},
	"DROP":     {"ON", "TABLE", "COLUMNFAMILY", "TYPE", "FUNCTION", "AGGREGATE", "VIEW", "INDEX"},
	"DESCRIBE": {"TABLE", "COLUMNFAMILY", "TYPE"},
	"DESC":     {"TABLE", "COLUMNFAMILY", "TYPE"},
}

// target returns the keyspace and name of the object the statement is about,
// looking past the cursor when the name is typed later ("SELECT a, | FROM t").
func (st *state) target() (ks, name string) {
	if st.targetDone {
		return st.targetKS, st.tgt
	}
	st.targetDone = true
	anchors := targetAnchors[st.head()]
	found := false
	for _, a := range anchors {
		if ks, name, found = findAfter(st.toks, a); found {
			break
		}
		if ks, name, found = findAfter(st.lookahead(), a); found {
			break
		}
	}
	if ks == "" {
		ks = st.curKS
	}
	st.targetKS, st.tgt = ks, name
	return ks, name
}

// findAfter finds the first name after keyword anchor, skipping IF [NOT]
// EXISTS, and returns it split into keyspace and name.
func findAfter(toks []tok, anchor string) (ks, name string, ok bool) {
	for i, t := range toks {
		if t.up != anchor || t.kind != cql.TokIdent {
			continue
		}
		for j := i + 1; j < len(toks); j++ {
			n := toks[j]
			if n.kind == cql.TokIdent && n.ks == "" && (n.up == "IF" || n.up == "NOT" || n.up == "EXISTS") {
				continue
			}
			if !n.isName() {
				return "", "", false
			}
			return n.ks, n.id, true
		}
		return "", "", false
	}
	return "", "", false
}

// lookahead returns the significant tokens of the statement after the
// cursor, up to its ';', without the rest of a word the cursor splits.
func (st *state) lookahead() []tok {
	if st.lookaheadTaken {
		return st.lookaheadToks
	}
	st.lookaheadTaken = true
	rest := st.input[st.cursor:]
	raw := cql.Tokens(rest)
	if len(raw) > 0 && st.word != "" && raw[0].Kind == cql.TokIdent && !st.inString {
		raw = raw[1:]
	}
	for i, t := range raw {
		if t.Kind == cql.TokSemicolon {
			raw = raw[:i]
			break
		}
	}
	st.lookaheadToks = significant(raw)
	return st.lookaheadToks
}

// usedNames returns the names already written in the statement, so column
// lists do not offer a column twice.
func (st *state) usedNames() map[string]bool {
	used := make(map[string]bool)
	for _, t := range st.toks {
		if t.isName() && t.ks == "" {
			used[t.id] = true
		}
	}
	return used
}

// definedColumns returns the column names a CREATE TABLE statement has
// defined so far: the first name of each element of its column list.
func (st *state) definedColumns() []string {
	var names []string
	depth := 0
	for i, t := range st.toks {
		switch t.text {
		case "(":
			depth++
			continue
		case ")":
			depth--
			continue
		}
		if depth != 1 || i == 0 || !t.isName() || t.ks != "" || t.up == "PRIMARY" {
			continue
		}
		if p := st.toks[i-1].text; p == "(" || p == "," {
			names = append(names, t.id)
		}
	}
	return names
}
