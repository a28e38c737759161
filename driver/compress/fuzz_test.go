package compress

import (
	"bytes"
	"testing"
)

func fuzzDecompress(f *testing.F, c Compressor) {
	for _, in := range [][]byte{nil, []byte("a"), []byte("hello hello hello hello hello"), compressible(3000), randomBytes(300, 7)} {
		enc, err := c.AppendCompress(nil, in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
	}
	f.Add([]byte{0, 0, 0, 1})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := c.AppendDecompress([]byte("p"), data)
		if err != nil {
			if string(out) != "p" {
				t.Fatalf("dst modified on error")
			}
			return
		}
		if len(out) > MaxDecompressedLen+1 {
			t.Fatalf("output %d exceeds bound", len(out))
		}
		// Whatever decodes must survive a re-encode round trip.
		enc, err := c.AppendCompress(nil, out[1:])
		if err != nil {
			t.Fatal(err)
		}
		back, err := c.AppendDecompress(nil, enc)
		if err != nil || !bytes.Equal(back, out[1:]) {
			t.Fatalf("re-encode round trip failed: %v", err)
		}
	})
}

func FuzzLZ4Decompress(f *testing.F)    { fuzzDecompress(f, NewLZ4()) }
func FuzzSnappyDecompress(f *testing.F) { fuzzDecompress(f, NewSnappy()) }
