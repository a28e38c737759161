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
	pageWriter
	widths []int
	auto   autoExpand // EXPAND AUTO's state; see Options.ExpandWiderThan
	// Errors holds the cells that failed to format, for WriteFormatErrors.
	Errors ErrorLog
}

// NewTable returns a Table writing to w. A nil o means the defaults.
func NewTable(w io.Writer, cols []Column, o *Options) *Table {
	t := &Table{}
	t.init(w, cols, o)
	return t
}

// WriteRows renders one page. An empty page prints the header alone if
// nothing has been printed yet, as cqlsh does for an empty result, and
// nothing otherwise.
func (t *Table) WriteRows(rows [][][]byte) error {
	first := !t.started // no header has been printed yet
	out, ok, err := t.begin(rows, &t.Errors)
	if !ok {
		return err
	}
	if t.o.ExpandWiderThan > 0 && t.tooWide() {
		return t.flush(t.auto.appendPage(out, &t.names, &t.page, &t.o))
	}
	t.widths = growWidths(t.widths, &t.names, &t.page, !t.o.CompatPageWidths)
	if first || t.o.Tty || t.auto.headerDue {
		out = appendHeader(out, &t.names, t.widths)
		t.auto.headerDue = false
	}
	n := len(t.cols)
	for i := 0; i < len(t.page.widths); i += n {
		out = appendRow(out, &t.page, i, t.widths)
	}
	t.auto.rows += len(t.page.widths) / max(n, 1)
	t.auto.tableLast = true
	if t.o.Tty {
		out = append(out, '\n')
	}
	return t.flush(out)
}

// Close prints the "(N rows)" trailer, preceded by a blank line when not
// Tty, unless NoRowCount is set.
func (t *Table) Close(total int) error { return t.close(total) }

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
