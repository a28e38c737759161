package compress

import (
	"github.com/golang/snappy"
)

// snappyMaxRatio bounds the expansion of a snappy block: its densest element,
// a 3-byte copy, yields at most 64 bytes. A larger declared length is
// rejected before allocating.
const snappyMaxRatio = 32

// Snappy is the v3/v4 "snappy" body format: one snappy block (which carries
// its own varint length). It holds no state and is safe for concurrent use.
type Snappy struct{}

// NewSnappy returns a snappy body compressor.
func NewSnappy() *Snappy { return &Snappy{} }

// Name returns "snappy".
func (*Snappy) Name() string { return NameSnappy }

// AppendCompress appends the snappy block of src to dst.
func (*Snappy) AppendCompress(dst, src []byte) ([]byte, error) {
	bound := snappy.MaxEncodedLen(len(src))
	if bound < 0 || len(src) > MaxDecompressedLen {
		return dst, &TooLargeError{Algorithm: NameSnappy, Len: int64(len(src)), Max: MaxDecompressedLen}
	}
	dst = grow(dst, bound)
	start := len(dst)
	enc := snappy.Encode(dst[start:start+bound], src)
	return dst[:start+len(enc)], nil
}

// AppendDecompress decodes the snappy block src and appends the result to dst.
func (*Snappy) AppendDecompress(dst, src []byte) ([]byte, error) {
	n, err := snappy.DecodedLen(src)
	if err != nil {
		return dst, &CorruptError{Algorithm: NameSnappy, Reason: "invalid length header", Err: err}
	}
	if n > MaxDecompressedLen {
		return dst, &TooLargeError{Algorithm: NameSnappy, Len: int64(n), Max: MaxDecompressedLen}
	}
	if int64(n) > int64(len(src))*snappyMaxRatio {
		return dst, &CorruptError{Algorithm: NameSnappy, Reason: "declared length impossible for block size"}
	}
	out := grow(dst, n)
	start := len(out)
	dec, err := snappy.Decode(out[start:start+n], src)
	if err != nil {
		return dst, &CorruptError{Algorithm: NameSnappy, Reason: "invalid block", Err: err}
	}
	if len(dec) != n {
		return dst, &CorruptError{Algorithm: NameSnappy, Reason: "length mismatch"}
	}
	return out[:start+n], nil
}
