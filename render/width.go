package render

import (
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// measurer measures like cqlsh's wcwidth: East Asian wide and fullwidth
// characters are two columns, combining marks zero, ambiguous ones one
// (whatever the process locale says).
type measurer struct{ cond runewidth.Condition }

func newMeasurer() measurer {
	return measurer{cond: runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}}
}

// rune is the display width of one printable rune.
func (m *measurer) rune(r rune) int {
	if r < utf8.RuneSelf {
		return 1
	}
	return m.cond.RuneWidth(r)
}

// string is the display width of s, which holds no escape sequences and no
// control characters.
func (m *measurer) string(s string) int {
	w := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, r := range s[i:] {
				w += m.rune(r)
			}
			return w
		}
		w++
	}
	return w
}
