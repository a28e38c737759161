package render

import (
	"math"
	"strconv"
)

// appendFloat appends v as cqlsh does: NaN, Infinity and -Infinity by name,
// otherwise C's %g with the given number of significant digits, raised by
// the number of integer digits when that keeps %g in plain notation, so
// that 1116.12341 rather than 1116.1 shows for precision 5.
func appendFloat(dst []byte, v float64, precision int) []byte {
	switch {
	case math.IsNaN(v):
		return append(dst, "NaN"...)
	case math.IsInf(v, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(v, -1):
		return append(dst, "-Infinity"...)
	}
	a := math.Abs(v)
	if a > 2.220446049250313e-16 { // sys.float_info.epsilon
		if e := truncLog10(a); e >= -4 && e < precision {
			precision += e + 1
		}
	}
	return strconv.AppendFloat(dst, v, 'g', precision, 64)
}

// truncLog10 returns int(math.log10(a)) as Python computes it for a > 0:
// the base-10 logarithm truncated toward zero. It works from the exact
// decimal exponent rather than a floating-point logarithm, so powers of ten
// are not misjudged by rounding.
func truncLog10(a float64) int {
	var buf [32]byte
	s := strconv.AppendFloat(buf[:0], a, 'e', -1, 64) // d[.ddd]e±xx
	i := 0
	for i < len(s) && s[i] != 'e' {
		i++
	}
	exp, _ := strconv.Atoi(string(s[i+1:]))
	exact := i == 1 && s[0] == '1' // the shortest form is exactly 1e±xx
	if a >= 1 || exact {
		return exp
	}
	return exp + 1
}
