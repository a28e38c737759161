package render

import (
	"bytes"
	"io"
)

// Box writes results in boxes drawn with Unicode lines (FORMAT box), the
// look of psql's unicode line style: a box per page, its header repeated,
// drawn by OwnTable (tablewriter). Cells are formatted and padded here, as
// Table pads them (names left-justified, values right-justified, widths the
// widest seen so far), so every box of a result has the same columns until a
// wider value arrives; tablewriter only draws the lines. "(N rows)" follows
// the last box. Only one page is held at a time.
type Box struct {
	pageWriter
	widths []int
	cells  []string // the page's padded cells, reused
	// Errors holds the cells that failed to format, for WriteFormatErrors.
	Errors ErrorLog
}

// NewBox returns a Box writing to w. A nil o means the defaults.
func NewBox(w io.Writer, cols []Column, o *Options) *Box {
	b := &Box{}
	b.init(w, cols, o)
	return b
}

// WriteRows renders one page as a box. An empty page prints nothing; an
// empty result's header box is printed by Close.
func (b *Box) WriteRows(rows [][][]byte) error {
	if len(rows) == 0 {
		return nil
	}
	if err := b.page.fill(b.f, b.cols, rows, &b.Errors); err != nil {
		return err
	}
	b.widths = growWidths(b.widths, &b.names, &b.page, !b.o.CompatPageWidths)
	return b.writeBox(&b.page)
}

// writeBox draws the header and the rows of page (none for an empty
// result) in one box.
func (b *Box) writeBox(page *grid) error {
	n := len(b.cols)
	t := OwnTable{Header: make([]string, n), Box: true}
	for i, w := range b.widths {
		t.Header[i] = padCell(b.names.cell(i), w-b.names.widths[i], false)
	}
	b.cells = b.cells[:0]
	for i := range page.widths {
		b.cells = append(b.cells, padCell(page.cell(i), b.widths[i%n]-page.widths[i], true))
	}
	for i := 0; i < len(b.cells); i += n {
		t.Rows = append(t.Rows, b.cells[i:i+n])
	}
	var buf bytes.Buffer
	if !b.started {
		buf.WriteByte('\n')
		b.started = true
	}
	if err := t.Write(&buf); err != nil {
		return err
	}
	if b.o.Tty {
		buf.WriteByte('\n')
	}
	return writeOut(b.w, buf.Bytes())
}

// padCell pads cell with n spaces, before it when right is set.
func padCell(cell []byte, n int, right bool) string {
	pad := string(appendSpaces(nil, n))
	if right {
		return pad + string(cell)
	}
	return string(cell) + pad
}

// Close draws the header box of an empty result, then "(N rows)".
func (b *Box) Close(total int) error {
	if !b.started {
		b.widths = append(b.widths[:0], b.names.widths...)
		b.page.reset()
		if err := b.writeBox(&b.page); err != nil {
			return err
		}
	}
	return writeTrailer(b.w, &b.o, total)
}
