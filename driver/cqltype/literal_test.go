package cqltype

import (
	"errors"
	"math"
	"math/big"
	"net"
	"testing"
)

func TestParseLiteral(t *testing.T) {
	u := UUIDValue(mustHex(t, "550e8400e29b41d4a716446655440000"))
	udt := &Type{Kind: UDT, Name: "address", Fields: []Field{
		{"street", &Type{Kind: Varchar}}, {"zip", &Type{Kind: Int}}, {"Tags", &Type{Kind: Set, Elem: &Type{Kind: Varchar}}}}}
	cases := []struct {
		typ  string
		in   string
		want any
	}{
		{"int", "42", int32(42)},
		{"int", " -2147483648 ", int32(math.MinInt32)},
		{"tinyint", "-128", int8(-128)},
		{"smallint", "32767", int16(32767)},
		{"bigint", "9223372036854775807", int64(math.MaxInt64)},
		{"int", "null", nil},
		{"int", "NULL", nil},
		{"int", "", Empty{}},
		{"int", "''", Empty{}},
		{"int", "'7'", int32(7)},
		{"float", "NaN", float32(math.NaN())},
		{"float", "-Infinity", float32(math.Inf(-1))},
		{"double", "Infinity", math.Inf(1)},
		{"double", "1.5e-3", 1.5e-3},
		{"double", "-0.0", math.Copysign(0, -1)},
		{"boolean", "TRUE", true},
		{"boolean", "false", false},
		{"text", "'it''s'", "it's"},
		{"text", "$$it's$$", "it's"},
		{"text", "plain text, unquoted", "plain text, unquoted"},
		{"text", "'tis the season", "'tis the season"},
		{"text", "", ""},
		{"text", "''", ""},
		{"ascii", "'abc'", "abc"},
		{"blob", "0xCAFE", []byte{0xca, 0xfe}},
		{"blob", "0x", []byte{}},
		{"blob", "", []byte{}},
		{"uuid", "550e8400-e29b-41d4-a716-446655440000", u},
		{"uuid", "'550e8400-e29b-41d4-a716-446655440000'", u},
		{"inet", "'192.168.0.1'", net.IP{192, 168, 0, 1}},
		{"inet", "::1", net.ParseIP("::1")},
		{"timestamp", "2012-05-14 12:53:20+0000", TimestampValue(1337000000000)},
		{"timestamp", "'2012-05-14T12:53:20.123Z'", TimestampValue(1337000000123)},
		{"timestamp", "1337000000000", TimestampValue(1337000000000)},
		{"date", "'2012-05-14'", DateValue(dateEpoch + 15474)},
		{"time", "'12:34:56.789'", TimeValue(45296789000000)},
		{"duration", "1h30m", DurationValue{0, 0, 90 * 60e9}},
		{"duration", "P1Y2M", DurationValue{14, 0, 0}},
		{"varint", "-100000000000000000000", bigFromString("-100000000000000000000")},
		{"decimal", "-1.5E-10", DecimalValue{big.NewInt(-15), 11}},
		{"list<int>", "[1, 2, 3]", []any{int32(1), int32(2), int32(3)}},
		{"list<int>", " [ ] ", []any{}},
		{"list<int>", "[1, null]", []any{int32(1), nil}},
		{"list<int>", "null", nil},
		{"set<text>", "{'a', 'b''c', $$d$$}", []any{"a", "b'c", "d"}},
		{"set<text>", "{bare, words}", []any{"bare", "words"}},
		{"map<text, int>", "{'a': 1, 'b': -2}", []MapEntry{{"a", int32(1)}, {"b", int32(-2)}}},
		{"map<text, int>", "{}", []MapEntry{}},
		{"map<int, frozen<list<text>>>", "{1: ['x', 'y'], 2: []}", []MapEntry{{int32(1), []any{"x", "y"}}, {int32(2), []any{}}}},
		{"list<frozen<map<text, set<int>>>>", "[{'k': {1, 2}}, {}]",
			[]any{[]MapEntry{{"k", []any{int32(1), int32(2)}}}, []MapEntry{}}},
		{"tuple<int, text, boolean>", "(1, 'a', true)", []any{int32(1), "a", true}},
		{"tuple<int, text, boolean>", "(1, null, false)", []any{int32(1), nil, false}},
		{"tuple<int, text, boolean>", "(1)", []any{int32(1), nil, nil}},
		{"tuple<int, text, boolean>", "()", []any{nil, nil, nil}},
		{"tuple<timestamp, uuid>", "('2012-05-14', 550e8400-e29b-41d4-a716-446655440000)", []any{TimestampValue(1336953600000), u}},
		{"vector<float, 3>", "[1, 2.5, -3e2]", []any{float32(1), float32(2.5), float32(-300)}},
		{"vector<text, 2>", "['a', 'b']", []any{"a", "b"}},
		{"list<duration>", "[1h, -2d, P1W]", []any{DurationValue{0, 0, 3600e9}, DurationValue{0, -2, 0}, DurationValue{0, 7, 0}}},
		{"list<blob>", "[0x01, 0x]", []any{[]byte{1}, []byte{}}},
		{"list<int>", "['']", []any{Empty{}}},
	}
	for _, tc := range cases {
		got, err := ParseLiteral(mustParse(t, tc.typ), tc.in)
		if err != nil || !equalValues(got, tc.want) {
			t.Errorf("ParseLiteral(%s, %q) = %#v, %v; want %#v", tc.typ, tc.in, got, err, tc.want)
		}
	}
	udtCases := []struct {
		in   string
		want []any
	}{
		{"{street: 'Main', zip: 12345}", []any{"Main", int32(12345), nil}},
		{"{ZIP: 1}", []any{nil, int32(1), nil}},
		{`{"Tags": {'a'}, street: null}`, []any{nil, nil, []any{"a"}}},
		{"{}", []any{nil, nil, nil}},
	}
	for _, tc := range udtCases {
		got, err := ParseLiteral(udt, tc.in)
		if err != nil || !equalValues(got, tc.want) {
			t.Errorf("ParseLiteral(udt, %q) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseLiteralErrors(t *testing.T) {
	udt := &Type{Kind: UDT, Name: "u", Fields: []Field{{"a", &Type{Kind: Int}}}}
	cases := []struct{ typ, in string }{
		{"int", "abc"},
		{"int", "2147483648"},
		{"int", "'1' 2"},
		{"int", "'unterminated"},
		{"tinyint", "200"},
		{"float", "1e39"},
		{"boolean", "yes"},
		{"blob", "cafe"},
		{"blob", "0xcaf"},
		{"uuid", "550e8400"},
		{"list<int>", "[1, 2"},
		{"list<int>", "[1 2]"},
		{"list<int>", "[1,]"},
		{"list<int>", "[1] x"},
		{"list<int>", "{1}"},
		{"list<int>", ""},
		{"set<int>", "[1]"},
		{"map<int, int>", "{1, 2}"},
		{"map<int, int>", "{1: }"},
		{"tuple<int>", "(1, 2)"},
		{"tuple<int>", "1"},
		{"vector<float, 2>", "[1]"},
		{"vector<float, 2>", "[1, 2, 3]"},
		{"list<text>", "['open]"},
		{"list<text>", "[$$open]"},
	}
	for _, tc := range cases {
		got, err := ParseLiteral(mustParse(t, tc.typ), tc.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseLiteral(%s, %q) = %#v, %v; want *ParseError", tc.typ, tc.in, got, err)
		}
	}
	for _, in := range []string{"{b: 1}", "{a: 1, a: 2}", "{a 1}", "{a: 'x'}", `{"A": 1}`} {
		if got, err := ParseLiteral(udt, in); err == nil {
			t.Errorf("ParseLiteral(udt, %q) = %#v, want error", in, got)
		}
	}
	if _, err := ParseLiteral(nil, "1"); err == nil {
		t.Error("ParseLiteral(nil type) did not fail")
	}
	deep := mustParse(t, "int")
	text := "1"
	for range maxDepth + 2 {
		deep = &Type{Kind: List, Elem: deep}
		text = "[" + text + "]"
	}
	if _, err := ParseLiteral(deep, text); err == nil {
		t.Error("deeply nested literal parsed")
	}
}

// TestLiteralEncodes checks that what ParseLiteral returns is accepted by
// Encode and survives a round trip through the wire form.
func TestLiteralEncodes(t *testing.T) {
	cases := []struct{ typ, in string }{
		{"map<text, frozen<list<tuple<int, date>>>>", "{'k': [(1, '2020-02-29'), (null, null)]}"},
		{"set<inet>", "{'::1', '10.0.0.1'}"},
		{"tuple<decimal, varint, duration, time>", "(1.50, -12345678901234567890, 1y2mo, '00:00:01')"},
		{"vector<double, 2>", "[NaN, -Infinity]"},
		{"list<timeuuid>", "[c2d4a9a0-a07e-11ee-8c99-0242ac120002]"},
	}
	for _, tc := range cases {
		ty := mustParse(t, tc.typ)
		v, err := ParseLiteral(ty, tc.in)
		if err != nil {
			t.Errorf("ParseLiteral(%s, %q): %v", tc.typ, tc.in, err)
			continue
		}
		b, err := Encode(ty, v)
		if err != nil {
			t.Errorf("Encode(%s, %#v): %v", tc.typ, v, err)
			continue
		}
		back, err := Decode(ty, b)
		if err != nil || !equalValues(back, v) {
			t.Errorf("round trip of %q: %#v, %v; want %#v", tc.in, back, err, v)
		}
	}
}
