package cqltype

import (
	"encoding/binary"
	"math/big"
	"slices"
)

// appendVarint appends x as a minimal big-endian two's complement integer,
// the wire form of varint and of a decimal's unscaled value.
func appendVarint(dst []byte, x *big.Int) []byte {
	if x.IsInt64() {
		return appendVarint64(dst, x.Int64())
	}
	// Magnitude bytes with room for the sign bit; a negative x is written
	// as the inverted bytes of -x-1.
	y := x
	if x.Sign() < 0 {
		y = new(big.Int).Neg(x)
		y.Sub(y, big.NewInt(1))
	}
	n := y.BitLen()/8 + 1
	start := len(dst)
	dst = slices.Grow(dst, n)[:start+n]
	y.FillBytes(dst[start:])
	if x.Sign() < 0 {
		for i := start; i < len(dst); i++ {
			dst[i] = ^dst[i]
		}
	}
	return dst
}

// appendVarint64 is appendVarint for values that fit an int64.
func appendVarint64(dst []byte, v int64) []byte {
	n := 8
	for n > 1 {
		// Drop a leading byte while the next byte's top bit still carries the sign.
		top := byte(v >> (8*uint(n) - 8))
		next := byte(v >> (8*uint(n) - 16))
		if (top == 0 && next&0x80 == 0) || (top == 0xff && next&0x80 != 0) {
			n--
			continue
		}
		break
	}
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, byte(v>>(8*uint(i))))
	}
	return dst
}

// decodeVarint reads a two's complement big-endian integer of any length.
func decodeVarint(b []byte) *big.Int {
	if len(b) <= 8 {
		var buf [8]byte
		fill := byte(0)
		if len(b) > 0 && b[0]&0x80 != 0 {
			fill = 0xff
		}
		for i := 0; i < 8-len(b); i++ {
			buf[i] = fill
		}
		copy(buf[8-len(b):], b)
		return big.NewInt(int64(binary.BigEndian.Uint64(buf[:])))
	}
	x := new(big.Int).SetBytes(b)
	if b[0]&0x80 != 0 {
		// Subtract 2^(8*len) to get the negative value.
		x.Sub(x, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return x
}
