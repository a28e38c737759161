package describe

import (
	"encoding/hex"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// isReserved reports the keywords Cassandra's server quotes when it prints
// an identifier (its reserved_keywords list); type names such as text or int
// are not among them, so a column called text prints bare.
func isReserved(s string) bool {
	switch s {
	case "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by",
		"columnfamily", "create", "default", "delete", "desc", "describe", "drop", "entries",
		"execute", "from", "full", "grant", "if", "in", "index", "infinity", "insert", "into",
		"is", "keyspace", "limit", "materialized", "modify", "nan",
		"norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename", "replace",
		"revoke", "schema", "select", "set", "table", "to", "token", "truncate", "unlogged",
		"unset", "update", "use", "using", "view", "where", "with":
		return true
	}
	return false
}

// Ident returns name as the server prints an identifier: bare when it is a
// lower-case unquoted identifier that is not reserved, double-quoted (with "
// doubled) otherwise.
func Ident(name string) string { return cqltype.QuoteName(name, isReserved) }

// qualified is ks.name with both parts quoted as needed.
func qualified(ks, name string) string { return Ident(ks) + "." + Ident(name) }

// quoteString is a CQL string literal: single quotes, inner quotes doubled.
func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// javaDouble formats v as Java's Double.toString does, which is how the
// server prints double table options (0.01, 1.0, 1.0E-4).
func javaDouble(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	case v == 0:
		if math.Signbit(v) {
			return "-0.0"
		}
		return "0.0"
	}
	if a := math.Abs(v); a >= 1e-3 && a < 1e7 {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	}
	s := strconv.FormatFloat(v, 'E', -1, 64)
	mant, exp, _ := strings.Cut(s, "E")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(e)
}

// entry is one key/value pair of a text map option.
type entry struct{ key, value string }

// mapEntries reads a decoded map<text, text> (or map<text, blob>, whose
// values become 0x-prefixed hex) sorted by key, as the server prints maps.
func mapEntries(v any) []entry {
	var out []entry
	switch m := v.(type) {
	case []cqltype.MapEntry:
		for _, e := range m {
			out = append(out, entry{key: toText(e.Key), value: toText(e.Value)})
		}
	case map[string]string:
		for k, val := range m {
			out = append(out, entry{key: k, value: val})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// formatMap prints entries as {'k': 'v', ...}; quoteValues false leaves
// values bare (extensions' hex blobs).
func formatMap(es []entry, quoteValues bool) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteString(e.key))
		b.WriteString(": ")
		if quoteValues {
			b.WriteString(quoteString(e.value))
		} else {
			b.WriteString(e.value)
		}
	}
	b.WriteByte('}')
	return b.String()
}

// toText renders a decoded scalar as text: strings as they are, blobs as
// 0x hex, numbers and booleans in their plain form.
func toText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return "0x" + hex.EncodeToString(x)
	case bool:
		return strconv.FormatBool(x)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return javaDouble(x)
	case float32:
		return javaDouble(float64(x))
	}
	return ""
}

// lessFold orders names as the server's describe output does: by name,
// ignoring case.
func lessFold(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if la != lb {
		return la < lb
	}
	return false
}
