package cqltype

import (
	"encoding/hex"
	"math"
	"math/big"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// isScalar reports whether values of kind k are written without brackets.
func isScalar(k Kind) bool {
	switch k {
	case List, Set, Map, Tuple, UDT, Vector:
		return false
	}
	return true
}

// parseScalar converts the text of a scalar literal (a quoted string's
// content or a bare token) to the Go value Decode returns for t.
func parseScalar(t *Type, s string) (any, error) {
	bad := func(reason string) error {
		return &ParseError{What: t.String(), Input: s, Pos: -1, Reason: reason}
	}
	trimmed := strings.TrimSpace(s)
	switch t.Kind {
	case Ascii, Varchar:
		return s, nil
	case Blob, Custom:
		if len(trimmed) < 2 || trimmed[0] != '0' || (trimmed[1] != 'x' && trimmed[1] != 'X') {
			return nil, bad("want a 0x-prefixed hexadecimal blob")
		}
		b, err := hex.DecodeString(trimmed[2:])
		if err != nil {
			return nil, bad("bad hexadecimal")
		}
		return b, nil
	case Bigint, Counter, Int, Smallint, Tinyint:
		bits := 64
		switch t.Kind {
		case Int:
			bits = 32
		case Smallint:
			bits = 16
		case Tinyint:
			bits = 8
		}
		n, err := strconv.ParseInt(trimmed, 10, bits)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return nil, bad("out of range")
			}
			return nil, bad("not an integer")
		}
		switch t.Kind {
		case Int:
			return int32(n), nil
		case Smallint:
			return int16(n), nil
		case Tinyint:
			return int8(n), nil
		}
		return n, nil
	case Float, Double:
		bits := 64
		if t.Kind == Float {
			bits = 32
		}
		f, err := parseFloat(trimmed, bits)
		if err != nil {
			return nil, bad(err.Error())
		}
		if t.Kind == Float {
			return float32(f), nil
		}
		return f, nil
	case Boolean:
		switch strings.ToLower(trimmed) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, bad("want true or false")
	case UUID, Timeuuid:
		return ParseUUID(trimmed)
	case Inet:
		a, err := netip.ParseAddr(trimmed)
		if err != nil || a.Zone() != "" {
			return nil, bad("not an IPv4 or IPv6 address")
		}
		return net.IP(a.AsSlice()), nil
	case Timestamp:
		return ParseTimestamp(trimmed)
	case Date:
		return ParseDate(trimmed)
	case Time:
		return ParseTime(trimmed)
	case Duration:
		return ParseDuration(trimmed)
	case Varint:
		if !isInteger(trimmed) {
			return nil, bad("not an integer")
		}
		x, ok := new(big.Int).SetString(trimmed, 10)
		if !ok {
			return nil, bad("not an integer")
		}
		return x, nil
	case Decimal:
		return ParseDecimal(trimmed)
	}
	return nil, bad("not a scalar type")
}

// parseFloat accepts CQL's NaN and Infinity spellings as well as Go's.
func parseFloat(s string, bits int) (float64, error) {
	switch strings.ToLower(s) {
	case "nan", "+nan", "-nan":
		return math.NaN(), nil
	case "infinity", "+infinity":
		return math.Inf(1), nil
	case "-infinity":
		return math.Inf(-1), nil
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange && (math.IsInf(f, 0)) {
			return 0, errString("out of range")
		}
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, errString("not a number")
		}
	}
	return f, nil
}

type errString string

func (e errString) Error() string { return string(e) }
