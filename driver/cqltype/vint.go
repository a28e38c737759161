package cqltype

import "math/bits"

// The protocol's [unsigned vint]: big-endian, with the count of extra bytes
// given by the leading one bits of the first byte; nine bytes at most.

// appendUvint appends v in the shortest [unsigned vint] form.
func appendUvint(dst []byte, v uint64) []byte {
	n := (bits.Len64(v|1) - 1) / 7 // extra bytes
	if n >= 8 {
		dst = append(dst, 0xff)
		for shift := 56; shift >= 0; shift -= 8 {
			dst = append(dst, byte(v>>uint(shift)))
		}
		return dst
	}
	first := byte(v>>(8*uint(n))) | ^byte(0xff>>uint(n))
	dst = append(dst, first)
	for shift := 8 * (n - 1); shift >= 0; shift -= 8 {
		dst = append(dst, byte(v>>uint(shift)))
	}
	return dst
}

// readUvint reads one [unsigned vint], returning it and its length, or
// ok=false if b is too short.
func readUvint(b []byte) (v uint64, size int, ok bool) {
	if len(b) == 0 {
		return 0, 0, false
	}
	n := bits.LeadingZeros8(^b[0])
	if len(b) < n+1 {
		return 0, 0, false
	}
	v = uint64(b[0] & (0xff >> uint(n)))
	for i := 1; i <= n; i++ {
		v = v<<8 | uint64(b[i])
	}
	return v, n + 1, true
}

// appendVint appends a signed [vint]: zig-zag, then [unsigned vint].
func appendVint(dst []byte, v int64) []byte {
	return appendUvint(dst, uint64(v<<1)^uint64(v>>63))
}

// readVint reads one signed [vint].
func readVint(b []byte) (int64, int, bool) {
	u, n, ok := readUvint(b)
	return int64(u>>1) ^ -int64(u&1), n, ok
}
