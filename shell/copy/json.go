package copy

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// COPY TO with FORMAT = 'json' writes one object per line, exactly as the
// node's SELECT JSON writes each row: the node formats the values, so the
// file is what `SELECT JSON` would print. One deviation: SELECT JSON
// writes NaN and ±Infinity of a float or double column as null, losing
// them, so those columns are selected as text and written back as JSON
// numbers, or as the strings "NaN", "Infinity" and "-Infinity".

// jsonSelection is the SELECT JSON list for the columns: float and double
// columns cast to text under their own names.
func jsonSelection(cols []string, types []*cqltype.Type) string {
	sel := make([]string, len(cols))
	for i, c := range cols {
		q := cqltype.QuoteIdentifier(c)
		sel[i] = q
		if isFloating(types[i]) {
			sel[i] = "CAST(" + q + " AS text) AS " + q
		}
	}
	return "JSON " + strings.Join(sel, ", ")
}

func isFloating(t *cqltype.Type) bool {
	return t != nil && (t.Kind == cqltype.Float || t.Kind == cqltype.Double)
}

// jsonEncoder writes SELECT JSON's rows as lines, turning the float and
// double columns selected as text back into numbers.
type jsonEncoder struct {
	floating []bool // per column: selected as text
	any      bool
}

func newJSONEncoder(types []*cqltype.Type) *jsonEncoder {
	e := &jsonEncoder{floating: make([]bool, len(types))}
	for i, t := range types {
		e.floating[i] = isFloating(t)
		e.any = e.any || e.floating[i]
	}
	return e
}

func (e *jsonEncoder) encode(ch *exportChunk, row [][]byte) error {
	if len(row) != 1 {
		return copyError("SELECT JSON returned no JSON column")
	}
	line := row[0]
	if e.any {
		var err error
		if line, err = e.unquoteFloats(line); err != nil {
			return err
		}
	}
	ch.data = append(ch.data, line...)
	ch.data = append(ch.data, '\n')
	ch.ends = append(ch.ends, len(ch.data))
	return nil
}

// unquoteFloats rewrites the values of the floating columns, which the
// node wrote as JSON strings ("1.5"), as numbers (1.5), keeping the
// non-finite ones quoted. Everything else is copied byte for byte.
func (e *jsonEncoder) unquoteFloats(line []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	if _, err := dec.Token(); err != nil { // {
		return nil, err
	}
	out := make([]byte, 0, len(line))
	copied := 0
	for i := 0; dec.More(); i++ {
		if _, err := dec.Token(); err != nil { // the key
			return nil, err
		}
		start := int(dec.InputOffset())
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		if i >= len(e.floating) || !e.floating[i] || len(raw) < 2 || raw[0] != '"' {
			continue
		}
		end := int(dec.InputOffset())
		text := string(raw[1 : len(raw)-1])
		switch text {
		case "NaN", "Infinity", "-Infinity":
			continue
		}
		valueAt := start + bytes.IndexByte(line[start:end], '"')
		out = append(out, line[copied:valueAt]...)
		out = append(out, text...)
		copied = end
	}
	return append(out, line[copied:]...), nil
}
