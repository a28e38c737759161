package count

import (
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// Syntax is COUNT's grammar, for HELP and errors.
const Syntax = "COUNT [<keyspace>.]<table> [WHERE <condition> ALLOW FILTERING] [BY PARTITION [TOP <n>] | BY HOST | BY RANGE]"

// Parse reads a COUNT command (its text from the word COUNT on, with or
// without the final ';'). Identifiers keep CQL's rules: unquoted ones are
// case-insensitive, quoted ones exact.
func Parse(text string) (Request, error) {
	var toks []cql.Token
	for _, t := range cql.Tokens(text) {
		switch t.Kind {
		case cql.TokWhitespace, cql.TokComment:
			continue
		case cql.TokSemicolon:
			continue
		}
		toks = append(toks, t)
	}
	bad := func(msg string) (Request, error) {
		return Request{}, &UsageError{Msg: "Improper COUNT command: " + msg + ". Usage: " + Syntax}
	}
	word := func(i int, w string) bool {
		return i < len(toks) && toks[i].Kind == cql.TokIdent && strings.EqualFold(toks[i].Text, w)
	}
	name := func(i int) (string, bool) {
		if i >= len(toks) {
			return "", false
		}
		switch toks[i].Kind {
		case cql.TokIdent:
			return strings.ToLower(toks[i].Text), true
		case cql.TokQuotedName:
			return unquote(toks[i].Text), true
		}
		return "", false
	}
	if !word(0, "COUNT") {
		return bad("it must start with COUNT")
	}
	var req Request
	first, ok := name(1)
	if !ok {
		return bad("a table name must follow COUNT")
	}
	i := 2
	if i < len(toks) && toks[i].Kind == cql.TokPunct && toks[i].Text == "." {
		tbl, ok := name(i + 1)
		if !ok {
			return bad("a table name must follow " + first + ".")
		}
		req.Keyspace, req.Table = first, tbl
		i += 2
	} else {
		req.Table = first
	}
	if word(i, "WHERE") {
		start := i + 1
		end := start
		for end < len(toks) && !(word(end, "ALLOW") && word(end+1, "FILTERING")) {
			end++
		}
		if end == len(toks) {
			return bad("a WHERE condition must end with ALLOW FILTERING")
		}
		if end == start {
			return bad("WHERE needs a condition")
		}
		req.Where = strings.TrimSpace(text[toks[start].Start:toks[end-1].End])
		i = end + 2
	}
	if word(i, "BY") {
		switch {
		case word(i+1, "PARTITION"):
			req.Mode = ByPartition
			i += 2
			if word(i, "TOP") {
				if i+1 >= len(toks) || toks[i+1].Kind != cql.TokNumber {
					return bad("TOP needs a number")
				}
				n, err := strconv.Atoi(toks[i+1].Text)
				if err != nil || n <= 0 {
					return Request{}, &UsageError{Msg: "TOP must be a positive number of partitions, not " + toks[i+1].Text}
				}
				req.Top = n
				i += 2
			}
		case word(i+1, "HOST"):
			req.Mode, i = ByHost, i+2
		case word(i+1, "RANGE"):
			req.Mode, i = ByRange, i+2
		default:
			return bad("BY must be followed by PARTITION, HOST or RANGE")
		}
	}
	if i < len(toks) {
		return bad("unexpected " + strconv.Quote(toks[i].Text))
	}
	return req, nil
}
