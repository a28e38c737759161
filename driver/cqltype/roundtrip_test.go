package cqltype

import (
	"bytes"
	"encoding/hex"
	"math"
	"math/big"
	"net"
	"testing"
	"time"
)

// roundTripCase encodes in as typ, optionally checks the exact bytes, then
// decodes and expects want (or in itself when want is nil).
type roundTripCase struct {
	typ  string
	in   any
	hex  string // expected encoding, "-" to skip the check
	want any
}

func roundTripCases(t *testing.T) []roundTripCase {
	u := UUIDValue(mustHex(t, "550e8400e29b41d4a716446655440000"))
	tu := UUIDValue(mustHex(t, "c2d4a9a0a07e11ee8c990242ac120002"))
	googol := new(big.Int).Exp(big.NewInt(10), big.NewInt(100), nil)
	negGoogol := new(big.Int).Neg(googol)
	two63 := new(big.Int).Lsh(big.NewInt(1), 63)
	return []roundTripCase{
		// Integers at their limits, from natural Go types.
		{"tinyint", int8(math.MinInt8), "80", nil},
		{"tinyint", int8(math.MaxInt8), "7f", nil},
		{"tinyint", 5, "05", int8(5)},
		{"smallint", int16(math.MinInt16), "8000", nil},
		{"smallint", int16(math.MaxInt16), "7fff", nil},
		{"smallint", uint8(200), "00c8", int16(200)},
		{"int", int32(math.MinInt32), "80000000", nil},
		{"int", int32(math.MaxInt32), "7fffffff", nil},
		{"int", -1, "ffffffff", int32(-1)},
		{"int", "42", "0000002a", int32(42)},
		{"bigint", int64(math.MinInt64), "8000000000000000", nil},
		{"bigint", int64(math.MaxInt64), "7fffffffffffffff", nil},
		{"bigint", uint32(math.MaxUint32), "00000000ffffffff", int64(math.MaxUint32)},
		{"bigint", big.NewInt(7), "0000000000000007", int64(7)},
		{"counter", int64(-3), "fffffffffffffffd", nil},
		{"boolean", true, "01", nil},
		{"boolean", false, "00", nil},
		// Floating point, including the values that break naive comparisons.
		{"float", float32(1.5), "3fc00000", nil},
		{"float", float32(math.NaN()), "-", nil},
		{"float", float32(math.Inf(1)), "7f800000", nil},
		{"float", float32(math.Inf(-1)), "ff800000", nil},
		{"float", float32(math.Copysign(0, -1)), "80000000", nil},
		{"float", float32(math.MaxFloat32), "7f7fffff", nil},
		{"float", 0.25, "3e800000", float32(0.25)},
		{"double", math.NaN(), "-", nil},
		{"double", math.Inf(1), "7ff0000000000000", nil},
		{"double", math.Inf(-1), "fff0000000000000", nil},
		{"double", math.Copysign(0, -1), "8000000000000000", nil},
		{"double", math.SmallestNonzeroFloat64, "0000000000000001", nil},
		{"double", "-Infinity", "fff0000000000000", math.Inf(-1)},
		// Text and bytes, with their empty forms.
		{"ascii", "hello", "68656c6c6f", nil},
		{"ascii", "", "", nil},
		{"text", "héllo ✓", hex.EncodeToString([]byte("héllo ✓")), nil},
		{"text", "", "", nil},
		{"blob", []byte{0, 1, 0xff}, "0001ff", nil},
		{"blob", []byte{}, "", nil},
		{"uuid", u, "550e8400e29b41d4a716446655440000", nil},
		{"uuid", "550E8400-E29B-41D4-A716-446655440000", "550e8400e29b41d4a716446655440000", u},
		{"timeuuid", tu, "c2d4a9a0a07e11ee8c990242ac120002", nil},
		{"inet", net.IP{127, 0, 0, 1}, "7f000001", nil},
		{"inet", net.ParseIP("2001:db8::1"), "20010db8000000000000000000000001", nil},
		{"inet", "10.1.2.3", "0a010203", net.IP{10, 1, 2, 3}},
		// Timestamps beyond year 9999 and before year 0.
		{"timestamp", TimestampValue(0), "0000000000000000", nil},
		{"timestamp", TimestampValue(-1), "ffffffffffffffff", nil},
		{"timestamp", TimestampValue(math.MaxInt64), "7fffffffffffffff", nil},
		{"timestamp", TimestampValue(math.MinInt64), "8000000000000000", nil},
		{"timestamp", TimestampValue(253402300800000), "-", nil}, // 10000-01-01
		{"timestamp", TimestampValue(-62198755200000), "-", nil}, // -0001-01-01
		{"timestamp", time.Date(2012, 5, 14, 12, 53, 20, 123e6, time.UTC), "-", TimestampValue(1337000000123)},
		{"timestamp", "2012-05-14 12:53:20+0000", "-", TimestampValue(1337000000000)},
		// Dates across the whole unsigned range.
		{"date", DateValue(0), "00000000", nil},
		{"date", DateValue(math.MaxUint32), "ffffffff", nil},
		{"date", DateValue(dateEpoch), "80000000", nil},
		{"date", "1970-01-02", "80000001", DateValue(dateEpoch + 1)},
		{"date", time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC), "7fffffff", DateValue(dateEpoch - 1)},
		{"time", TimeValue(0), "0000000000000000", nil},
		{"time", MaxTime, "00004e94914effff", nil},
		{"time", "12:34:56.789", "-", TimeValue(45296789000000)},
		{"time", 90 * time.Minute, "-", TimeValue(5400e9)},
		// Durations: zig-zag vints.
		{"duration", DurationValue{1, 2, 3}, "020406", nil},
		{"duration", DurationValue{-1, -1, -1}, "010101", nil},
		{"duration", DurationValue{64, 0, 0}, "80800000", nil},
		{"duration", DurationValue{0, -65, 0}, "00808100", nil},
		{"duration", DurationValue{0, 0, 8192}, "0000c04000", nil},
		{"duration", DurationValue{}, "000000", nil},
		{"duration", DurationValue{math.MaxInt32, math.MaxInt32, math.MaxInt64}, "-", nil},
		{"duration", DurationValue{math.MinInt32, math.MinInt32, math.MinInt64}, "-", nil},
		{"duration", "-1y2mo3d4h", "-", DurationValue{-14, -3, -4 * 3600e9}},
		{"duration", 1500 * time.Millisecond, "-", DurationValue{0, 0, 1500e6}},
		// Varints from the specification's table and far beyond int64.
		{"varint", big.NewInt(0), "00", nil},
		{"varint", big.NewInt(1), "01", nil},
		{"varint", big.NewInt(127), "7f", nil},
		{"varint", big.NewInt(128), "0080", nil},
		{"varint", big.NewInt(129), "0081", nil},
		{"varint", big.NewInt(-1), "ff", nil},
		{"varint", big.NewInt(-128), "80", nil},
		{"varint", big.NewInt(-129), "ff7f", nil},
		{"varint", two63, "008000000000000000", nil},
		{"varint", new(big.Int).Neg(two63), "8000000000000000", nil},
		{"varint", new(big.Int).Sub(new(big.Int).Neg(two63), big.NewInt(1)), "ff7fffffffffffffff", nil},
		{"varint", googol, "-", nil},
		{"varint", negGoogol, "-", nil},
		{"varint", uint64(math.MaxUint64), "00ffffffffffffffff", bigFromString("18446744073709551615")},
		{"varint", "-129", "ff7f", big.NewInt(-129)},
		// Decimals with big and negative scales.
		{"decimal", DecimalValue{big.NewInt(1), 14}, "0000000e01", nil},
		{"decimal", DecimalValue{big.NewInt(-15), 1}, "00000001f1", nil},
		{"decimal", DecimalValue{googol, -1000}, "-", nil},
		{"decimal", DecimalValue{negGoogol, math.MaxInt32}, "-", nil},
		{"decimal", DecimalValue{big.NewInt(3), math.MinInt32}, "8000000003", nil},
		{"decimal", "-1.5E-10", "0000000bf1", DecimalValue{big.NewInt(-15), 11}},
		{"decimal", 0.1, "0000000101", DecimalValue{big.NewInt(1), 1}},
		{"decimal", 12, "000000000c", DecimalValue{big.NewInt(12), 0}},
		// Collections.
		{"list<int>", []any{int32(1), int32(2)}, "00000002 00000004 00000001 00000004 00000002", nil},
		{"list<int>", []int{3}, "00000001 00000004 00000003", []any{int32(3)}},
		{"list<int>", []any{}, "00000000", nil},
		{"set<text>", []any{"a", "b"}, "00000002 00000001 61 00000001 62", nil},
		{"map<text, int>", []MapEntry{{"a", int32(1)}, {"b", int32(2)}},
			"00000002 00000001 61 00000004 00000001 00000001 62 00000004 00000002", nil},
		{"map<text, int>", map[string]int{"z": 26}, "00000001 00000001 7a 00000004 0000001a", []MapEntry{{"z", int32(26)}}},
		{"list<frozen<map<text, set<int>>>>", []any{
			[]MapEntry{{"x", []any{int32(1), int32(2)}}, {"", []any{}}},
			[]MapEntry{},
		}, "-", nil},
		{"list<int>", []any{nil, int32(1)}, "00000002 ffffffff 00000004 00000001", nil},
		{"list<int>", []any{Empty{}}, "00000001 00000000", nil},
		// Tuples with nulls and short inputs.
		{"tuple<int, text, boolean>", []any{int32(1), nil, true},
			"00000004 00000001 ffffffff 00000001 01", nil},
		{"tuple<int, text, boolean>", []any{int32(1)},
			"00000004 00000001 ffffffff ffffffff", []any{int32(1), nil, nil}},
		{"frozen<tuple<int, tuple<text, bigint>>>", []any{int32(-1), []any{"q", int64(9)}}, "-", nil},
		// Vectors: packed fixed-size elements, vint-prefixed variable ones.
		{"vector<float, 3>", []any{float32(1), float32(2), float32(3)}, "3f800000 40000000 40400000", nil},
		{"vector<float, 2>", []float32{0.5, -0.5}, "3f000000 bf000000", []any{float32(0.5), float32(-0.5)}},
		{"vector<text, 2>", []any{"a", "bc"}, "01 61 02 6263", nil},
		{"vector<text, 2>", []any{"", Empty{}}, "00 00", []any{"", ""}},
		{"vector<smallint, 2>", []any{int16(1), int16(-1)}, "02 0001 02 ffff", nil},
		{"vector<bigint, 2>", []any{int64(1), int64(-1)}, "0000000000000001 ffffffffffffffff", nil},
		{"vector<uuid, 1>", []any{u}, "550e8400e29b41d4a716446655440000", nil},
		{"vector<boolean, 2>", []any{true, false}, "01 00", nil},
		{"vector<vector<int, 2>, 2>", []any{[]any{int32(1), int32(2)}, []any{int32(3), int32(4)}},
			"00000001 00000002 00000003 00000004", nil},
		{"vector<list<int>, 1>", []any{[]any{int32(7)}}, "0c 00000001 00000004 00000007", nil},
		{"vector<varint, 2>", []any{big.NewInt(128), big.NewInt(-1)}, "02 0080 01 ff", nil},
		// Empty values of types with no empty form.
		{"int", Empty{}, "", nil},
		{"uuid", Empty{}, "", nil},
		{"list<int>", Empty{}, "", nil},
		{"custom", []byte{9}, "09", nil},
	}
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range roundTripCases(t) {
		typ := tc.typ
		var ty *Type
		if typ == "custom" {
			ty = &Type{Kind: Custom, Custom: "com.example.Thing"}
		} else {
			ty = mustParse(t, typ)
		}
		b, err := Encode(ty, tc.in)
		if err != nil {
			t.Errorf("Encode(%s, %#v): %v", typ, tc.in, err)
			continue
		}
		if b == nil {
			t.Errorf("Encode(%s, %#v) returned nil (null)", typ, tc.in)
			continue
		}
		if tc.hex != "-" {
			if want := mustHex(t, tc.hex); !bytes.Equal(b, want) {
				t.Errorf("Encode(%s, %#v) = %x, want %x", typ, tc.in, b, want)
			}
		}
		got, err := Decode(ty, b)
		if err != nil {
			t.Errorf("Decode(%s, %x): %v", typ, b, err)
			continue
		}
		want := tc.want
		if want == nil {
			want = tc.in
		}
		if !equalValues(got, want) {
			t.Errorf("Decode(%s, %x) = %#v, want %#v", typ, b, got, want)
		}
		// AppendValue appends after existing bytes and agrees with Encode.
		prefix := []byte{0xAA}
		app, null, err := AppendValue(prefix, ty, tc.in)
		if err != nil || null || !bytes.Equal(app[1:], b) || app[0] != 0xAA {
			t.Errorf("AppendValue(%s, %#v) = %x, %v, %v", typ, tc.in, app, null, err)
		}
	}
}

func TestNull(t *testing.T) {
	ty := mustParse(t, "int")
	if v, err := Decode(ty, nil); v != nil || err != nil {
		t.Errorf("Decode(nil) = %v, %v", v, err)
	}
	var p *int32
	for _, v := range []any{nil, p, (*big.Int)(nil)} {
		b, err := Encode(ty, v)
		if b != nil || err != nil {
			t.Errorf("Encode(%#v) = %x, %v; want null", v, b, err)
		}
		dst, null, err := AppendValue([]byte{1}, ty, v)
		if !null || err != nil || len(dst) != 1 {
			t.Errorf("AppendValue(%#v) = %x, %v, %v", v, dst, null, err)
		}
	}
	x := int32(5)
	if b, err := Encode(ty, &x); err != nil || !bytes.Equal(b, []byte{0, 0, 0, 5}) {
		t.Errorf("Encode(&5) = %x, %v", b, err)
	}
}

func TestDecodeEmpty(t *testing.T) {
	cases := map[string]any{
		"int": Empty{}, "bigint": Empty{}, "boolean": Empty{}, "uuid": Empty{}, "date": Empty{},
		"timestamp": Empty{}, "varint": Empty{}, "decimal": Empty{}, "duration": Empty{},
		"inet": Empty{}, "list<int>": Empty{}, "map<int, int>": Empty{}, "tuple<int>": Empty{},
		"vector<float, 2>": Empty{}, "text": "", "ascii": "", "blob": []byte{},
	}
	for typ, want := range cases {
		got, err := Decode(mustParse(t, typ), []byte{})
		if err != nil || !equalValues(got, want) {
			t.Errorf("Decode(%s, empty) = %#v, %v; want %#v", typ, got, err, want)
		}
	}
}

func TestDecodeUDT(t *testing.T) {
	ty := &Type{Kind: UDT, Keyspace: "ks", Name: "address", Fields: []Field{
		{"street", &Type{Kind: Varchar}},
		{"zip", &Type{Kind: Int}},
		{"tags", &Type{Kind: Set, Elem: &Type{Kind: Varchar}}},
	}}
	full := mustHex(t, "00000003 6d6169 00000004 00000007 00000009 00000001 00000001 78")
	got, err := Decode(ty, full)
	if want := []any{"mai", int32(7), []any{"x"}}; err != nil || !equalValues(got, want) {
		t.Errorf("full UDT = %#v, %v; want %#v", got, err, want)
	}
	// Missing trailing fields decode as null.
	short := mustHex(t, "00000003 6d6169")
	got, err = Decode(ty, short)
	if err != nil || !equalValues(got, []any{"mai", nil, nil}) {
		t.Errorf("short UDT = %#v, %v", got, err)
	}
	// Encoding by name: absent fields become null.
	b, err := Encode(ty, map[string]any{"zip": 12})
	if err != nil || !bytes.Equal(b, mustHex(t, "ffffffff 00000004 0000000c ffffffff")) {
		t.Errorf("Encode(UDT by name) = %x, %v", b, err)
	}
	got, err = Decode(ty, b)
	if err != nil || !equalValues(got, []any{nil, int32(12), nil}) {
		t.Errorf("Decode(UDT) = %#v, %v", got, err)
	}
	// By position, short.
	b, err = Encode(ty, []any{"x"})
	if err != nil || !bytes.Equal(b, mustHex(t, "00000001 78 ffffffff ffffffff")) {
		t.Errorf("Encode(UDT by position) = %x, %v", b, err)
	}
	if _, err := Encode(ty, map[string]any{"nope": 1}); err == nil {
		t.Error("unknown UDT field encoded without error")
	}
	// Extra bytes after the last field are an error.
	extra := append(mustHex(t, "ffffffff ffffffff ffffffff"), mustHex(t, "00000000")...)
	if _, err := Decode(ty, extra); err == nil {
		t.Error("extra UDT component decoded without error")
	}
}

func TestTimestampFromTime(t *testing.T) {
	ty := mustParse(t, "timestamp")
	tm := time.Date(2012, 5, 14, 12, 53, 20, 123e6, time.UTC)
	b, err := Encode(ty, tm)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := Decode(ty, b)
	if ts := got.(TimestampValue); !ts.Time().Equal(tm) {
		t.Errorf("timestamp round trip %v != %v", ts.Time(), tm)
	}
	if _, err := Encode(ty, time.Date(300000000, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("time.Time beyond int64 milliseconds encoded without error")
	}
}
