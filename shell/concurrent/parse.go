package concurrent

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// argSourceKind says where CONCURRENT's tuples come from.
type argSourceKind uint8

const (
	srcTuples argSourceKind = iota + 1
	srcCSV
	srcRange
	srcSelect
)

// label names a tuple's position in reports: "tuple 3", "line 12"...
func (k argSourceKind) label() string {
	switch k {
	case srcTuples:
		return "tuple"
	case srcCSV:
		return "line"
	case srcRange:
		return "value"
	}
	return "row"
}

// concurrentSpec is a parsed CONCURRENT command.
type concurrentSpec struct {
	n           int
	stmt        string
	kind        argSourceKind
	tuples      [][]string // srcTuples: each value's literal text
	file        string     // srcCSV; "-" is stdin
	header      bool
	from, to    int64  // srcRange, half-open
	query       string // srcSelect
	stopOnError bool
	summary     bool
}

// ConcurrentSyntaxError is a CONCURRENT command that does not parse.
type ConcurrentSyntaxError struct{ Reason string }

func (e *ConcurrentSyntaxError) Error() string {
	return "Improper CONCURRENT command: " + e.Reason + ". See HELP CONCURRENT."
}

func syntaxErr(format string, args ...any) error {
	return &ConcurrentSyntaxError{Reason: fmt.Sprintf(format, args...)}
}

// parseConcurrent reads CONCURRENT's grammar from a statement's text.
func parseConcurrent(text string) (*concurrentSpec, error) {
	toks := cql.Significant(text)
	if len(toks) == 0 || !toks[0].Is("concurrent") {
		return nil, syntaxErr("it must start with CONCURRENT")
	}
	spec := &concurrentSpec{n: defaultConcurrency}
	i := 1
	if i < len(toks) && toks[i].Kind == cql.TokNumber {
		n, err := strconv.Atoi(toks[i].Text)
		if err != nil || n < 1 || n > maxConcurrency {
			return nil, syntaxErr("the concurrency must be an integer from 1 to %d", maxConcurrency)
		}
		spec.n = n
		i++
	}
	w := -1
	depth := 0
	for k := i; k+1 < len(toks) && w < 0; k++ {
		depth += toks[k].Depth()
		if depth == 0 && toks[k].Is("with") && toks[k+1].Is("args") {
			w = k
		}
	}
	if w <= i {
		return nil, syntaxErr("expected <statement> WITH ARGS <source>")
	}
	spec.stmt = strings.TrimSpace(text[toks[i].Start:toks[w].Start])
	rest := toks[w+2:]
	for {
		n := len(rest)
		switch {
		case n > 0 && rest[n-1].Is("summary"):
			spec.summary = true
			rest = rest[:n-1]
			continue
		case n >= 3 && rest[n-3].Is("stop") && rest[n-2].Is("on") && rest[n-1].Is("error"):
			spec.stopOnError = true
			rest = rest[:n-3]
			continue
		}
		break
	}
	if len(rest) == 0 {
		return nil, syntaxErr("WITH ARGS needs a source")
	}
	var err error
	switch {
	case rest[0].IsPunct("("):
		spec.kind = srcTuples
		spec.tuples, err = parseTuples(text, rest)
	case rest[0].Is("range"):
		spec.kind = srcRange
		err = parseRange(spec, rest[1:])
	case rest[0].Is("from") && len(rest) > 1 && rest[1].Kind == cql.TokString:
		spec.kind = srcCSV
		spec.file = rest[1].Unquoted()
		switch {
		case len(rest) == 4 && rest[2].Is("with") && rest[3].Is("header"):
			spec.header = true
		case len(rest) != 2:
			err = syntaxErr("unexpected %q after the file name", rest[2].Text)
		}
	case rest[0].Is("from") && len(rest) > 1 && rest[1].IsPunct("("):
		spec.kind = srcSelect
		last := rest[len(rest)-1]
		if len(rest) < 4 || !last.IsPunct(")") {
			return nil, syntaxErr("expected FROM (<SELECT ...>)")
		}
		spec.query = strings.TrimSpace(text[rest[1].End:last.Start])
		if !startsWith(spec.query, "select") {
			err = syntaxErr("FROM (...) takes a SELECT")
		}
	default:
		err = syntaxErr("unknown source %q", rest[0].Text)
	}
	if err != nil {
		return nil, err
	}
	return spec, nil
}

// parseTuples splits "(a, b), (c, d)" into each value's literal text,
// keeping nested collections, tuples and strings whole.
func parseTuples(text string, toks []cql.Token) ([][]string, error) {
	var out [][]string
	for i := 0; i < len(toks); {
		if !toks[i].IsPunct("(") {
			return nil, syntaxErr("expected ( at %q", toks[i].Text)
		}
		var vals []string
		depth, start := 0, toks[i].End
		j := i
		for ; j < len(toks); j++ {
			depth += toks[j].Depth()
			if depth == 1 && toks[j].IsPunct(",") {
				vals = append(vals, strings.TrimSpace(text[start:toks[j].Start]))
				start = toks[j].End
			}
			if depth == 0 {
				break
			}
		}
		if j == len(toks) {
			return nil, syntaxErr("unbalanced parentheses in the argument tuples")
		}
		if v := strings.TrimSpace(text[start:toks[j].Start]); v != "" || len(vals) > 0 {
			vals = append(vals, v)
		}
		out = append(out, vals)
		i = j + 1
		if i < len(toks) {
			if !toks[i].IsPunct(",") || i+1 == len(toks) {
				return nil, syntaxErr("expected , between argument tuples")
			}
			i++
		}
	}
	return out, nil
}

// parseRange reads "<a> TO <b>" (each possibly negative).
func parseRange(spec *concurrentSpec, toks []cql.Token) error {
	num := func() (int64, bool) {
		neg := false
		if len(toks) > 0 && toks[0].IsPunct("-") {
			neg, toks = true, toks[1:]
		}
		if len(toks) == 0 || toks[0].Kind != cql.TokNumber {
			return 0, false
		}
		v, err := strconv.ParseInt(toks[0].Text, 10, 64)
		toks = toks[1:]
		if neg {
			v = -v
		}
		return v, err == nil
	}
	a, ok := num()
	if !ok || len(toks) == 0 || !toks[0].Is("to") {
		return syntaxErr("expected RANGE <integer> TO <integer>")
	}
	toks = toks[1:]
	b, ok := num()
	if !ok || len(toks) != 0 {
		return syntaxErr("expected RANGE <integer> TO <integer>")
	}
	spec.from, spec.to = a, b
	return nil
}
