package cqltype

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"testing"
)

// fuzzTypes returns representative types, including nested ones; fuzz
// targets pick one with a selector byte.
func fuzzTypes() []*Type {
	texts := []string{
		"ascii", "bigint", "blob", "boolean", "counter", "date", "decimal", "double", "duration",
		"float", "inet", "int", "smallint", "text", "time", "timestamp", "timeuuid", "tinyint",
		"uuid", "varint", "list<int>", "set<text>", "map<text, int>",
		"list<frozen<map<text, set<int>>>>", "tuple<int, text, boolean>",
		"frozen<tuple<varint, tuple<decimal, duration>>>", "vector<float, 3>", "vector<text, 2>",
		"vector<vector<smallint, 2>, 2>", "map<date, frozen<list<inet>>>",
	}
	out := make([]*Type, 0, len(texts)+1)
	for _, s := range texts {
		t, err := Parse(s)
		if err != nil {
			panic(err)
		}
		out = append(out, t)
	}
	return append(out, &Type{Kind: UDT, Name: "u", Fields: []Field{
		{"a", &Type{Kind: Int}}, {"b", &Type{Kind: List, Elem: &Type{Kind: Varchar}}}, {"c", &Type{Kind: Timestamp}}}})
}

func FuzzDecode(f *testing.F) {
	types := fuzzTypes()
	for i, ty := range types {
		f.Add([]byte{byte(i)})
		for _, tc := range roundTripCasesFor(ty) {
			if b, err := Encode(ty, tc); err == nil {
				f.Add(append([]byte{byte(i)}, b...))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		ty := types[int(data[0])%len(types)]
		v, err := Decode(ty, data[1:])
		if err != nil {
			return
		}
		// Whatever decodes must re-encode (unless Encode rightly refuses it,
		// e.g. invalid UTF-8 or mixed-sign durations) to bytes that decode
		// to the same value.
		checkReencodes(t, ty, v, "decoded value")
	})
}

// checkReencodes fails t unless v, encoded as ty, decodes to an equal value;
// a value Encode refuses is passed over. from says where v came from.
func checkReencodes(t *testing.T, ty *Type, v any, from string) {
	t.Helper()
	b, err := Encode(ty, v)
	if err != nil {
		return
	}
	back, err := Decode(ty, b)
	if err != nil {
		t.Fatalf("%s %s %#v encoded as %x fails to decode: %v", ty, from, v, b, err)
	}
	if !equalValues(back, v) {
		t.Fatalf("%s %s %#v encoded as %x decodes to %#v", ty, from, v, b, back)
	}
}

// roundTripCasesFor returns a few seed values for a type.
func roundTripCasesFor(ty *Type) []any {
	switch ty.Kind {
	case Int:
		return []any{int32(-1), int32(1 << 30)}
	case Varchar, Ascii:
		return []any{"", "abc"}
	case List, Set:
		return []any{[]any{}, []any{nil}}
	case Vector:
		if ty.Dim == 3 {
			return []any{[]any{float32(1), float32(2), float32(3)}}
		}
	case Duration:
		return []any{DurationValue{1, 2, 3}, DurationValue{-1, 0, -1 << 40}}
	case Decimal:
		return []any{"1E-14", "-10.50"}
	case Varint:
		return []any{"-129", "100000000000000000000000"}
	}
	return nil
}

func FuzzParseLiteral(f *testing.F) {
	types := fuzzTypes()
	seeds := []struct {
		sel int
		s   string
	}{
		{11, "42"}, {11, "null"}, {13, "'it''s'"}, {13, "$$x$$"}, {2, "0xcafe"},
		{18, "550e8400-e29b-41d4-a716-446655440000"}, {15, "2012-05-14 12:53:20+0000"},
		{5, "2012-05-14"}, {14, "12:34:56.789"}, {8, "1y2mo3d4h5m6s7ms8us9ns"}, {8, "P1Y2M"},
		{6, "-1.5E-10"}, {19, "-12345678901234567890"}, {9, "NaN"}, {7, "-Infinity"},
		{20, "[1, 2, 3]"}, {21, "{'a', 'b'}"}, {22, "{'a': 1}"}, {23, "[{'k': {1, 2}}]"},
		{24, "(1, 'x', true)"}, {25, "(1, (2.5, 1h))"}, {26, "[1, 2, 3]"}, {27, "['a', 'b']"},
		{28, "[[1, 2], [3, 4]]"}, {29, "{'2020-01-01': ['::1']}"}, {30, "{a: 1, b: ['x'], c: '2012-05-14'}"},
		{10, "'10.0.0.1'"}, {4, "7"}, {3, "true"}, {16, "c2d4a9a0-a07e-11ee-8c99-0242ac120002"},
	}
	for _, s := range seeds {
		f.Add(byte(s.sel), s.s)
	}
	f.Fuzz(func(t *testing.T, sel byte, s string) {
		ty := types[int(sel)%len(types)]
		v, err := ParseLiteral(ty, s)
		if err != nil || v == nil {
			return
		}
		checkReencodes(t, ty, v, "value of literal "+strconv.Quote(s))
	})
}

func FuzzParseType(f *testing.F) {
	for _, s := range []string{
		"int", "frozen<map<text, list<int>>>", "tuple<int, text>", "vector<float, 3>",
		`ks."My Type"`, "'com.example.Foo'", "'org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)'",
		"list<frozen<map<text, set<int>>>>", "SET < VARCHAR >", `"select"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ty, err := Parse(s)
		if err != nil {
			return
		}
		// The printed form of any parsed type parses again and prints the same.
		checkReprints(t, ty, "Parse("+strconv.Quote(s)+")")
	})
}

func FuzzParseCustom(f *testing.F) {
	const m = "org.apache.cassandra.db.marshal."
	for _, s := range []string{
		m + "VectorType(" + m + "FloatType,3)", m + "UserType(ks,61,62:" + m + "Int32Type)",
		m + "MapType(" + m + "UTF8Type," + m + "ListType(" + m + "LongType))", "com.example.X(a,(b))",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ty := ParseCustom(s)
		if ty == nil {
			t.Fatalf("ParseCustom(%q) returned nil", s)
		}
		if s == "" {
			return
		}
		// Whatever it makes of the class prints as type text that parses back.
		checkReprints(t, ty, "ParseCustom("+strconv.Quote(s)+")")
	})
}

// checkReprints fails t unless ty's printed form parses again and prints the
// same; from says where ty came from.
func checkReprints(t *testing.T, ty *Type, from string) {
	t.Helper()
	text := ty.String()
	again, err := Parse(text)
	if err != nil {
		t.Fatalf("%s printed %q, which fails to parse: %v", from, text, err)
	}
	if got := again.String(); got != text {
		t.Fatalf("%s printed %q, then %q", from, text, got)
	}
}

// FuzzScan: scanning any bytes of any type into any destination either
// fails with a *ScanError or stores a value; it never panics, and a
// successful scan into *any agrees with Decode.
func FuzzScan(f *testing.F) {
	types := fuzzTypes()
	for i, ty := range types {
		for _, tc := range roundTripCasesFor(ty) {
			if b, err := Encode(ty, tc); err == nil {
				f.Add(append([]byte{byte(i), byte(i % 11)}, b...))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		ty := types[int(data[0])%len(types)]
		cell := data[2:]
		if data[1]&0x80 != 0 {
			cell = nil // null
		}
		var (
			s  string
			i  int64
			n  int
			bo bool
			fl float64
			b  []byte
			ip net.IP
			u  UUIDValue
			ss []string
			m  map[string]string
			a  any
		)
		dsts := []any{&s, &i, &n, &bo, &fl, &b, &ip, &u, &ss, &m, &a}
		err := Scan(ty, cell, dsts[int(data[1]&0x7f)%len(dsts)])
		var se *ScanError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("Scan(%s): %T %v, want a *ScanError", ty, err, err)
		}
		if int(data[1]&0x7f)%len(dsts) == len(dsts)-1 && err == nil {
			want, derr := Decode(ty, cell)
			if derr != nil {
				t.Fatalf("Scan into *any succeeded where Decode fails: %v", derr)
			}
			if fmt.Sprintf("%#v", want) != fmt.Sprintf("%#v", a) {
				t.Fatalf("Scan into *any = %#v, Decode = %#v", a, want)
			}
		}
	})
}
