package copy

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/render"
)

// copyFormatter formats cells as COPY TO writes them: cqlsh's display form
// without colour (text escaped but not quoted), timestamps in UTC to the
// millisecond, the NULL string for null and empty values, and the BOOLSTYLE,
// DECIMALSEP, THOUSANDSSEP and precision options. It is not safe for
// concurrent use.
type copyFormatter struct {
	f            *render.Formatter
	null         string
	boolStyle    [2]string
	decimalSep   string
	thousandsSep string
	floatPrec    int
	doublePrec   int
}

func newCopyFormatter(o *copyOptions, timeFormat string) *copyFormatter {
	if o.timeFormat != "" {
		timeFormat = o.timeFormat
	}
	ro := render.Options{
		FloatPrecision:        max(o.floatPrec, 0),
		DoublePrecision:       max(o.doublePrec, 0),
		TimeFormat:            timeFormat,
		Location:              time.UTC,
		MillisecondTimestamps: true,
		BoolStyle:             o.boolStyle,
	}
	return &copyFormatter{
		f:            render.NewFormatter(&ro),
		null:         o.null,
		boolStyle:    o.boolStyle,
		decimalSep:   o.decimalSep,
		thousandsSep: o.thousandsSep,
		floatPrec:    o.floatPrec,
		doublePrec:   o.doublePrec,
	}
}

// appendCell appends one formatted cell.
func (c *copyFormatter) appendCell(dst []byte, t *cqltype.Type, cell []byte) []byte {
	if cell == nil {
		return append(dst, c.null...)
	}
	switch t.Kind {
	case cqltype.Varchar, cqltype.Ascii, cqltype.Blob, cqltype.Custom:
	default:
		if len(cell) == 0 {
			return append(dst, c.null...)
		}
	}
	switch t.Kind {
	case cqltype.Boolean:
		if cell[0] != 0 {
			return append(dst, c.boolStyle[0]...)
		}
		return append(dst, c.boolStyle[1]...)
	case cqltype.Tinyint, cqltype.Smallint, cqltype.Int, cqltype.Bigint, cqltype.Counter, cqltype.Varint:
		if c.thousandsSep != "" {
			if v, err := cqltype.Decode(t, cell); err == nil {
				if s, ok := intText(v); ok {
					return append(dst, groupThousands(s, c.thousandsSep)...)
				}
			}
		}
	case cqltype.Float, cqltype.Double, cqltype.Decimal:
		if c.thousandsSep != "" || (c.decimalSep != "" && c.decimalSep != ".") {
			if v, err := cqltype.Decode(t, cell); err == nil {
				if x, ok := floatOf(v); ok {
					prec := c.floatPrec
					if t.Kind == cqltype.Double {
						prec = c.doublePrec
					}
					return append(dst, c.separatedFloat(x, prec)...)
				}
			}
		}
	}
	b, _, _ := c.f.AppendCell(dst, t, cell)
	return b
}

func intText(v any) (string, bool) {
	switch x := v.(type) {
	case int8:
		return strconv.FormatInt(int64(x), 10), true
	case int16:
		return strconv.FormatInt(int64(x), 10), true
	case int32:
		return strconv.FormatInt(int64(x), 10), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case *big.Int:
		return x.String(), true
	}
	return "", false
}

func floatOf(v any) (float64, bool) {
	switch x := v.(type) {
	case float32:
		return float64(x), true
	case float64:
		return x, true
	case cqltype.DecimalValue:
		f, err := strconv.ParseFloat(x.String(), 64)
		var ne *strconv.NumError
		return f, err == nil || (errors.As(err, &ne) && ne.Err == strconv.ErrRange)
	}
	return 0, false
}

// groupThousands inserts sep between groups of three digits of a decimal
// integer text.
func groupThousands(s, sep string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// separatedFloat formats a float with the decimal and thousands separators
// as cqlsh does: with a thousands separator, the integer part grouped and
// the fraction to prec places with trailing zeros removed; otherwise %g
// with cqlsh's precision rule and the decimal point replaced.
func (c *copyFormatter) separatedFloat(v float64, prec int) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	}
	if c.thousandsSep != "" {
		ip, fp := math.Modf(v)
		is := strconv.FormatFloat(ip, 'f', 0, 64)
		if ip == 0 && math.Signbit(ip) {
			is = "-0"
		}
		s := groupThousands(is, c.thousandsSep)
		frac := strconv.FormatFloat(math.Abs(fp), 'f', max(prec, 0), 64)
		if len(frac) > 2 {
			frac = strings.TrimRight(frac[2:], "0")
		} else {
			frac = ""
		}
		if frac != "" {
			sep := c.decimalSep
			if sep == "" {
				sep = "."
			}
			s += sep + frac
		}
		return s
	}
	cell := make([]byte, 8)
	putFloat64(cell, v)
	b, _, _ := render.NewFormatter(&render.Options{DoublePrecision: max(prec, 1)}).AppendCell(nil, &cqltype.Type{Kind: cqltype.Double}, cell)
	return strings.ReplaceAll(string(b), ".", c.decimalSep)
}

func putFloat64(b []byte, v float64) {
	u := math.Float64bits(v)
	for i := 7; i >= 0; i-- {
		b[i] = byte(u)
		u >>= 8
	}
}
