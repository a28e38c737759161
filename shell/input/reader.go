// Package input is where the shell's lines come from: a terminal — with
// gocqlsh's line editor on a sized interactive screen, in the terminal's
// own cooked mode elsewhere — or a stream (a pipe, -f FILE, -e). The shell
// sees one interface, Reader, and never the kind behind it.
package input

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"

	prompt "github.com/c-bata/go-prompt"
	"golang.org/x/term"
)

// ErrInterrupted is returned by ReadLine when Ctrl-C cleared the input.
var ErrInterrupted = errors.New("interrupted")

// WordSeparators are the characters the line editor treats as word breaks
// when it completes.
const WordSeparators = " .(,'\n"

// Reader is where statements come from.
type Reader interface {
	// ReadLine returns the next line without its newline; io.EOF at the
	// end (Ctrl-D on an empty terminal line), ErrInterrupted on Ctrl-C.
	ReadLine(prompt string) (string, error)
	// PrintAbove writes a block (a background job's result) without
	// disturbing the line being typed, and returns once it is written.
	PrintAbove(w io.Writer, block []byte)
	// Restore puts the terminal back as it was (nothing for a stream).
	Restore()
}

// Stream reads lines of any length from a stream; it never prompts.
type Stream struct {
	r *bufio.Reader
}

// NewStream reads lines from r.
func NewStream(r io.Reader) *Stream {
	return &Stream{r: bufio.NewReaderSize(r, 64<<10)}
}

// NewString serves s (-e's text) as lines.
func NewString(s string) *Stream { return NewStream(strings.NewReader(s)) }

// ReadLine returns the next line; the prompt is ignored.
func (p *Stream) ReadLine(string) (string, error) {
	line, err := p.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"), nil
}

// PrintAbove writes the block: nothing is being typed on a stream.
func (p *Stream) PrintAbove(w io.Writer, block []byte) { w.Write(block) }

// Restore does nothing: a stream has no terminal settings.
func (p *Stream) Restore() {}

// Buffered is the stream's buffered reader, for a command that reads on
// from the same input (CONCURRENT ... FROM '-').
func (p *Stream) Buffered() *bufio.Reader { return p.r }

// Terminal reads statements typed at a terminal: with the line editor on a
// sized interactive screen, in the terminal's cooked mode elsewhere (see
// chooseTermMode). It must only be built when stdin and stdout are
// terminals.
type Terminal struct {
	fd    int
	outFd int         // where it draws, measured by Size
	state *term.State // the terminal's settings at start, restored at exit
	lines terminalLines
}

// terminalLines is one way of reading lines from a terminal.
type terminalLines interface {
	ReadLine(prompt string) (string, error)
	printAbove(w io.Writer, text []byte)
}

// TerminalConfig is what a Terminal is built from.
type TerminalConfig struct {
	In, Out *os.File
	Simple  bool // --simple-prompt or [ui] simple_prompt: always cooked
	History []string
	// SearchHistory is what Ctrl-R searches, oldest first: the statements
	// typed, one entry each however many lines they took. It is called on
	// the goroutine reading the line.
	SearchHistory func() []string
	// Completer and Keys serve the line editor.
	Completer prompt.Completer
	Keys      []prompt.KeyBind
	// Interrupts is the channel SIGINT (and only SIGINT) is delivered to
	// while statements run; a cooked line takes it over while it is read.
	Interrupts func() chan os.Signal
}

// NewTerminal reads lines from the terminal cfg.In, drawing on cfg.Out.
func NewTerminal(cfg TerminalConfig) *Terminal {
	fd := int(cfg.In.Fd())
	t := &Terminal{fd: fd, outFd: int(cfg.Out.Fd())}
	// The line editor can leave the terminal raw; keep the original
	// settings to restore them at exit whatever happens.
	if st, err := term.GetState(fd); err == nil {
		t.state = st
	}
	cols, rows := windowSize(int(cfg.Out.Fd()))
	mode := chooseTermMode(termInfo{
		simple: cfg.Simple,
		term:   os.Getenv("TERM"),
		cols:   cols,
		rows:   rows,
		ttyOK:  canOpenTTY(),
	})
	if mode == modeEditor {
		t.lines = newTTYEditor(cfg.In, cfg.Out, cfg.History, cfg.SearchHistory, cfg.Completer, cfg.Keys...)
	} else {
		t.lines = newCookedReader(fd, cfg.Out, cfg.Interrupts)
	}
	return t
}

// ReadLine reads one line; statements then run with the terminal's
// original settings, so that Ctrl-C is a signal again.
func (t *Terminal) ReadLine(p string) (string, error) {
	defer t.Restore()
	return t.lines.ReadLine(p)
}

// PrintAbove prints text above the line being typed and returns once it is
// written.
func (t *Terminal) PrintAbove(w io.Writer, text []byte) { t.lines.printAbove(w, text) }

// Size is the terminal's size now, in columns and rows; 0, 0 when it has
// none (a pseudo-terminal never sized).
func (t *Terminal) Size() (cols, rows int) { return windowSize(t.outFd) }

// Restore puts the terminal back as it was.
func (t *Terminal) Restore() {
	if t.state != nil {
		_ = term.Restore(t.fd, t.state)
	}
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
