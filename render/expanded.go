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
	pageWriter
	nameWidth int
	valWidth  int
	n         int // rows written
	// Errors holds the cells that failed to format, for WriteFormatErrors.
	Errors ErrorLog
}

// NewExpanded returns an Expanded writer to w. A nil o means the defaults.
func NewExpanded(w io.Writer, cols []Column, o *Options) *Expanded {
	e := &Expanded{}
	e.init(w, cols, o)
	for _, w := range e.names.widths {
		e.nameWidth = max(e.nameWidth, w)
	}
	return e
}

// WriteRows renders one page. An empty first page prints the tabular
// header, as cqlsh does for an empty result even when expanded.
func (e *Expanded) WriteRows(rows [][][]byte) error {
	out, ok, err := e.begin(rows, &e.Errors)
	if !ok {
		return err
	}
	if e.o.CompatPageWidths {
		e.valWidth = 0
	}
	for _, w := range e.page.widths {
		e.valWidth = max(e.valWidth, w)
	}
	out = appendExpandedRows(out, &e.names, &e.page, e.nameWidth, e.valWidth, &e.n)
	return e.flush(out)
}

// Close prints the "(N rows)" trailer as Table does.
func (e *Expanded) Close(total int) error { return e.close(total) }

// appendExpandedRows appends the rows of page in the "@ Row N" form, with
// names nameWidth and values valWidth wide (the rule's lengths), numbering
// them on from *n.
func appendExpandedRows(out []byte, names, page *grid, nameWidth, valWidth int, n *int) []byte {
	ncol := len(names.widths)
	for first := 0; first < len(page.widths); first += ncol {
		*n++
		out = append(out, "@ Row "...)
		out = strconv.AppendInt(out, int64(*n), 10)
		out = append(out, "\n-"...)
		out = appendDashes(out, nameWidth)
		out = append(out, "-+-"...)
		out = appendDashes(out, valWidth)
		out = append(out, "-\n"...)
		for i := 0; i < ncol; i++ {
			out = append(out, ' ')
			out = append(out, names.cell(i)...)
			out = appendSpaces(out, nameWidth-names.widths[i])
			out = append(out, " | "...)
			out = append(out, page.cell(first+i)...)
			out = append(out, '\n')
		}
		out = append(out, '\n')
	}
	return out
}
