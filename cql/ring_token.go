package cql

import (
	"math"
	"math/big"
)

// ClampToken brings a token typed beyond the Murmur3 range into it: a
// token above every ring token, or below every one, lands in the range
// that wraps round, as it does in cqlsh's arbitrary-precision token map.
func ClampToken(t *big.Int) int64 {
	switch {
	case t.IsInt64():
		return t.Int64()
	case t.Sign() > 0:
		return math.MaxInt64
	default:
		return math.MinInt64
	}
}
