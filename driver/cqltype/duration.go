package cqltype

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// DurationValue is a CQL duration. Months and days are kept apart from
// nanoseconds because their length varies; a valid duration has no
// component of the opposite sign to another.
type DurationValue struct {
	Months int32
	Days   int32
	Nanos  int64
}

const (
	nanosPerMicro  = int64(1e3)
	nanosPerMilli  = int64(1e6)
	nanosPerSecond = int64(1e9)
	nanosPerMinute = 60 * nanosPerSecond
	nanosPerHour   = 60 * nanosPerMinute
	daysPerWeek    = 7
	monthsPerYear  = 12
)

// String prints the duration as Cassandra and cqlsh do, e.g.
// 1y2mo3d4h5m6s7ms8us9ns or -1d. Like them it prints nothing at all for a
// zero duration.
func (d DurationValue) String() string {
	b := make([]byte, 0, 32)
	if d.Months < 0 || d.Days < 0 || d.Nanos < 0 {
		b = append(b, '-')
	}
	rem := appendUnit(&b, absU(int64(d.Months)), monthsPerYear, "y")
	appendUnit(&b, rem, 1, "mo")
	appendUnit(&b, absU(int64(d.Days)), 1, "d")
	if d.Nanos != 0 {
		rem = appendUnit(&b, absU(d.Nanos), uint64(nanosPerHour), "h")
		rem = appendUnit(&b, rem, uint64(nanosPerMinute), "m")
		rem = appendUnit(&b, rem, uint64(nanosPerSecond), "s")
		rem = appendUnit(&b, rem, uint64(nanosPerMilli), "ms")
		rem = appendUnit(&b, rem, uint64(nanosPerMicro), "us")
		appendUnit(&b, rem, 1, "ns")
	}
	return string(b)
}

func absU(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// appendUnit writes v/div followed by unit when that quotient is non-zero and
// returns the remainder.
func appendUnit(b *[]byte, v, div uint64, unit string) uint64 {
	if v == 0 || v < div {
		return v
	}
	*b = strconv.AppendUint(*b, v/div, 10)
	*b = append(*b, unit...)
	return v % div
}

// Valid reports whether the components do not mix signs.
func (d DurationValue) Valid() bool {
	pos := d.Months >= 0 && d.Days >= 0 && d.Nanos >= 0
	neg := d.Months <= 0 && d.Days <= 0 && d.Nanos <= 0
	return pos || neg
}

// durationBuilder accumulates units in the order Cassandra requires.
type durationBuilder struct {
	in       string
	neg      bool
	months   uint64
	days     uint64
	nanos    uint64
	lastUnit int
}

func (b *durationBuilder) fail(r string) error {
	return &ParseError{What: "duration", Input: b.in, Pos: -1, Reason: r}
}

// add applies n units; unit indexes follow the order y mo w d h m s ms us ns.
func (b *durationBuilder) add(n uint64, unit int) error {
	if unit == b.lastUnit {
		return b.fail("a unit is given more than once")
	}
	if unit < b.lastUnit {
		return b.fail("units must go from largest to smallest")
	}
	b.lastUnit = unit
	// Each component may reach the magnitude of its type's minimum when negative.
	limit := uint64(math.MaxInt64)
	if b.neg {
		limit++
	}
	addTo := func(acc *uint64, per, max uint64) error {
		if n > (max-*acc)/per {
			return b.fail("value out of range")
		}
		*acc += n * per
		return nil
	}
	maxInt32 := uint64(math.MaxInt32)
	if b.neg {
		maxInt32++
	}
	switch unit {
	case 1:
		return addTo(&b.months, monthsPerYear, maxInt32)
	case 2:
		return addTo(&b.months, 1, maxInt32)
	case 3:
		return addTo(&b.days, daysPerWeek, maxInt32)
	case 4:
		return addTo(&b.days, 1, maxInt32)
	case 5:
		return addTo(&b.nanos, uint64(nanosPerHour), limit)
	case 6:
		return addTo(&b.nanos, uint64(nanosPerMinute), limit)
	case 7:
		return addTo(&b.nanos, uint64(nanosPerSecond), limit)
	case 8:
		return addTo(&b.nanos, uint64(nanosPerMilli), limit)
	case 9:
		return addTo(&b.nanos, uint64(nanosPerMicro), limit)
	default:
		return addTo(&b.nanos, 1, limit)
	}
}

func (b *durationBuilder) build() DurationValue {
	d := DurationValue{Months: int32(b.months), Days: int32(b.days), Nanos: int64(b.nanos)}
	if b.neg {
		// Nanos of exactly 2^63 wrap to MinInt64 above and stay there here.
		d.Months, d.Days, d.Nanos = -d.Months, -d.Days, -d.Nanos
	}
	return d
}

// matchUnit recognises the unit symbol at the start of src and returns its
// index and length; longer symbols win so that "ms" and "mo" beat "m".
func matchUnit(src string) (unit, size int) {
	for _, sym := range [...]string{"mo", "ms", "us", "µs", "ns"} {
		if len(src) >= len(sym) && strings.EqualFold(src[:len(sym)], sym) {
			switch sym {
			case "mo":
				return 2, 2
			case "ms":
				return 8, 2
			case "ns":
				return 10, 2
			default:
				return 9, len(sym)
			}
		}
	}
	if src == "" {
		return 0, 0
	}
	switch src[0] | 0x20 {
	case 'y':
		return 1, 1
	case 'w':
		return 3, 1
	case 'd':
		return 4, 1
	case 'h':
		return 5, 1
	case 'm':
		return 6, 1
	case 's':
		return 7, 1
	}
	return 0, 0
}

// ParseDuration parses a CQL duration literal: units such as 1h30m or
// 2y3mo4d (y mo w d h m s ms us|µs ns, any case), ISO 8601 P1Y2M3DT4H5M6S,
// P2W, or P0001-02-03T04:05:06, each with an optional leading '-'.
func ParseDuration(s string) (DurationValue, error) {
	b := &durationBuilder{in: s}
	src := strings.TrimSpace(s)
	if strings.HasPrefix(src, "-") {
		b.neg = true
		src = src[1:]
	}
	if src == "" {
		return DurationValue{}, b.fail("empty")
	}
	if src[0] == 'P' || src[0] == 'p' {
		if err := b.iso(src[1:]); err != nil {
			return DurationValue{}, err
		}
		return b.build(), nil
	}
	for src != "" {
		i := 0
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		if i == 0 {
			return DurationValue{}, b.fail("want a number")
		}
		n, err := strconv.ParseUint(src[:i], 10, 64)
		if err != nil {
			return DurationValue{}, b.fail("number out of range")
		}
		src = src[i:]
		unit, size := matchUnit(src)
		if unit == 0 {
			return DurationValue{}, b.fail("unknown unit")
		}
		src = src[size:]
		if err := b.add(n, unit); err != nil {
			return DurationValue{}, err
		}
	}
	return b.build(), nil
}

// iso parses what follows the P of an ISO 8601 duration.
func (b *durationBuilder) iso(src string) error {
	if strings.HasSuffix(src, "W") || strings.HasSuffix(src, "w") {
		n, err := strconv.ParseUint(src[:len(src)-1], 10, 64)
		if err != nil || !allDigits(src[:len(src)-1]) {
			return b.fail("want PnW")
		}
		return b.add(n, 3)
	}
	if strings.Contains(src, "-") {
		// Alternative format: YYYY-MM-DDThh:mm:ss.
		if len(src) != 19 || src[4] != '-' || src[7] != '-' || (src[10] != 'T' && src[10] != 't') || src[13] != ':' || src[16] != ':' {
			return b.fail("want PYYYY-MM-DDThh:mm:ss")
		}
		units := [...]struct{ from, unit int }{{0, 1}, {5, 2}, {8, 4}, {11, 5}, {14, 6}, {17, 7}}
		for _, u := range units {
			w := 2
			if u.from == 0 {
				w = 4
			}
			part := src[u.from : u.from+w]
			if !allDigits(part) {
				return b.fail("want digits")
			}
			n, _ := strconv.ParseUint(part, 10, 64)
			if err := b.add(n, u.unit); err != nil {
				return err
			}
		}
		return nil
	}
	inTime := false
	for src != "" {
		if src[0] == 'T' || src[0] == 't' {
			if inTime {
				return b.fail("second T")
			}
			inTime = true
			src = src[1:]
			if src == "" {
				return b.fail("nothing after T")
			}
			continue
		}
		i := 0
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		if i == 0 || i == len(src) {
			return b.fail("want a number and a designator")
		}
		n, err := strconv.ParseUint(src[:i], 10, 64)
		if err != nil {
			return b.fail("number out of range")
		}
		var unit int
		switch c := src[i] | 0x20; {
		case !inTime && c == 'y':
			unit = 1
		case !inTime && c == 'm':
			unit = 2
		case !inTime && c == 'd':
			unit = 4
		case inTime && c == 'h':
			unit = 5
		case inTime && c == 'm':
			unit = 6
		case inTime && c == 's':
			unit = 7
		default:
			return b.fail("unexpected designator")
		}
		if err := b.add(n, unit); err != nil {
			return err
		}
		src = src[i+1:]
	}
	return nil
}

// durationFromGo converts a time.Duration to a duration of nanoseconds only.
func durationFromGo(d time.Duration) DurationValue { return DurationValue{Nanos: int64(d)} }
