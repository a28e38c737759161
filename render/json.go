package render

import (
	"io"
	"math"
	"math/big"
	"net"
	"strconv"
	"unicode/utf8"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// JSONWriter writes NDJSON: one object per row, keyed by column name in
// column order, each on its own line. There is no trailer.
//
// Values map as follows. Null is null. An empty value (a zero-length cell)
// is "" whatever the type, so it never reads as null or zero. Integers,
// varints, decimals and finite floats are JSON numbers written exactly
// (floats in their shortest round-trip form); NaN, Infinity and -Infinity
// are strings. Booleans are true and false. Blobs are "0x..." strings;
// uuids, inet addresses, dates, times and durations are strings in CQL
// form; timestamps are ISO 8601 UTC strings to the millisecond
// ("2012-05-14T12:53:20.123Z"). Lists, sets, vectors and tuples are
// arrays, user types objects keyed by field name, maps objects when the key
// type is text or ascii and arrays of [key, value] pairs otherwise;
// collections keep the server's order. A cell that cannot be decoded is
// written as a "0x..." string of its bytes and recorded in Errors.
type JSONWriter struct {
	w    io.Writer
	cols []Column
	keys [][]byte // quoted column names
	out  []byte
	// Errors holds the cells that failed to decode.
	Errors ErrorLog
}

// NewJSON returns an NDJSON writer to w; no option affects it.
func NewJSON(w io.Writer, cols []Column, _ *Options) *JSONWriter {
	j := &JSONWriter{w: w, cols: cols}
	for _, c := range cols {
		j.keys = append(j.keys, appendJSONString(nil, c.Name))
	}
	return j
}

// WriteRows writes one line per row.
func (j *JSONWriter) WriteRows(rows [][][]byte) error {
	out := j.out[:0]
	for _, row := range rows {
		if len(row) != len(j.cols) {
			return &RowError{Want: len(j.cols), Got: len(row)}
		}
		out = append(out, '{')
		for i, cell := range row {
			if i > 0 {
				out = append(out, ',')
			}
			out = append(out, j.keys[i]...)
			out = append(out, ':')
			t := j.cols[i].Type
			v, err := cqltype.Decode(t, cell)
			if err == nil {
				start := len(out)
				if out, err = appendJSON(out, t, v); err != nil {
					out = out[:start]
				}
			}
			if err != nil {
				j.Errors.add(&FormatError{Type: typeName(t), Raw: append([]byte(nil), cell...), Err: err})
				out = append(out, '"')
				out = appendHex(out, cell)
				out = append(out, '"')
			}
		}
		out = append(out, '}', '\n')
	}
	j.out = out
	return writeOut(j.w, out)
}

// Close writes nothing: NDJSON has no trailer.
func (j *JSONWriter) Close(int) error { return nil }

func appendJSONFloat(dst []byte, v float64, bits int) []byte {
	switch {
	case math.IsNaN(v):
		return append(dst, `"NaN"`...)
	case math.IsInf(v, 1):
		return append(dst, `"Infinity"`...)
	case math.IsInf(v, -1):
		return append(dst, `"-Infinity"`...)
	}
	return strconv.AppendFloat(dst, v, 'g', -1, bits)
}

// appendJSON appends decoded value v of type t as JSON.
func appendJSON(dst []byte, t *cqltype.Type, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case cqltype.Empty:
		return append(dst, `""`...), nil
	case string:
		if !utf8.ValidString(x) {
			return dst, errInvalidUTF8
		}
		return appendJSONString(dst, x), nil
	case []byte:
		dst = append(dst, '"')
		dst = appendHex(dst, x)
		return append(dst, '"'), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case int64, int32, int16, int8:
		i, _ := cqltype.Integer(x)
		return strconv.AppendInt(dst, i, 10), nil
	case float32:
		return appendJSONFloat(dst, float64(x), 32), nil
	case float64:
		return appendJSONFloat(dst, x, 64), nil
	case *big.Int:
		return x.Append(dst, 10), nil
	case cqltype.DecimalValue:
		return append(dst, x.String()...), nil
	case cqltype.UUIDValue:
		dst = append(dst, '"')
		dst = appendUUID(dst, x)
		return append(dst, '"'), nil
	case net.IP:
		return appendJSONString(dst, x.String()), nil
	case cqltype.TimestampValue:
		return appendJSONString(dst, x.String()), nil
	case cqltype.DateValue:
		return appendJSONString(dst, x.String()), nil
	case cqltype.TimeValue:
		return appendJSONString(dst, x.String()), nil
	case cqltype.DurationValue:
		return appendJSONString(dst, x.String()), nil
	case []any:
		return appendJSONSequence(dst, t, x)
	case []cqltype.MapEntry:
		return appendJSONMap(dst, t, x)
	}
	return dst, errUnexpected
}

func appendJSONSequence(dst []byte, t *cqltype.Type, vals []any) ([]byte, error) {
	var err error
	if t.Kind == cqltype.UDT {
		if len(vals) > len(t.Fields) {
			return dst, errUnexpected
		}
		dst = append(dst, '{')
		for i, v := range vals {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, t.Fields[i].Name)
			dst = append(dst, ':')
			if dst, err = appendJSON(dst, t.Fields[i].Type, v); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	}
	if t.Kind == cqltype.Tuple && len(vals) > len(t.Elems) {
		return dst, errUnexpected
	}
	dst = append(dst, '[')
	for i, v := range vals {
		if i > 0 {
			dst = append(dst, ',')
		}
		et := t.Elem
		if t.Kind == cqltype.Tuple {
			et = t.Elems[i]
		}
		if dst, err = appendJSON(dst, et, v); err != nil {
			return dst, err
		}
	}
	return append(dst, ']'), nil
}

func appendJSONMap(dst []byte, t *cqltype.Type, es []cqltype.MapEntry) ([]byte, error) {
	var err error
	if t.Key == nil || t.Value == nil {
		return dst, errUnexpected
	}
	if k := t.Key.Kind; k == cqltype.Varchar || k == cqltype.Ascii {
		dst = append(dst, '{')
		for i, e := range es {
			if i > 0 {
				dst = append(dst, ',')
			}
			s, ok := e.Key.(string)
			if !ok || !utf8.ValidString(s) {
				return dst, errUnexpected
			}
			dst = appendJSONString(dst, s)
			dst = append(dst, ':')
			if dst, err = appendJSON(dst, t.Value, e.Value); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	}
	dst = append(dst, '[')
	for i, e := range es {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '[')
		if dst, err = appendJSON(dst, t.Key, e.Key); err != nil {
			return dst, err
		}
		dst = append(dst, ',')
		if dst, err = appendJSON(dst, t.Value, e.Value); err != nil {
			return dst, err
		}
		dst = append(dst, ']')
	}
	return append(dst, ']'), nil
}

// appendJSONString appends s as a JSON string; s is valid UTF-8.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != '\u2028' && r != '\u2029' {
				i += size
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\u202`...)
			dst = append(dst, hexDigits[r&15])
			i += size
			start = i
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		i++
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
