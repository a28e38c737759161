package parquet

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHybridRoundTrip: random values of each width, in runs and not,
// decode to what was encoded.
func TestHybridRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, width := range []int{0, 1, 2, 3, 5, 8, 12, 16, 20, 31, 32} {
		for trial := range 50 {
			n := rng.IntN(300)
			vals := make([]uint32, n)
			for i := range vals {
				if i > 0 && rng.IntN(3) > 0 && trial%2 == 0 {
					vals[i] = vals[i-1] // runs
					continue
				}
				if width > 0 {
					vals[i] = uint32(rng.Uint64() & (1<<width - 1))
				}
			}
			enc := appendHybrid(nil, vals, width)
			d, err := newHybridDecoder(enc, width)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]uint32, 0, n)
			for range n {
				v, err := d.next()
				if err != nil {
					t.Fatalf("width %d, %d values: %v after %d", width, n, err, len(got))
				}
				got = append(got, v)
			}
			if !slices.Equal(got, vals) {
				t.Fatalf("width %d: got %v\nwant %v", width, got, vals)
			}
		}
	}
}

// TestHybridDecode: hand-made runs, and malformed input as errors.
func TestHybridDecode(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		width int
		want  []uint32
		err   bool
	}{
		{"rle run", []byte{6, 5}, 3, []uint32{5, 5, 5}, false},
		{"bit-packed, spec example", []byte{3, 0x88, 0xc6, 0xfa}, 3, []uint32{0, 1, 2, 3, 4, 5, 6, 7}, false},
		{"two-byte rle value", []byte{4, 0x34, 0x12}, 16, []uint32{0x1234, 0x1234}, false},
		{"truncated packed run", []byte{3, 0x88}, 3, []uint32{0, 1, 2}, true},
		{"rle value too wide", []byte{2, 9}, 3, nil, true},
		{"empty", nil, 1, nil, true},
		{"truncated rle value", []byte{2}, 8, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := newHybridDecoder(tc.data, tc.width)
			var got []uint32
			var err error
			for range max(len(tc.want), 8) {
				var v uint32
				if v, err = d.next(); err != nil {
					break
				}
				got = append(got, v)
				if !tc.err && len(got) == len(tc.want) {
					break
				}
			}
			if (err != nil) != tc.err || !slices.Equal(got, tc.want[:min(len(got), len(tc.want))]) {
				t.Errorf("got %v, %v; want %v (error %v)", got, err, tc.want, tc.err)
			}
		})
	}
	if _, err := newHybridDecoder(nil, 33); err == nil {
		t.Error("width 33 accepted")
	}
}
