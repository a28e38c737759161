package input

// termMode is how lines are read from a terminal.
type termMode int

const (
	// modeEditor edits lines with go-prompt: completion popup, history,
	// blocks printed above the line being typed.
	modeEditor termMode = iota
	// modeCooked leaves the line to the terminal's own line discipline:
	// the prompt is plain text after a newline and the terminal echoes
	// and edits what is typed, as expect-style automation wants it.
	modeCooked
)

// An unknown window size (0x0 on a pseudo-terminal nobody has sized yet)
// is laid out as 80x24.
const (
	defaultCols = 80
	defaultRows = 24
)

// The line editor needs this much room: its completion popup takes six
// rows under the line, and below these sizes go-prompt clears the screen
// to say the window is too small. A terminal smaller than this when the
// shell starts is read in cooked mode.
const (
	minEditorCols = 20
	minEditorRows = 8
)

// termInfo is what decides the mode: the settings and what the terminal is.
type termInfo struct {
	simple     bool   // --simple-prompt or [ui] simple_prompt
	term       string // $TERM
	cols, rows int    // the window size; 0 when unknown
	ttyOK      bool   // /dev/tty can be opened (go-prompt needs it)
}

// chooseTermMode picks the editor only for a sized, capable screen the
// editor can draw on; anything else is read in cooked mode.
func chooseTermMode(ti termInfo) termMode {
	switch {
	case ti.simple, ti.term == "dumb", !ti.ttyOK:
		return modeCooked
	case ti.cols < minEditorCols, ti.rows < minEditorRows:
		return modeCooked
	}
	return modeEditor
}

// layoutSize is the size to lay text out in: the window size, with an
// unknown width or height taken as 80 or 24.
func layoutSize(fd int) (cols, rows int) {
	cols, rows = windowSize(fd)
	if cols <= 0 {
		cols = defaultCols
	}
	if rows <= 0 {
		rows = defaultRows
	}
	return cols, rows
}
