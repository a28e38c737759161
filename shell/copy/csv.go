package copy

import (
	"bufio"
	"errors"
	"io"
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
//
// A record's fields are gathered back to back in one buffer and become one
// string, which the fields slice: one allocation per record for the text.
// When the dialect's characters are ASCII, runs of ordinary characters are
// copied from the read buffer at once instead of rune by rune.
type csvReader struct {
	r     *bufio.Reader
	d     csvDialect
	fast  bool // the dialect's characters are ASCII
	line  int  // physical lines read
	rec   []byte
	ends  []int // where each finished field of the record ends in rec
	width int   // fields in the last record, to size the next
}

func newCSVReader(r io.Reader, d csvDialect) *csvReader {
	fast := d.delim < utf8.RuneSelf && d.quote < utf8.RuneSelf && d.escape < utf8.RuneSelf
	return &csvReader{r: bufio.NewReaderSize(r, 256<<10), d: d, fast: fast}
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
	c.rec, c.ends = c.rec[:0], c.ends[:0]
	state := startRecord
	for {
		if c.fast && (state == startField || state == inField || state == inQuoted) {
			state = c.scan(state)
		}
		r, _, err := c.r.ReadRune()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return nil, err
			}
			if state == startRecord {
				return nil, io.EOF
			}
			c.save()
			return c.fields(), nil
		}
		if r == '\n' {
			c.line++
		}
		var end bool
		if state, end = c.step(state, r); end {
			return c.fields(), nil
		}
	}
}

// scan copies the run of ordinary characters at the front of the read
// buffer into the field (what step would do one rune at a time) and
// returns the state after it. It stops before any byte step treats
// specially, and before a byte that does not start a valid rune, which
// ReadRune then replaces as Python would.
func (c *csvReader) scan(state csvState) csvState {
	b, _ := c.r.Peek(c.r.Buffered())
	if len(b) == 0 || (state == startField && b[0] == byte(c.d.quote)) {
		return state
	}
	delim, quote, esc := byte(c.d.delim), byte(c.d.quote), byte(c.d.escape)
	i := 0
	for i < len(b) {
		x := b[i]
		if x >= utf8.RuneSelf {
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError {
				break
			}
			i += n
			continue
		}
		if x == esc || (state == inQuoted && x == quote) || (state != inQuoted && (x == delim || x == '\n' || x == '\r')) {
			break
		}
		if x == '\n' {
			c.line++
		}
		i++
	}
	if i == 0 {
		return state
	}
	c.rec = append(c.rec, b[:i]...)
	c.r.Discard(i)
	if state == startField {
		return inField
	}
	return state
}

// fields returns the record read as strings slicing one copy of its text.
func (c *csvReader) fields() []string {
	text := string(c.rec)
	out := make([]string, len(c.ends), max(len(c.ends), c.width))
	start := 0
	for i, e := range c.ends {
		out[i] = text[start:e]
		start = e
	}
	c.width = len(out)
	return out
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
		c.rec = utf8.AppendRune(c.rec, r)
		return inQuoted, false
	case escapeInQuoted:
		c.rec = utf8.AppendRune(c.rec, r)
		return inQuoted, false
	case quoteInQuoted:
		switch {
		case r == c.d.quote:
			c.rec = utf8.AppendRune(c.rec, r)
			return inQuoted, false
		case r == c.d.delim:
			c.save()
			return startField, false
		case lineEnd:
			return c.endRecord(r)
		}
	}
	c.rec = utf8.AppendRune(c.rec, r)
	return inField, false
}

// save ends the field being read.
func (c *csvReader) save() {
	c.ends = append(c.ends, len(c.rec))
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
