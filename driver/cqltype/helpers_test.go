package cqltype

import (
	"bytes"
	"encoding/hex"
	"math"
	"math/big"
	"net"
	"strings"
	"testing"
)

func mustParse(tb testing.TB, s string) *Type {
	tb.Helper()
	t, err := Parse(s)
	if err != nil {
		tb.Fatalf("Parse(%q): %v", s, err)
	}
	return t
}

func mustHex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		tb.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func bigFromString(s string) *big.Int {
	x, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad big int " + s)
	}
	return x
}

// equalValues compares decoded values: floats by bit pattern (so NaN equals
// NaN and -0 differs from 0), big integers and decimals by value and scale,
// IP addresses by address, and containers element by element.
func equalValues(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case float32:
		y, ok := b.(float32)
		return ok && math.Float32bits(x) == math.Float32bits(y)
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case *big.Int:
		y, ok := b.(*big.Int)
		return ok && x.Cmp(y) == 0
	case DecimalValue:
		y, ok := b.(DecimalValue)
		if !ok || x.Scale != y.Scale {
			return false
		}
		xu, yu := x.Unscaled, y.Unscaled
		if xu == nil {
			xu = new(big.Int)
		}
		if yu == nil {
			yu = new(big.Int)
		}
		return xu.Cmp(yu) == 0
	case net.IP:
		y, ok := b.(net.IP)
		return ok && x.Equal(y)
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y) && (x == nil) == (y == nil)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalValues(x[i], y[i]) {
				return false
			}
		}
		return true
	case []MapEntry:
		y, ok := b.([]MapEntry)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalValues(x[i].Key, y[i].Key) || !equalValues(x[i].Value, y[i].Value) {
				return false
			}
		}
		return true
	}
	return a == b
}
