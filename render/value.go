package render

import (
	"fmt"
	"math/big"
	"net"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// Cell is one formatted value.
type Cell struct {
	// Text is the value as shown, with ANSI colour codes when colour is on.
	Text string
	// Width is the display width of Text without its colour codes, the
	// width cqlsh pads to. East Asian wide characters count two columns.
	Width int
	// Err is set when the cell could not be decoded; Text then shows the
	// raw bytes in the error colour, as cqlsh marks values it failed to
	// format.
	Err *FormatError
}

// FormatValue formats one cell of type t as cqlsh shows it in a table:
// a nil cell is null, a zero-length cell of a type without an empty form
// is blank, and every other value follows cqlsh's rules for its type (see
// the package documentation for the few deliberate differences). A nil o
// means the defaults. To format many cells, make a Formatter once.
func FormatValue(t *cqltype.Type, cell []byte, o *Options) Cell {
	return NewFormatter(o).Format(t, cell)
}

// Formatter formats cells with fixed options. It is cheap to make and not
// safe for concurrent use.
type Formatter struct {
	pal        palette
	m          measurer
	loc        *time.Location
	timeFormat string
	dateFormat string
	floatPrec  int
	doublePrec int
	// plain is COPY TO style for CSV: top-level text raw, timestamps to
	// the millisecond.
	plain bool
	// millis prints timestamps to the millisecond (set by plain too).
	millis bool
	// boolWords replaces True and False when both are set.
	boolWords [2]string
}

// NewFormatter returns a Formatter for o (nil means the defaults).
func NewFormatter(o *Options) *Formatter {
	o = orDefault(o)
	f := &Formatter{
		pal:        newPalette(o.Color),
		m:          newMeasurer(),
		loc:        o.location(),
		timeFormat: o.timeFormat(),
		dateFormat: o.DateFormat,
		floatPrec:  o.floatPrecision(),
		doublePrec: o.doublePrecision(),
		millis:     o.MillisecondTimestamps,
	}
	if o.BoolStyle[0] != "" && o.BoolStyle[1] != "" {
		f.boolWords = o.BoolStyle
	}
	return f
}

// Format formats one cell of type t.
func (f *Formatter) Format(t *cqltype.Type, cell []byte) Cell {
	b, w, err := f.AppendCell(nil, t, cell)
	return Cell{Text: string(b), Width: w, Err: err}
}

// AppendCell appends the formatted cell to dst and returns its display
// width. On a decoding failure it appends an error marker and returns the
// error as well.
func (f *Formatter) AppendCell(dst []byte, t *cqltype.Type, cell []byte) ([]byte, int, *FormatError) {
	if cell == nil {
		return f.appendNull(dst), 4, nil
	}
	v, err := cqltype.Decode(t, cell)
	if err == nil {
		var w int
		start := len(dst)
		if f.plain {
			if s, ok := v.(string); ok && utf8.ValidString(s) {
				return append(dst, s...), f.m.string(s), nil
			}
		}
		dst, w, err = f.appendValue(dst, t, v, false)
		if err == nil {
			return dst, w, nil
		}
		dst = dst[:start]
	}
	fe := &FormatError{Type: typeName(t), Raw: append([]byte(nil), cell...), Err: err}
	dst = append(dst, f.pal.null...)
	n := len(dst)
	dst = appendHex(dst, cell)
	w := len(dst) - n
	dst = append(dst, f.pal.resetIf(f.pal.null)...)
	return dst, w, fe
}

func typeName(t *cqltype.Type) string {
	if t == nil {
		return "<nil>"
	}
	return t.String()
}

func (f *Formatter) appendNull(dst []byte) []byte {
	dst = append(dst, f.pal.null...)
	dst = append(dst, "null"...)
	return append(dst, f.pal.resetIf(f.pal.null)...)
}

func appendHex(dst, b []byte) []byte {
	dst = append(dst, '0', 'x')
	for _, c := range b {
		dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
	}
	return dst
}

// colored appends s wrapped in col and reports its width, which is len(s):
// every caller passes ASCII.
func (f *Formatter) colored(dst []byte, col, s string, quote bool) ([]byte, int) {
	dst = append(dst, col...)
	w := len(s)
	if quote {
		dst = append(dst, '\'')
		dst = append(dst, s...)
		dst = append(dst, '\'')
		w += 2
	} else {
		dst = append(dst, s...)
	}
	return append(dst, f.pal.resetIf(col)...), w
}

// number appends the ASCII text that fn appends, in the number colour.
func (f *Formatter) number(dst []byte, quote bool, fn func([]byte) []byte) ([]byte, int) {
	dst = append(dst, f.pal.number...)
	if quote {
		dst = append(dst, '\'')
	}
	n := len(dst)
	dst = fn(dst)
	w := len(dst) - n
	if quote {
		dst = append(dst, '\'')
		w += 2
	}
	return append(dst, f.pal.resetIf(f.pal.number)...), w
}

// appendValue appends decoded value v of type t. quote is set inside
// collections, where text, timestamps and inet addresses are quoted.
func (f *Formatter) appendValue(dst []byte, t *cqltype.Type, v any, quote bool) ([]byte, int, error) {
	p := &f.pal
	switch x := v.(type) {
	case nil:
		return f.appendNull(dst), 4, nil
	case cqltype.Empty:
		return append(append(dst, p.text...), p.resetIf(p.text)...), 0, nil
	case string:
		if !utf8.ValidString(x) {
			return dst, 0, errInvalidUTF8
		}
		dst, w := f.appendText(dst, x, quote, p.text)
		return dst, w, nil
	case []byte:
		dst = append(dst, p.blob...)
		dst = appendHex(dst, x)
		return append(dst, p.resetIf(p.blob)...), 2 + 2*len(x), nil
	case bool:
		if f.boolWords[0] != "" {
			w := f.boolWords[1]
			if x {
				w = f.boolWords[0]
			}
			dst, n := f.colored(dst, p.number, w, false)
			return dst, n, nil
		}
		if x {
			dst, w := f.colored(dst, p.number, "True", false)
			return dst, w, nil
		}
		dst, w := f.colored(dst, p.number, "False", false)
		return dst, w, nil
	case int64, int32, int16, int8:
		i, _ := cqltype.Integer(x)
		dst, w := f.number(dst, false, func(b []byte) []byte { return strconv.AppendInt(b, i, 10) })
		return dst, w, nil
	case float32:
		dst, w := f.number(dst, false, func(b []byte) []byte { return appendFloat(b, float64(x), f.floatPrec) })
		return dst, w, nil
	case float64:
		dst, w := f.number(dst, false, func(b []byte) []byte { return appendFloat(b, x, f.doublePrec) })
		return dst, w, nil
	case *big.Int:
		dst, w := f.number(dst, false, func(b []byte) []byte { return x.Append(b, 10) })
		return dst, w, nil
	case cqltype.DecimalValue:
		dst, w := f.number(dst, false, func(b []byte) []byte { return append(b, x.String()...) })
		return dst, w, nil
	case cqltype.UUIDValue:
		dst, w := f.number(dst, false, func(b []byte) []byte { return appendUUID(b, x) })
		return dst, w, nil
	case net.IP:
		dst, w := f.number(dst, quote, func(b []byte) []byte { return append(b, x.String()...) })
		return dst, w, nil
	case cqltype.TimestampValue:
		dst, w := f.number(dst, quote, func(b []byte) []byte { return f.appendTimestamp(b, x) })
		return dst, w, nil
	case cqltype.DateValue:
		dst, w := f.number(dst, false, func(b []byte) []byte { return f.appendDate(b, x) })
		return dst, w, nil
	case cqltype.TimeValue:
		dst, w := f.number(dst, false, func(b []byte) []byte { return append(b, x.String()...) })
		return dst, w, nil
	case cqltype.DurationValue:
		dst, w := f.number(dst, false, func(b []byte) []byte { return append(b, x.String()...) })
		return dst, w, nil
	case []any:
		return f.appendSequence(dst, t, x)
	case []cqltype.MapEntry:
		return f.appendMap(dst, t, x)
	}
	return dst, 0, fmt.Errorf("unexpected %T for %s", v, typeName(t))
}

func appendUUID(dst []byte, u cqltype.UUIDValue) []byte {
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst = append(dst, '-')
		}
		dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
	}
	return dst
}

// appendTimestamp formats ms since the epoch with the strftime format in
// the display zone. Like cqlsh, an instant outside years 1..9999 (which
// Python's datetime cannot hold) prints as its integer milliseconds.
func (f *Formatter) appendTimestamp(dst []byte, ts cqltype.TimestampValue) []byte {
	ms := int64(ts)
	const minMs, maxMs = -62135596800000, 253402300799999 // 0001-01-01 .. 9999-12-31T23:59:59.999
	if ms < minMs || ms > maxMs {
		return strconv.AppendInt(dst, ms, 10)
	}
	t := time.UnixMilli(ms).In(f.loc)
	if y := t.Year(); y < 1 || y > 9999 {
		return strconv.AppendInt(dst, ms, 10)
	}
	micros := int(((ms%1000)+1000)%1000) * 1000
	return appendStrftime(dst, f.timeFormat, t, micros, f.plain || f.millis)
}

// appendDate prints YYYY-MM-DD (cqlsh ignores date_format and zero-pads
// the year), or the strftime DateFormat when one is set; a day outside
// years 1..9999 prints as its number of days since the epoch.
func (f *Formatter) appendDate(dst []byte, d cqltype.DateValue) []byte {
	days := d.Days()
	const minDays, maxDays = -719162, 2932896 // 0001-01-01 .. 9999-12-31
	if days < minDays || days > maxDays {
		return strconv.AppendInt(dst, days, 10)
	}
	t := d.Time()
	if f.dateFormat != "" {
		return appendStrftime(dst, f.dateFormat, t, 0, false)
	}
	dst = appendPad(dst, t.Year(), 4)
	dst = append(dst, '-')
	dst = appendPad(dst, int(t.Month()), 2)
	dst = append(dst, '-')
	return appendPad(dst, t.Day(), 2)
}
