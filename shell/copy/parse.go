package copy

import (
	"errors"
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
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

// parseCopy parses a COPY command (without its ';').
func parseCopy(text string) (*copyCmd, error) {
	toks := cql.Significant(text)
	for _, t := range toks {
		if t.Unterminated {
			return nil, errImproperCopy
		}
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
	if p.punct(".") {
		c.ks = name
		if name, ok = p.name(); !ok {
			return nil, errImproperCopy
		}
	}
	c.table = name
	if p.punct("(") {
		for {
			col, ok := p.name()
			if !ok {
				return nil, errImproperCopy
			}
			c.cols = append(c.cols, col)
			if p.punct(")") {
				break
			}
			if !p.punct(",") {
				return nil, errImproperCopy
			}
		}
	}
	switch {
	case p.keyword("from"):
		c.from = true
		if !p.keyword("stdin") {
			t, ok := p.next()
			if !ok || t.Kind != cql.TokString {
				return nil, errImproperCopy
			}
			c.file = t.Unquoted()
		}
	case p.keyword("to"):
		if !p.keyword("stdout") {
			t, ok := p.next()
			if !ok || t.Kind != cql.TokString {
				return nil, errImproperCopy
			}
			c.file = t.Unquoted()
		}
	default:
		return nil, errImproperCopy
	}
	if p.keyword("with") {
		for {
			t, ok := p.next()
			if !ok || t.Kind != cql.TokIdent || !p.punct("=") {
				return nil, errImproperCopy
			}
			v, ok := p.value()
			if !ok {
				return nil, errImproperCopy
			}
			c.opts = append(c.opts, copyOpt{name: strings.ToLower(t.Text), value: v})
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

// copyParser reads a COPY command's tokens in order.
type copyParser struct {
	toks []cql.Token
	pos  int
}

func (p *copyParser) next() (cql.Token, bool) {
	if p.pos >= len(p.toks) {
		return cql.Token{}, false
	}
	p.pos++
	return p.toks[p.pos-1], true
}

func (p *copyParser) done() bool { return p.pos >= len(p.toks) }

func (p *copyParser) keyword(w string) bool {
	if p.pos < len(p.toks) && p.toks[p.pos].Is(w) {
		p.pos++
		return true
	}
	return false
}

func (p *copyParser) punct(c string) bool {
	if p.pos < len(p.toks) && p.toks[p.pos].IsPunct(c) {
		p.pos++
		return true
	}
	return false
}

// name reads a keyspace, table or column name: bare names lower-cased,
// quoted names as written without their quotes.
func (p *copyParser) name() (string, bool) {
	if p.pos < len(p.toks) {
		if n, ok := p.toks[p.pos].Name(); ok {
			p.pos++
			return n, true
		}
	}
	return "", false
}

// value reads an option value: a string or quoted name (unquoted), or a
// word taken as written — the tokens that touch each other up to a space
// or one of ( ) , = (a name, a number, -1, 0x0a, %Y-%m-%d).
func (p *copyParser) value() (string, bool) {
	t, ok := p.next()
	if !ok {
		return "", false
	}
	switch {
	case t.Kind == cql.TokString || t.Kind == cql.TokQuotedName:
		return t.Unquoted(), true
	case isCopySeparator(t):
		return "", false
	}
	end := t.End
	text := t.Text
	for p.pos < len(p.toks) {
		u := p.toks[p.pos]
		if u.Start != end || isCopySeparator(u) || u.Kind == cql.TokString || u.Kind == cql.TokQuotedName {
			break
		}
		text += u.Text
		end = u.End
		p.pos++
	}
	return text, true
}

// isCopySeparator reports the punctuation that ends a COPY option value.
func isCopySeparator(t cql.Token) bool {
	if t.Kind == cql.TokSemicolon {
		return true
	}
	if t.Kind != cql.TokPunct {
		return false
	}
	switch t.Text {
	case "(", ")", ",", "=":
		return true
	}
	return false
}
