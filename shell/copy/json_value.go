package copy

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// jsonValueError is a JSON value that does not fit its column's type.
type jsonValueError struct {
	typ    string
	reason string
}

func (e *jsonValueError) Error() string { return fmt.Sprintf("%s for type %s", e.reason, e.typ) }

func badJSON(t *cqltype.Type, format string, args ...any) error {
	return &jsonValueError{typ: t.String(), reason: fmt.Sprintf(format, args...)}
}

// fromJSON converts a value decoded from JSON (with UseNumber) into the
// value bound for type t, accepting what SELECT JSON writes: numbers (or
// strings holding them), "0x..." blobs, strings for uuids, addresses,
// dates, times, timestamps and durations, arrays for lists, sets, vectors
// and tuples, objects for maps (keys as strings) and user types. "" is the
// empty value of a non-text type, as SELECT JSON writes it.
func fromJSON(t *cqltype.Type, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if s, ok := v.(string); ok && s == "" && t.Kind != cqltype.Varchar && t.Kind != cqltype.Ascii {
		if t.Kind == cqltype.Blob || t.Kind == cqltype.Custom {
			return []byte{}, nil
		}
		return cqltype.Empty{}, nil
	}
	switch t.Kind {
	case cqltype.List, cqltype.Set, cqltype.Vector, cqltype.Tuple:
		return sequenceFromJSON(t, v)
	case cqltype.Map:
		return mapFromJSON(t, v)
	case cqltype.UDT:
		return udtFromJSON(t, v)
	case cqltype.Boolean:
		return boolFromJSON(t, v)
	}
	s, ok := jsonScalarText(v)
	if !ok {
		return nil, badJSON(t, "expected a scalar, got %s", jsonKind(v))
	}
	return scalarFromText(t, s)
}

// jsonScalarText is a JSON string's or number's text.
func jsonScalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return string(x), true
	}
	return "", false
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case bool:
		return "a boolean"
	}
	return "a scalar"
}

func boolFromJSON(t *cqltype.Type, v any) (any, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		if b, err := strconv.ParseBool(strings.ToLower(x)); err == nil {
			return b, nil
		}
	}
	return nil, badJSON(t, "expected true or false")
}

// scalarFromText parses the text of a scalar of type t.
func scalarFromText(t *cqltype.Type, s string) (any, error) {
	var v any
	var err error
	switch t.Kind {
	case cqltype.Varchar, cqltype.Ascii:
		return s, nil
	case cqltype.Tinyint, cqltype.Smallint, cqltype.Int, cqltype.Bigint, cqltype.Counter, cqltype.Varint:
		v, err = integerConverter(t, func(s string) string { return s })(s)
	case cqltype.Float, cqltype.Double:
		var f float64
		bits := 64
		if t.Kind == cqltype.Float {
			bits = 32
		}
		f, err = strconv.ParseFloat(s, bits)
		v = floatValue(t, f)
	case cqltype.Decimal:
		v, err = cqltype.ParseDecimal(s)
	case cqltype.UUID, cqltype.Timeuuid:
		v, err = convertUUID(s)
	case cqltype.Inet:
		v, err = convertInet(s)
	case cqltype.Blob, cqltype.Custom:
		v, err = blobFromHex(s)
	case cqltype.Timestamp:
		v, err = timestampFromText(s)
	case cqltype.Date:
		v, err = cqltype.ParseDate(s)
	case cqltype.Time:
		v, err = cqltype.ParseTime(s)
	case cqltype.Duration:
		v, err = cqltype.ParseDuration(s)
	default:
		return nil, badJSON(t, "unsupported type")
	}
	if err != nil {
		return nil, badJSON(t, "cannot read %q: %v", s, err)
	}
	return v, nil
}

// timestampFromText reads a timestamp as text or as integer milliseconds.
func timestampFromText(s string) (any, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return cqltype.TimestampValue(n), nil
	}
	return cqltype.ParseTimestamp(s)
}

// blobFromHex reads "0x..." (the prefix is required).
func blobFromHex(s string) ([]byte, error) {
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return nil, fmt.Errorf("a blob is written 0x followed by hex digits")
	}
	return hex.DecodeString(s[2:])
}

func sequenceFromJSON(t *cqltype.Type, v any) (any, error) {
	arr, ok := v.([]any)
	if !ok {
		return nil, badJSON(t, "expected an array, got %s", jsonKind(v))
	}
	switch {
	case t.Kind == cqltype.Tuple && len(arr) > len(t.Elems):
		return nil, badJSON(t, "%d components, the tuple has %d", len(arr), len(t.Elems))
	case t.Kind == cqltype.Vector && len(arr) != t.Dim:
		return nil, badJSON(t, "%d elements, the vector has %d", len(arr), t.Dim)
	}
	out := make([]any, len(arr))
	for i, e := range arr {
		et := t.Elem
		if t.Kind == cqltype.Tuple {
			et = t.Elems[i]
		}
		x, err := fromJSON(et, e)
		if err != nil {
			return nil, err
		}
		if x == nil && t.Kind != cqltype.Tuple {
			return nil, badJSON(t, "null element")
		}
		out[i] = x
	}
	return out, nil
}

// mapFromJSON reads an object: text keys as they are, other keys as the
// JSON (or the bare string) SELECT JSON writes for them.
func mapFromJSON(t *cqltype.Type, v any) (any, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, badJSON(t, "expected an object, got %s", jsonKind(v))
	}
	out := make([]cqltype.MapEntry, 0, len(obj))
	for k, val := range obj {
		var kv any = k
		if t.Key.Kind != cqltype.Varchar && t.Key.Kind != cqltype.Ascii {
			kv = decodeJSONKey(k)
		}
		key, err := fromJSON(t.Key, kv)
		if err != nil {
			return nil, err
		}
		value, err := fromJSON(t.Value, val)
		if err != nil {
			return nil, err
		}
		if key == nil || value == nil {
			return nil, badJSON(t, "null key or value")
		}
		out = append(out, cqltype.MapEntry{Key: key, Value: value})
	}
	return out, nil
}

// decodeJSONKey is a non-text map key: its JSON ("1", "[1, 2]"), or the
// string itself (uuids, dates...).
func decodeJSONKey(k string) any {
	dec := json.NewDecoder(strings.NewReader(k))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err == nil && !dec.More() {
		return v
	}
	return k
}

// udtFromJSON reads an object keyed by field name (quoted as SELECT JSON
// quotes case-sensitive names, or plain).
func udtFromJSON(t *cqltype.Type, v any) (any, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, badJSON(t, "expected an object, got %s", jsonKind(v))
	}
	out := make([]any, len(t.Fields))
	seen := 0
	for i, f := range t.Fields {
		raw, ok := obj[f.Name]
		if !ok {
			raw, ok = obj[cqltype.QuoteIdentifier(f.Name)]
		}
		if !ok {
			continue
		}
		seen++
		x, err := fromJSON(f.Type, raw)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	if seen != len(obj) {
		return nil, badJSON(t, "unknown field")
	}
	return out, nil
}
