// Package compress implements the body compression codecs of the CQL native
// protocol: the "lz4" and "snappy" frame-body formats of protocol v3/v4, and
// the raw LZ4 block used inside protocol v5 segments.
//
// All functions are append-style: they write into the spare capacity of dst
// and return the extended slice, so callers can reuse buffers across frames.
package compress

// MaxDecompressedLen bounds the uncompressed length a compressed body may
// declare. It matches the protocol's 256 MiB frame size limit and keeps a
// hostile length prefix from forcing a huge allocation.
const MaxDecompressedLen = 256 << 20

// Compressor compresses and decompresses v3/v4 frame bodies in one of the
// formats negotiated through the STARTUP "COMPRESSION" option.
//
// A Compressor returned by New is not safe for concurrent use: it owns
// reusable compression state. Use one per connection writer, or one per
// goroutine.
type Compressor interface {
	// Name is the protocol name of the algorithm, as sent in STARTUP.
	Name() string
	// AppendCompress appends the compressed form of src to dst.
	AppendCompress(dst, src []byte) ([]byte, error)
	// AppendDecompress appends the decompressed form of src to dst. Corrupt
	// or oversized input yields an error and leaves dst's contents unchanged
	// up to its original length.
	AppendDecompress(dst, src []byte) ([]byte, error)
}

// Names of the supported algorithms, as used in the STARTUP message.
const (
	NameLZ4    = "lz4"
	NameSnappy = "snappy"
)

// New returns a fresh Compressor for the named algorithm ("lz4" or "snappy").
func New(name string) (Compressor, error) {
	switch name {
	case NameLZ4:
		return NewLZ4(), nil
	case NameSnappy:
		return NewSnappy(), nil
	}
	return nil, &UnknownAlgorithmError{Name: name}
}

// grow returns dst with at least n bytes of spare capacity, keeping its
// length and contents.
func grow(dst []byte, n int) []byte {
	if cap(dst)-len(dst) >= n {
		return dst
	}
	out := make([]byte, len(dst), len(dst)+n)
	copy(out, dst)
	return out
}
