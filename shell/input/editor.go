package input

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"

	prompt "github.com/c-bata/go-prompt"
	"github.com/mattn/go-runewidth"
)

// ttyEditor edits lines with go-prompt on a sized interactive screen.
//
// It can also print a block above the line being edited (a background job
// finishing): go-prompt redraws only after a key arrives, so the parser can
// deliver a private wake key; the key's binding, running on go-prompt's own
// loop, erases the prompt, writes the block and leaves the cursor where
// go-prompt's next redraw expects it, and the redraw that follows every key
// puts the prompt and the typed text back intact.
type ttyEditor struct {
	parser *termParser
	out    io.Writer // the terminal go-prompt draws on

	// One go-prompt instance serves every line: building one per line
	// would open /dev/tty each time and never close it.
	prompt      *prompt.Prompt
	search      *searcher // Ctrl-R
	entered     bool      // Enter ended the line (an empty line is not EOF)
	interrupted bool      // Ctrl-C cleared it

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
// unassigned CSI code no terminal sends (the key decoder drops it if typed).
const wakeKey = "\x1b[9999~"

// newTTYEditor builds the editor on the terminal in (keys) and out
// (drawing). The caller has checked that /dev/tty opens: go-prompt's
// constructor panics otherwise.
func newTTYEditor(in, out *os.File, history []string, search func() []string, completer prompt.Completer, keys ...prompt.KeyBind) *ttyEditor {
	outFd := int(out.Fd())
	t := &ttyEditor{out: out}
	t.parser = newTermParser(int(in.Fd()), func() (int, int) { return layoutSize(outFd) })
	if search != nil {
		t.search = &searcher{history: search}
		t.parser.route = t.search.route
	}
	if completer == nil {
		completer = func(prompt.Document) []prompt.Suggest { return nil }
	}
	mark := func(*prompt.Buffer) { t.entered = true }
	rlKeys, rlCodes := readlineKeys(out)
	keys = append(rlKeys, keys...)
	codes := append(rlCodes, prompt.ASCIICodeBind{ASCIICode: []byte(wakeKey), Fn: t.flushAbove})
	if t.search != nil {
		codes = append(codes, prompt.ASCIICodeBind{ASCIICode: []byte(searchKey), Fn: t.search.apply})
	}
	keys = append(keys,
		prompt.KeyBind{Key: prompt.Enter, Fn: mark},
		prompt.KeyBind{Key: prompt.ControlJ, Fn: mark},
		prompt.KeyBind{Key: prompt.ControlM, Fn: mark},
		prompt.KeyBind{Key: prompt.ControlC, Fn: func(*prompt.Buffer) { t.interrupted = true }},
	)
	t.prompt = prompt.New(func(string) {}, t.fitting(completer),
		prompt.OptionParser(t.parser),
		prompt.OptionWriter(editorWriter{prompt.NewStdoutWriter()}),
		prompt.OptionHistory(history),
		prompt.OptionLivePrefix(func() (string, bool) { return t.currentPrefix(), true }),
		prompt.OptionAddKeyBind(keys...),
		prompt.OptionAddASCIICodeBind(codes...),
		prompt.OptionSwitchKeyBindMode(prompt.CommonKeyBind), // readlineKeys are the emacs keys
		prompt.OptionSetExitCheckerOnInput(func(string, bool) bool { return t.interrupted }),
		prompt.OptionPrefixTextColor(prompt.DefaultColor),
		prompt.OptionSuggestionBGColor(prompt.DarkGray),
		prompt.OptionSelectedSuggestionBGColor(prompt.Blue),
		prompt.OptionCompletionWordSeparator(WordSeparators),
	)
	return t
}

// popupMinWidth is the narrowest completion popup go-prompt lays out
// safely: with less room beside the prompt it formats no rows, and
// scrolling through the candidates then slices past the end and panics.
const popupMinWidth = 8

// fitting wraps the completer so that it offers nothing when the popup
// would not fit beside the prompt.
func (t *ttyEditor) fitting(c prompt.Completer) prompt.Completer {
	return func(d prompt.Document) []prompt.Suggest {
		if t.search != nil && t.search.currentPrefix() != "" {
			return nil // no popup under a history search
		}
		if t.parser.width()-runewidth.StringWidth(t.currentPrefix())-1 < popupMinWidth {
			return nil
		}
		return c(d)
	}
}

func (t *ttyEditor) currentPrefix() string {
	if t.search != nil {
		if p := t.search.currentPrefix(); p != "" {
			return p
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.prefix
}

// ReadLine edits one line. A terminal that hung up reads as the end of
// input.
func (t *ttyEditor) ReadLine(p string) (string, error) {
	if t.parser.closed() {
		return "", io.EOF
	}
	t.mu.Lock()
	t.active, t.prefix = true, p
	t.mu.Unlock()
	defer t.endLine()
	t.entered, t.interrupted = false, false
	if t.search != nil {
		t.search.reset()
	}
	t.parser.release()
	line := t.prompt.Input()
	switch {
	case t.parser.closed():
		return "", io.EOF
	case t.interrupted:
		return "", ErrInterrupted
	case line == "" && !t.entered:
		return "", io.EOF
	}
	return line, nil
}

// endLine marks the line finished and prints blocks whose wake key came
// too late: the cursor is on a fresh line now.
func (t *ttyEditor) endLine() {
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
func (t *ttyEditor) printAbove(w io.Writer, text []byte) {
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
func (t *ttyEditor) flushAbove(buf *prompt.Buffer) {
	t.mu.Lock()
	blocks, prefix := t.pending, t.prefix
	t.pending = nil
	t.mu.Unlock()
	if len(blocks) == 0 {
		return
	}
	// The width go-prompt lays the line out with, so both count rows alike.
	rows := (runewidth.StringWidth(prefix) + buf.DisplayCursorPosition()) / t.parser.width()
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
