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

// ttyReader edits lines with go-prompt. It must only be built when stdin and
// stdout are terminals: go-prompt opens /dev/tty and panics without one.
type ttyReader struct {
	history   func() []string
	completer prompt.Completer
	state     *term.State
}

func newTTYReader(history func() []string, completer prompt.Completer) *ttyReader {
	t := &ttyReader{history: history, completer: completer}
	// go-prompt can leave the terminal raw; keep the original settings to
	// restore them at exit whatever happens.
	if st, err := term.GetState(int(os.Stdin.Fd())); err == nil {
		t.state = st
	}
	return t
}

func (t *ttyReader) ReadLine(p string) (string, error) {
	entered, interrupted := false, false
	mark := func(*prompt.Buffer) { entered = true }
	completer := t.completer
	if completer == nil {
		completer = func(prompt.Document) []prompt.Suggest { return nil }
	}
	line := prompt.Input(p, completer,
		prompt.OptionHistory(t.history()),
		prompt.OptionAddKeyBind(
			prompt.KeyBind{Key: prompt.Enter, Fn: mark},
			prompt.KeyBind{Key: prompt.ControlJ, Fn: mark},
			prompt.KeyBind{Key: prompt.ControlM, Fn: mark},
			prompt.KeyBind{Key: prompt.ControlC, Fn: func(*prompt.Buffer) { interrupted = true }},
		),
		prompt.OptionSetExitCheckerOnInput(func(string, bool) bool { return interrupted }),
		prompt.OptionPrefixTextColor(prompt.DefaultColor),
		prompt.OptionSuggestionBGColor(prompt.DarkGray),
		prompt.OptionSelectedSuggestionBGColor(prompt.Blue),
		prompt.OptionCompletionWordSeparator(" .(,"),
	)
	switch {
	case interrupted:
		return "", errInterrupted
	case line == "" && !entered:
		return "", io.EOF
	}
	return line, nil
}

// restore puts the terminal back as it was.
func (t *ttyReader) restore() {
	if t.state != nil {
		_ = term.Restore(int(os.Stdin.Fd()), t.state)
	}
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
