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
	r    *bufio.Reader
	d    csvDialect
	line int // physical lines read
	buf  strings.Builder
}

func newCSVReader(r io.Reader, d csvDialect) *csvReader {
	return &csvReader{r: bufio.NewReaderSize(r, 256<<10), d: d}
}

// read returns the next record, or io.EOF after the last one.
func (c *csvReader) read() ([]string, error) {
	const (
		startRecord = iota
		startField
		inField
		escaped
		inQuoted
		escapeInQuoted
		quoteInQuoted
	)
	var fields []string
	state := startRecord
	c.buf.Reset()
	save := func() {
		fields = append(fields, c.buf.String())
		c.buf.Reset()
	}
	for {
		r, _, err := c.r.ReadRune()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return nil, err
			}
			switch state {
			case startRecord:
				return nil, io.EOF
			case startField, inField, escaped, inQuoted, escapeInQuoted, quoteInQuoted:
				save()
			}
			return fields, nil
		}
		if r == '\n' {
			c.line++
		}
		switch state {
		case startRecord:
			if r == '\n' {
				return []string{}, nil
			}
			if r == '\r' {
				c.eatLF()
				return []string{}, nil
			}
			state = startField
			fallthrough
		case startField:
			switch {
			case r == '\n' || r == '\r':
				save()
				if r == '\r' {
					c.eatLF()
				}
				return fields, nil
			case r == c.d.quote:
				state = inQuoted
			case c.d.escape != 0 && r == c.d.escape:
				state = escaped
			case r == c.d.delim:
				save()
			default:
				c.buf.WriteRune(r)
				state = inField
			}
		case escaped:
			c.buf.WriteRune(r)
			state = inField
		case inField:
			switch {
			case r == '\n' || r == '\r':
				save()
				if r == '\r' {
					c.eatLF()
				}
				return fields, nil
			case c.d.escape != 0 && r == c.d.escape:
				state = escaped
			case r == c.d.delim:
				save()
				state = startField
			default:
				c.buf.WriteRune(r)
			}
		case inQuoted:
			switch {
			case c.d.escape != 0 && r == c.d.escape:
				state = escapeInQuoted
			case r == c.d.quote:
				if c.d.doubleQuote {
					state = quoteInQuoted
				} else {
					state = inField
				}
			default:
				c.buf.WriteRune(r)
			}
		case escapeInQuoted:
			c.buf.WriteRune(r)
			state = inQuoted
		case quoteInQuoted:
			switch {
			case r == c.d.quote:
				c.buf.WriteRune(r)
				state = inQuoted
			case r == c.d.delim:
				save()
				state = startField
			case r == '\n' || r == '\r':
				save()
				if r == '\r' {
					c.eatLF()
				}
				return fields, nil
			default:
				c.buf.WriteRune(r)
				state = inField
			}
		}
	}
}

// eatLF consumes the LF of a CRLF pair.
func (c *csvReader) eatLF() {
	b, err := c.r.Peek(1)
	if err == nil && b[0] == '\n' {
		c.r.ReadByte()
		c.line++
	} else {
		c.line++ // a lone CR ends a line too
	}
}
