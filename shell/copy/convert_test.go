package copy

import (
	"reflect"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/internal/parquet"
)

func TestConvertBlobAndUUID(t *testing.T) {
	if v, err := convertBlob("0x0a ff"); err != nil || !reflect.DeepEqual(v, []byte{0x0a, 0xff}) {
		t.Errorf("blob: %v, %v", v, err)
	}
	for in, pos := range map[string]string{"0xzz": "0", "0x0": "1", "0x0g": "1"} {
		if _, err := convertBlob(in); err == nil || err.Error() != "non-hexadecimal number found in fromhex() arg at position "+pos {
			t.Errorf("blob %q: %v", in, err)
		}
	}
	want := cqltype.UUIDValue{0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00}
	for _, in := range []string{"123e4567-e89b-12d3-a456-426614174000", "{123E4567E89B12D3A456426614174000}", "urn:uuid:123e4567-e89b-12d3-a456-426614174000"} {
		if v, err := convertUUID(in); err != nil || v != want {
			t.Errorf("uuid %q: %v, %v", in, v, err)
		}
	}
	if _, err := convertUUID("123e4567-e89b-12d3-a456-42661417400g"); err == nil {
		t.Error("a uuid with a non-hex digit converted")
	}
}

func TestStrptime(t *testing.T) {
	for _, tt := range []struct {
		in, format string
		want       time.Time
		ok         bool
	}{
		{"2024-02-29 13:04:05.5+0100", "%Y-%m-%d %H:%M:%S.%f%z", time.Date(2024, 2, 29, 13, 4, 5, 500000000, time.FixedZone("", 3600)), true},
		{"07/01/99 01:02 PM", "%m/%d/%y %I:%M %p", time.Date(1999, 7, 1, 13, 2, 0, 0, time.UTC), true},
		{"Feb 30 2023", "%b %d %Y", time.Time{}, false},
		{"2023-01-01 extra", "%Y-%m-%d", time.Time{}, false},
	} {
		got, ok := strptime(tt.in, tt.format, time.UTC)
		if ok != tt.ok || (ok && !got.Equal(tt.want)) {
			t.Errorf("strptime(%q, %q) = %v, %v; want %v, %v", tt.in, tt.format, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIntegerConverter(t *testing.T) {
	noSep := func(s string) string { return s }
	tests := []struct {
		kind cqltype.Kind
		in   string
		want any
		err  string
	}{
		{cqltype.Tinyint, "127", int64(127), ""},
		{cqltype.Tinyint, "-128", int64(-128), ""},
		{cqltype.Tinyint, "128", nil, "128 out of range for tinyint"},
		{cqltype.Smallint, " 42 ", int64(42), ""},
		{cqltype.Int, "1_000", int64(1000), ""},
		{cqltype.Int, "+7", int64(7), ""},
		{cqltype.Int, "2147483648", nil, "2147483648 out of range for int"},
		{cqltype.Bigint, "-9223372036854775808", int64(-9223372036854775808), ""},
		{cqltype.Bigint, "9223372036854775808", nil, "9223372036854775808 out of range for bigint"},
		{cqltype.Int, "x", nil, "invalid literal for int() with base 10: 'x'"},
		{cqltype.Int, "", nil, "invalid literal for int() with base 10: ''"},
	}
	for _, tt := range tests {
		v, err := integerConverter(&cqltype.Type{Kind: tt.kind}, noSep)(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%v %q: %v, %v; want error %q", tt.kind, tt.in, v, err, tt.err)
			}
			continue
		}
		if err != nil || v != tt.want {
			t.Errorf("%v %q: %v (%T), %v; want %v", tt.kind, tt.in, v, v, err, tt.want)
		}
	}
}

// TestParquetTimeUnits: a TIME or TIMESTAMP leaf written elsewhere in
// milliseconds, microseconds or nanoseconds reads as the same instant.
func TestParquetTimeUnits(t *testing.T) {
	tm := &cqltype.Type{Kind: cqltype.Time}
	ts := &cqltype.Type{Kind: cqltype.Timestamp}
	leaf := func(kind, unit int16) *pqNode {
		return &pqNode{leaf: true, logical: &parquet.LogicalType{Kind: kind, Unit: unit}}
	}
	tests := []struct {
		typ  *cqltype.Type
		node *pqNode
		v    parquet.Value
		want any
	}{
		{tm, leaf(parquet.LogicalTime, parquet.Millis), parquet.Int32Value(45296789), cqltype.TimeValue(45296789000000)},
		{tm, leaf(parquet.LogicalTime, parquet.Micros), parquet.Int64Value(45296789012), cqltype.TimeValue(45296789012000)},
		{tm, leaf(parquet.LogicalTime, parquet.Nanos), parquet.Int64Value(45296789012345), cqltype.TimeValue(45296789012345)},
		{ts, leaf(parquet.LogicalTimestamp, parquet.Millis), parquet.Int64Value(1700000000123), cqltype.TimestampValue(1700000000123)},
		{ts, leaf(parquet.LogicalTimestamp, parquet.Micros), parquet.Int64Value(1700000000123456), cqltype.TimestampValue(1700000000123)},
		{ts, leaf(parquet.LogicalTimestamp, parquet.Nanos), parquet.Int64Value(1700000000123456789), cqltype.TimestampValue(1700000000123)},
	}
	for _, tt := range tests {
		got, err := intFromParquet(tt.typ, tt.node, tt.v)
		if err != nil || got != tt.want {
			t.Errorf("%v unit %d: %v, %v; want %v", tt.typ, tt.node.logical.Unit, got, err, tt.want)
		}
	}
	if _, err := intFromParquet(tm, leaf(parquet.LogicalTime, parquet.Millis), parquet.Int32Value(86400000)); err == nil {
		t.Error("24:00 in milliseconds read as a time")
	}
}
