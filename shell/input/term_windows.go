package input

import (
	"syscall"

	"golang.org/x/term"
)

// The terminal operations the line readers need, on Windows. The console
// is read in its own line mode there (chooseTermMode picks cooked mode):
// the editor's raw-mode reads are Unix-only.

// termState is a console's settings, as saved before a change.
type termState = *term.State

func makeRaw(fd int) (termState, error) { return term.MakeRaw(fd) }

func restoreTerm(fd int, s termState) error { return term.Restore(fd, s) }

// waitInput reports the console readable at once: a read waits for a line.
func waitInput(int, int) bool { return true }

func readInput(fd int, buf []byte) (n int, again bool, err error) {
	n, err = syscall.Read(syscall.Handle(fd), buf)
	return n, false, err
}

// lineWaiting: the console's queue cannot be read without consuming it.
func lineWaiting(int) bool { return false }

func windowSize(fd int) (cols, rows int) {
	cols, rows, err := term.GetSize(fd)
	if err != nil {
		return 0, 0
	}
	return cols, rows
}

// canOpenTTY is false: the line editor is not used on Windows.
func canOpenTTY() bool { return false }
