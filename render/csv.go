package render

import (
	"io"
)

// CSVWriter writes RFC 4180 CSV: a header line of column names, then one
// line per row, lines ended by "\n" (not COPY TO's "\r\n").
//
// Values are formatted as COPY TO formats them: no colour, text as it is
// (no escapes), timestamps to the millisecond, doubles with 12 significant
// digits unless DoublePrecision says otherwise, collections as CQL
// literals. A field is quoted, with quotes doubled, when it holds a comma, a
// quote, a carriage return or a newline. A null is an empty field; an empty
// text or empty value is written as "" so that it stays distinct from null.
// CSV has no trailer: Close(total) writes nothing but a pending header.
type CSVWriter struct {
	w       io.Writer
	cols    []Column
	f       *Formatter
	cell    []byte
	out     []byte
	started bool
	// Errors holds the cells that failed to format.
	Errors ErrorLog
}

// NewCSV returns a CSV writer to w. A nil o means the defaults; Color,
// Tty and the table options are ignored.
func NewCSV(w io.Writer, cols []Column, o *Options) *CSVWriter {
	c := *orDefault(o)
	c.Color = false
	if c.DoublePrecision <= 0 {
		c.DoublePrecision = copyDoublePrecision
	}
	f := NewFormatter(&c)
	f.plain = true
	return &CSVWriter{w: w, cols: cols, f: f}
}

func (c *CSVWriter) header(out []byte) []byte {
	c.started = true
	for i, col := range c.cols {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendCSVField(out, []byte(col.Name), false)
	}
	return append(out, '\n')
}

// WriteRows writes one page of rows.
func (c *CSVWriter) WriteRows(rows [][][]byte) error {
	out := c.out[:0]
	if !c.started {
		out = c.header(out)
	}
	for _, row := range rows {
		if len(row) != len(c.cols) {
			return &RowError{Want: len(c.cols), Got: len(row)}
		}
		for i, cell := range row {
			if i > 0 {
				out = append(out, ',')
			}
			if cell == nil {
				continue
			}
			var fe *FormatError
			c.cell, _, fe = c.f.AppendCell(c.cell[:0], c.cols[i].Type, cell)
			c.Errors.add(fe)
			out = appendCSVField(out, c.cell, true)
		}
		out = append(out, '\n')
	}
	c.out = out
	return writeOut(c.w, out)
}

// Close writes the header if no page was written.
func (c *CSVWriter) Close(int) error {
	if c.started {
		return nil
	}
	return writeOut(c.w, c.header(nil))
}

// appendCSVField appends one field, quoted when RFC 4180 requires it, or
// when it is empty and quoteEmpty is set.
func appendCSVField(dst, field []byte, quoteEmpty bool) []byte {
	need := len(field) == 0 && quoteEmpty
	for _, b := range field {
		if b == ',' || b == '"' || b == '\n' || b == '\r' {
			need = true
			break
		}
	}
	if !need {
		return append(dst, field...)
	}
	dst = append(dst, '"')
	for _, b := range field {
		if b == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, b)
	}
	return append(dst, '"')
}
