package shell

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"

	prompt "github.com/c-bata/go-prompt"
	"golang.org/x/term"
)

// errInterrupted is returned by ReadLine when Ctrl-C cleared the input.
var errInterrupted = errors.New("interrupted")

// lineReader is where statements come from: a terminal with line editing,
// or a plain stream (pipe, -f FILE, -e).
type lineReader interface {
	// ReadLine returns the next line without its newline; io.EOF at the
	// end (Ctrl-D on an empty terminal line), errInterrupted on Ctrl-C.
	ReadLine(prompt string) (string, error)
}

// plainReader reads lines of any length from a stream; it never prompts.
type plainReader struct {
	r *bufio.Reader
}

func newPlainReader(r io.Reader) *plainReader {
	return &plainReader{r: bufio.NewReaderSize(r, 64<<10)}
}

func (p *plainReader) ReadLine(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}

// stringReader serves -e's text as lines.
func newStringReader(s string) *plainReader { return newPlainReader(strings.NewReader(s)) }

// ttyReader reads statements typed at a terminal: with the line editor on
// a sized interactive screen, in the terminal's cooked mode elsewhere (see
// chooseTermMode). It must only be built when stdin and stdout are
// terminals.
type ttyReader struct {
	fd    int
	state *term.State // the terminal's settings at start, restored at exit
	lines terminalLines
}

// terminalLines is one way of reading lines from a terminal.
type terminalLines interface {
	lineReader
	// printAbove prints a block (a background job's result) without
	// disturbing the line being typed.
	printAbove(w io.Writer, text []byte)
}

// ttyConfig is what a terminal reader is built from.
type ttyConfig struct {
	in, out *os.File
	simple  bool // --simple-prompt or [ui] simple_prompt: always cooked
	history []string
	// completer and keys serve the line editor.
	completer prompt.Completer
	keys      []prompt.KeyBind
	// interrupts is the channel SIGINT (and only SIGINT) is delivered to
	// while statements run; a cooked line takes it over while it is read.
	interrupts func() chan os.Signal
}

func newTTYReader(cfg ttyConfig) *ttyReader {
	fd := int(cfg.in.Fd())
	t := &ttyReader{fd: fd}
	// The line editor can leave the terminal raw; keep the original
	// settings to restore them at exit whatever happens.
	if st, err := term.GetState(fd); err == nil {
		t.state = st
	}
	cols, rows := windowSize(int(cfg.out.Fd()))
	mode := chooseTermMode(termInfo{
		simple: cfg.simple,
		term:   os.Getenv("TERM"),
		cols:   cols,
		rows:   rows,
		ttyOK:  canOpenTTY(),
	})
	if mode == modeEditor {
		t.lines = newTTYEditor(cfg.in, cfg.out, cfg.history, cfg.completer, cfg.keys...)
	} else {
		t.lines = newCookedReader(fd, cfg.out, cfg.interrupts)
	}
	return t
}

// ReadLine reads one line; statements then run with the terminal's
// original settings, so that Ctrl-C is a signal again.
func (t *ttyReader) ReadLine(p string) (string, error) {
	defer t.restore()
	return t.lines.ReadLine(p)
}

// printAbove prints text above the line being typed and returns once it is
// written.
func (t *ttyReader) printAbove(w io.Writer, text []byte) { t.lines.printAbove(w, text) }

// restore puts the terminal back as it was.
func (t *ttyReader) restore() {
	if t.state != nil {
		_ = term.Restore(t.fd, t.state)
	}
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
