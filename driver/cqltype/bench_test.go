package cqltype

import "testing"

func benchDecode(b *testing.B, typ string, v any) {
	ty := mustParse(b, typ)
	cell, err := Encode(ty, v)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(cell)))
	for b.Loop() {
		if _, err := Decode(ty, cell); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeInt(b *testing.B) { benchDecode(b, "int", int32(123456789)) }

func BenchmarkDecodeText(b *testing.B) {
	benchDecode(b, "text", "the quick brown fox jumps over the lazy dog")
}

func BenchmarkDecodeListInt10(b *testing.B) {
	benchDecode(b, "list<int>", []any{1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009})
}

func BenchmarkAppendListInt10(b *testing.B) {
	ty := mustParse(b, "list<int>")
	v := []any{int32(1000), int32(1001), int32(1002), int32(1003), int32(1004),
		int32(1005), int32(1006), int32(1007), int32(1008), int32(1009)}
	buf := make([]byte, 0, 128)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if buf, _, err = AppendValue(buf[:0], ty, v); err != nil {
			b.Fatal(err)
		}
	}
}
