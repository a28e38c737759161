package cql

import "strings"

// Significant lexes s and keeps the tokens a parser reads: no whitespace,
// no comments, and no ';' at the end.
func Significant(s string) []Token {
	var out []Token
	for _, t := range Tokens(s) {
		if t.Kind != TokWhitespace && t.Kind != TokComment {
			out = append(out, t)
		}
	}
	for len(out) > 0 && out[len(out)-1].Kind == TokSemicolon {
		out = out[:len(out)-1]
	}
	return out
}

// Is reports whether t is the keyword (an unquoted identifier) w, in any
// case.
func (t Token) Is(w string) bool { return t.Kind == TokIdent && strings.EqualFold(t.Text, w) }

// IsPunct reports whether t is the punctuation p.
func (t Token) IsPunct(p string) bool { return t.Kind == TokPunct && t.Text == p }

// Unquoted is the content of a string literal or quoted name with its
// doubled quotes undoubled; other tokens' text as it is.
func (t Token) Unquoted() string { return Unquote(t.Text) }

// Name is the identifier t names, as CQL reads it: an unquoted identifier
// lower-cased, a quoted name as written without its quotes; false for any
// other token.
func (t Token) Name() (string, bool) {
	switch t.Kind {
	case TokIdent:
		return strings.ToLower(t.Text), true
	case TokQuotedName:
		return t.Unquoted(), true
	}
	return "", false
}

// Depth is how t changes the nesting of brackets: +1 for ( [ {, -1 for
// ) ] }, 0 for anything else.
func (t Token) Depth() int {
	if t.Kind != TokPunct {
		return 0
	}
	switch t.Text {
	case "(", "[", "{":
		return 1
	case ")", "]", "}":
		return -1
	}
	return 0
}

// Unquote removes the quotes of a string literal ('...') or quoted name
// ("...") and undoubles the quotes inside; other text is returned as it is.
func Unquote(s string) string {
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		q := s[:1]
		return strings.ReplaceAll(s[1:len(s)-1], q+q, q)
	}
	return s
}
