package driver

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// Murmur3Token is the token Cassandra's Murmur3Partitioner gives a
// partition key in its serialised form (see RoutingKey): the first half of
// MurmurHash3 x64 128 with seed 0, with two of Cassandra's own rules kept
// for the tokens to agree — tail bytes are sign-extended, as Java bytes
// are, and math.MinInt64 becomes math.MaxInt64.
func Murmur3Token(key []byte) int64 {
	const (
		c1 = 0x87c37b91114253d5
		c2 = 0x4cf5ad432745937f
	)
	var h1, h2 uint64
	n := len(key)
	blocks := n / 16
	for i := range blocks {
		k1 := binary.LittleEndian.Uint64(key[i*16:])
		k2 := binary.LittleEndian.Uint64(key[i*16+8:])
		k1 *= c1
		k1 = bits.RotateLeft64(k1, 31)
		k1 *= c2
		h1 ^= k1
		h1 = bits.RotateLeft64(h1, 27)
		h1 += h2
		h1 = h1*5 + 0x52dce729
		k2 *= c2
		k2 = bits.RotateLeft64(k2, 33)
		k2 *= c1
		h2 ^= k2
		h2 = bits.RotateLeft64(h2, 31)
		h2 += h1
		h2 = h2*5 + 0x38495ab5
	}
	tail := key[blocks*16:]
	signed := func(i int) uint64 { return uint64(int64(int8(tail[i]))) }
	var k1, k2 uint64
	for i := len(tail) - 1; i >= 8; i-- {
		k2 ^= signed(i) << (8 * (i - 8))
	}
	if len(tail) > 8 {
		k2 *= c2
		k2 = bits.RotateLeft64(k2, 33)
		k2 *= c1
		h2 ^= k2
	}
	for i := min(len(tail), 8) - 1; i >= 0; i-- {
		k1 ^= signed(i) << (8 * i)
	}
	if len(tail) > 0 {
		k1 *= c1
		k1 = bits.RotateLeft64(k1, 31)
		k1 *= c2
		h1 ^= k1
	}
	h1 ^= uint64(n)
	h2 ^= uint64(n)
	h1 += h2
	h2 += h1
	h1 = fmix64(h1)
	h2 = fmix64(h2)
	h1 += h2
	if t := int64(h1); t != math.MinInt64 {
		return t
	}
	return math.MaxInt64
}

func fmix64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	k *= 0xc4ceb9fe1a85ec53
	k ^= k >> 33
	return k
}

// RoutingKey serialises the partition key of a prepared statement's
// arguments as the partitioner reads it: the value itself for a single
// column, else each component as a [short] length, its bytes and a zero.
// It fails when the statement does not bind the whole partition key, or a
// component is null or cannot be encoded.
func (p *Prepared) RoutingKey(args []any) ([]byte, error) {
	if len(p.PKIndices) == 0 {
		return nil, fmt.Errorf("the statement does not bind the partition key")
	}
	var out []byte
	for _, idx := range p.PKIndices {
		if int(idx) >= len(args) || int(idx) >= len(p.Params) {
			return nil, fmt.Errorf("partition key marker %d has no argument", idx)
		}
		v, null, err := cqltype.AppendValue(nil, p.Params[idx].Type, args[idx])
		if err != nil {
			return nil, err
		}
		if null {
			return nil, fmt.Errorf("partition key column %s is null", p.Params[idx].Name)
		}
		if len(p.PKIndices) == 1 {
			return v, nil
		}
		out = binary.BigEndian.AppendUint16(out, uint16(len(v)))
		out = append(out, v...)
		out = append(out, 0)
	}
	return out, nil
}
