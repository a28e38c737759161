package completions

import (
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// elem is one element of a pattern: ".." (any run of tokens, possibly
// empty) or a set of alternatives separated by '|', each a literal token
// (SELECT, '(', 'CLASS') or a class: $n a name (qualified or not), $v any
// token, $val a token that ends a value (literal, ')', ']', '}', '?'), $op a
// comparison operator. Literals are matched case-insensitively.
type elem struct {
	any                  bool
	lits                 []string
	name, one, val, isOp bool
}

// pattern is a compiled token pattern. It is matched against all the
// significant tokens of the statement before the word, anchored at both ends.
type pattern []elem

// compile parses a pattern written as space-separated elements.
func compile(src string) pattern {
	fields := strings.Fields(src)
	p := make(pattern, 0, len(fields))
	for _, f := range fields {
		if f == ".." {
			p = append(p, elem{any: true})
			continue
		}
		var e elem
		for _, alt := range strings.Split(f, "|") {
			switch alt {
			case "$n":
				e.name = true
			case "$v":
				e.one = true
			case "$val":
				e.val = true
			case "$op":
				e.isOp = true
			default:
				e.lits = append(e.lits, strings.ToUpper(alt))
			}
		}
		p = append(p, e)
	}
	return p
}

// operators are the relations a WHERE or IF condition may use.
var operators = map[string]bool{
	"=": true, "<": true, ">": true, "<=": true, ">=": true, "!=": true,
	"IN": true, "CONTAINS": true, "LIKE": true,
}

// matchOne reports whether element e matches token t.
func (e elem) matchOne(t tok) bool {
	if e.one || (e.name && t.isName()) || (e.isOp && operators[t.up] && t.kind != cql.TokQuotedName) {
		return true
	}
	if e.val && isValueEnd(t) {
		return true
	}
	if t.ks != "" || t.kind == cql.TokQuotedName {
		return false
	}
	for _, l := range e.lits {
		if t.up == l {
			return true
		}
	}
	return false
}

// isValueEnd reports whether t can be the last token of a value.
func isValueEnd(t tok) bool {
	switch t.kind {
	case cql.TokString, cql.TokNumber, cql.TokDollarString:
		return true
	case cql.TokIdent:
		return t.ks == "" && (t.up == "TRUE" || t.up == "FALSE" || t.up == "NULL")
	}
	switch t.text {
	case ")", "]", "}", "?":
		return true
	}
	return false
}

// match reports whether p matches all of toks. It is the classic wildcard
// algorithm (backtrack to the last '..'), O(len(p)·len(toks)) at worst.
func (p pattern) match(toks []tok) bool {
	// Patterns are anchored at the end: most rules fail on the last token.
	if n, m := len(p), len(toks); n > 0 && m > 0 && !p[n-1].any && !p[n-1].matchOne(toks[m-1]) {
		return false
	}
	pi, ti := 0, 0
	star, mark := -1, 0
	for ti < len(toks) {
		switch {
		case pi < len(p) && p[pi].any:
			star, mark = pi, ti
			pi++
		case pi < len(p) && p[pi].matchOne(toks[ti]):
			pi++
			ti++
		case star >= 0:
			pi = star + 1
			mark++
			ti = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi].any {
		pi++
	}
	return pi == len(p)
}

// heads returns the statement keywords a pattern can start with, or nil when
// its first element is not a literal.
func (p pattern) heads() []string {
	if len(p) == 0 || p[0].any || p[0].name || p[0].one || p[0].val || p[0].isOp {
		return nil
	}
	return p[0].lits
}
