package count

import (
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// syntax is COUNT's grammar as HELP shows it (cql's command table), for
// usage errors.
func syntax() string { return cql.Lookup("count").Syntax }

// Parse reads a COUNT command (its text from the word COUNT on, with or
// without the final ';'). Identifiers keep CQL's rules: unquoted ones are
// case-insensitive, quoted ones exact.
func Parse(text string) (Request, error) {
	toks := cql.Significant(text)
	bad := func(msg string) (Request, error) {
		return Request{}, &UsageError{Msg: "Improper COUNT command: " + msg + ". Usage: " + syntax()}
	}
	word := func(i int, w string) bool { return i < len(toks) && toks[i].Is(w) }
	name := func(i int) (string, bool) {
		if i >= len(toks) {
			return "", false
		}
		n, ok := toks[i].Name()
		return n, ok && n != "" // "" is no name
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
	if i < len(toks) && toks[i].IsPunct(".") {
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
