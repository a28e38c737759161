package render

import (
	"io"
	"strconv"
)

// Table writes cqlsh's aligned table: a blank line, then per page a header
// and rule (the first page only, or every page with Tty), the rows with
// every value right-justified, and finally "(N rows)".
//
// Widths are those of the widest cell seen so far, so they only grow and
// later pages stay aligned with earlier ones; CompatPageWidths sizes each
// page on its own as cqlsh does. Only one page is held at a time. Between
// pages an interactive caller may print its own ---MORE--- prompt.
type Table struct {
	w       io.Writer
	cols    []Column
	o       Options
	f       *Formatter
	names   grid
	page    grid
	widths  []int
	out     []byte
	started bool
	header  bool // a header has been printed
	// Errors holds the cells that failed to format, for WriteFormatErrors.
	Errors ErrorLog
}

// NewTable returns a Table writing to w. A nil o means the defaults.
func NewTable(w io.Writer, cols []Column, o *Options) *Table {
	t := &Table{w: w, cols: cols, o: *orDefault(o)}
	t.f = NewFormatter(&t.o)
	t.names.names(t.f, cols)
	return t
}

// WriteRows renders one page. An empty page prints the header alone if
// nothing has been printed yet, as cqlsh does for an empty result, and
// nothing otherwise.
func (t *Table) WriteRows(rows [][][]byte) error {
	if len(rows) == 0 {
		if t.started {
			return nil
		}
		return t.writeEmpty()
	}
	if err := t.page.fill(t.f, t.cols, rows, &t.Errors); err != nil {
		return err
	}
	out := t.out[:0]
	if !t.started {
		out = append(out, '\n')
		t.started = true
	}
	t.widths = growWidths(t.widths, &t.names, &t.page, !t.o.CompatPageWidths)
	if !t.header || t.o.Tty {
		out = appendHeader(out, &t.names, t.widths)
		t.header = true
	}
	n := len(t.cols)
	for i := 0; i < len(t.page.widths); i += n {
		out = appendRow(out, &t.page, i, t.widths)
	}
	if t.o.Tty {
		out = append(out, '\n')
	}
	t.out = out
	return writeOut(t.w, out)
}

// writeEmpty prints the leading blank line, the header sized to the
// names, the rule and one blank line.
func (t *Table) writeEmpty() error {
	t.started, t.header = true, true
	t.widths = append(t.widths[:0], t.names.widths...)
	out := append(t.out[:0], '\n')
	out = appendHeader(out, &t.names, t.widths)
	out = append(out, '\n')
	t.out = out
	return writeOut(t.w, out)
}

// Close prints the "(N rows)" trailer, preceded by a blank line when not
// Tty, unless NoRowCount is set.
func (t *Table) Close(total int) error {
	if !t.started {
		if err := t.writeEmpty(); err != nil {
			return err
		}
	}
	return writeTrailer(t.w, &t.o, total)
}

func writeTrailer(w io.Writer, o *Options, total int) error {
	if o.NoRowCount {
		return nil
	}
	var b []byte
	if !o.Tty {
		b = append(b, '\n')
	}
	b = append(b, '(')
	b = strconv.AppendInt(b, int64(total), 10)
	b = append(b, " rows)\n"...)
	return writeOut(w, b)
}
