package cqltype

import (
	"errors"
	"math"
	"math/big"
	"testing"
)

func TestDecodeErrors(t *testing.T) {
	cases := []struct{ typ, hex string }{
		{"int", "000001"},
		{"bigint", "00"},
		{"smallint", "000000"},
		{"tinyint", "0000"},
		{"boolean", "0101"},
		{"float", "000000"},
		{"double", "00000000"},
		{"uuid", "00"},
		{"inet", "0102030405"},
		{"timestamp", "00"},
		{"date", "000000"},
		{"time", "ffffffffffffffff"},       // negative
		{"time", "00004e94914f0000"},       // 86400 s
		{"duration", "02"},                 // one vint of three
		{"duration", "020406 00"},          // trailing byte
		{"duration", "f1ffffffff 00 00"},   // months beyond int32
		{"duration", "c0"},                 // truncated multi-byte vint
		{"decimal", "00000001"},            // scale without unscaled value
		{"list<int>", "000000"},            // truncated count
		{"list<int>", "ffffffff"},          // negative count
		{"list<int>", "7fffffff 00000004"}, // count beyond the bytes
		{"list<int>", "00000001 00000008 00000001"},
		{"list<int>", "00000001 00000004 00000001 00"}, // trailing
		{"list<int>", "00000001 00000003 000001"},      // bad element
		{"map<int, int>", "00000001 00000004 00000001"},
		{"map<int, int>", "00000002 00000004 00000001 00000004 00000001"},
		{"tuple<int>", "00000004 00000001 00000000"}, // extra component
		{"tuple<int>", "000000"},
		{"vector<float, 2>", "3f800000"},
		{"vector<float, 2>", "3f800000 3f800000 00"},
		{"vector<text, 2>", "01 61"},
		{"vector<text, 2>", "01 61 05 62"},
		{"vector<text, 1>", "01 61 00"},
		{"vector<text, 3>", "00 00"},
		{"vector<int, 1>", "00000001 00"},
		{"list<vector<int, 1>>", "00000001 00000002 0000"},
	}
	for _, tc := range cases {
		_, err := Decode(mustParse(t, tc.typ), mustHex(t, tc.hex))
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("Decode(%s, %s) error = %v, want *DecodeError", tc.typ, tc.hex, err)
		}
	}
	if _, err := Decode(nil, []byte{1}); err == nil {
		t.Error("Decode with nil type did not fail")
	}
	if _, err := Decode(&Type{Kind: List}, mustHex(t, "00000001 00000000")); err == nil {
		t.Error("list without element type did not fail")
	}
	if _, err := Decode(&Type{Kind: Kind(0x99)}, []byte{1}); err == nil {
		t.Error("unknown kind did not fail")
	}
}

func TestEncodeErrors(t *testing.T) {
	type thing struct{ A int }
	cases := []struct {
		typ string
		v   any
	}{
		{"tinyint", 128},
		{"tinyint", -129},
		{"smallint", 1 << 15},
		{"int", int64(1) << 31},
		{"int", uint64(math.MaxUint64)},
		{"bigint", uint64(1) << 63},
		{"bigint", big.NewInt(0).Lsh(big.NewInt(1), 64)},
		{"bigint", 1.5},
		{"bigint", "12x"},
		{"int", "99999999999"},
		{"float", 1e300},
		{"float", "1e300"},
		{"double", "abc"},
		{"text", string([]byte{0xff, 0xfe})},
		{"ascii", "é"},
		{"text", 5},
		{"blob", 5},
		{"boolean", 1},
		{"boolean", "yes"},
		{"uuid", "not-a-uuid"},
		{"uuid", []byte{1, 2}},
		{"timeuuid", "550e8400-e29b-41d4-a716-446655440000"}, // version 4
		{"inet", "1.2.3"},
		{"inet", []byte{1, 2, 3}},
		{"inet", "fe80::1%eth0"},
		{"timestamp", "2012-13-01"},
		{"timestamp", thing{}},
		{"date", "2012-02-30"},
		{"date", 5},
		{"time", "24:00:00"},
		{"time", TimeValue(-1)},
		{"time", MaxTime + 1},
		{"duration", DurationValue{1, -1, 0}},
		{"duration", "1h1y"},
		{"duration", 5},
		{"varint", "1.5"},
		{"varint", 1.5},
		{"decimal", "1.2.3"},
		{"decimal", math.NaN()},
		{"list<int>", 5},
		{"list<int>", []any{"x"}},
		{"list<int>", "[1]"},
		{"map<int, int>", []any{1}},
		{"map<int, int>", map[int]string{1: "a"}},
		{"tuple<int>", []any{1, 2}},
		{"tuple<int>", 1},
		{"vector<float, 2>", []any{float32(1)}},
		{"vector<float, 2>", []any{float32(1), nil}},
		{"vector<text, 1>", []any{nil}},
		{"vector<float, 1>", []any{Empty{}}},
		{"vector<float, 1>", 1},
		{"list<frozen<list<int>>>", []any{[]any{"no"}}},
		{"int", thing{}},
	}
	for _, tc := range cases {
		b, err := Encode(mustParse(t, tc.typ), tc.v)
		if err == nil {
			t.Errorf("Encode(%s, %#v) = %x, want error", tc.typ, tc.v, b)
			continue
		}
		var ee *EncodeError
		var pe *ParseError
		if !errors.As(err, &ee) && !errors.As(err, &pe) {
			t.Errorf("Encode(%s, %#v) error %T is not typed", tc.typ, tc.v, err)
		}
	}
	if _, err := Encode(nil, 1); err == nil {
		t.Error("Encode with nil type did not fail")
	}
	udt := &Type{Kind: UDT, Name: "u", Fields: []Field{{"a", &Type{Kind: Int}}}}
	for _, v := range []any{[]any{1, 2}, map[string]any{"b": 1}, 7} {
		if _, err := Encode(udt, v); err == nil {
			t.Errorf("Encode(udt, %#v) did not fail", v)
		}
	}
}

func TestErrorMessages(t *testing.T) {
	_, err := Decode(mustParse(t, "list<int>"), mustHex(t, "7fffffff"))
	if err == nil || err.Error() != "cqltype: cannot decode list<int>: element count 2147483647 exceeds the value's size" {
		t.Errorf("unexpected message: %v", err)
	}
	_, err = Encode(mustParse(t, "tinyint"), 300)
	if err == nil || err.Error() != "cqltype: cannot encode int as tinyint: out of range" {
		t.Errorf("unexpected message: %v", err)
	}
	_, err = Parse("list<")
	if err == nil || err.Error() != `cqltype: invalid type "list<" at offset 5: want a type` {
		t.Errorf("unexpected message: %v", err)
	}
}
