package shell

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	prompt "github.com/c-bata/go-prompt"
	"github.com/mattn/go-runewidth"
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
//
// It can also print a block above the line being edited (a background job
// finishing): go-prompt redraws only after a key arrives, so the reader's
// input parser can deliver a private wake key; the key's binding, running
// on go-prompt's own loop, erases the prompt, writes the block and leaves
// the cursor where go-prompt's next redraw expects it, and the redraw that
// follows every key puts the prompt and the typed text back intact.
type ttyReader struct {
	state  *term.State
	parser *wakeParser
	out    *os.File // the terminal go-prompt draws on

	// One go-prompt instance serves every line: building one per line
	// would open /dev/tty each time and never close it.
	prompt      *prompt.Prompt
	entered     bool // Enter ended the line (an empty line is not EOF)
	interrupted bool // Ctrl-C cleared it

	mu      sync.Mutex
	active  bool   // a line is being edited
	prefix  string // its prompt
	pending []aboveBlock
}

// aboveBlock is a block waiting to be printed above the prompt.
type aboveBlock struct {
	w    io.Writer
	text []byte
	done chan struct{}
}

// wakeKey is the sequence the parser delivers to wake go-prompt: an
// unassigned CSI code no terminal sends.
const wakeKey = "\x1b[9999~"

// wakeParser is go-prompt's terminal input plus wake: a pending wake makes
// Read return wakeKey before anything typed.
//
// It also hands go-prompt one key at a time. go-prompt reads the terminal
// in chunks and inserts a chunk it does not recognise as one key verbatim,
// so pasted text with line breaks would land in the buffer as one line with
// raw carriage returns. Here a chunk is split into runs of plain text and
// single control keys or escape sequences; after a line-ending key nothing
// more is handed out until the next line is asked for, because go-prompt
// drops whatever its reader fetched after the Enter that ended the line.
type wakeParser struct {
	prompt.ConsoleParser
	wake chan struct{}

	mu      sync.Mutex
	pending []byte // read from the terminal, not yet handed out
	held    bool   // a line-ending key was handed out; wait for the next line
}

func (p *wakeParser) Read() ([]byte, error) {
	select {
	case <-p.wake:
		return []byte(wakeKey), nil
	default:
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.held {
		return nil, errNoKey
	}
	if len(p.pending) == 0 {
		b, err := p.ConsoleParser.Read()
		if err != nil || len(b) == 0 {
			return b, err
		}
		p.pending = append(p.pending[:0], b...)
	}
	n := nextKeyLen(p.pending)
	key := append([]byte(nil), p.pending[:n]...)
	p.pending = p.pending[n:]
	if n == 1 && (key[0] == '\r' || key[0] == '\n' || key[0] == 0x03) { // Enter, Ctrl-J, Ctrl-C end the line
		p.held = true
	}
	return key, nil
}

// release lets Read hand out keys again, for a new line.
func (p *wakeParser) release() {
	p.mu.Lock()
	p.held = false
	p.mu.Unlock()
}

// errNoKey tells go-prompt's reader there is nothing to read now.
var errNoKey = errors.New("no key")

// nextKeyLen is the length of the first key in b: an escape sequence, one
// control byte, or a run of printable text up to the next control byte.
func nextKeyLen(b []byte) int {
	switch {
	case b[0] == 0x1b:
		if len(b) >= 2 && (b[1] == '[' || b[1] == 'O') {
			// CSI/SS3: parameters, then one final byte in 0x40..0x7e.
			for i := 2; i < len(b); i++ {
				if b[i] >= 0x40 && b[i] <= 0x7e {
					return i + 1
				}
			}
			return len(b)
		}
		if len(b) >= 2 {
			return 2 // Alt+key
		}
		return 1
	case b[0] < 0x20 || b[0] == 0x7f:
		return 1
	}
	i := 0
	for i < len(b) && b[i] >= 0x20 && b[i] != 0x7f {
		i++
	}
	return i
}

func newTTYReader(history []string, completer prompt.Completer, keys ...prompt.KeyBind) *ttyReader {
	t := &ttyReader{out: os.Stdout}
	t.parser = &wakeParser{ConsoleParser: prompt.NewStandardInputParser(), wake: make(chan struct{}, 1)}
	// go-prompt can leave the terminal raw; keep the original settings to
	// restore them at exit whatever happens.
	if st, err := term.GetState(int(os.Stdin.Fd())); err == nil {
		t.state = st
	}
	if completer == nil {
		completer = func(prompt.Document) []prompt.Suggest { return nil }
	}
	mark := func(*prompt.Buffer) { t.entered = true }
	keys = append(keys,
		prompt.KeyBind{Key: prompt.Enter, Fn: mark},
		prompt.KeyBind{Key: prompt.ControlJ, Fn: mark},
		prompt.KeyBind{Key: prompt.ControlM, Fn: mark},
		prompt.KeyBind{Key: prompt.ControlC, Fn: func(*prompt.Buffer) { t.interrupted = true }},
	)
	t.prompt = prompt.New(func(string) {}, completer,
		prompt.OptionParser(t.parser),
		prompt.OptionHistory(history),
		prompt.OptionLivePrefix(func() (string, bool) {
			t.mu.Lock()
			defer t.mu.Unlock()
			return t.prefix, true
		}),
		prompt.OptionAddKeyBind(keys...),
		prompt.OptionAddASCIICodeBind(prompt.ASCIICodeBind{ASCIICode: []byte(wakeKey), Fn: t.flushAbove}),
		prompt.OptionSetExitCheckerOnInput(func(string, bool) bool { return t.interrupted }),
		prompt.OptionPrefixTextColor(prompt.DefaultColor),
		prompt.OptionSuggestionBGColor(prompt.DarkGray),
		prompt.OptionSelectedSuggestionBGColor(prompt.Blue),
		prompt.OptionCompletionWordSeparator(completionSeparators),
	)
	return t
}

func (t *ttyReader) ReadLine(p string) (string, error) {
	t.mu.Lock()
	t.active, t.prefix = true, p
	t.mu.Unlock()
	defer t.endLine()
	t.entered, t.interrupted = false, false
	t.parser.release()
	line := t.prompt.Input()
	// go-prompt's tear-down can leave the terminal raw; statements run
	// with the original settings so that Ctrl-C is a signal again.
	t.restore()
	switch {
	case t.interrupted:
		return "", errInterrupted
	case line == "" && !t.entered:
		return "", io.EOF
	}
	return line, nil
}

// endLine marks the line finished and prints blocks whose wake key came
// too late: the cursor is on a fresh line now.
func (t *ttyReader) endLine() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.active = false
	for _, b := range t.pending {
		b.w.Write(b.text)
		close(b.done)
	}
	t.pending = nil
}

// printAbove prints text above the line being edited and returns once it
// is written; with no line being edited it simply writes it.
func (t *ttyReader) printAbove(w io.Writer, text []byte) {
	t.mu.Lock()
	if !t.active {
		w.Write(text)
		t.mu.Unlock()
		return
	}
	b := aboveBlock{w: w, text: text, done: make(chan struct{})}
	t.pending = append(t.pending, b)
	t.mu.Unlock()
	select {
	case t.parser.wake <- struct{}{}:
	default: // a wake is already on its way; it flushes every pending block
	}
	<-b.done
}

// flushAbove is the wake key's binding, run on go-prompt's loop between
// two redraws. The cursor is where the last redraw left it: the prompt's
// width plus the buffer's cursor position, counted in cells from the start
// of the prompt (a selected completion has just been inserted, which keeps
// that count right). It moves up to the prompt's first row, erases to the
// end of the screen, writes the blocks, and then steps down as many rows as
// the redraw will step up before it draws the prompt again.
func (t *ttyReader) flushAbove(buf *prompt.Buffer) {
	t.mu.Lock()
	blocks, prefix := t.pending, t.prefix
	t.pending = nil
	t.mu.Unlock()
	if len(blocks) == 0 {
		return
	}
	rows := 0
	if cols, _, err := term.GetSize(int(t.out.Fd())); err == nil && cols > 0 {
		rows = (runewidth.StringWidth(prefix) + buf.DisplayCursorPosition()) / cols
	}
	var pre bytes.Buffer
	if rows > 0 {
		fmt.Fprintf(&pre, "\x1b[%dA", rows)
	}
	pre.WriteString("\r\x1b[J")
	t.out.Write(pre.Bytes())
	for _, b := range blocks {
		b.w.Write(b.text)
	}
	if rows > 0 {
		t.out.Write(bytes.Repeat([]byte{'\n'}, rows))
	}
	for _, b := range blocks {
		close(b.done)
	}
}

// restore puts the terminal back as it was.
func (t *ttyReader) restore() {
	if t.state != nil {
		_ = term.Restore(int(os.Stdin.Fd()), t.state)
	}
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
