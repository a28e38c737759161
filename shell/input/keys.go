package input

import (
	"unicode/utf8"

	prompt "github.com/c-bata/go-prompt"
)

// keyDecoder splits what a terminal sends into the keys the line editor
// takes one at a time, and cleans it on the way.
//
// go-prompt takes each chunk it reads as one key and inserts a chunk it does
// not recognise verbatim: pasted lines would land as one line with raw
// carriage returns, an unknown escape sequence (a function key, a focus or
// paste marker, a cursor report) would land as text with an ESC in it, and a
// multibyte character split between two reads would become two replacement
// characters. Here a key is one control byte, one escape sequence go-prompt
// knows (others are dropped), or a run of text that is valid UTF-8 without
// control characters. A character cut off at the end of the input is kept
// back until the next byte decides it; an escape sequence cut off is kept
// back until more arrives or the caller says nothing more is coming (a lone
// ESC is then the Escape key).
type keyDecoder struct {
	buf []byte // input not yet handed out
}

// maxEscapeLen bounds an escape sequence; a longer one is malformed.
const maxEscapeLen = 32

// feed appends bytes read from the terminal.
func (d *keyDecoder) feed(b []byte) { d.buf = append(d.buf, b...) }

// pending reports whether undecoded input remains.
func (d *keyDecoder) pending() bool { return len(d.buf) > 0 }

// next returns the next key. With final false an incomplete escape
// sequence at the end waits for more input; with final true it is decided
// now (a lone ESC is the Escape key, a cut sequence is dropped). A cut
// character always waits: a paste can pause anywhere, and whatever byte
// comes next decides whether it was valid.
func (d *keyDecoder) next(final bool) ([]byte, bool) {
	for len(d.buf) > 0 {
		b := d.buf
		switch {
		case b[0] == 0x1b:
			n, complete := escapeLen(b)
			if !complete && !final {
				return nil, false
			}
			seq := b[:n]
			d.consume(n)
			if n == 1 || (complete && (prompt.GetKey(seq) != prompt.NotDefined || isMetaKey(seq))) {
				return append([]byte(nil), seq...), true
			}
			// Unknown or cut off: dropped.
		case b[0] < 0x20 || b[0] == 0x7f:
			d.consume(1)
			return []byte{b[0]}, true
		default:
			text, n := textRun(b)
			if n == 0 {
				return nil, false
			}
			d.consume(n)
			if len(text) > 0 {
				return text, true
			}
		}
	}
	return nil, false
}

// consume drops n decoded bytes, releasing the buffer once it is empty so a
// large paste does not pin its memory.
func (d *keyDecoder) consume(n int) {
	d.buf = d.buf[n:]
	if len(d.buf) == 0 {
		d.buf = nil
	}
}

// escapeLen measures the escape sequence at the start of b (b[0] is ESC):
// its length, and whether it is complete. ESC followed by one of the meta
// keys the editor binds (see isMetaKey) is that key; followed by anything
// else but '[' or 'O' it is a lone Escape key (the next byte is a key of
// its own).
func escapeLen(b []byte) (int, bool) {
	if len(b) == 1 {
		return 1, false
	}
	if isMetaKey(b[:2]) {
		return 2, true
	}
	switch b[1] {
	case '[':
		// The Linux console's F1..F5 are ESC [ [ A..E.
		if len(b) >= 3 && b[2] == '[' {
			if len(b) == 3 {
				return 3, false
			}
			return 4, true
		}
		// CSI: parameter and intermediate bytes, then one final byte.
		for i := 2; i < len(b); i++ {
			c := b[i]
			switch {
			case c >= 0x40 && c <= 0x7e:
				return i + 1, true
			case c >= 0x20 && c <= 0x3f && i < maxEscapeLen:
				continue
			default:
				return i, true // malformed: ends before this byte
			}
		}
		return len(b), false
	case 'O':
		if len(b) == 2 {
			return 2, false
		}
		if b[2] >= 0x40 && b[2] <= 0x7e {
			return 3, true
		}
		return 2, true
	}
	return 1, true
}

// textRun decodes the printable text at the start of b, up to the next
// control byte: the text (invalid bytes and C1 controls replaced by U+FFFD)
// and how many input bytes it took. A character cut off at the end of b is
// left for later.
func textRun(b []byte) ([]byte, int) {
	var out []byte
	clean := 0 // b[:clean] needs no replacement
	i := 0
	for i < len(b) {
		c := b[i]
		if c < 0x20 || c == 0x7f {
			break
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if !utf8.FullRune(b[i:]) {
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && (r < 0x80 || r > 0x9f) {
			i += size
			continue
		}
		// Invalid, or a C1 control: replaced.
		out = append(out, b[clean:i]...)
		out = append(out, "\uFFFD"...)
		i += size
		clean = i
	}
	if out == nil {
		return append([]byte(nil), b[:i]...), i
	}
	return append(out, b[clean:i]...), i
}

// Meta (Alt) keys the editor binds, as terminals send them: ESC, then the
// key. Readline's word motions and kills.
const (
	metaB         = "\x1bb"    // Alt-B: a word back
	metaF         = "\x1bf"    // Alt-F: a word forward
	metaD         = "\x1bd"    // Alt-D: kill the word after the cursor
	metaBackspace = "\x1b\x7f" // Alt-Backspace: kill the word before the cursor
	metaCtrlH     = "\x1b\x08" // Alt-Backspace on terminals whose Backspace is Ctrl-H
)

// isMetaKey reports whether seq is one of the meta keys above.
func isMetaKey(seq []byte) bool {
	switch string(seq) {
	case metaB, metaF, metaD, metaBackspace, metaCtrlH:
		return true
	}
	return false
}
