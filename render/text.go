package render

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// isControl reports the characters cqlsh shows as Python escapes:
// U+0000–U+001F and U+007F–U+00A0.
func isControl(r rune) bool {
	return r <= 0x1f || (r >= 0x7f && r <= 0xa0)
}

// appendEscape appends the Python repr escape of control character r.
func appendEscape(dst []byte, r rune) []byte {
	switch r {
	case '\t':
		return append(dst, '\\', 't')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	}
	return append(dst, '\\', 'x', hexDigits[r>>4], hexDigits[r&15])
}

// appendText appends s the way cqlsh shows text: control characters as
// Python escapes, and, when quote is set, wrapped in single quotes with
// quotes doubled. Without colour a backslash is doubled so that escapes stay
// unambiguous; with colour it is shown once and the escapes are set apart in
// the blob colour instead. It returns the display width. The caller has
// checked that s is valid UTF-8.
func (f *Formatter) appendText(dst []byte, s string, quote bool, col string) ([]byte, int) {
	p := &f.pal
	colored := p.on()
	w := 0
	dst = append(dst, col...)
	if quote {
		dst = append(dst, '\'')
		w++
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '\\' && c != '\'' {
			i++
			w++
			continue
		}
		dst = append(dst, s[start:i]...)
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		start = i
		switch {
		case r == '\\':
			if colored {
				dst = append(dst, '\\')
				w++
			} else {
				dst = append(dst, '\\', '\\')
				w += 2
			}
		case r == '\'':
			if quote {
				dst = append(dst, '\'', '\'')
				w += 2
			} else {
				dst = append(dst, '\'')
				w++
			}
		case isControl(r):
			if colored {
				dst = append(dst, p.blob...)
			}
			n := len(dst)
			dst = appendEscape(dst, r)
			w += len(dst) - n
			if colored {
				dst = append(dst, col...)
			}
		default:
			dst = append(dst, s[i-size:i]...)
			w += f.m.rune(r)
		}
	}
	dst = append(dst, s[start:]...)
	if quote {
		dst = append(dst, '\'')
		w++
	}
	dst = append(dst, p.resetIf(col)...)
	return dst, w
}

// resetIf returns the reset sequence when col opened a colour.
func (p *palette) resetIf(col string) string {
	if col == "" {
		return ""
	}
	return p.reset
}
