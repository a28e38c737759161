package cql

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds produced by Tokens.
const (
	TokWhitespace   TokenKind = iota + 1 // spaces, tabs, line breaks
	TokComment                           // -- or // to end of line, or /* ... */
	TokString                            // '...' with '' escapes
	TokQuotedName                        // "..." with "" escapes
	TokDollarString                      // $$...$$
	TokNumber                            // integers, decimals, 0x blobs, durations, UUIDs
	TokIdent                             // identifiers and keywords
	TokPunct                             // operators, brackets, '&', '?', ...
	TokSemicolon                         // ;
	TokCommentEnd                        // */ outside any comment (a lexical error)
)

// String names the kind for diagnostics and tests.
func (k TokenKind) String() string {
	switch k {
	case TokWhitespace:
		return "whitespace"
	case TokComment:
		return "comment"
	case TokString:
		return "string"
	case TokQuotedName:
		return "quoted name"
	case TokDollarString:
		return "dollar string"
	case TokNumber:
		return "number"
	case TokIdent:
		return "identifier"
	case TokPunct:
		return "punctuation"
	case TokSemicolon:
		return "semicolon"
	case TokCommentEnd:
		return "stray comment end"
	}
	return "unknown"
}

// Token is one lexical unit of the input. Start and End are byte offsets into
// the lexed string, so Text == s[Start:End]. Unterminated is set on a string,
// quoted name, $$ body or block comment that runs to the end of the input,
// which is how completion tells that the cursor sits inside a string.
type Token struct {
	Kind         TokenKind
	Text         string
	Start, End   int
	Unterminated bool
}

// Tokens lexes s completely. The tokens cover s without gaps, whitespace and
// comments included; lexing never fails, malformed input yields
// TokCommentEnd, TokPunct or an Unterminated token.
func Tokens(s string) []Token {
	var toks []Token
	for i := 0; i < len(s); {
		kind, end, open := lexOne(s, i)
		unterminated := false
		if open != modeNone {
			var closed bool
			end, closed = scanOpen(s, end, open)
			unterminated = !closed
		}
		toks = append(toks, Token{Kind: kind, Text: s[i:end], Start: i, End: end, Unterminated: unterminated})
		i = end
	}
	return toks
}
