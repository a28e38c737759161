package shell

import (
	"errors"
	"strings"
	"unicode"
)

// COPY moves CSV between a table and files or the terminal, as cqlsh does:
//
//	COPY [ks.]table [(col, ...)] FROM ('file[, pattern ...]' | STDIN) [WITH opt = val [AND ...]];
//	COPY [ks.]table [(col, ...)] TO ('file' | STDOUT) [WITH opt = val [AND ...]];

// errImproperCopy is cqlsh's answer to any COPY it cannot parse.
var errImproperCopy = errors.New("Improper COPY command.")

// copyOpt is one WITH option as written: the name lower-cased, the value
// unquoted.
type copyOpt struct {
	name, value string
}

// copyCmd is a parsed COPY command.
type copyCmd struct {
	ks, table string   // ks is "" when not given
	cols      []string // nil: every column of the table
	from      bool     // FROM (import) or TO (export)
	file      string   // "" for STDIN / STDOUT
	opts      []copyOpt
}

// copyToken is one token of a COPY command.
type copyToken struct {
	kind byte // 'i' identifier, 'q' quoted name, 's' string, 'n' number or other term, or the punctuation itself
	text string
}

// lexCopy splits a COPY command into tokens; it fails on an unterminated
// string or name.
func lexCopy(s string) ([]copyToken, error) {
	var out []copyToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '\'' || c == '"':
			var b strings.Builder
			j := i + 1
			closed := false
			for j < len(s) {
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c {
						b.WriteByte(c)
						j += 2
						continue
					}
					closed = true
					j++
					break
				}
				b.WriteByte(s[j])
				j++
			}
			if !closed {
				return nil, errImproperCopy
			}
			kind := byte('s')
			if c == '"' {
				kind = 'q'
			}
			out = append(out, copyToken{kind: kind, text: b.String()})
			i = j
		case c == '(' || c == ')' || c == ',' || c == '.' || c == '=' || c == ';':
			out = append(out, copyToken{kind: c, text: string(c)})
			i++
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\n\r(),=;'\"", rune(s[j])) {
				if s[j] == '.' && !isNumberStart(s[i:j]) {
					break
				}
				j++
			}
			if j == i {
				return nil, errImproperCopy
			}
			word := s[i:j]
			kind := byte('n')
			if r := rune(word[0]); unicode.IsLetter(r) || r == '_' {
				kind = 'i'
			}
			out = append(out, copyToken{kind: kind, text: word})
			i = j
		}
	}
	return out, nil
}

// isNumberStart reports whether w so far is the start of a number, where a
// '.' belongs to the token rather than separating names.
func isNumberStart(w string) bool {
	if w == "" {
		return false
	}
	w = strings.TrimLeft(w, "+-")
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// parseCopy parses a COPY command (without its ';').
func parseCopy(text string) (*copyCmd, error) {
	toks, err := lexCopy(text)
	if err != nil {
		return nil, err
	}
	for len(toks) > 0 && toks[len(toks)-1].kind == ';' {
		toks = toks[:len(toks)-1]
	}
	p := &copyParser{toks: toks}
	if !p.keyword("copy") {
		return nil, errImproperCopy
	}
	c := &copyCmd{}
	name, ok := p.name()
	if !ok {
		return nil, errImproperCopy
	}
	if p.punct('.') {
		c.ks = name
		if name, ok = p.name(); !ok {
			return nil, errImproperCopy
		}
	}
	c.table = name
	if p.punct('(') {
		for {
			col, ok := p.name()
			if !ok {
				return nil, errImproperCopy
			}
			c.cols = append(c.cols, col)
			if p.punct(')') {
				break
			}
			if !p.punct(',') {
				return nil, errImproperCopy
			}
		}
	}
	switch {
	case p.keyword("from"):
		c.from = true
		if !p.keyword("stdin") {
			t, ok := p.next()
			if !ok || t.kind != 's' {
				return nil, errImproperCopy
			}
			c.file = t.text
		}
	case p.keyword("to"):
		if !p.keyword("stdout") {
			t, ok := p.next()
			if !ok || t.kind != 's' {
				return nil, errImproperCopy
			}
			c.file = t.text
		}
	default:
		return nil, errImproperCopy
	}
	if p.keyword("with") {
		for {
			t, ok := p.next()
			if !ok || t.kind != 'i' || !p.punct('=') {
				return nil, errImproperCopy
			}
			v, ok := p.value()
			if !ok {
				return nil, errImproperCopy
			}
			c.opts = append(c.opts, copyOpt{name: strings.ToLower(t.text), value: v})
			if !p.keyword("and") {
				break
			}
		}
	}
	if !p.done() {
		return nil, errImproperCopy
	}
	return c, nil
}

type copyParser struct {
	toks []copyToken
	pos  int
}

func (p *copyParser) next() (copyToken, bool) {
	if p.pos >= len(p.toks) {
		return copyToken{}, false
	}
	p.pos++
	return p.toks[p.pos-1], true
}

func (p *copyParser) done() bool { return p.pos >= len(p.toks) }

func (p *copyParser) keyword(w string) bool {
	if p.pos < len(p.toks) && p.toks[p.pos].kind == 'i' && strings.EqualFold(p.toks[p.pos].text, w) {
		p.pos++
		return true
	}
	return false
}

func (p *copyParser) punct(c byte) bool {
	if p.pos < len(p.toks) && p.toks[p.pos].kind == c {
		p.pos++
		return true
	}
	return false
}

// name reads a keyspace, table or column name: bare names lower-cased,
// quoted names as written without their quotes.
func (p *copyParser) name() (string, bool) {
	if p.pos < len(p.toks) {
		switch t := p.toks[p.pos]; t.kind {
		case 'i':
			p.pos++
			return strings.ToLower(t.text), true
		case 'q':
			p.pos++
			return t.text, true
		}
	}
	return "", false
}

// value reads an option value: a string (unquoted), a name, or a term such
// as a number, a negative number or a blob, taken as written.
func (p *copyParser) value() (string, bool) {
	t, ok := p.next()
	if !ok {
		return "", false
	}
	switch t.kind {
	case 's', 'i', 'q', 'n':
		return t.text, true
	}
	return "", false
}
