package cqltype

import (
	"bytes"
	"math"
	"math/big"
	"testing"
)

func TestDecimalString(t *testing.T) {
	// Expected strings are what Python's decimal.Decimal (used by cqlsh)
	// prints for Decimal((sign, digits, -scale)).
	cases := []struct {
		unscaled string
		scale    int32
		want     string
	}{
		{"0", 0, "0"},
		{"0", 1, "0.0"},
		{"0", -3, "0E+3"},
		{"0", 7, "0E-7"},
		{"1", 14, "1E-14"},
		{"100000000000000", 13, "10.0000000000000"},
		{"1995211882", 5, "19952.11882"},
		{"-15", 1, "-1.5"},
		{"1", -3, "1E+3"},
		{"15", -3, "1.5E+4"},
		{"123", 0, "123"},
		{"-123", 0, "-123"},
		{"123", 2, "1.23"},
		{"123", 5, "0.00123"},
		{"123", 8, "0.00000123"},
		{"123", 9, "1.23E-7"},
		{"1", 6, "0.000001"},
		{"1", 7, "1E-7"},
		{"10", 7, "0.0000010"},
		{"-1", 2147483647, "-1E-2147483647"},
		{"12", -2147483648, "1.2E+2147483649"},
	}
	for _, tc := range cases {
		d := DecimalValue{Unscaled: bigFromString(tc.unscaled), Scale: tc.scale}
		if got := d.String(); got != tc.want {
			t.Errorf("DecimalValue{%s, %d}.String() = %q, want %q", tc.unscaled, tc.scale, got, tc.want)
		}
		// The printed form parses back to the same unscaled value and scale.
		back, err := ParseDecimal(tc.want)
		if err != nil || !equalValues(back, d) {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %s scale %d", tc.want, back, err, tc.unscaled, tc.scale)
		}
	}
	if got := (DecimalValue{}).String(); got != "0" {
		t.Errorf("zero DecimalValue prints %q", got)
	}
}

func TestParseDecimal(t *testing.T) {
	cases := []struct {
		in       string
		unscaled int64
		scale    int32
	}{
		{"1.50", 150, 2},
		{"-1.5E-10", -15, 11},
		{"+.5", 5, 1},
		{"5.", 5, 0},
		{"1e3", 1, -3},
		{"1E+3", 1, -3},
		{" 42 ", 42, 0},
	}
	for _, tc := range cases {
		d, err := ParseDecimal(tc.in)
		if err != nil || d.Unscaled.Int64() != tc.unscaled || d.Scale != tc.scale {
			t.Errorf("ParseDecimal(%q) = %v/%d, %v", tc.in, d.Unscaled, d.Scale, err)
		}
	}
	for _, bad := range []string{"", ".", "e5", "1e", "1.2.3", "--1", "1e99999999999", "0x10", "1_000", "1e2147483649"} {
		if _, err := ParseDecimal(bad); err == nil {
			t.Errorf("ParseDecimal(%q) did not fail", bad)
		}
	}
}

func TestDurationString(t *testing.T) {
	cases := []struct {
		d    DurationValue
		want string
	}{
		{DurationValue{14, 3, 4*nanosPerHour + 5*nanosPerMinute + 6*nanosPerSecond + 7*nanosPerMilli + 8*nanosPerMicro + 9}, "1y2mo3d4h5m6s7ms8us9ns"},
		{DurationValue{0, -1, 0}, "-1d"},
		{DurationValue{12, 0, 0}, "1y"},
		{DurationValue{0, 0, 90 * nanosPerMinute}, "1h30m"},
		{DurationValue{0, 0, 1}, "1ns"},
		{DurationValue{0, 14, 0}, "14d"},
		{DurationValue{-1, 0, -nanosPerSecond}, "-1mo1s"},
		{DurationValue{math.MinInt32, 0, math.MinInt64}, "-178956970y8mo2562047h47m16s854ms775us808ns"},
		// Cassandra and cqlsh print nothing for a zero duration.
		{DurationValue{}, ""},
	}
	for _, tc := range cases {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.d, got, tc.want)
		}
		if tc.want == "" {
			continue
		}
		back, err := ParseDuration(tc.want)
		if err != nil || back != tc.d {
			t.Errorf("ParseDuration(%q) = %#v, %v; want %#v", tc.want, back, err, tc.d)
		}
	}
}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want DurationValue
	}{
		{"1h30m", DurationValue{0, 0, 90 * nanosPerMinute}},
		{"1H30M", DurationValue{0, 0, 90 * nanosPerMinute}},
		{"2w", DurationValue{0, 14, 0}},
		{"1mo", DurationValue{1, 0, 0}},
		{"1m1ms", DurationValue{0, 0, nanosPerMinute + nanosPerMilli}},
		{"3µs", DurationValue{0, 0, 3000}},
		{"3us", DurationValue{0, 0, 3000}},
		{"-2d10h", DurationValue{0, -2, -10 * nanosPerHour}},
		{"P1Y2M", DurationValue{14, 0, 0}},
		{"P1Y2M3DT4H5M6S", DurationValue{14, 3, 4*nanosPerHour + 5*nanosPerMinute + 6*nanosPerSecond}},
		{"PT1M", DurationValue{0, 0, nanosPerMinute}},
		{"P3W", DurationValue{0, 21, 0}},
		{"-P0001-02-03T04:05:06", DurationValue{-14, -3, -(4*nanosPerHour + 5*nanosPerMinute + 6*nanosPerSecond)}},
		{"P", DurationValue{}},
		{"0s", DurationValue{}},
		{"9223372036854775807ns", DurationValue{0, 0, math.MaxInt64}},
		{"-9223372036854775808ns", DurationValue{0, 0, math.MinInt64}},
		{"178956970y7mo", DurationValue{math.MaxInt32, 0, 0}},
	}
	for _, tc := range cases {
		got, err := ParseDuration(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDuration(%q) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
	bad := []string{"", "-", "h", "1", "1x", "1h1h", "1m1h", "1d1w", "9223372036854775808ns",
		"178956971y", "2147483648d", "P1H", "PT1D", "P1Y1Y", "PT", "P1W2D", "P0001-02-03", "1h 30m"}
	for _, in := range bad {
		if d, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %#v, want error", in, d)
		}
	}
}

func TestTemporalStrings(t *testing.T) {
	cases := []struct {
		v    interface{ String() string }
		want string
	}{
		{TimestampValue(0), "1970-01-01T00:00:00.000Z"},
		{TimestampValue(1337000000123), "2012-05-14T12:53:20.123Z"},
		{TimestampValue(-1), "1969-12-31T23:59:59.999Z"},
		{TimestampValue(253402300800000), "10000-01-01T00:00:00.000Z"},
		{TimestampValue(-62198755200000), "-0001-01-01T00:00:00.000Z"},
		{TimestampValue(math.MaxInt64), "292278994-08-17T07:12:55.807Z"},
		{TimestampValue(math.MinInt64), "-292275055-05-16T16:47:04.192Z"},
		{DateValue(dateEpoch), "1970-01-01"},
		{DateValue(0), "-5877641-06-23"},
		{DateValue(math.MaxUint32), "5881580-07-11"},
		{TimeValue(0), "00:00:00.000000000"},
		{MaxTime, "23:59:59.999999999"},
		{TimeValue(45296789000000), "12:34:56.789000000"},
		{TimeValue(-5), "-5"},
		{UUIDValue{0x55, 0x0e, 0x84, 0, 0xe2, 0x9b, 0x41, 0xd4, 0xa7, 0x16, 0x44, 0x66, 0x55, 0x44, 0, 0}, "550e8400-e29b-41d4-a716-446655440000"},
		{Empty{}, ""},
	}
	for _, tc := range cases {
		if got := tc.v.String(); got != tc.want {
			t.Errorf("%T(%v).String() = %q, want %q", tc.v, tc.v, got, tc.want)
		}
	}
	// Printed timestamps and dates parse back to the same value.
	for _, ts := range []TimestampValue{0, 1337000000123, -1, math.MaxInt64, math.MinInt64, 253402300800000} {
		back, err := ParseTimestamp(ts.String())
		if err != nil || back != ts {
			t.Errorf("ParseTimestamp(%q) = %d, %v; want %d", ts.String(), back, err, ts)
		}
	}
	for _, d := range []DateValue{0, 1, dateEpoch, math.MaxUint32} {
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Errorf("ParseDate(%q) = %d, %v; want %d", d.String(), back, err, d)
		}
	}
	if d := DateValue(dateEpoch - 1); d.Days() != -1 || d.Time().Format("2006-01-02") != "1969-12-31" {
		t.Errorf("DateValue.Days/Time wrong: %d %v", d.Days(), d.Time())
	}
}

func TestParseTimestamp(t *testing.T) {
	const base = 1337000000000 // 2012-05-14T12:53:20Z
	cases := []struct {
		in   string
		want int64
	}{
		{"2012-05-14 12:53:20+0000", base},
		{"2012-05-14T12:53:20.123Z", base + 123},
		{"2012-05-14T12:53:20.1Z", base + 100},
		{"2012-05-14 12:53:20.123456789", base + 123},
		{"2012-05-14 12:53:20 +0000", base},
		{"2012-05-14 14:53:20+02:00", base},
		{"2012-05-14 14:53:20+02", base},
		{"2012-05-14 07:53:20-0500", base},
		{"2012-05-14 12:53", base - 20000},
		{"2012-05-14", base - (12*3600+53*60+20)*1000},
		{"2012-05-14Z", base - (12*3600+53*60+20)*1000},
		{"2012-05-14 UTC", base - (12*3600+53*60+20)*1000},
		{"1337000000000", base},
		{"-5", -5},
		{"0001-01-01T00:00:00Z", -62135596800000},
		{"1969-12-31 23:59:59.5Z", -500},
	}
	for _, tc := range cases {
		got, err := ParseTimestamp(tc.in)
		if err != nil || int64(got) != tc.want {
			t.Errorf("ParseTimestamp(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	bad := []string{"", "2012-05", "2012-00-01", "2012-05-32", "2011-02-29", "2012-05-14 25:00:00",
		"2012-05-14 12:60", "2012-05-14 12:53:20+2400", "2012-05-14 12:53:20 PST", "2012-05-14x",
		"9999999999999999999", "999999999-01-01", "2012-05-14 12:53:20."}
	for _, in := range bad {
		if got, err := ParseTimestamp(in); err == nil {
			t.Errorf("ParseTimestamp(%q) = %d, want error", in, got)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	dates := map[string]DateValue{
		"1970-01-01": dateEpoch, "2000-02-29": dateEpoch + 11016, "1969-12-31": dateEpoch - 1,
		"0": 0, "4294967295": math.MaxUint32, "-5877641-06-23": 0,
	}
	for in, want := range dates {
		if got, err := ParseDate(in); err != nil || got != want {
			t.Errorf("ParseDate(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "4294967296", "2001-02-29", "5881580-07-12", "1970-1-1x"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %d, want error", in, got)
		}
	}
	times := map[string]TimeValue{
		"00:00:00": 0, "23:59:59.999999999": MaxTime, "12:34:56.5": 45296500000000, "86399999999999": MaxTime, "7": 7,
	}
	for in, want := range times {
		if got, err := ParseTime(in); err != nil || got != want {
			t.Errorf("ParseTime(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "12:34", "24:00:00", "12:60:00", "12:00:60", "86400000000000", "-1", "12:00:00.", "12:00:00.1234567890"} {
		if got, err := ParseTime(in); err == nil {
			t.Errorf("ParseTime(%q) = %d, want error", in, got)
		}
	}
}

func TestVint(t *testing.T) {
	// The example from the protocol specification: 256000 on three bytes.
	if got := appendUvint(nil, 256000); !bytes.Equal(got, []byte{0xc3, 0xe8, 0x00}) {
		t.Errorf("uvint(256000) = %x", got)
	}
	if got := appendUvint(nil, math.MaxUint64); !bytes.Equal(got, bytes.Repeat([]byte{0xff}, 9)) {
		t.Errorf("uvint(max) = %x", got)
	}
	for _, v := range []int64{0, 1, -1, 63, -64, 64, -65, 1 << 20, math.MaxInt32, math.MinInt32, math.MaxInt64, math.MinInt64} {
		b := appendVint(nil, v)
		got, n, ok := readVint(b)
		if !ok || n != len(b) || got != v {
			t.Errorf("vint %d: encoded %x, read %d (%d bytes, %v)", v, b, got, n, ok)
		}
	}
	for shift := 0; shift < 64; shift++ {
		for _, v := range []uint64{1<<shift - 1, 1 << shift, 1<<shift + 1} {
			b := appendUvint(nil, v)
			got, n, ok := readUvint(b)
			if !ok || n != len(b) || got != v {
				t.Errorf("uvint %d: encoded %x, read %d (%d bytes)", v, b, got, n)
			}
		}
	}
	if _, _, ok := readUvint([]byte{0xc0, 0x01}); ok {
		t.Error("truncated uvint read without error")
	}
}

func TestVarintBytes(t *testing.T) {
	// Every int64 near a byte boundary encodes minimally and decodes back.
	for shift := 0; shift < 64; shift++ {
		for _, v := range []int64{1<<shift - 1, -(1 << shift), -(1 << shift) - 1} {
			b := appendVarint(nil, big.NewInt(v))
			if got := decodeVarint(b); !got.IsInt64() || got.Int64() != v {
				t.Errorf("varint %d: encoded %x decoded %v", v, b, got)
			}
			if len(b) > 1 && ((b[0] == 0 && b[1]&0x80 == 0) || (b[0] == 0xff && b[1]&0x80 != 0)) {
				t.Errorf("varint %d: encoding %x is not minimal", v, b)
			}
		}
	}
}
