package cqltype

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// TimestampValue is a CQL timestamp: milliseconds since the Unix epoch. It keeps
// the raw wire value so that every int64 prints, whatever its year.
type TimestampValue int64

// Time returns the instant in UTC.
func (t TimestampValue) Time() time.Time { return time.UnixMilli(int64(t)).UTC() }

// String returns an ISO 8601 form, 2012-05-14T12:53:20.123Z, with the year
// widened or signed when it falls outside 0000..9999.
func (t TimestampValue) String() string {
	ms := int64(t)
	days := floorDiv(ms, 86400000)
	rem := ms - days*86400000
	y, m, d := civilFromDays(days)
	b := make([]byte, 0, 32)
	b = appendYear(b, y)
	b = append(b, '-')
	b = appendPadded(b, m, 2)
	b = append(b, '-')
	b = appendPadded(b, d, 2)
	b = append(b, 'T')
	b = appendPadded(b, rem/3600000, 2)
	b = append(b, ':')
	b = appendPadded(b, rem/60000%60, 2)
	b = append(b, ':')
	b = appendPadded(b, rem/1000%60, 2)
	b = append(b, '.')
	b = appendPadded(b, rem%1000, 3)
	b = append(b, 'Z')
	return string(b)
}

// dateEpoch is the raw DateValue of 1970-01-01: dates are unsigned day
// counts centred on 2^31.
const dateEpoch = 1 << 31

// DateValue is a CQL date in its raw wire form: days with 2^31 at 1970-01-01.
type DateValue uint32

// DateFromDays returns the date days after (or before, if negative) the epoch,
// or false if that day lies outside the range a CQL date can hold.
func DateFromDays(days int64) (DateValue, bool) {
	raw := days + dateEpoch
	if raw < 0 || raw > math.MaxUint32 {
		return 0, false
	}
	return DateValue(raw), true
}

// Days returns the number of days since 1970-01-01 (negative before it).
func (d DateValue) Days() int64 { return int64(d) - dateEpoch }

// Time returns midnight UTC of the day.
func (d DateValue) Time() time.Time { return time.Unix(d.Days()*86400, 0).UTC() }

// String returns YYYY-MM-DD, with the year widened or signed when it falls
// outside 0000..9999.
func (d DateValue) String() string {
	y, m, day := civilFromDays(d.Days())
	b := make([]byte, 0, 16)
	b = appendYear(b, y)
	b = append(b, '-')
	b = appendPadded(b, m, 2)
	b = append(b, '-')
	b = appendPadded(b, day, 2)
	return string(b)
}

// MaxTime is the largest valid CQL time: one nanosecond before midnight.
const MaxTime TimeValue = 86399999999999

// TimeValue is a CQL time: nanoseconds since midnight, 0..MaxTime.
type TimeValue int64

// Duration returns the time of day as a time.Duration.
func (t TimeValue) Duration() time.Duration { return time.Duration(t) }

// String returns HH:MM:SS.fffffffff; an out-of-range value prints as its raw
// nanosecond count.
func (t TimeValue) String() string {
	if t < 0 || t > MaxTime {
		return strconv.FormatInt(int64(t), 10)
	}
	n := int64(t)
	b := make([]byte, 0, 18)
	b = appendPadded(b, n/3600e9, 2)
	b = append(b, ':')
	b = appendPadded(b, n/60e9%60, 2)
	b = append(b, ':')
	b = appendPadded(b, n/1e9%60, 2)
	b = append(b, '.')
	b = appendPadded(b, n%1e9, 9)
	return string(b)
}

// isInteger reports whether s is an optionally signed run of decimal digits.
func isInteger(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// scanner walks a short value string for the date and time parsers.
type scanner struct {
	s   string
	pos int
}

func (c *scanner) eof() bool { return c.pos >= len(c.s) }

func (c *scanner) peek() byte {
	if c.eof() {
		return 0
	}
	return c.s[c.pos]
}

func (c *scanner) accept(b byte) bool {
	if c.peek() == b && !c.eof() {
		c.pos++
		return true
	}
	return false
}

// digits reads between min and max decimal digits.
func (c *scanner) digits(min, max int) (int64, int, bool) {
	start := c.pos
	var v int64
	for !c.eof() && c.pos-start < max && c.s[c.pos] >= '0' && c.s[c.pos] <= '9' {
		v = v*10 + int64(c.s[c.pos]-'0')
		c.pos++
	}
	n := c.pos - start
	return v, n, n >= min
}

// end reports text left over after a complete value.
func (c *scanner) end(what string) error {
	if !c.eof() {
		return &ParseError{What: what, Input: c.s, Pos: c.pos, Reason: "unexpected text"}
	}
	return nil
}

func (c *scanner) skipSpace() {
	for !c.eof() && (c.s[c.pos] == ' ' || c.s[c.pos] == '\t') {
		c.pos++
	}
}

// maxYearDigits bounds the year so day arithmetic cannot overflow.
const maxYearDigits = 9

// civilDate reads [+-]Y-M-D and returns its day number.
func (c *scanner) civilDate(what string) (int64, error) {
	neg := false
	if c.accept('-') {
		neg = true
	} else {
		c.accept('+')
	}
	y, _, ok := c.digits(1, maxYearDigits)
	if !ok || !c.accept('-') {
		return 0, &ParseError{What: what, Input: c.s, Pos: c.pos, Reason: "want year-month-day"}
	}
	if neg {
		y = -y
	}
	m, _, ok := c.digits(1, 2)
	if !ok || !c.accept('-') || m < 1 || m > 12 {
		return 0, &ParseError{What: what, Input: c.s, Pos: c.pos, Reason: "bad month"}
	}
	d, _, ok := c.digits(1, 2)
	if !ok || d < 1 || d > daysInMonth(y, m) {
		return 0, &ParseError{What: what, Input: c.s, Pos: c.pos, Reason: "bad day of month"}
	}
	return daysFromCivil(y, m, d), nil
}

// clock reads HH:MM[:SS[.fffffffff]] and returns nanoseconds of day. With
// needSeconds the seconds are mandatory.
func (c *scanner) clock(what string, needSeconds bool) (int64, error) {
	bad := func(r string) error { return &ParseError{What: what, Input: c.s, Pos: c.pos, Reason: r} }
	h, _, ok := c.digits(1, 2)
	if !ok || h > 23 {
		return 0, bad("bad hour")
	}
	if !c.accept(':') {
		return 0, bad("want ':'")
	}
	mi, _, ok := c.digits(2, 2)
	if !ok || mi > 59 {
		return 0, bad("bad minute")
	}
	var sec, frac int64
	if c.accept(':') {
		sec, _, ok = c.digits(2, 2)
		if !ok || sec > 59 {
			return 0, bad("bad second")
		}
		if c.accept('.') {
			f, n, ok := c.digits(1, 9)
			if !ok {
				return 0, bad("want fraction digits")
			}
			for ; n < 9; n++ {
				f *= 10
			}
			frac = f
		}
	} else if needSeconds {
		return 0, bad("want ':' and seconds")
	}
	return ((h*60+mi)*60+sec)*1e9 + frac, nil
}

// zone reads an optional zone designator and returns its offset in seconds.
func (c *scanner) zone(what string) (int64, error) {
	c.skipSpace()
	if c.eof() {
		return 0, nil
	}
	rest := c.s[c.pos:]
	switch {
	case rest == "Z" || rest == "z" || strings.EqualFold(rest, "UTC") || strings.EqualFold(rest, "GMT"):
		c.pos = len(c.s)
		return 0, nil
	}
	sign := int64(1)
	switch {
	case c.accept('+'):
	case c.accept('-'):
		sign = -1
	default:
		return 0, &ParseError{What: what, Input: c.s, Pos: c.pos, Reason: "bad time zone"}
	}
	h, _, ok := c.digits(2, 2)
	if !ok || h > 23 {
		return 0, &ParseError{What: what, Input: c.s, Pos: c.pos, Reason: "bad zone hour"}
	}
	var m int64
	c.accept(':')
	if !c.eof() {
		m, _, ok = c.digits(2, 2)
		if !ok || m > 59 {
			return 0, &ParseError{What: what, Input: c.s, Pos: c.pos, Reason: "bad zone minute"}
		}
	}
	return sign * (h*3600 + m*60), nil
}

// ParseTimestamp parses a CQL timestamp literal: an integer count of
// milliseconds, or a date with optional time and zone such as
// 2012-05-14, 2012-05-14 12:53:20+0000 or 2012-05-14T12:53:20.123Z.
// A missing zone means UTC; digits past milliseconds are truncated.
func ParseTimestamp(s string) (TimestampValue, error) {
	s = strings.TrimSpace(s)
	if isInteger(s) {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, &ParseError{What: "timestamp", Input: s, Pos: -1, Reason: "out of range"}
		}
		return TimestampValue(v), nil
	}
	c := &scanner{s: s}
	days, err := c.civilDate("timestamp")
	if err != nil {
		return 0, err
	}
	var nanos int64
	if c.peek() == 'T' || c.peek() == 't' || c.peek() == ' ' {
		save := c.pos
		c.pos++
		c.skipSpace()
		if !c.eof() && c.peek() >= '0' && c.peek() <= '9' {
			if nanos, err = c.clock("timestamp", false); err != nil {
				return 0, err
			}
		} else {
			c.pos = save
		}
	}
	off, err := c.zone("timestamp")
	if err != nil {
		return 0, err
	}
	if err := c.end("timestamp"); err != nil {
		return 0, err
	}
	ms := new(big.Int).SetInt64(days)
	ms.Mul(ms, big.NewInt(86400))
	ms.Add(ms, big.NewInt(nanos/1e9-off))
	ms.Mul(ms, big.NewInt(1000))
	ms.Add(ms, big.NewInt(nanos%1e9/1e6))
	if !ms.IsInt64() {
		return 0, &ParseError{What: "timestamp", Input: s, Pos: -1, Reason: "out of range"}
	}
	return TimestampValue(ms.Int64()), nil
}

// ParseDate parses a CQL date literal: YYYY-MM-DD, or the raw unsigned day
// number (2^31 = 1970-01-01) as Cassandra also accepts.
func ParseDate(s string) (DateValue, error) {
	s = strings.TrimSpace(s)
	if isInteger(s) {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 0 || v > math.MaxUint32 {
			return 0, &ParseError{What: "date", Input: s, Pos: -1, Reason: "raw day number out of range 0..4294967295"}
		}
		return DateValue(v), nil
	}
	c := &scanner{s: s}
	days, err := c.civilDate("date")
	if err != nil {
		return 0, err
	}
	if err := c.end("date"); err != nil {
		return 0, err
	}
	d, ok := DateFromDays(days)
	if !ok {
		return 0, &ParseError{What: "date", Input: s, Pos: -1, Reason: "out of range"}
	}
	return d, nil
}

// ParseTime parses a CQL time literal: HH:MM:SS[.fffffffff], or a raw
// nanosecond count.
func ParseTime(s string) (TimeValue, error) {
	s = strings.TrimSpace(s)
	if isInteger(s) {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 0 || v > int64(MaxTime) {
			return 0, &ParseError{What: "time", Input: s, Pos: -1, Reason: "nanoseconds out of range 0..86399999999999"}
		}
		return TimeValue(v), nil
	}
	c := &scanner{s: s}
	n, err := c.clock("time", true)
	if err != nil {
		return 0, err
	}
	if err := c.end("time"); err != nil {
		return 0, err
	}
	return TimeValue(n), nil
}
