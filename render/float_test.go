package render

import (
	"math"
	"testing"
)

func TestAppendFloat(t *testing.T) {
	tests := []struct {
		v    float64
		prec int
		want string
	}{
		{1, 5, "1"},
		{-2.1, 5, "-2.1"},
		{float64(float32(99999.999)), 5, "1e+05"},
		{0.0006, 5, "0.0006"},
		{6e-05, 5, "6e-05"},
		{6.123456, 5, "6.12346"},
		{float64(float32(1116.12345)), 5, "1116.12341"},
		{11116.12345, 5, "11116.12345"},
		{111116.12345, 5, "1.1112e+05"},
		{1e-16, 5, "1e-16"},
		{math.Copysign(0, -1), 5, "-0"},
		{0, 5, "0"},
		{math.NaN(), 5, "NaN"},
		{math.Inf(1), 5, "Infinity"},
		{math.Inf(-1), 5, "-Infinity"},
		{1.5, 5, "1.5"},
		{-6.1e-05, 5, "-6.1e-05"},
		{1e300, 5, "1e+300"},
		{1000, 5, "1000"},
		{0.001, 5, "0.001"},
		{0.1, 5, "0.1"},
		{123456.789, 12, "123456.789000000004"}, // what Python's %.18g gives, as cqlsh shows it
		{1.0 / 3, 12, "0.3333333333333"},
	}
	for _, tt := range tests {
		if got := string(appendFloat(nil, tt.v, tt.prec)); got != tt.want {
			t.Errorf("appendFloat(%v, %d) = %q, want %q", tt.v, tt.prec, got, tt.want)
		}
	}
}

func TestTruncLog10(t *testing.T) {
	tests := []struct {
		v    float64
		want int
	}{{1, 0}, {9.99, 0}, {10, 1}, {1000, 3}, {999.999, 2}, {0.5, 0}, {0.001, -3}, {0.0011, -2}, {6e-05, -4}, {1e-300, -300}}
	for _, tt := range tests {
		if got := truncLog10(tt.v); got != tt.want {
			t.Errorf("truncLog10(%v) = %d, want %d", tt.v, got, tt.want)
		}
	}
}
