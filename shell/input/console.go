package input

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	prompt "github.com/c-bata/go-prompt"
)

// termParser is go-prompt's terminal input, written so that nothing the
// terminal does can make go-prompt fail.
//
// go-prompt's own parser opens /dev/tty and panics without one, panics when
// the window size cannot be read, divides by the column count it reports
// (0 on a pseudo-terminal nobody has sized yet), and saves the terminal's
// settings in a way its raw-mode switch later overwrites. This one reads the
// shell's own terminal descriptor, never reports fewer than minEditorCols x
// minEditorRows (an unknown size is 80x24), restores exactly what it changed,
// and hands go-prompt clean keys (see keyDecoder).
//
// It also delivers a private wake key when asked (see ttyEditor), and holds
// input back after a key that ends the line: go-prompt drops whatever its
// reader fetched after the Enter that ended a line, so those keys wait here
// for the next line.
type termParser struct {
	fd   int
	wake chan struct{}
	size func() (cols, rows int) // the terminal's layout size

	mu     sync.Mutex
	dec    keyDecoder
	held   bool // a line-ending key was handed out; wait for the next line
	hungUp bool // the terminal is gone: reading ends
	saved  termState
	last   time.Time // when input last arrived
	rbuf   []byte
	queue  [][]byte // keys routed but not yet handed out

	// route, when set, maps a key typed to the keys go-prompt gets (the
	// history search takes the keys typed while it is on).
	route func(key []byte) [][]byte

	// cols is the width last reported to go-prompt, read while Read may
	// be waiting for input under mu.
	cols atomic.Int32
}

// readWait is how long one Read waits for input. go-prompt's reader polls
// Read in a loop and can only be stopped between two calls, so Read must
// return now and then even when nothing is typed.
const readWait = 20 // milliseconds

// escapeWait is how long an escape sequence cut off at the end of the input
// waits for the rest before a lone ESC counts as the Escape key (and a cut
// sequence is dropped).
const escapeWait = 50 * time.Millisecond

// maxReadChunk bounds what one Read takes from the terminal, so a huge
// paste is decoded a piece at a time.
const maxReadChunk = 64 << 10

// errNoKey tells go-prompt's reader there is nothing to read now.
var errNoKey = errors.New("no key")

func newTermParser(fd int, size func() (int, int)) *termParser {
	p := &termParser{fd: fd, size: size, wake: make(chan struct{}, 1)}
	p.cols.Store(defaultCols)
	return p
}

// Setup switches the terminal to the raw mode go-prompt expects (as its own
// parser does: no echo, no line buffering, no signal keys, 8-bit input). It
// reports no error: go-prompt turns errors here into stderr noise or, with
// GO_PROMPT_ENABLE_ASSERT set, a panic, and could not act on them anyway.
func (p *termParser) Setup() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if saved, err := makeRaw(p.fd); err == nil {
		p.saved = saved
	}
	return nil
}

// TearDown puts back the settings Setup found.
func (p *termParser) TearDown() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.saved != nil {
		_ = restoreTerm(p.fd, p.saved)
		p.saved = nil
	}
	return nil
}

// GetWinSize reports the layout size, never below what go-prompt can draw
// in: it divides by the width, and on a smaller screen it clears the whole
// screen to say the window is too small.
func (p *termParser) GetWinSize() *prompt.WinSize {
	cols, rows := p.size()
	cols, rows = max(cols, minEditorCols), max(rows, minEditorRows)
	cols, rows = min(cols, 0xffff), min(rows, 0xffff)
	p.cols.Store(int32(cols))
	return &prompt.WinSize{Col: uint16(cols), Row: uint16(rows)}
}

// width is the column count go-prompt is laying out the line with.
func (p *termParser) width() int { return int(p.cols.Load()) }

// Read returns the next key: the wake key if one is due, else a key typed
// (read from the terminal only when none is left over), else errNoKey.
// When the terminal hangs up it delivers Ctrl-C once to end the line being
// edited; closed then reports it.
func (p *termParser) Read() ([]byte, error) {
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
	if len(p.queue) > 0 {
		return p.handOut(p.queue[0], p.queue[1:]), nil
	}
	key, ok := p.dec.next(false)
	if !ok && !p.hungUp {
		got := p.fill(readWait)
		key, ok = p.dec.next(got == 0 && time.Since(p.last) >= escapeWait)
	}
	if !ok {
		if p.hungUp {
			p.held = true
			return []byte{0x03}, nil
		}
		return nil, errNoKey
	}
	if p.route != nil {
		keys := p.route(key)
		return p.handOut(keys[0], keys[1:]), nil
	}
	return p.handOut(key, nil), nil
}

// handOut returns key, keeping rest for the next Reads; after a key that
// ends the line it holds input back until the next line.
func (p *termParser) handOut(key []byte, rest [][]byte) []byte {
	p.queue = rest
	if len(key) == 1 && (key[0] == '\r' || key[0] == '\n' || key[0] == 0x03) {
		p.held = true // Enter, Ctrl-J and Ctrl-C end the line
	}
	return key
}

// fill waits up to wait ms for input and reads what is there, at most
// maxReadChunk bytes; it returns how many bytes it read. An end of input or
// a read error marks the terminal hung up.
func (p *termParser) fill(wait int) int {
	if !waitInput(p.fd, wait) {
		return 0
	}
	if p.rbuf == nil {
		p.rbuf = make([]byte, maxReadChunk)
	}
	got, again, _ := readInput(p.fd, p.rbuf)
	switch {
	case got > 0:
		p.dec.feed(p.rbuf[:got])
		p.last = time.Now()
		return got
	case again:
		return 0
	}
	p.hungUp = true
	return 0
}

// release lets Read hand out keys again, for a new line.
func (p *termParser) release() {
	p.mu.Lock()
	p.held = false
	p.queue = nil
	p.mu.Unlock()
}

// closed reports whether the terminal hung up.
func (p *termParser) closed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hungUp
}

// editorWriter is go-prompt's terminal output with two fixes: a failed
// write is not reported (go-prompt would print an assertion to stderr, or
// panic with GO_PROMPT_ENABLE_ASSERT set), and the window title is left
// alone (go-prompt clears it at the end of every line although gocqlsh
// never sets one).
type editorWriter struct {
	prompt.ConsoleWriter
}

// Flush writes the buffered output; errors are dropped (see editorWriter).
func (w editorWriter) Flush() error {
	_ = w.ConsoleWriter.Flush()
	return nil
}

// ClearTitle does nothing: the title is the terminal's, not gocqlsh's.
func (w editorWriter) ClearTitle() {}
