package render

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

var (
	errInvalidUTF8 = errors.New("invalid UTF-8 in text value")
	errUnexpected  = errors.New("value does not match its type")
)

// FormatError reports a cell that could not be decoded or formatted.
type FormatError struct {
	Type string // CQL type of the column
	Raw  []byte // the cell's bytes
	Err  error
}

// Error reads like cqlsh's message: Failed to format value b'...' : reason.
func (e *FormatError) Error() string {
	return "Failed to format value " + pyBytesRepr(e.Raw) + " : " + e.Err.Error()
}

func (e *FormatError) Unwrap() error { return e.Err }

// pyBytesRepr renders b as Python's repr of a bytes object.
func pyBytesRepr(b []byte) string {
	q := byte('\'')
	for _, c := range b {
		if c == '\'' {
			q = '"'
		} else if c == '"' {
			q = '\''
			break
		}
	}
	out := []byte{'b', q}
	for _, c := range b {
		switch {
		case c == q || c == '\\':
			out = append(out, '\\', c)
		case c == '\t':
			out = append(out, '\\', 't')
		case c == '\n':
			out = append(out, '\\', 'n')
		case c == '\r':
			out = append(out, '\\', 'r')
		case c < 0x20 || c >= 0x7f:
			out = append(out, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
		default:
			out = append(out, c)
		}
	}
	return string(append(out, q))
}

// ErrorLog keeps the first two format errors of a result and counts the
// rest, which is all cqlsh reports.
type ErrorLog struct {
	First []*FormatError
	Count int
}

func (l *ErrorLog) add(e *FormatError) {
	if e == nil {
		return
	}
	if len(l.First) < 2 {
		l.First = append(l.First, e)
	}
	l.Count++
}

// WriteFormatErrors prints the log as cqlsh does after a result: up to two
// "Failed to format value" lines, then "N more decoding errors
// suppressed.", each red when colour is on.
func WriteFormatErrors(w io.Writer, l *ErrorLog, o *Options) error {
	if l == nil || l.Count == 0 {
		return nil
	}
	p := newPalette(orDefault(o).Color)
	var b []byte
	line := func(s string) {
		b = append(b, p.null...)
		b = append(b, s...)
		b = append(b, p.resetIf(p.null)...)
		b = append(b, '\n')
	}
	for _, e := range l.First {
		line(e.Error())
	}
	if l.Count > 2 {
		line(strconv.Itoa(l.Count-2) + " more decoding errors suppressed.")
	}
	_, err := w.Write(b)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	return nil
}
