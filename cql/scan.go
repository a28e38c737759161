package cql

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mode is the lexer state carried across the end of a chunk: the kind of
// multi-line token that is still open.
type mode uint8

const (
	modeNone    mode = iota
	modeString       // inside '...'
	modeQuoted       // inside "..."
	modeDollar       // inside $$...$$
	modeComment      // inside /* ... */
)

// tokenKind is the kind of token an open mode belongs to.
func (m mode) tokenKind() TokenKind {
	switch m {
	case modeString:
		return TokString
	case modeQuoted:
		return TokQuotedName
	case modeDollar:
		return TokDollarString
	default:
		return TokComment
	}
}

// scanOpen continues a token of mode m from s[i:] and returns the offset just
// past its closing delimiter, or len(s) and false when s ends first. Because
// the Splitter always feeds chunks that end in a line break, a two-byte
// delimiter never straddles two chunks.
func scanOpen(s string, i int, m mode) (end int, closed bool) {
	switch m {
	case modeString, modeQuoted:
		q := byte('\'')
		if m == modeQuoted {
			q = '"'
		}
		for {
			k := strings.IndexByte(s[i:], q)
			if k < 0 {
				return len(s), false
			}
			j := i + k + 1
			if j < len(s) && s[j] == q { // doubled quote escapes itself
				i = j + 1
				continue
			}
			return j, true
		}
	case modeDollar, modeComment:
		delim := "$$"
		if m == modeComment {
			delim = "*/"
		}
		k := strings.Index(s[i:], delim)
		if k < 0 {
			return len(s), false
		}
		return i + k + 2, true
	}
	return i, true
}

// lexOne lexes the token starting at s[i] (i < len(s)). For a string, quoted
// name, $$ body or block comment it returns only the opening delimiter's end
// and the mode to continue with scanOpen.
func lexOne(s string, i int) (kind TokenKind, end int, open mode) {
	c := s[i]
	var next byte
	if i+1 < len(s) {
		next = s[i+1]
	}
	switch {
	case isSpace(c):
		j := i + 1
		for j < len(s) && isSpace(s[j]) {
			j++
		}
		return TokWhitespace, j, modeNone
	case (c == '-' && next == '-') || (c == '/' && next == '/'):
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			return TokComment, len(s), modeNone
		}
		return TokComment, i + j, modeNone
	case c == '/' && next == '*':
		return TokComment, i + 2, modeComment
	case c == '*' && next == '/' && !(i+2 < len(s) && s[i+2] == '*'):
		// "*/*" is read as '*' followed by a comment opener.
		return TokCommentEnd, i + 2, modeNone
	case c == '\'':
		return TokString, i + 1, modeString
	case c == '"':
		return TokQuotedName, i + 1, modeQuoted
	case c == '$' && next == '$':
		return TokDollarString, i + 2, modeDollar
	case c == ';':
		return TokSemicolon, i + 1, modeNone
	}
	if n := uuidLen(s[i:]); n > 0 {
		return TokNumber, i + n, modeNone
	}
	if isDigit(c) {
		return TokNumber, scanNumber(s, i), modeNone
	}
	if isIdentStart(s, i) {
		return TokIdent, scanIdent(s, i), modeNone
	}
	if j := i + 2; j <= len(s) && next == '=' && strings.IndexByte("<>!+-", c) >= 0 {
		return TokPunct, j, modeNone
	}
	if c < utf8.RuneSelf {
		return TokPunct, i + 1, modeNone
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return TokPunct, i + size, modeNone
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isASCIIWord(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
}

// isIdentStart reports whether an identifier starts at s[i]: an ASCII letter,
// '_' or a non-ASCII letter.
func isIdentStart(s string, i int) bool {
	c := s[i]
	if c < utf8.RuneSelf {
		return isASCIIWord(c) && !isDigit(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// wordRuneLen returns the length of the identifier character at s[i], or 0.
func wordRuneLen(s string, i int) int {
	c := s[i]
	if c < utf8.RuneSelf {
		if isASCIIWord(c) {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return size
	}
	return 0
}

func scanIdent(s string, i int) int {
	for i < len(s) {
		n := wordRuneLen(s, i)
		if n == 0 {
			break
		}
		i += n
	}
	return i
}

// scanNumber reads integers, decimals with exponents, 0x blobs and durations
// such as 1h30m: a run of word characters, plus '.' before a digit and a sign
// after an exponent marker.
func scanNumber(s string, i int) int {
	hex := i+1 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X')
	j := i
	for j < len(s) {
		c := s[j]
		switch {
		case isASCIIWord(c):
			j++
		case c == '.' && j+1 < len(s) && isDigit(s[j+1]):
			j++
		case (c == '+' || c == '-') && !hex && (s[j-1] == 'e' || s[j-1] == 'E') &&
			j+1 < len(s) && isDigit(s[j+1]):
			j++
		default:
			return j
		}
	}
	return j
}

// uuidLen returns 36 when s starts with a UUID (8-4-4-4-12 hex digits) that
// is not followed by another word character, else 0.
func uuidLen(s string) int {
	const n = 36
	if len(s) < n {
		return 0
	}
	for k := 0; k < n; k++ {
		if k == 8 || k == 13 || k == 18 || k == 23 {
			if s[k] != '-' {
				return 0
			}
		} else if !isHex(s[k]) {
			return 0
		}
	}
	if len(s) > n && wordRuneLen(s, n) > 0 {
		return 0
	}
	return n
}
