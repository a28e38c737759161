package segment

import "testing"

func BenchmarkAppendSegment100(b *testing.B) {
	frame := makeFrame(1, textBody(91))
	for _, lz4 := range []bool{false, true} {
		b.Run(map[bool]string{false: "plain", true: "lz4"}[lz4], func(b *testing.B) {
			buf := make([]byte, 0, 512)
			b.SetBytes(int64(len(frame)))
			b.ReportAllocs()
			for b.Loop() {
				buf = AppendSegment(buf[:0], frame, true, lz4)
			}
		})
	}
}

func BenchmarkEncoder100x100(b *testing.B) {
	frame := makeFrame(1, textBody(91))
	for _, lz4 := range []bool{false, true} {
		b.Run(map[bool]string{false: "plain", true: "lz4"}[lz4], func(b *testing.B) {
			enc := NewEncoder(lz4)
			buf := make([]byte, 0, 16<<10)
			b.SetBytes(100 * int64(len(frame)))
			b.ReportAllocs()
			for b.Loop() {
				buf = buf[:0]
				for range 100 {
					buf = enc.AppendFrame(buf, frame)
				}
				buf = enc.Flush(buf)
			}
		})
	}
}

func BenchmarkDecode100x100(b *testing.B) {
	frame := makeFrame(1, textBody(91))
	for _, lz4 := range []bool{false, true} {
		b.Run(map[bool]string{false: "plain", true: "lz4"}[lz4], func(b *testing.B) {
			enc := NewEncoder(lz4)
			var stream []byte
			for range 100 {
				stream = enc.AppendFrame(stream, frame)
			}
			stream = enc.Flush(stream)
			d := NewDecoder(lz4, 0)
			b.SetBytes(100 * int64(len(frame)))
			b.ReportAllocs()
			for b.Loop() {
				d.Feed(stream)
				n := 0
				for {
					_, ok, err := d.Next()
					if err != nil {
						b.Fatal(err)
					}
					if !ok {
						break
					}
					n++
				}
				if n != 100 {
					b.Fatalf("decoded %d frames", n)
				}
			}
		})
	}
}

func BenchmarkSplit1MiB(b *testing.B) {
	frame := makeFrame(1, randomBody(1<<20, 1))
	for _, lz4 := range []bool{false, true} {
		b.Run(map[bool]string{false: "plain", true: "lz4"}[lz4], func(b *testing.B) {
			enc := NewEncoder(lz4)
			buf := make([]byte, 0, 2<<20)
			d := NewDecoder(lz4, 0)
			b.SetBytes(int64(len(frame)))
			b.ReportAllocs()
			for b.Loop() {
				buf = enc.AppendFrame(buf[:0], frame)
				d.Feed(buf)
				if _, ok, err := d.Next(); !ok || err != nil {
					b.Fatal(ok, err)
				}
			}
		})
	}
}
