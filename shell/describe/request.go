package describe

import (
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// Kind is the form of a DESCRIBE statement.
type Kind int

// The DESCRIBE forms.
const (
	Keyspaces Kind = iota
	KeyspaceKind
	Tables
	TableKind
	Types
	TypeKind
	Functions
	FunctionKind
	Aggregates
	AggregateKind
	IndexKind
	ViewKind
	SchemaKind
	Cluster
	Name // a bare name: keyspace, table, index or view
)

// Request is a parsed DESCRIBE statement. Keyspace and Name are unquoted
// identifiers (unquoted input lower-cased); Keyspace is "" when not given.
type Request struct {
	Kind      Kind
	Only      bool // DESCRIBE ONLY KEYSPACE
	Full      bool // DESCRIBE FULL SCHEMA
	Internals bool // WITH INTERNALS (accepted; the client-side text has no internals)
	Keyspace  string
	Name      string
}

// ParseError reports a DESCRIBE statement that could not be read.
type ParseError struct{ Text string }

func (e *ParseError) Error() string { return "Improper DESCRIBE command: " + e.Text }

// token is one word of a DESCRIBE statement.
type token struct {
	text   string // identifier as typed, unquoted
	quoted bool
	dot    bool
}

// ident is the identifier the token names: quoted text as is, unquoted
// text lower-cased.
func (t token) ident() string {
	if t.quoted {
		return t.text
	}
	return strings.ToLower(t.text)
}

func (t token) is(word string) bool { return !t.quoted && !t.dot && strings.EqualFold(t.text, word) }

// tokenize splits a DESCRIBE statement into words, quoted identifiers and
// dots: a word is the cql tokens that touch each other up to a space, a dot
// or a quoted name ("f(int)" is one word); a trailing semicolon is dropped.
func tokenize(s string) ([]token, error) {
	var out []token
	end := -1 // where the last token of the word being built ended
	for _, t := range cql.Significant(s) {
		switch {
		case t.Unterminated:
			return nil, &ParseError{Text: s}
		case t.Kind == cql.TokSemicolon:
			end = -1
		case t.IsPunct("."):
			out = append(out, token{text: ".", dot: true})
			end = -1
		case t.Kind == cql.TokQuotedName:
			out = append(out, token{text: t.Unquoted(), quoted: true})
			end = -1
		case t.Start == end:
			out[len(out)-1].text += t.Text
			end = t.End
		default:
			out = append(out, token{text: t.Text})
			end = t.End
		}
	}
	return out, nil
}

// Parse reads a DESCRIBE (or DESC) statement.
func Parse(stmt string) (Request, error) {
	toks, err := tokenize(stmt)
	if err != nil {
		return Request{}, err
	}
	bad := &ParseError{Text: strings.TrimSpace(stmt)}
	if len(toks) == 0 || !(toks[0].is("describe") || toks[0].is("desc")) {
		return Request{}, bad
	}
	toks = toks[1:]
	var req Request
	if n := len(toks); n >= 2 && toks[n-2].is("with") && toks[n-1].is("internals") {
		req.Internals = true
		toks = toks[:n-2]
	}
	if len(toks) == 0 {
		return Request{}, bad
	}
	// name reads an optional or required [ks.]name from the rest.
	name := func(rest []token, required bool) error {
		switch {
		case len(rest) == 0 && !required:
			return nil
		case len(rest) == 1 && !rest[0].dot:
			req.Name = rest[0].ident()
			return nil
		case len(rest) == 3 && !rest[0].dot && rest[1].dot && !rest[2].dot:
			req.Keyspace, req.Name = rest[0].ident(), rest[2].ident()
			return nil
		}
		return bad
	}
	head, rest := toks[0], toks[1:]
	simple := map[string]Kind{
		"keyspaces": Keyspaces, "tables": Tables, "columnfamilies": Tables, "types": Types,
		"functions": Functions, "aggregates": Aggregates, "cluster": Cluster, "schema": SchemaKind,
	}
	named := map[string]Kind{
		"table": TableKind, "columnfamily": TableKind, "type": TypeKind, "function": FunctionKind,
		"aggregate": AggregateKind, "index": IndexKind,
	}
	switch {
	case head.is("only") && len(rest) > 0 && rest[0].is("keyspace"):
		req.Kind, req.Only = KeyspaceKind, true
		if len(rest) > 2 {
			return Request{}, bad
		}
		if len(rest) == 2 {
			req.Keyspace = rest[1].ident()
		}
		return req, nil
	case head.is("keyspace"):
		req.Kind = KeyspaceKind
		if len(rest) > 1 {
			return Request{}, bad
		}
		if len(rest) == 1 {
			req.Keyspace = rest[0].ident()
		}
		return req, nil
	case head.is("full") && len(rest) == 1 && rest[0].is("schema"):
		req.Kind, req.Full = SchemaKind, true
		return req, nil
	case head.is("materialized") && len(rest) > 0 && rest[0].is("view"):
		req.Kind = ViewKind
		return req, name(rest[1:], true)
	}
	if !head.quoted && !head.dot {
		if k, ok := simple[strings.ToLower(head.text)]; ok && len(rest) == 0 {
			req.Kind = k
			return req, nil
		}
		if k, ok := named[strings.ToLower(head.text)]; ok && len(rest) > 0 {
			req.Kind = k
			return req, name(rest, true)
		}
	}
	if !head.quoted {
		if _, ok := named[strings.ToLower(head.text)]; ok {
			return Request{}, bad // the keyword without its name
		}
		if _, ok := simple[strings.ToLower(head.text)]; ok {
			return Request{}, bad
		}
	}
	req.Kind = Name
	return req, name(toks, true)
}
