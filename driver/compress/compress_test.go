package compress

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"testing"
)

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func compressible(n int) []byte {
	var b []byte
	for i := 0; len(b) < n; i++ {
		b = append(b, "SELECT name, value FROM ks.table WHERE id = ?;"...)
		b = binary.BigEndian.AppendUint32(b, uint32(i%7))
	}
	return b[:n]
}

func inputs() map[string][]byte {
	return map[string][]byte{
		"empty":        {},
		"one byte":     {0x42},
		"small":        []byte("hello, cassandra"),
		"random 1MiB":  randomBytes(1<<20, 1),
		"compressible": compressible(1 << 20),
		"zeros 200KiB": make([]byte, 200<<10),
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		wantErr bool
	}{
		{"lz4", false},
		{"snappy", false},
		{"LZ4", true},
		{"deflate", true},
		{"", true},
	}
	for _, tt := range tests {
		c, err := New(tt.name)
		if tt.wantErr {
			var ue *UnknownAlgorithmError
			if !errors.As(err, &ue) || ue.Name != tt.name {
				t.Errorf("New(%q) error = %v, want UnknownAlgorithmError", tt.name, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("New(%q): %v", tt.name, err)
		}
		if c.Name() != tt.name {
			t.Errorf("New(%q).Name() = %q", tt.name, c.Name())
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for _, algo := range []string{NameLZ4, NameSnappy} {
		c, _ := New(algo)
		for name, in := range inputs() {
			t.Run(algo+"/"+name, func(t *testing.T) {
				prefix := []byte("prefix")
				enc, err := c.AppendCompress(append([]byte(nil), prefix...), in)
				if err != nil {
					t.Fatalf("compress: %v", err)
				}
				if !bytes.HasPrefix(enc, prefix) {
					t.Fatalf("compress clobbered dst prefix")
				}
				dec, err := c.AppendDecompress([]byte("xy"), enc[len(prefix):])
				if err != nil {
					t.Fatalf("decompress: %v", err)
				}
				if string(dec[:2]) != "xy" || !bytes.Equal(dec[2:], in) {
					t.Fatalf("round trip mismatch: got %d bytes, want %d", len(dec)-2, len(in))
				}
				if name == "compressible" && len(enc)-len(prefix) >= len(in)/4 {
					t.Errorf("compressible input only shrank to %d of %d bytes", len(enc)-len(prefix), len(in))
				}
			})
		}
	}
}

func TestLZ4LengthPrefix(t *testing.T) {
	c := NewLZ4()
	tests := []struct {
		in   []byte
		want []byte
	}{
		// A 5-byte input is too short for a match: one token with literal
		// length 5 (0x50) followed by the literals, after the prefix.
		{[]byte("hello"), []byte{0, 0, 0, 5, 0x50, 'h', 'e', 'l', 'l', 'o'}},
		// An empty input is a single zero token.
		{nil, []byte{0, 0, 0, 0, 0x00}},
	}
	for _, tt := range tests {
		got, err := c.AppendCompress(nil, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, tt.want) {
			t.Errorf("AppendCompress(%q) = % x, want % x", tt.in, got, tt.want)
		}
	}
	big := compressible(300000)
	got, _ := c.AppendCompress(nil, big)
	if n := binary.BigEndian.Uint32(got); n != 300000 {
		t.Errorf("length prefix = %d, want 300000", n)
	}
}

func TestCorruptInput(t *testing.T) {
	lz, sn := NewLZ4(), NewSnappy()
	good, _ := lz.AppendCompress(nil, compressible(4096))
	goodSnappy, _ := sn.AppendCompress(nil, compressible(4096))

	huge := binary.BigEndian.AppendUint32(nil, MaxDecompressedLen+1)
	ratio := append(binary.BigEndian.AppendUint32(nil, 1<<20), 0x1f, 0x00)
	shortDecl := append(binary.BigEndian.AppendUint32(nil, 4000), good[4:]...)
	truncated := good[:len(good)-10]
	badOffset := append(binary.BigEndian.AppendUint32(nil, 100), 0x0f, 0xff, 0xff)

	tests := []struct {
		name string
		c    Compressor
		in   []byte
		tooL bool
	}{
		{"lz4 no prefix", lz, []byte{0, 0}, false},
		{"lz4 negative length", lz, []byte{0x80, 0, 0, 0, 0}, false},
		{"lz4 too large", lz, huge, true},
		{"lz4 impossible ratio", lz, ratio, false},
		{"lz4 declared shorter", lz, shortDecl, false},
		{"lz4 truncated block", lz, truncated, false},
		{"lz4 bad offset", lz, badOffset, false},
		{"snappy empty", sn, nil, false},
		{"snappy bad varint", sn, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, false},
		{"snappy too large", sn, binary.AppendUvarint(nil, MaxDecompressedLen+1), true},
		{"snappy impossible ratio", sn, binary.AppendUvarint(nil, 1<<20), false},
		{"snappy truncated", sn, goodSnappy[:len(goodSnappy)-5], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := []byte("keep")
			out, err := tt.c.AppendDecompress(dst, tt.in)
			if err == nil {
				t.Fatalf("no error, got %d bytes", len(out))
			}
			var ce *CorruptError
			var te *TooLargeError
			if tt.tooL && !errors.As(err, &te) {
				t.Errorf("error %v is not TooLargeError", err)
			}
			if !tt.tooL && !errors.As(err, &ce) {
				t.Errorf("error %v is not CorruptError", err)
			}
			if string(out) != "keep" {
				t.Errorf("dst changed to %q", out)
			}
		})
	}
}

func TestLZ4Block(t *testing.T) {
	var bc BlockCompressor
	for name, in := range inputs() {
		t.Run(name, func(t *testing.T) {
			a := LZ4AppendBlock(nil, in)
			b := bc.AppendBlock([]byte{1, 2}, in)
			if !bytes.Equal(a, b[2:]) {
				t.Errorf("pooled and owned compressors disagree")
			}
			dec, err := LZ4AppendDecompressBlock([]byte{9}, a, len(in))
			if err != nil {
				t.Fatal(err)
			}
			if dec[0] != 9 || !bytes.Equal(dec[1:], in) {
				t.Fatal("round trip mismatch")
			}
			if len(in) > 0 {
				if _, err := LZ4AppendDecompressBlock(nil, a, len(in)+1); err == nil {
					t.Error("accepted a longer declared length")
				}
				if _, err := LZ4AppendDecompressBlock(nil, a, len(in)-1); err == nil {
					t.Error("accepted a shorter declared length")
				}
			}
		})
	}
	if _, err := LZ4AppendDecompressBlock(nil, []byte{0}, -1); err == nil {
		t.Error("accepted a negative length")
	}
	if _, err := LZ4AppendDecompressBlock(nil, []byte{0x10, 'a'}, 0); err == nil {
		t.Error("accepted data for an empty block")
	}
}

func TestCompressReusesCapacity(t *testing.T) {
	in := compressible(10000)
	for _, algo := range []string{NameLZ4, NameSnappy} {
		c, _ := New(algo)
		buf := make([]byte, 0, 64<<10)
		enc, _ := c.AppendCompress(buf, in)
		if &enc[0] != &buf[:1][0] {
			t.Errorf("%s: compress did not use dst capacity", algo)
		}
		out := make([]byte, 0, 64<<10)
		dec, _ := c.AppendDecompress(out, enc)
		if &dec[0] != &out[:1][0] {
			t.Errorf("%s: decompress did not use dst capacity", algo)
		}
	}
}
