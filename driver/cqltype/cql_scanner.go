package cqltype

import "strings"

// cqlScanner is the cursor the type and literal parsers share: it skips
// white space between tokens, matches punctuation and reads quoted runs, and
// reports errors as a ParseError naming what was being parsed.
type cqlScanner struct {
	what string // "type" or "literal", for ParseError.What
	src  string
	pos  int
}

func (s *cqlScanner) fail(reason string) error {
	return &ParseError{What: s.what, Input: s.src, Pos: s.pos, Reason: reason}
}

func (s *cqlScanner) eof() bool { return s.pos >= len(s.src) }

func (s *cqlScanner) space() {
	for !s.eof() {
		switch s.src[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (s *cqlScanner) peek() byte {
	s.space()
	if s.eof() {
		return 0
	}
	return s.src[s.pos]
}

// accept consumes c if it is the next byte after white space.
func (s *cqlScanner) accept(c byte) bool {
	if s.peek() == c && !s.eof() {
		s.pos++
		return true
	}
	return false
}

func (s *cqlScanner) expect(c byte) error {
	if !s.accept(c) {
		return s.fail("want '" + string(c) + "'")
	}
	return nil
}

// enclosed reads a run that opens at the cursor with q and closes with q,
// where q written twice inside stands for one q (a single-quoted string, a
// double-quoted name). On success the cursor moves past the closing q; an
// unterminated run leaves the cursor on the opening q and returns false.
func (s *cqlScanner) enclosed(q byte) (string, bool) {
	var b strings.Builder
	for i := s.pos + 1; i < len(s.src); i++ {
		if s.src[i] == q {
			if i+1 < len(s.src) && s.src[i+1] == q {
				b.WriteByte(q)
				i++
				continue
			}
			s.pos = i + 1
			return b.String(), true
		}
		b.WriteByte(s.src[i])
	}
	return "", false
}
