package frame

import (
	"errors"
	"net/netip"
	"reflect"
	"testing"
)

func TestPrimitiveEncoding(t *testing.T) {
	tests := []struct {
		name string
		got  []byte
		want []byte
	}{
		{"short", appendShort(nil, 0xBEEF), cat("beef")},
		{"int", appendInt(nil, -2), cat("fffffffe")},
		{"long", appendLong(nil, 1), cat("0000000000000001")},
		{"string", appendString(nil, "héllo"), cat("0006", txt("héllo"))},
		{"long string", appendLongString(nil, "ab"), cat("00000002", txt("ab"))},
		{"uuid", appendUUID(nil, cat("00112233445566778899aabbccddeeff")), cat("00112233445566778899aabbccddeeff")},
		{"uuid short id padded", appendUUID(nil, []byte{1}), cat("01000000000000000000000000000000")},
		{"string list", appendStringList(nil, []string{"a", "bc"}), cat("0002", "0001", txt("a"), "0002", txt("bc"))},
		{"bytes null", appendBytes(nil, nil), cat("ffffffff")},
		{"bytes empty", appendBytes(nil, []byte{}), cat("00000000")},
		{"bytes zero", appendBytes(nil, []byte{0}), cat("00000001", "00")},
		{"value unset", appendValue(nil, []byte{1}, true), cat("fffffffe")},
		{"value null", appendValue(nil, nil, false), cat("ffffffff")},
		{"short bytes", appendShortBytes(nil, []byte{9, 8}), cat("0002", "0908")},
		{"inet v4", appendInet(nil, netip.MustParseAddrPort("127.0.0.1:9042")), cat("04", "7f000001", "00002352")},
		{"inet v6", appendInet(nil, netip.MustParseAddrPort("[::1]:1")), cat("10", "00000000000000000000000000000001", "00000001")},
		{"inetaddr", appendInetAddr(nil, netip.MustParseAddr("10.0.0.2")), cat("04", "0a000002")},
		{"inetaddr invalid", appendInetAddr(nil, netip.Addr{}), cat("04", "00000000")},
		{"consistency", appendConsistency(nil, LocalQuorum), cat("0006")},
		{"string map sorted", appendStringMap(nil, map[string]string{"b": "2", "a": "1"}),
			cat("0002", "0001", txt("a"), "0001", txt("1"), "0001", txt("b"), "0001", txt("2"))},
		{"string multimap", appendStringMultimap(nil, map[string][]string{"k": {"x", "y"}}),
			cat("0001", "0001", txt("k"), "0002", "0001", txt("x"), "0001", txt("y"))},
		{"bytes map", appendBytesMap(nil, map[string][]byte{"k": nil}), cat("0001", "0001", txt("k"), "ffffffff")},
		// [unsigned vint] examples: the spec's 256000 is [110]00011 11101000 00000000.
		{"uvint 0", appendUvint(nil, 0), cat("00")},
		{"uvint 127", appendUvint(nil, 127), cat("7f")},
		{"uvint 128", appendUvint(nil, 128), cat("8080")},
		{"uvint 256000", appendUvint(nil, 256000), cat("c3e800")},
		{"uvint max", appendUvint(nil, ^uint64(0)), cat("ff", "ffffffffffffffff")},
		{"uvint 2^56-1", appendUvint(nil, 1<<56-1), cat("fe", "ffffffffffffff")},
		{"vint -1", appendVint(nil, -1), cat("01")},
		{"vint 1", appendVint(nil, 1), cat("02")},
		{"vint -3", appendVint(nil, -3), cat("05")},
	}
	for _, tc := range tests {
		mustEqualBytes(t, tc.name, tc.got, tc.want)
	}
}

func TestStringTruncatedToShortLimit(t *testing.T) {
	long := make([]byte, maxShortLen+10)
	b := appendString(nil, string(long))
	if len(b) != 2+maxShortLen || b[0] != 0xFF || b[1] != 0xFF {
		t.Fatalf("len %d, prefix %x", len(b), b[:2])
	}
}

func TestReaderDistinguishesNullEmptyZero(t *testing.T) {
	r := reader{b: cat("ffffffff", "00000000", "00000001", "00", "fffffffe")}
	null, empty, zero := r.bytes(), r.bytes(), r.bytes()
	if null != nil {
		t.Errorf("null: got %v, want nil", null)
	}
	if empty == nil || len(empty) != 0 {
		t.Errorf("empty: got %#v, want non-nil empty", empty)
	}
	if !reflect.DeepEqual(zero, []byte{0}) {
		t.Errorf("zero: got %v", zero)
	}
	// [bytes] treats any negative length as null.
	if b := r.bytes(); b != nil || r.err != nil {
		t.Errorf("-2 as [bytes]: %v %v", b, r.err)
	}
	// Empty at the very end of the input is still non-nil.
	r = reader{b: cat("00000000")}
	if b := r.bytes(); b == nil || r.err != nil {
		t.Errorf("trailing empty: %#v %v", b, r.err)
	}
	r = reader{b: cat("0000")}
	if b := r.shortBytes(); b == nil || r.err != nil {
		t.Errorf("empty short bytes: %#v %v", b, r.err)
	}
}

func TestReaderValue(t *testing.T) {
	r := reader{b: cat("ffffffff", "fffffffe", "00000001", "07", "fffffffd")}
	if v, u := r.value(); v != nil || u {
		t.Errorf("null: %v %v", v, u)
	}
	if v, u := r.value(); v != nil || !u {
		t.Errorf("unset: %v %v", v, u)
	}
	if v, u := r.value(); !reflect.DeepEqual(v, []byte{7}) || u {
		t.Errorf("value: %v %v", v, u)
	}
	r.value()
	var de *DecodeError
	if !errors.As(r.err, &de) {
		t.Errorf("-3: want *DecodeError, got %v", r.err)
	}
}

func TestReaderPrimitives(t *testing.T) {
	r := reader{b: cat(
		"beef",               // short
		"fffffffe",           // int
		"0000000000000001",   // long
		"0006", txt("héllo"), // string
		"00000002", txt("ab"), // long string
		"00112233445566778899aabbccddeeff", // uuid
		"0002", "0001", txt("a"), "0000",   // string list ["a", ""]
		"04", "7f000001", "00002352", // inet 127.0.0.1:9042
		"10", "00000000000000000000000000000001", // inetaddr ::1
		"000a",                                     // consistency LOCAL_ONE
		"0001", "0001", txt("k"), "0001", txt("v"), // string map
		"0001", "0001", txt("k"), "0001", "0001", txt("v"), // string multimap
		"0001", "0001", txt("k"), "00000000", // bytes map
		"c3e800", "ff", "ffffffffffffffff", "05", // uvint 256000, uvint max, vint -3
	)}
	if v := r.short(); v != 0xBEEF {
		t.Errorf("short %x", v)
	}
	if v := r.int_(); v != -2 {
		t.Errorf("int %d", v)
	}
	if v := r.long(); v != 1 {
		t.Errorf("long %d", v)
	}
	if v := r.string_(); v != "héllo" {
		t.Errorf("string %q", v)
	}
	if v := r.longString(); v != "ab" {
		t.Errorf("long string %q", v)
	}
	mustEqualBytes(t, "uuid", r.uuid(), cat("00112233445566778899aabbccddeeff"))
	if v := r.stringList(); !reflect.DeepEqual(v, []string{"a", ""}) {
		t.Errorf("string list %q", v)
	}
	if v := r.inet(); v != netip.MustParseAddrPort("127.0.0.1:9042") {
		t.Errorf("inet %v", v)
	}
	if v := r.inetAddr(); v != netip.MustParseAddr("::1") {
		t.Errorf("inetaddr %v", v)
	}
	if v := r.consistency(); v != LocalOne {
		t.Errorf("consistency %v", v)
	}
	if v := r.stringMap(); !reflect.DeepEqual(v, map[string]string{"k": "v"}) {
		t.Errorf("string map %v", v)
	}
	if v := r.stringMultimap(); !reflect.DeepEqual(v, map[string][]string{"k": {"v"}}) {
		t.Errorf("string multimap %v", v)
	}
	if v := r.bytesMap(); !reflect.DeepEqual(v, map[string][]byte{"k": {}}) {
		t.Errorf("bytes map %v", v)
	}
	if v := r.uvint(); v != 256000 {
		t.Errorf("uvint %d", v)
	}
	if v := r.uvint(); v != ^uint64(0) {
		t.Errorf("uvint max %d", v)
	}
	if v := r.vint(); v != -3 {
		t.Errorf("vint %d", v)
	}
	if r.err != nil || len(r.b) != 0 {
		t.Errorf("err %v, %d bytes left", r.err, len(r.b))
	}
}

func TestVintRoundTrip(t *testing.T) {
	for _, v := range []int64{0, 1, -1, 63, -64, 64, 1 << 20, -(1 << 40), 1<<62 + 5, -1 << 63, 1<<63 - 1} {
		r := reader{b: appendVint(nil, v)}
		if got := r.vint(); got != v || r.err != nil || len(r.b) != 0 {
			t.Errorf("vint %d: got %d err %v rest %d", v, got, r.err, len(r.b))
		}
	}
}

func TestReaderErrorsAreStickyAndBounded(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		read func(r *reader)
	}{
		{"truncated int", cat("0000"), func(r *reader) { r.int_() }},
		{"string longer than input", cat("0005", "6162"), func(r *reader) { r.string_() }},
		{"negative long string", cat("ffffffff"), func(r *reader) { r.longString() }},
		{"bytes longer than input", cat("7fffffff", "00"), func(r *reader) { r.bytes() }},
		{"huge string list", cat("ffff", "0000"), func(r *reader) { r.stringList() }},
		{"huge bytes map", cat("ffff"), func(r *reader) { r.bytesMap() }},
		{"inetaddr size 5", cat("05", "0102030405"), func(r *reader) { r.inetAddr() }},
		{"inet port out of range", cat("04", "01020304", "00010000"), func(r *reader) { r.inet() }},
		{"truncated uvint", cat("c3e8"), func(r *reader) { r.uvint() }},
	}
	for _, tc := range tests {
		r := reader{b: tc.in}
		tc.read(&r)
		var de *DecodeError
		if !errors.As(r.err, &de) {
			t.Errorf("%s: want *DecodeError, got %v", tc.name, r.err)
			continue
		}
		first := r.err
		if r.short() != 0 || r.err != first {
			t.Errorf("%s: error not sticky", tc.name)
		}
	}
}
