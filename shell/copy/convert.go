package copy

import (
	"fmt"
	"math"
	"math/big"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// fieldConv turns one CSV field into a value for a column of one type, or
// fails with the reason cqlsh gives.
type fieldConv func(s string) (any, error)

// copyConverter returns COPY FROM's conversion for type t: text as it is,
// numbers with the DECIMALSEP and THOUSANDSSEP options, booleans by
// BOOLSTYLE, timestamps by DATETIMEFORMAT, cqlsh's own forms or integer
// milliseconds, blobs as 0x..., and collections, tuples and user types in
// the CQL-like form COPY TO writes.
func copyConverter(t *cqltype.Type, o *copyOptions, timeFormat string, loc *time.Location) fieldConv {
	stripThousands := func(s string) string {
		if o.thousandsSep != "" {
			return strings.ReplaceAll(s, o.thousandsSep, "")
		}
		return s
	}
	decimal := func(s string) string {
		s = stripThousands(s)
		if o.decimalSep != "" && o.decimalSep != "." {
			s = strings.ReplaceAll(s, o.decimalSep, ".")
		}
		return s
	}
	switch t.Kind {
	case cqltype.Varchar, cqltype.Ascii:
		return func(s string) (any, error) { return s, nil }
	case cqltype.Tinyint, cqltype.Smallint, cqltype.Int, cqltype.Bigint, cqltype.Counter, cqltype.Varint:
		bits := map[cqltype.Kind]uint{cqltype.Tinyint: 8, cqltype.Smallint: 16, cqltype.Int: 32, cqltype.Bigint: 64, cqltype.Counter: 64}[t.Kind]
		return func(s string) (any, error) {
			v, err := pyfmt.BigInt(stripThousands(s))
			if err != nil {
				return nil, err
			}
			if bits == 0 {
				return v, nil
			}
			lim := new(big.Int).Lsh(big.NewInt(1), bits-1)
			if v.Cmp(new(big.Int).Neg(lim)) < 0 || v.Cmp(lim) >= 0 {
				return nil, fmt.Errorf("%s out of range for %s", v, t)
			}
			return v.Int64(), nil
		}
	case cqltype.Float, cqltype.Double:
		return func(s string) (any, error) {
			v, err := pyfmt.Float(decimal(s))
			if err != nil {
				return nil, err
			}
			if t.Kind == cqltype.Float {
				return float32(v), nil
			}
			return v, nil
		}
	case cqltype.Decimal:
		return func(s string) (any, error) {
			v, err := cqltype.ParseLiteral(t, strings.TrimSpace(decimal(s)))
			if err != nil || v == nil {
				return nil, fmt.Errorf("[<class 'decimal.ConversionSyntax'>]")
			}
			return v, nil
		}
	case cqltype.Boolean:
		yes := strings.ToLower(o.boolStyle[0])
		return func(s string) (any, error) { return strings.ToLower(s) == yes, nil }
	case cqltype.UUID, cqltype.Timeuuid:
		return func(s string) (any, error) {
			h := strings.TrimSpace(s)
			h = strings.TrimPrefix(strings.TrimPrefix(h, "urn:"), "uuid:")
			h = strings.NewReplacer("{", "", "}", "", "-", "").Replace(h)
			if len(h) != 32 {
				return nil, fmt.Errorf("badly formed hexadecimal UUID string")
			}
			var u cqltype.UUIDValue
			for i := range 16 {
				b, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
				if err != nil {
					return nil, fmt.Errorf("badly formed hexadecimal UUID string")
				}
				u[i] = byte(b)
			}
			return u, nil
		}
	case cqltype.Blob:
		return convertBlob
	case cqltype.Inet:
		return func(s string) (any, error) {
			ip := net.ParseIP(s)
			if ip == nil {
				return nil, fmt.Errorf("illegal IP address string passed to inet_pton")
			}
			if v4 := ip.To4(); v4 != nil && !strings.Contains(s, ":") {
				ip = v4
			}
			return ip, nil
		}
	case cqltype.Timestamp:
		if timeFormat == "" {
			timeFormat = "%Y-%m-%d %H:%M:%S.%f%z"
		}
		return func(s string) (any, error) { return convertTimestamp(s, timeFormat, loc) }
	case cqltype.List, cqltype.Set, cqltype.Map, cqltype.Tuple, cqltype.UDT, cqltype.Vector:
		return func(s string) (any, error) {
			v := strings.TrimSpace(s)
			if len(v) < 2 || !parensMatch(v[0], v[len(v)-1]) {
				return nil, fmt.Errorf("Invalid composite string, it should start and end with matching parentheses: %s", s)
			}
			return parseLiteralText(t, v)
		}
	}
	return func(s string) (any, error) { return parseLiteralText(t, s) }
}

func parensMatch(a, b byte) bool {
	return (a == '{' && b == '}') || (a == '[' && b == ']') || (a == '(' && b == ')')
}

// parseLiteralText parses s as a CQL literal of type t, trying it as a
// quoted string as well for types whose literals are quoted.
func parseLiteralText(t *cqltype.Type, s string) (any, error) {
	v, err := cqltype.ParseLiteral(t, s)
	if err != nil {
		if v2, err2 := cqltype.ParseLiteral(t, "'"+strings.ReplaceAll(s, "'", "''")+"'"); err2 == nil {
			return v2, nil
		}
		return nil, err
	}
	if v == nil {
		return nil, fmt.Errorf("null is not a value")
	}
	return v, nil
}

// convertBlob decodes 0x... as Python's bytes.fromhex(v[2:]) does: the
// first two characters are dropped and spaces between bytes are allowed.
func convertBlob(s string) (any, error) {
	if len(s) < 2 {
		return []byte{}, nil
	}
	h := s[2:]
	out := make([]byte, 0, len(h)/2)
	for i := 0; i < len(h); {
		if h[i] == ' ' {
			i++
			continue
		}
		hi, ok1 := unhex(h[i])
		if !ok1 {
			return nil, fmt.Errorf("non-hexadecimal number found in fromhex() arg at position %d", i)
		}
		if i+1 >= len(h) {
			return nil, fmt.Errorf("non-hexadecimal number found in fromhex() arg at position %d", i+1)
		}
		lo, ok2 := unhex(h[i+1])
		if !ok2 {
			return nil, fmt.Errorf("non-hexadecimal number found in fromhex() arg at position %d", i+1)
		}
		out = append(out, hi<<4|lo)
		i += 2
	}
	return out, nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// cqlshDatetime matches every date and time form cqlsh writes or CQL
// accepts: YYYY-MM-DD[( |'T')HH:MM[:SS[.ffffff]]][(+|-)HH[:]MM].
var cqlshDatetime = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})\s?(?:'T')?(?:(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?))?(?:([+\-])(\d{2}):?(\d{2}))?`)

// convertTimestamp reads a timestamp as cqlsh's COPY FROM does: by the
// strptime format, else by cqlsh's pattern (local time when no offset is
// given), else as integer milliseconds since the epoch.
func convertTimestamp(s, format string, loc *time.Location) (any, error) {
	if t, ok := strptime(s, format, loc); ok {
		return cqltype.TimestampValue(t.UnixMilli()), nil
	}
	m := cqlshDatetime.FindStringSubmatch(s)
	if m == nil {
		if n, err := pyfmt.BigInt(s); err == nil && n.IsInt64() {
			return cqltype.TimestampValue(n.Int64()), nil
		}
		return nil, fmt.Errorf("can't interpret %s as a date with format %s or as int", pyfmt.Repr(s), format)
	}
	num := func(i int) int {
		n, _ := strconv.Atoi(m[i])
		return n
	}
	ms := 0
	if m[7] != "" {
		ms = num(7) * int(math.Pow10(3-len(m[7])))
		if len(m[7]) > 3 {
			ms = num(7) / int(math.Pow10(len(m[7])-3))
		}
	}
	zone := loc
	if m[8] != "" {
		off := num(9)*3600 + num(10)*60
		if m[8] == "-" {
			off = -off
		}
		zone = time.FixedZone("", off)
	}
	t := time.Date(num(1), time.Month(num(2)), num(3), num(4), num(5), num(6), 0, zone)
	return cqltype.TimestampValue(t.Unix()*1000 + int64(ms)), nil
}

// strptime parses s with a strftime format the way Python's strptime does
// for the directives timestamps use (%Y %m %d %H %M %S %f %z %y %j %b %p
// %I %%); it reports false when s does not match.
func strptime(s, format string, loc *time.Location) (time.Time, bool) {
	year, month, day, hour, minute, sec, micro := 1900, 1, 1, 0, 0, 0, 0
	pm, twelve := -1, false
	zone := loc
	i := 0
	digits := func(maxN int) (int, bool) {
		j := i
		for j < len(s) && j-i < maxN && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return 0, false
		}
		n, _ := strconv.Atoi(s[i:j])
		i = j
		return n, true
	}
	for k := 0; k < len(format); k++ {
		c := format[k]
		if c != '%' || k+1 == len(format) {
			if c == ' ' {
				for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
					i++
				}
				continue
			}
			if i >= len(s) || s[i] != c {
				return time.Time{}, false
			}
			i++
			continue
		}
		k++
		var ok bool
		switch format[k] {
		case 'Y':
			year, ok = digits(4)
		case 'y':
			var y int
			if y, ok = digits(2); ok {
				year = 1900 + y
				if y < 69 {
					year = 2000 + y
				}
			}
		case 'm':
			month, ok = digits(2)
		case 'd':
			day, ok = digits(2)
		case 'H':
			hour, ok = digits(2)
		case 'I':
			hour, ok = digits(2)
			twelve = true
		case 'M':
			minute, ok = digits(2)
		case 'S':
			sec, ok = digits(2)
		case 'f':
			start := i
			var f int
			if f, ok = digits(6); ok {
				micro = f * int(math.Pow10(6-(i-start)))
			}
		case 'p':
			if i+2 <= len(s) {
				switch strings.ToUpper(s[i : i+2]) {
				case "AM":
					pm, ok = 0, true
				case "PM":
					pm, ok = 1, true
				}
				i += 2
			}
		case 'b', 'h':
			if i+3 <= len(s) {
				if n := strings.Index(strings.ToLower(shortMonthNames), strings.ToLower(s[i:i+3])); n >= 0 && n%3 == 0 {
					month, ok = n/3+1, true
					i += 3
				}
			}
		case 'z':
			zone, ok = parseZone(s, &i)
		case '%':
			ok = i < len(s) && s[i] == '%'
			i++
		default:
			return time.Time{}, false
		}
		if !ok {
			return time.Time{}, false
		}
	}
	if i != len(s) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 61 {
		return time.Time{}, false
	}
	if twelve {
		if hour < 1 || hour > 12 {
			return time.Time{}, false
		}
		hour %= 12
		if pm == 1 {
			hour += 12
		}
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, micro*1000, zone)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

const shortMonthNames = "JanFebMarAprMayJunJulAugSepOctNovDec"

// parseZone reads a %z offset: Z, ±HHMM[SS[.ffffff]] or ±HH:MM[:SS].
func parseZone(s string, i *int) (*time.Location, bool) {
	if *i < len(s) && s[*i] == 'Z' {
		*i++
		return time.UTC, true
	}
	if *i >= len(s) || (s[*i] != '+' && s[*i] != '-') {
		return nil, false
	}
	sign := 1
	if s[*i] == '-' {
		sign = -1
	}
	j := *i + 1
	var parts []int
	for len(parts) < 3 {
		if j+2 > len(s) || s[j] < '0' || s[j] > '9' || s[j+1] < '0' || s[j+1] > '9' {
			break
		}
		n, _ := strconv.Atoi(s[j : j+2])
		parts = append(parts, n)
		j += 2
		if j < len(s) && s[j] == ':' && len(parts) < 3 {
			j++
		}
	}
	if len(parts) < 2 {
		return nil, false
	}
	off := parts[0]*3600 + parts[1]*60
	if len(parts) == 3 {
		off += parts[2]
	}
	*i = j
	return time.FixedZone("", sign*off), true
}
