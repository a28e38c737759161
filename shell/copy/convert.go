package copy

import (
	"encoding/hex"
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
		return integerConverter(t, stripThousands)
	case cqltype.Float, cqltype.Double:
		return func(s string) (any, error) {
			v, err := pyfmt.Float(decimal(s))
			if err != nil {
				return nil, err
			}
			return floatValue(t, v), nil
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
		return convertUUID
	case cqltype.Blob:
		return convertBlob
	case cqltype.Inet:
		return convertInet
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

// floatValue is v as the value of a float or double column, a NaN as
// Java's canonical NaN (the node's own), so that a NaN read back is the
// NaN written.
func floatValue(t *cqltype.Type, v float64) any {
	if t.Kind == cqltype.Float {
		if math.IsNaN(v) {
			return math.Float32frombits(0x7fc00000)
		}
		return float32(v)
	}
	if math.IsNaN(v) {
		return math.Float64frombits(0x7ff8000000000000)
	}
	return v
}

// integerConverter reads an integer of type t as Python's int() does,
// thousands separators removed, and checks its range.
func integerConverter(t *cqltype.Type, stripThousands func(string) string) fieldConv {
	bits := map[cqltype.Kind]uint{cqltype.Tinyint: 8, cqltype.Smallint: 16, cqltype.Int: 32, cqltype.Bigint: 64, cqltype.Counter: 64}[t.Kind]
	return func(s string) (any, error) {
		s = stripThousands(s)
		if bits != 0 {
			// The common case, plain decimal digits in range, without a
			// big.Int; anything else (spaces, '_', other digits, errors)
			// takes Python's rules below.
			if n, err := strconv.ParseInt(s, 10, int(bits)); err == nil {
				return n, nil
			}
		}
		v, err := pyfmt.BigInt(s)
		if err != nil {
			return nil, err
		}
		if bits == 0 { // varint
			return v, nil
		}
		lim := new(big.Int).Lsh(big.NewInt(1), bits-1)
		if v.Cmp(new(big.Int).Neg(lim)) < 0 || v.Cmp(lim) >= 0 {
			return nil, fmt.Errorf("%s out of range for %s", v, t)
		}
		return v.Int64(), nil
	}
}

// convertUUID reads a UUID as Python's uuid.UUID() does: hyphens, braces
// and a urn:uuid: prefix allowed.
func convertUUID(s string) (any, error) {
	h := strings.TrimSpace(s)
	h = strings.TrimPrefix(strings.TrimPrefix(h, "urn:"), "uuid:")
	h = strings.NewReplacer("{", "", "}", "", "-", "").Replace(h)
	var u cqltype.UUIDValue
	if len(h) != 32 {
		return nil, fmt.Errorf("badly formed hexadecimal UUID string")
	}
	if _, err := hex.Decode(u[:], []byte(h)); err != nil {
		return nil, fmt.Errorf("badly formed hexadecimal UUID string")
	}
	return u, nil
}

// convertInet reads an IPv4 or IPv6 address.
func convertInet(s string) (any, error) {
	ip := net.ParseIP(s)
	if ip == nil {
		return nil, fmt.Errorf("illegal IP address string passed to inet_pton")
	}
	if v4 := ip.To4(); v4 != nil && !strings.Contains(s, ":") {
		ip = v4
	}
	return ip, nil
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
		switch {
		case !isHexDigit(h[i]):
			return nil, fmt.Errorf("non-hexadecimal number found in fromhex() arg at position %d", i)
		case i+1 >= len(h) || !isHexDigit(h[i+1]):
			return nil, fmt.Errorf("non-hexadecimal number found in fromhex() arg at position %d", i+1)
		}
		b, _ := hex.DecodeString(h[i : i+2])
		out = append(out, b...)
		i += 2
	}
	return out, nil
}

func isHexDigit(c byte) bool { return strings.IndexByte("0123456789abcdefABCDEF", c) >= 0 }

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
	p := &strptimeParse{s: s, year: 1900, month: 1, day: 1, pm: -1, zone: loc}
	for k := 0; k < len(format); k++ {
		c := format[k]
		switch {
		case c == '%' && k+1 < len(format):
			k++
			if !p.directive(format[k]) {
				return time.Time{}, false
			}
		case c == ' ':
			for p.i < len(s) && (s[p.i] == ' ' || s[p.i] == '\t') {
				p.i++
			}
		case p.i >= len(s) || s[p.i] != c:
			return time.Time{}, false
		default:
			p.i++
		}
	}
	return p.time()
}

// strptimeParse is strptime's progress through its input: the position
// and the fields read so far.
type strptimeParse struct {
	s                                          string
	i                                          int
	year, month, day, hour, minute, sec, micro int
	pm                                         int // -1 none, 0 AM, 1 PM
	twelve                                     bool
	zone                                       *time.Location
}

// digits reads at most maxN digits.
func (p *strptimeParse) digits(maxN int) (int, bool) {
	j := p.i
	for j < len(p.s) && j-p.i < maxN && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
	}
	if j == p.i {
		return 0, false
	}
	n, _ := strconv.Atoi(p.s[p.i:j])
	p.i = j
	return n, true
}

// directive reads what %c stands for.
func (p *strptimeParse) directive(c byte) (ok bool) {
	switch c {
	case 'Y':
		p.year, ok = p.digits(4)
	case 'y':
		var y int
		if y, ok = p.digits(2); ok {
			p.year = 1900 + y
			if y < 69 {
				p.year = 2000 + y
			}
		}
	case 'm':
		p.month, ok = p.digits(2)
	case 'd':
		p.day, ok = p.digits(2)
	case 'H':
		p.hour, ok = p.digits(2)
	case 'I':
		p.hour, ok = p.digits(2)
		p.twelve = true
	case 'M':
		p.minute, ok = p.digits(2)
	case 'S':
		p.sec, ok = p.digits(2)
	case 'f':
		start := p.i
		var f int
		if f, ok = p.digits(6); ok {
			p.micro = f * int(math.Pow10(6-(p.i-start)))
		}
	case 'p':
		if p.i+2 <= len(p.s) {
			switch strings.ToUpper(p.s[p.i : p.i+2]) {
			case "AM":
				p.pm, ok = 0, true
			case "PM":
				p.pm, ok = 1, true
			}
			p.i += 2
		}
	case 'b', 'h':
		if p.i+3 <= len(p.s) {
			if n := strings.Index(strings.ToLower(shortMonthNames), strings.ToLower(p.s[p.i:p.i+3])); n >= 0 && n%3 == 0 {
				p.month, ok = n/3+1, true
				p.i += 3
			}
		}
	case 'z':
		p.zone, ok = parseZone(p.s, &p.i)
	case '%':
		ok = p.i < len(p.s) && p.s[p.i] == '%'
		p.i++
	}
	return ok
}

// time is the time read, once the whole input was and its fields are in
// range.
func (p *strptimeParse) time() (time.Time, bool) {
	if p.i != len(p.s) || p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 || p.hour > 23 || p.minute > 59 || p.sec > 61 {
		return time.Time{}, false
	}
	hour := p.hour
	if p.twelve {
		if hour < 1 || hour > 12 {
			return time.Time{}, false
		}
		hour %= 12
		if p.pm == 1 {
			hour += 12
		}
	}
	t := time.Date(p.year, time.Month(p.month), p.day, hour, p.minute, p.sec, p.micro*1000, p.zone)
	if t.Day() != p.day {
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
