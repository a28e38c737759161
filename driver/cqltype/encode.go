package cqltype

import (
	"encoding/binary"
	"math"
	"math/big"
	"net"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Encode encodes v as a value of type t. It returns nil for null (v == nil
// or a nil pointer) and a non-nil, possibly empty, slice otherwise.
// See AppendValue for the Go values accepted.
func Encode(t *Type, v any) ([]byte, error) {
	out, null, err := AppendValue(nil, t, v)
	if err != nil || null {
		return nil, err
	}
	if out == nil {
		out = []byte{}
	}
	return out, nil
}

// AppendValue appends the encoding of v as type t to dst, without a length
// prefix, and reports null when v is nil (dst is then returned unchanged).
//
// Besides the values Decode returns, it accepts Go integers of any width
// (range-checked) for every integer type, float64 for float, strings in CQL
// literal form for uuid, timeuuid, inet, timestamp, date, time, duration,
// decimal, varint and the numeric types, time.Time for timestamp and date,
// time.Duration for time and duration, netip.Addr for inet, *big.Int,
// any slice or array for list, set, tuple and vector, map[any]any, any Go
// map or []MapEntry for maps (Go maps encode in unspecified order),
// map[string]any or []any for UDTs (missing fields are null), and string or
// []byte for blob. Pointers are followed; Empty{} encodes as zero bytes.
// On error the bytes appended after dst's original length are unspecified.
func AppendValue(dst []byte, t *Type, v any) ([]byte, bool, error) {
	return appendValue(dst, t, v, 0)
}

func appendValue(dst []byte, t *Type, v any, depth int) ([]byte, bool, error) {
	if t == nil {
		return dst, false, &EncodeError{Type: "<nil type>", GoType: goType(v), Reason: "no type"}
	}
	switch v.(type) {
	case nil:
		return dst, true, nil
	case string, []byte, int, int64, int32, int16, int8, float64, float32, bool, UUIDValue:
		// The common values: no pointer to follow.
	case Empty, *Empty:
		return dst, false, nil
	case *big.Int:
		if x, _ := v.(*big.Int); x == nil {
			return dst, true, nil
		}
	default:
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
			for rv.Kind() == reflect.Pointer {
				if rv.IsNil() {
					return dst, true, nil
				}
				rv = rv.Elem()
			}
			v = rv.Interface()
		}
	}
	if depth > maxDepth {
		return dst, false, encErr(t, v, "nested too deeply")
	}
	var err error
	switch t.Kind {
	case Ascii, Varchar:
		dst, err = appendText(dst, t, v)
	case Blob, Custom:
		switch x := v.(type) {
		case []byte:
			dst = append(dst, x...)
		case string:
			dst = append(dst, x...)
		default:
			err = encErr(t, v, "want []byte")
		}
	case Bigint, Counter, Int, Smallint, Tinyint:
		dst, err = appendInteger(dst, t, v)
	case Boolean:
		switch x := v.(type) {
		case bool:
			dst = append(dst, boolByte(x))
		case string:
			var p any
			if p, err = parseScalar(t, x); err == nil {
				dst = append(dst, boolByte(p.(bool)))
			}
		default:
			err = encErr(t, v, "want bool")
		}
	case Float, Double:
		dst, err = appendFloat(dst, t, v)
	case UUID, Timeuuid:
		dst, err = appendUUID(dst, t, v)
	case Inet:
		dst, err = appendInet(dst, t, v)
	case Timestamp:
		dst, err = appendTimestamp(dst, t, v)
	case Date:
		dst, err = appendDate(dst, t, v)
	case Time:
		dst, err = appendTime(dst, t, v)
	case Duration:
		dst, err = appendDuration(dst, t, v)
	case Varint:
		var x *big.Int
		if x, err = toBigInt(t, v); err == nil {
			dst = appendVarint(dst, x)
		}
	case Decimal:
		dst, err = appendDecimal(dst, t, v)
	case List, Set:
		dst, err = appendList(dst, t, v, depth)
	case Map:
		dst, err = appendMap(dst, t, v, depth)
	case Tuple:
		dst, err = appendTuple(dst, t, v, depth)
	case UDT:
		dst, err = appendUDT(dst, t, v, depth)
	case Vector:
		dst, err = appendVector(dst, t, v, depth)
	default:
		err = encErr(t, v, "unknown kind")
	}
	return dst, false, err
}

func goType(v any) string {
	if v == nil {
		return "nil"
	}
	return reflect.TypeOf(v).String()
}

func encErr(t *Type, v any, reason string) error {
	return &EncodeError{Type: typeText(t), GoType: goType(v), Reason: reason}
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func appendText(dst []byte, t *Type, v any) ([]byte, error) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return dst, encErr(t, v, "want string")
	}
	if t.Kind == Ascii {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return dst, encErr(t, v, "non-ASCII byte")
			}
		}
	} else if !utf8.ValidString(s) {
		return dst, encErr(t, v, "invalid UTF-8")
	}
	return append(dst, s...), nil
}

// toInt64 converts any Go integer (or integral float, *big.Int or numeric
// string) to int64.
func toInt64(t *Type, v any) (int64, error) {
	switch x := v.(type) {
	case int:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int64:
		return x, nil
	case uint8:
		return int64(x), nil
	case uint16:
		return int64(x), nil
	case uint32:
		return int64(x), nil
	case uint:
		if uint64(x) > math.MaxInt64 {
			return 0, encErr(t, v, "out of range")
		}
		return int64(x), nil
	case uint64:
		if x > math.MaxInt64 {
			return 0, encErr(t, v, "out of range")
		}
		return int64(x), nil
	case *big.Int:
		if !x.IsInt64() {
			return 0, encErr(t, v, "out of range")
		}
		return x.Int64(), nil
	case float64:
		if x != math.Trunc(x) || x < -(1<<63) || x >= 1<<63 {
			return 0, encErr(t, v, "not an integer in range")
		}
		return int64(x), nil
	case float32:
		return toInt64(t, float64(x))
	case string:
		p, err := parseScalar(&Type{Kind: Bigint}, x)
		if err != nil {
			return 0, err
		}
		return p.(int64), nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if rv.Uint() > math.MaxInt64 {
			return 0, encErr(t, v, "out of range")
		}
		return int64(rv.Uint()), nil
	}
	return 0, encErr(t, v, "want an integer")
}

func appendInteger(dst []byte, t *Type, v any) ([]byte, error) {
	n, err := toInt64(t, v)
	if err != nil {
		if pe, ok := err.(*ParseError); ok {
			pe.What = t.String()
		}
		return dst, err
	}
	switch t.Kind {
	case Int:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return dst, encErr(t, v, "out of range")
		}
		return binary.BigEndian.AppendUint32(dst, uint32(n)), nil
	case Smallint:
		if n < math.MinInt16 || n > math.MaxInt16 {
			return dst, encErr(t, v, "out of range")
		}
		return binary.BigEndian.AppendUint16(dst, uint16(n)), nil
	case Tinyint:
		if n < math.MinInt8 || n > math.MaxInt8 {
			return dst, encErr(t, v, "out of range")
		}
		return append(dst, byte(n)), nil
	}
	return binary.BigEndian.AppendUint64(dst, uint64(n)), nil
}

func appendFloat(dst []byte, t *Type, v any) ([]byte, error) {
	var f float64
	switch x := v.(type) {
	case float32:
		if t.Kind == Float {
			return binary.BigEndian.AppendUint32(dst, math.Float32bits(x)), nil
		}
		f = float64(x)
	case float64:
		f = x
	case string:
		p, err := parseScalar(t, x)
		if err != nil {
			return dst, err
		}
		if t.Kind == Float {
			return binary.BigEndian.AppendUint32(dst, math.Float32bits(p.(float32))), nil
		}
		f = p.(float64)
	default:
		n, err := toInt64(t, v)
		if err != nil {
			return dst, encErr(t, v, "want a number")
		}
		f = float64(n)
	}
	if t.Kind == Float {
		if !math.IsInf(f, 0) && !math.IsNaN(f) && math.Abs(f) > math.MaxFloat32 {
			return dst, encErr(t, v, "out of float range")
		}
		return binary.BigEndian.AppendUint32(dst, math.Float32bits(float32(f))), nil
	}
	return binary.BigEndian.AppendUint64(dst, math.Float64bits(f)), nil
}

func appendUUID(dst []byte, t *Type, v any) ([]byte, error) {
	var u UUIDValue
	switch x := v.(type) {
	case UUIDValue:
		u = x
	case [16]byte:
		u = x
	case []byte:
		if len(x) != 16 {
			return dst, encErr(t, v, "want 16 bytes")
		}
		u = UUIDValue(x)
	case string:
		var err error
		if u, err = ParseUUID(x); err != nil {
			return dst, err
		}
	default:
		return dst, encErr(t, v, "want a UUIDValue or uuid string")
	}
	if t.Kind == Timeuuid && u.Version() != 1 {
		return dst, encErr(t, v, "timeuuid must be a version 1 uuid")
	}
	return append(dst, u[:]...), nil
}

func appendInet(dst []byte, t *Type, v any) ([]byte, error) {
	switch x := v.(type) {
	case net.IP:
		if ip4 := x.To4(); ip4 != nil {
			return append(dst, ip4...), nil
		}
		if len(x) == net.IPv6len {
			return append(dst, x...), nil
		}
	case netip.Addr:
		if x.IsValid() {
			return append(dst, x.AsSlice()...), nil
		}
	case []byte:
		if len(x) == 4 || len(x) == 16 {
			return append(dst, x...), nil
		}
	case string:
		a, err := netip.ParseAddr(strings.TrimSpace(x))
		if err != nil || a.Zone() != "" {
			return dst, &ParseError{What: "inet", Input: x, Pos: -1, Reason: "not an IPv4 or IPv6 address"}
		}
		return append(dst, a.AsSlice()...), nil
	}
	return dst, encErr(t, v, "want an IPv4 or IPv6 address")
}

func appendTimestamp(dst []byte, t *Type, v any) ([]byte, error) {
	var ms int64
	switch x := v.(type) {
	case TimestampValue:
		ms = int64(x)
	case time.Time:
		if x.Before(time.UnixMilli(math.MinInt64)) || x.After(time.UnixMilli(math.MaxInt64)) {
			return dst, encErr(t, v, "out of range")
		}
		ms = x.UnixMilli()
	case string:
		ts, err := ParseTimestamp(x)
		if err != nil {
			return dst, err
		}
		ms = int64(ts)
	default:
		n, err := toInt64(t, v)
		if err != nil {
			return dst, encErr(t, v, "want TimestampValue, time.Time, string or integer milliseconds")
		}
		ms = n
	}
	return binary.BigEndian.AppendUint64(dst, uint64(ms)), nil
}

func appendDate(dst []byte, t *Type, v any) ([]byte, error) {
	var d DateValue
	switch x := v.(type) {
	case DateValue:
		d = x
	case time.Time:
		y, m, day := x.Date()
		var ok bool
		if d, ok = DateFromDays(daysFromCivil(int64(y), int64(m), int64(day))); !ok {
			return dst, encErr(t, v, "out of range")
		}
	case string:
		var err error
		if d, err = ParseDate(x); err != nil {
			return dst, err
		}
	default:
		return dst, encErr(t, v, "want DateValue, time.Time or string")
	}
	return binary.BigEndian.AppendUint32(dst, uint32(d)), nil
}

func appendTime(dst []byte, t *Type, v any) ([]byte, error) {
	var n int64
	switch x := v.(type) {
	case TimeValue:
		n = int64(x)
	case time.Duration:
		n = int64(x)
	case string:
		tv, err := ParseTime(x)
		if err != nil {
			return dst, err
		}
		n = int64(tv)
	default:
		var err error
		if n, err = toInt64(t, v); err != nil {
			return dst, encErr(t, v, "want TimeValue, time.Duration, string or integer nanoseconds")
		}
	}
	if n < 0 || n > int64(MaxTime) {
		return dst, encErr(t, v, "time of day out of range")
	}
	return binary.BigEndian.AppendUint64(dst, uint64(n)), nil
}

func appendDuration(dst []byte, t *Type, v any) ([]byte, error) {
	var d DurationValue
	switch x := v.(type) {
	case DurationValue:
		d = x
	case time.Duration:
		d = durationFromGo(x)
	case string:
		var err error
		if d, err = ParseDuration(x); err != nil {
			return dst, err
		}
	default:
		return dst, encErr(t, v, "want DurationValue, time.Duration or string")
	}
	if !d.Valid() {
		return dst, encErr(t, v, "months, days and nanoseconds must not differ in sign")
	}
	dst = appendVint(dst, int64(d.Months))
	dst = appendVint(dst, int64(d.Days))
	return appendVint(dst, d.Nanos), nil
}

func toBigInt(t *Type, v any) (*big.Int, error) {
	switch x := v.(type) {
	case *big.Int:
		return x, nil
	case big.Int:
		return &x, nil
	case string:
		p, err := parseScalar(&Type{Kind: Varint}, x)
		if err != nil {
			return nil, err
		}
		return p.(*big.Int), nil
	case uint64:
		return new(big.Int).SetUint64(x), nil
	case uint:
		return new(big.Int).SetUint64(uint64(x)), nil
	}
	n, err := toInt64(t, v)
	if err != nil {
		return nil, encErr(t, v, "want an integer, *big.Int or string")
	}
	return big.NewInt(n), nil
}

func appendDecimal(dst []byte, t *Type, v any) ([]byte, error) {
	var d DecimalValue
	switch x := v.(type) {
	case DecimalValue:
		d = x
	case string:
		var err error
		if d, err = ParseDecimal(x); err != nil {
			return dst, err
		}
	case float64, float32:
		f := reflect.ValueOf(x).Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return dst, encErr(t, v, "decimal cannot hold NaN or Infinity")
		}
		bits := 64
		if _, ok := x.(float32); ok {
			bits = 32
		}
		var err error
		if d, err = ParseDecimal(strconv.FormatFloat(f, 'g', -1, bits)); err != nil {
			return dst, err
		}
	default:
		u, err := toBigInt(t, v)
		if err != nil {
			return dst, encErr(t, v, "want DecimalValue, string, float or integer")
		}
		d = DecimalValue{Unscaled: u}
	}
	dst = binary.BigEndian.AppendUint32(dst, uint32(d.Scale))
	u := d.Unscaled
	if u == nil {
		u = new(big.Int)
	}
	return appendVarint(dst, u), nil
}
