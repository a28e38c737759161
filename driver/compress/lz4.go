package compress

import (
	"encoding/binary"

	"github.com/pierrec/lz4/v4"
)

// lz4MaxRatio bounds how many output bytes one input byte of an LZ4 block can
// produce (a match length byte of 0xFF adds 255 bytes). A declared length
// beyond it cannot be genuine, so it is rejected before allocating.
const lz4MaxRatio = 255

// LZ4 is the v3/v4 "lz4" body format used by Cassandra: a 4-byte big-endian
// uncompressed length followed by one raw LZ4 block.
//
// An LZ4 keeps a 136 KiB hash table between calls so compression does not
// allocate; it is therefore not safe for concurrent use.
type LZ4 struct {
	block BlockCompressor
}

// NewLZ4 returns an LZ4 body compressor.
func NewLZ4() *LZ4 { return &LZ4{} }

// Name returns "lz4".
func (*LZ4) Name() string { return NameLZ4 }

// AppendCompress appends the length prefix and the LZ4 block of src to dst.
func (c *LZ4) AppendCompress(dst, src []byte) ([]byte, error) {
	if len(src) > MaxDecompressedLen {
		return dst, &TooLargeError{Algorithm: NameLZ4, Len: int64(len(src)), Max: MaxDecompressedLen}
	}
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(src)))
	return c.block.AppendBlock(dst, src), nil
}

// AppendDecompress decodes a length-prefixed LZ4 body and appends the result
// to dst. The block must produce exactly the declared length.
func (*LZ4) AppendDecompress(dst, src []byte) ([]byte, error) {
	if len(src) < 4 {
		return dst, &CorruptError{Algorithm: NameLZ4, Reason: "missing 4-byte length prefix"}
	}
	n := int32(binary.BigEndian.Uint32(src))
	if n < 0 {
		return dst, &CorruptError{Algorithm: NameLZ4, Reason: "negative uncompressed length"}
	}
	if n == 0 {
		return dst, nil
	}
	return LZ4AppendDecompressBlock(dst, src[4:], int(n))
}

// BlockCompressor produces raw LZ4 blocks while reusing one hash table, so
// repeated calls do not allocate. It is not safe for concurrent use; the zero
// value is ready.
type BlockCompressor struct {
	c lz4.Compressor
}

// AppendBlock appends the raw LZ4 block of src to dst.
func (b *BlockCompressor) AppendBlock(dst, src []byte) []byte {
	return appendBlock(dst, src, b.c.CompressBlock)
}

// LZ4AppendBlock appends the raw LZ4 block of src to dst, with no length
// prefix, as carried in a v5 segment. It is safe for concurrent use (it draws
// compression state from the lz4 library's internal pool).
func LZ4AppendBlock(dst, src []byte) []byte {
	return appendBlock(dst, src, func(s, d []byte) (int, error) { return lz4.CompressBlock(s, d, nil) })
}

func appendBlock(dst, src []byte, compress func(src, dst []byte) (int, error)) []byte {
	bound := lz4.CompressBlockBound(len(src))
	dst = grow(dst, bound)
	start := len(dst)
	n, err := compress(src, dst[start:start+bound])
	if err != nil || n <= 0 {
		// With a destination of CompressBlockBound bytes the library
		// guarantees success; reaching here means that guarantee broke.
		panic("compress: lz4 block compression failed with a bound-sized buffer")
	}
	return dst[:start+n]
}

// LZ4AppendDecompressBlock decodes the raw LZ4 block src, which must expand to
// exactly uncompressedLen bytes, and appends the result to dst.
func LZ4AppendDecompressBlock(dst, src []byte, uncompressedLen int) ([]byte, error) {
	switch {
	case uncompressedLen < 0:
		return dst, &CorruptError{Algorithm: NameLZ4, Reason: "negative uncompressed length"}
	case uncompressedLen > MaxDecompressedLen:
		return dst, &TooLargeError{Algorithm: NameLZ4, Len: int64(uncompressedLen), Max: MaxDecompressedLen}
	case uncompressedLen == 0:
		if len(src) > 1 || (len(src) == 1 && src[0] != 0) {
			return dst, &CorruptError{Algorithm: NameLZ4, Reason: "data for an empty block"}
		}
		return dst, nil
	case int64(uncompressedLen) > int64(len(src))*lz4MaxRatio:
		return dst, &CorruptError{Algorithm: NameLZ4, Reason: "declared length impossible for block size"}
	}
	out := grow(dst, uncompressedLen)
	start := len(out)
	n, err := lz4.UncompressBlock(src, out[start:start+uncompressedLen])
	if err != nil {
		return dst, &CorruptError{Algorithm: NameLZ4, Reason: "invalid block", Err: err}
	}
	if n != uncompressedLen {
		return dst, &CorruptError{Algorithm: NameLZ4, Reason: "block shorter than declared length"}
	}
	return out[:start+n], nil
}
