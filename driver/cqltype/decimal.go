package cqltype

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// DecimalValue is a CQL decimal: Unscaled × 10^-Scale. A nil Unscaled reads as 0.
type DecimalValue struct {
	Unscaled *big.Int
	Scale    int32
}

// String formats the value as Python's Decimal (and Java's BigDecimal) do:
// plain notation when the exponent is not positive and the adjusted exponent
// is at least -6, scientific notation such as 1E-14 or 1.5E+3 otherwise.
func (d DecimalValue) String() string {
	var digits string
	neg := false
	if d.Unscaled == nil {
		digits = "0"
	} else {
		digits = d.Unscaled.String()
		if digits[0] == '-' {
			neg = true
			digits = digits[1:]
		}
	}
	exp := -int64(d.Scale)
	nd := int64(len(digits))
	leftDigits := exp + nd
	dotPlace := int64(1)
	if exp <= 0 && leftDigits > -6 {
		dotPlace = leftDigits
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	switch {
	case dotPlace <= 0:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", int(-dotPlace)))
		b.WriteString(digits)
	case dotPlace >= nd:
		// dotPlace never exceeds nd: plain notation has exp <= 0 and
		// scientific notation puts the point after one digit.
		b.WriteString(digits)
	default:
		b.WriteString(digits[:dotPlace])
		b.WriteByte('.')
		b.WriteString(digits[dotPlace:])
	}
	if leftDigits != dotPlace {
		b.WriteByte('E')
		e := leftDigits - dotPlace
		if e >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.FormatInt(e, 10))
	}
	return b.String()
}

// ParseDecimal parses [+-]digits[.digits][E[+-]digits] (either part of the
// mantissa may be empty, not both) keeping every digit: "1.50" has scale 2.
func ParseDecimal(s string) (DecimalValue, error) {
	bad := func(r string) (DecimalValue, error) {
		return DecimalValue{}, &ParseError{What: "decimal", Input: s, Pos: -1, Reason: r}
	}
	t := strings.TrimSpace(s)
	mant, expPart := t, ""
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		mant, expPart = t[:i], t[i+1:]
		if expPart == "" {
			return bad("empty exponent")
		}
	}
	sign := ""
	if mant != "" && (mant[0] == '+' || mant[0] == '-') {
		if mant[0] == '-' {
			sign = "-"
		}
		mant = mant[1:]
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	if intPart == "" && frac == "" {
		return bad("no digits")
	}
	if !allDigits(intPart) || !allDigits(frac) {
		return bad("not a number")
	}
	scale := int64(len(frac))
	if expPart != "" {
		if !isInteger(expPart) {
			return bad("bad exponent")
		}
		e, err := strconv.ParseInt(expPart, 10, 64)
		if err != nil || e > 1<<40 || e < -(1<<40) {
			return bad("exponent out of range")
		}
		scale -= e
	}
	if scale > math.MaxInt32 || scale < math.MinInt32 {
		return bad("scale out of range")
	}
	u, ok := new(big.Int).SetString(sign+intPart+frac, 10)
	if !ok {
		return bad("not a number")
	}
	return DecimalValue{Unscaled: u, Scale: int32(scale)}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
