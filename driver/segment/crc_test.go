package segment

import (
	"hash/crc32"
	"math"
	"testing"
)

// The CRC24 expectations come from the DataStax Java driver's segment codec
// (mirrored in its Go protocol library's tests); the zero-length case is the
// register's initial value, 0x875060, by definition.
func TestCRC24(t *testing.T) {
	tests := []struct {
		v    uint64
		n    int
		want uint32
	}{
		{0, 0, 0x875060},
		{0, 1, 59277},
		{0, 3, 8251255},
		{0, 5, 11185162},
		{0, 8, 9640737},
		{math.MaxInt64, 0, 8867936},
		{math.MaxInt64, 1, 1294145},
		{math.MaxInt64, 3, 8029951},
		{math.MaxInt64, 5, 9326200},
		{math.MaxInt64, 8, 5032370},
		{131077, 3, 10131737},
		{17181442053, 5, 3672222},
		{34359607301, 5, 14445742},
		// Header of a 1-byte self-contained uncompressed segment: wire bytes
		// 01 00 02, checksum bytes 72 56 ac.
		{0x020001, 3, 0xac5672},
	}
	for _, tt := range tests {
		if got := CRC24(tt.v, tt.n); got != tt.want {
			t.Errorf("CRC24(%#x, %d) = %d, want %d", tt.v, tt.n, got, tt.want)
		}
	}
}

// The CRC32 expectations agree with zlib.crc32(data, zlib.crc32(b"\xfa\x2d\x55\xca")),
// which is how the Python driver checks payloads, and the QUERY vector is a
// checksum captured from the DataStax Java driver talking to Cassandra.
func TestCRC32(t *testing.T) {
	query := []byte{
		6, 16, 0, 0, 7, 0, 0, 0, 47, 0, 0, 0, 37, 83, 69, 76, 69, 67, 84, 32, 99, 108, 117, 115, 116, 101, 114,
		95, 110, 97, 109, 101, 32, 70, 82, 79, 77, 32, 115, 121, 115, 116, 101, 109, 46, 108, 111, 99, 97, 108,
		0, 1, 0, 0, 0, 0,
	}
	tests := []struct {
		name string
		data []byte
		want uint32
	}{
		{"empty is the seed", nil, 0x44777ED3},
		{"one byte", []byte{1}, 0xba9b2b0b},
		{"0..9", []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0xdffa32a8},
		{"QUERY SELECT cluster_name FROM system.local", query, 37932456},
	}
	for _, tt := range tests {
		if got := CRC32(tt.data); got != tt.want {
			t.Errorf("%s: CRC32 = %#08x, want %#08x", tt.name, got, tt.want)
		}
	}
	if seed := crc32.ChecksumIEEE([]byte{0xfa, 0x2d, 0x55, 0xca}); seed != crc32Seed {
		t.Errorf("crc32Seed = %#x, want IEEE CRC of FA 2D 55 CA = %#x", crc32Seed, seed)
	}
}
