package copy

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// csvDialect is COPY's CSV dialect, the one Python's csv module applies for
// cqlsh: a delimiter, a quote character, and either an escape character
// (the default, \) or doubled quotes when QUOTE and ESCAPE are the same.
// Lines end with CRLF; quoting is minimal.
type csvDialect struct {
	delim, quote, escape rune // escape is 0 in double-quote mode
	doubleQuote          bool
}

func (o *copyOptions) dialect() csvDialect {
	return csvDialect{delim: o.delim, quote: o.quote, escape: o.escape, doubleQuote: o.doubleQuote}
}

// appendField appends one field with minimal quoting: a field holding the
// delimiter or a line break (or, in double-quote mode, the quote) is
// quoted; the quote (outside double-quote mode) and the escape character
// are escaped. alone is set for the only field of a row, which is quoted
// when empty so that the line is not blank.
func (d *csvDialect) appendField(dst []byte, field []byte, alone bool) []byte {
	quoted := alone && len(field) == 0
	special := false
	for i := 0; i < len(field); {
		r, n := rune(field[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(field[i:])
		}
		i += n
		switch {
		case r == d.delim || r == '\r' || r == '\n':
			quoted = true
		case r == d.quote:
			if d.doubleQuote {
				quoted = true
			}
			special = true
		case d.escape != 0 && r == d.escape:
			special = true
		}
	}
	if quoted {
		dst = utf8.AppendRune(dst, d.quote)
	}
	if !special {
		dst = append(dst, field...)
	} else {
		for i := 0; i < len(field); {
			r, n := rune(field[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRune(field[i:])
			}
			switch {
			case r == d.quote && d.doubleQuote:
				dst = utf8.AppendRune(dst, d.quote)
			case r == d.quote || (d.escape != 0 && r == d.escape):
				dst = utf8.AppendRune(dst, d.escape)
			}
			dst = append(dst, field[i:i+n]...)
			i += n
		}
	}
	if quoted {
		dst = utf8.AppendRune(dst, d.quote)
	}
	return dst
}

// appendRecord appends fields as one CSV line ended by CRLF.
func (d *csvDialect) appendRecord(dst []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			dst = utf8.AppendRune(dst, d.delim)
		}
		dst = d.appendField(dst, []byte(f), len(fields) == 1)
	}
	return append(dst, '\r', '\n')
}

// csvReader reads records in the dialect the way Python's csv reader does
// (not strict): quoted fields may hold line breaks, the escape character
// makes the next character literal, text after a closing quote joins the
// field, and a blank line is a record with no fields.
type csvReader struct {
	r      *bufio.Reader
	d      csvDialect
	line   int // physical lines read
	buf    strings.Builder
	fields []string // the record being read
}

func newCSVReader(r io.Reader, d csvDialect) *csvReader {
	return &csvReader{r: bufio.NewReaderSize(r, 256<<10), d: d}
}

// csvState is where the reader is in a record.
type csvState uint8

const (
	startRecord csvState = iota
	startField
	inField
	escaped
	inQuoted
	escapeInQuoted
	quoteInQuoted
)

// read returns the next record, or io.EOF after the last one.
func (c *csvReader) read() ([]string, error) {
	c.fields = nil
	c.buf.Reset()
	state := startRecord
	for {
		r, _, err := c.r.ReadRune()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return nil, err
			}
			if state == startRecord {
				return nil, io.EOF
			}
			c.save()
			return c.fields, nil
		}
		if r == '\n' {
			c.line++
		}
		var end bool
		if state, end = c.step(state, r); end {
			return c.fields, nil
		}
	}
}

// step takes one character in state and returns the next state; end is
// set when the character ended the record.
func (c *csvReader) step(state csvState, r rune) (next csvState, end bool) {
	lineEnd := r == '\n' || r == '\r'
	escape := c.d.escape != 0 && r == c.d.escape
	switch state {
	case startRecord:
		if lineEnd { // a blank line: a record with no fields
			c.eatLF(r)
			c.fields = []string{}
			return startRecord, true
		}
		return c.step(startField, r)
	case startField, inField:
		switch {
		case lineEnd:
			return c.endRecord(r)
		case state == startField && r == c.d.quote:
			return inQuoted, false
		case escape:
			return escaped, false
		case r == c.d.delim:
			c.save()
			return startField, false
		}
	case escaped:
	case inQuoted:
		switch {
		case escape:
			return escapeInQuoted, false
		case r == c.d.quote && c.d.doubleQuote:
			return quoteInQuoted, false
		case r == c.d.quote:
			return inField, false
		}
		c.buf.WriteRune(r)
		return inQuoted, false
	case escapeInQuoted:
		c.buf.WriteRune(r)
		return inQuoted, false
	case quoteInQuoted:
		switch {
		case r == c.d.quote:
			c.buf.WriteRune(r)
			return inQuoted, false
		case r == c.d.delim:
			c.save()
			return startField, false
		case lineEnd:
			return c.endRecord(r)
		}
	}
	c.buf.WriteRune(r)
	return inField, false
}

// save ends the field being read.
func (c *csvReader) save() {
	c.fields = append(c.fields, c.buf.String())
	c.buf.Reset()
}

// endRecord ends the field and the record at a line break.
func (c *csvReader) endRecord(r rune) (csvState, bool) {
	c.save()
	c.eatLF(r)
	return startRecord, true
}

// eatLF consumes the LF of a CRLF pair when r, the line break read, is a
// CR.
func (c *csvReader) eatLF(r rune) {
	if r != '\r' {
		return
	}
	b, err := c.r.Peek(1)
	if err == nil && b[0] == '\n' {
		c.r.ReadByte()
		c.line++
	} else {
		c.line++ // a lone CR ends a line too
	}
}
