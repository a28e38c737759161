package render

import (
	"strings"

	"github.com/fatih/color"
)

// palette holds the escape sequences of cqlsh's colour map. All fields are
// empty when colour is off, so formatting code can append them blindly.
type palette struct {
	text, number, blob, collection, null      string
	partitionKey, clustering, static, regular string
	reset                                     string
}

// newPalette builds the sequences with colour forced on for these Color
// values only, never touching the library's global switch.
func newPalette(on bool) palette {
	if !on {
		return palette{}
	}
	seq := func(attrs ...color.Attribute) string {
		c := color.New(attrs...)
		c.EnableColor()
		var b strings.Builder
		c.SetWriter(&b)
		return b.String()
	}
	var reset strings.Builder
	r := color.New(color.Reset)
	r.EnableColor()
	r.UnsetWriter(&reset)
	bold := func(fg color.Attribute) string { return seq(color.Reset, color.Bold, fg) }
	return palette{
		text:         bold(color.FgYellow),
		number:       bold(color.FgGreen),
		blob:         seq(color.Reset, color.FgMagenta),
		collection:   bold(color.FgBlue),
		null:         bold(color.FgRed),
		partitionKey: bold(color.FgRed),
		clustering:   bold(color.FgCyan),
		static:       bold(color.FgWhite),
		regular:      bold(color.FgMagenta),
		reset:        reset.String(),
	}
}

// on reports whether the palette colours anything.
func (p *palette) on() bool { return p.reset != "" }
