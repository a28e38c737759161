//go:build unix

package input

import (
	"testing"

	"github.com/creack/pty"
)

func TestChooseTermMode(t *testing.T) {
	sized := termInfo{term: "xterm", cols: 120, rows: 40, ttyOK: true}
	cases := []struct {
		name string
		edit func(*termInfo)
		want termMode
	}{
		{"a sized xterm", func(*termInfo) {}, modeEditor},
		{"no size (a fresh pseudo-terminal)", func(ti *termInfo) { ti.cols, ti.rows = 0, 0 }, modeCooked},
		{"one column", func(ti *termInfo) { ti.cols = 1 }, modeCooked},
		{"too few rows for the popup", func(ti *termInfo) { ti.rows = minEditorRows - 1 }, modeCooked},
		{"the smallest screen the editor takes", func(ti *termInfo) { ti.cols, ti.rows = minEditorCols, minEditorRows }, modeEditor},
		{"TERM=dumb", func(ti *termInfo) { ti.term = "dumb" }, modeCooked},
		{"TERM unset", func(ti *termInfo) { ti.term = "" }, modeEditor},
		{"--simple-prompt", func(ti *termInfo) { ti.simple = true }, modeCooked},
		{"no controlling terminal", func(ti *termInfo) { ti.ttyOK = false }, modeCooked},
	}
	for _, c := range cases {
		ti := sized
		c.edit(&ti)
		if got := chooseTermMode(ti); got != c.want {
			t.Errorf("%s: mode %d, want %d", c.name, got, c.want)
		}
	}
}

func TestLayoutSizeOfAnUnsizedTerminal(t *testing.T) {
	m, tty := openPTY(t)
	if c, r := windowSize(int(tty.Fd())); c != 0 || r != 0 {
		t.Fatalf("a fresh pseudo-terminal is %dx%d, want 0x0", c, r)
	}
	if c, r := layoutSize(int(tty.Fd())); c != defaultCols || r != defaultRows {
		t.Errorf("layout of an unsized terminal: %dx%d, want %dx%d", c, r, defaultCols, defaultRows)
	}
	pty.Setsize(m, &pty.Winsize{Cols: 100, Rows: 0})
	if c, r := layoutSize(int(tty.Fd())); c != 100 || r != defaultRows {
		t.Errorf("layout of a 100x0 terminal: %dx%d, want 100x%d", c, r, defaultRows)
	}
}
