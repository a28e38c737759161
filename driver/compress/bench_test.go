package compress

import "testing"

func benchCompress(b *testing.B, c Compressor, in []byte) {
	dst := make([]byte, 0, 2*len(in)+64)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		dst, _ = c.AppendCompress(dst[:0], in)
	}
}

func benchDecompress(b *testing.B, c Compressor, in []byte) {
	enc, _ := c.AppendCompress(nil, in)
	dst := make([]byte, 0, len(in))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		dst, err = c.AppendDecompress(dst[:0], enc)
		if err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLZ4Compress64KiB(b *testing.B)    { benchCompress(b, NewLZ4(), compressible(64<<10)) }
func BenchmarkLZ4Decompress64KiB(b *testing.B)  { benchDecompress(b, NewLZ4(), compressible(64<<10)) }
func BenchmarkSnappyCompress64KiB(b *testing.B) { benchCompress(b, NewSnappy(), compressible(64<<10)) }
func BenchmarkSnappyDecompress64KiB(b *testing.B) {
	benchDecompress(b, NewSnappy(), compressible(64<<10))
}

func BenchmarkLZ4AppendBlock1KiB(b *testing.B) {
	in := compressible(1 << 10)
	dst := make([]byte, 0, 2<<10)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		dst = LZ4AppendBlock(dst[:0], in)
	}
}
