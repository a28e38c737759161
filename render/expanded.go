package render

import (
	"io"
	"strconv"
)

// Expanded writes cqlsh's EXPAND ON form: per row "@ Row N", a rule, then
// one " name | value" line per column (names left-justified, values as they
// are) and a blank line. Row numbers continue across pages. The value
// width, which only sets the rule's length, is the widest value seen so far
// (or of the page alone with CompatPageWidths).
type Expanded struct {
	w         io.Writer
	cols      []Column
	o         Options
	f         *Formatter
	names     grid
	page      grid
	nameWidth int
	valWidth  int
	out       []byte
	n         int // rows written
	started   bool
	// Errors holds the cells that failed to format, for WriteFormatErrors.
	Errors ErrorLog
}

// NewExpanded returns an Expanded writer to w. A nil o means the defaults.
func NewExpanded(w io.Writer, cols []Column, o *Options) *Expanded {
	e := &Expanded{w: w, cols: cols, o: *orDefault(o)}
	e.f = NewFormatter(&e.o)
	e.names.names(e.f, cols)
	for _, w := range e.names.widths {
		e.nameWidth = max(e.nameWidth, w)
	}
	return e
}

// WriteRows renders one page. An empty first page prints the tabular
// header, as cqlsh does for an empty result even when expanded.
func (e *Expanded) WriteRows(rows [][][]byte) error {
	if len(rows) == 0 {
		if e.started {
			return nil
		}
		return e.writeEmpty()
	}
	if err := e.page.fill(e.f, e.cols, rows, &e.Errors); err != nil {
		return err
	}
	out := e.out[:0]
	if !e.started {
		out = append(out, '\n')
		e.started = true
	}
	if e.o.CompatPageWidths {
		e.valWidth = 0
	}
	for _, w := range e.page.widths {
		e.valWidth = max(e.valWidth, w)
	}
	ncol := len(e.cols)
	for first := 0; first < len(e.page.widths); first += ncol {
		e.n++
		out = append(out, "@ Row "...)
		out = strconv.AppendInt(out, int64(e.n), 10)
		out = append(out, "\n-"...)
		out = appendDashes(out, e.nameWidth)
		out = append(out, "-+-"...)
		out = appendDashes(out, e.valWidth)
		out = append(out, "-\n"...)
		for i := 0; i < ncol; i++ {
			out = append(out, ' ')
			out = append(out, e.names.cell(i)...)
			out = appendSpaces(out, e.nameWidth-e.names.widths[i])
			out = append(out, " | "...)
			out = append(out, e.page.cell(first+i)...)
			out = append(out, '\n')
		}
		out = append(out, '\n')
	}
	e.out = out
	return writeOut(e.w, out)
}

func (e *Expanded) writeEmpty() error {
	e.started = true
	out := append(e.out[:0], '\n')
	out = appendHeader(out, &e.names, e.names.widths)
	out = append(out, '\n')
	e.out = out
	return writeOut(e.w, out)
}

// Close prints the "(N rows)" trailer as Table does.
func (e *Expanded) Close(total int) error {
	if !e.started {
		if err := e.writeEmpty(); err != nil {
			return err
		}
	}
	return writeTrailer(e.w, &e.o, total)
}
