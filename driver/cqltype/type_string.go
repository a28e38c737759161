package cqltype

import (
	"strconv"
	"strings"
)

// nativeName returns the CQL name of a native kind, or "" for other kinds.
func nativeName(k Kind) string {
	switch k {
	case Ascii:
		return "ascii"
	case Bigint:
		return "bigint"
	case Blob:
		return "blob"
	case Boolean:
		return "boolean"
	case Counter:
		return "counter"
	case Decimal:
		return "decimal"
	case Double:
		return "double"
	case Float:
		return "float"
	case Int:
		return "int"
	case Timestamp:
		return "timestamp"
	case UUID:
		return "uuid"
	case Varchar:
		return "text"
	case Varint:
		return "varint"
	case Timeuuid:
		return "timeuuid"
	case Inet:
		return "inet"
	case Date:
		return "date"
	case Time:
		return "time"
	case Smallint:
		return "smallint"
	case Tinyint:
		return "tinyint"
	case Duration:
		return "duration"
	}
	return ""
}

// nativeKind is the inverse of nativeName, also knowing "varchar".
func nativeKind(name string) (Kind, bool) {
	switch strings.ToLower(name) {
	case "ascii":
		return Ascii, true
	case "bigint":
		return Bigint, true
	case "blob":
		return Blob, true
	case "boolean":
		return Boolean, true
	case "counter":
		return Counter, true
	case "decimal":
		return Decimal, true
	case "double":
		return Double, true
	case "float":
		return Float, true
	case "int":
		return Int, true
	case "timestamp":
		return Timestamp, true
	case "uuid":
		return UUID, true
	case "text", "varchar":
		return Varchar, true
	case "varint":
		return Varint, true
	case "timeuuid":
		return Timeuuid, true
	case "inet":
		return Inet, true
	case "date":
		return Date, true
	case "time":
		return Time, true
	case "smallint":
		return Smallint, true
	case "tinyint":
		return Tinyint, true
	case "duration":
		return Duration, true
	}
	return 0, false
}

// String returns the type as CQL text, as Cassandra prints it: int, text,
// list<int>, map<text, int>, frozen<set<uuid>>, tuple<int, text>, a UDT's
// (possibly quoted) name, vector<float, 3>, or a custom type's quoted class.
func (t *Type) String() string {
	return string(t.AppendCQL(nil))
}

// AppendCQL appends the CQL text of the type to dst.
func (t *Type) AppendCQL(dst []byte) []byte {
	if t == nil {
		return append(dst, "unknown"...)
	}
	if name := nativeName(t.Kind); name != "" {
		return append(dst, name...)
	}
	frozen := t.Frozen && (t.Kind == List || t.Kind == Set || t.Kind == Map || t.Kind == Tuple || t.Kind == UDT)
	if frozen {
		dst = append(dst, "frozen<"...)
	}
	switch t.Kind {
	case Custom:
		dst = append(dst, '\'')
		dst = append(dst, strings.ReplaceAll(t.Custom, "'", "''")...)
		dst = append(dst, '\'')
	case List, Set:
		if t.Kind == List {
			dst = append(dst, "list<"...)
		} else {
			dst = append(dst, "set<"...)
		}
		dst = append(t.Elem.AppendCQL(dst), '>')
	case Map:
		dst = append(dst, "map<"...)
		dst = append(t.Key.AppendCQL(dst), ", "...)
		dst = append(t.Value.AppendCQL(dst), '>')
	case Tuple:
		dst = append(dst, "tuple<"...)
		for i, e := range t.Elems {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = e.AppendCQL(dst)
		}
		dst = append(dst, '>')
	case UDT:
		dst = append(dst, QuoteIdentifier(t.Name)...)
	case Vector:
		dst = append(dst, "vector<"...)
		dst = append(t.Elem.AppendCQL(dst), ", "...)
		dst = strconv.AppendInt(dst, int64(t.Dim), 10)
		dst = append(dst, '>')
	default:
		dst = append(dst, "unknown(0x"...)
		dst = strconv.AppendUint(dst, uint64(t.Kind), 16)
		dst = append(dst, ')')
	}
	if frozen {
		dst = append(dst, '>')
	}
	return dst
}

// QuoteIdentifier returns name as a CQL identifier: unchanged when it is a
// lower-case unquoted identifier that is neither reserved nor a type name,
// double-quoted (with " doubled) otherwise.
func QuoteIdentifier(name string) string { return QuoteName(name, isReserved) }

// QuoteName quotes name as a CQL identifier under a caller's list of
// reserved words: bare when it is a lower-case unquoted identifier that
// reserved does not claim, double-quoted (with " doubled) otherwise.
func QuoteName(name string, reserved func(string) bool) string {
	if isPlainIdentifier(name) && !reserved(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func isPlainIdentifier(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// isReserved reports CQL reserved keywords and the names CQL type text gives
// meaning to, all of which must be quoted to name a user type or column.
func isReserved(s string) bool {
	if _, ok := nativeKind(s); ok {
		return true
	}
	switch s {
	case "frozen", "list", "set", "map", "tuple", "vector",
		"add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by",
		"columnfamily", "create", "default", "delete", "desc", "describe", "drop", "entries",
		"execute", "from", "full", "grant", "if", "in", "index", "infinity", "insert", "into",
		"is", "keyspace", "limit", "materialized", "mbean", "mbeans", "modify", "nan",
		"norecursive", "not", "null", "of", "on", "or", "order", "primary", "rename",
		"replace", "revoke", "schema", "select", "table", "to", "token", "truncate",
		"unlogged", "unset", "update", "use", "using", "view", "where", "with":
		return true
	}
	return false
}
