package render

import "time"

// Default option values, the same as cqlsh's.
const (
	DefaultPrecision  = 5
	DefaultTimeFormat = "%Y-%m-%d %H:%M:%S.%f%z"
	// copyDoublePrecision is COPY TO's default precision for doubles, used
	// by the CSV writer when DoublePrecision is not set.
	copyDoublePrecision = 12
)

// Options controls how values and results are rendered. The zero value is
// cqlsh's default: no colour, precision 5, cqlsh's timestamp format, UTC.
type Options struct {
	// Color adds ANSI colours exactly as cqlsh does. It is decided per
	// writer; the global state of the colour library is never consulted.
	Color bool
	// FloatPrecision and DoublePrecision are the significant digits shown
	// for float and double (cqlsh's float_precision/double_precision);
	// 0 means 5 (12 for doubles in CSV, as COPY TO does).
	FloatPrecision, DoublePrecision int
	// TimeFormat is the strftime format of timestamps; "" means
	// "%Y-%m-%d %H:%M:%S.%f%z".
	TimeFormat string
	// DateFormat is the strftime format of dates; "" keeps cqlsh's fixed
	// YYYY-MM-DD form (which cqlsh uses whatever date_format says).
	DateFormat string
	// Location is the display time zone; nil means UTC.
	Location *time.Location
	// Tty selects cqlsh's interactive layout: the table header is repeated
	// on every page, a blank line follows each page, and the blank line
	// before "(N rows)" is not added.
	Tty bool
	// CompatPageWidths sizes table and expanded columns from each page
	// alone, as cqlsh does. Otherwise widths are the widest seen so far, so
	// columns stay aligned across pages (they only ever widen).
	CompatPageWidths bool
	// NoRowCount leaves out the "(N rows)" trailer, as cqlsh does for the
	// [applied] result of a conditional update.
	NoRowCount bool
	// MillisecondTimestamps makes %f in TimeFormat print milliseconds
	// (three digits), as COPY TO writes timestamps, at any depth.
	MillisecondTimestamps bool
	// ExpandWiderThan, when positive, is EXPAND AUTO's screen width: a
	// Table page whose lines would be wider than this many columns is
	// printed in the expanded "@ Row N" form instead, and narrower pages
	// stay tables. Rows are numbered on across both forms.
	ExpandWiderThan int
	// BoolStyle, when both are set, are the words for true and false
	// (COPY's BOOLSTYLE option) in place of True and False.
	BoolStyle [2]string
}

func (o *Options) floatPrecision() int {
	if o.FloatPrecision > 0 {
		return o.FloatPrecision
	}
	return DefaultPrecision
}

func (o *Options) doublePrecision() int {
	if o.DoublePrecision > 0 {
		return o.DoublePrecision
	}
	return DefaultPrecision
}

func (o *Options) timeFormat() string {
	if o.TimeFormat != "" {
		return o.TimeFormat
	}
	return DefaultTimeFormat
}

func (o *Options) location() *time.Location {
	if o.Location != nil {
		return o.Location
	}
	return time.UTC
}

// orDefault returns o, or the zero Options when o is nil.
func orDefault(o *Options) *Options {
	if o == nil {
		return &Options{}
	}
	return o
}
