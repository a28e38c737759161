package input

import (
	"bytes"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
)

// cookedReader reads lines in the terminal's own cooked mode: the terminal
// echoes and edits what is typed (erase, kill, word erase), Ctrl-C is
// SIGINT, Ctrl-D ends the input, and the prompt is written as plain text.
// It serves terminals the line editor cannot draw on (no size, TERM=dumb,
// too small) and automation that drives the shell through a pseudo-terminal
// and waits for the prompt after a newline, as cqlsh's own tests do.
//
// A line the terminal already echoed before its prompt was due (typed or
// sent ahead) gets no prompt: the prompt would land after the echo, not
// after a newline.
type cookedReader struct {
	fd  int
	out io.Writer
	// shared is the channel SIGINT goes to while statements run (nil when
	// there is none). While a line is read SIGINT is the reader's alone:
	// a statement waiting on ---MORE--- must not take the Ctrl-C that
	// should end the wait.
	shared func() chan os.Signal
	intr   chan os.Signal // SIGINT while a line is read

	mu     sync.Mutex
	active bool   // a line is being read
	prefix string // its prompt
	rest   []byte // bytes read past the end of the last line
	eof    bool   // the input ended after rest
	rbuf   []byte
}

// cookedPollWait is how often a blocked read looks for Ctrl-C (SIGINT).
const cookedPollWait = 50 // milliseconds

func newCookedReader(fd int, out io.Writer, shared func() chan os.Signal) *cookedReader {
	return &cookedReader{fd: fd, out: out, shared: shared, intr: make(chan os.Signal, 1)}
}

// ReadLine writes the prompt (unless a line is already waiting) and returns
// the next line without its line break; invalid UTF-8 is replaced. Ctrl-C
// returns ErrInterrupted after a newline, the end of input io.EOF.
func (c *cookedReader) ReadLine(p string) (string, error) {
	defer c.takeInterrupts()()
	c.mu.Lock()
	c.active, c.prefix = true, p
	if p != "" && !bytes.Contains(c.rest, []byte{'\n'}) && !lineWaiting(c.fd) {
		io.WriteString(c.out, p)
	}
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.active = false
		c.mu.Unlock()
	}()
	for {
		if line, ok := c.takeLine(); ok {
			return line, nil
		}
		if c.eof {
			return "", io.EOF
		}
		select {
		case <-c.intr:
			c.rest = nil
			io.WriteString(c.out, "\n")
			return "", ErrInterrupted
		default:
		}
		c.fill()
	}
}

// takeInterrupts routes SIGINT to the reader alone and returns the function
// that gives it back. A Ctrl-C left over from before the line is dropped,
// in the reader's channel and in the statements': one that came after a
// statement ended belongs to no statement, and must not cancel the next.
func (c *cookedReader) takeInterrupts() (giveBack func()) {
	select {
	case <-c.intr:
	default:
	}
	signal.Notify(c.intr, os.Interrupt)
	var shared chan os.Signal
	if c.shared != nil {
		shared = c.shared()
	}
	if shared != nil {
		signal.Stop(shared)
		select {
		case <-shared:
		default:
		}
	}
	return func() {
		if shared != nil {
			signal.Notify(shared, os.Interrupt)
		}
		signal.Stop(c.intr)
	}
}

// takeLine cuts the first complete line off rest; at the end of input the
// unterminated remainder is a line too.
func (c *cookedReader) takeLine() (string, bool) {
	i := bytes.IndexByte(c.rest, '\n')
	if i < 0 && !(c.eof && len(c.rest) > 0) {
		return "", false
	}
	var line []byte
	if i < 0 {
		line, c.rest = c.rest, nil
	} else {
		line, c.rest = c.rest[:i], c.rest[i+1:]
	}
	return strings.ToValidUTF8(strings.TrimSuffix(string(line), "\r"), "\uFFFD"), true
}

// fill waits a little for input and appends what there is to rest. In
// cooked mode one read returns at most one line; a read of nothing is the
// end of input (Ctrl-D on an empty line, or the terminal hung up).
func (c *cookedReader) fill() {
	if !waitInput(c.fd, cookedPollWait) {
		return
	}
	if c.rbuf == nil {
		c.rbuf = make([]byte, 64<<10)
	}
	got, again, _ := readInput(c.fd, c.rbuf)
	switch {
	case got > 0:
		c.rest = append(c.rest, c.rbuf[:got]...)
	case again:
	default:
		c.eof = true
	}
}

// printAbove writes a block while a line may be being typed: on a fresh
// line, followed by the prompt again. What was typed stays in the
// terminal's line buffer; the terminal shows it again on Ctrl-R.
func (c *cookedReader) printAbove(w io.Writer, text []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.active {
		w.Write(text)
		return
	}
	io.WriteString(c.out, "\n")
	w.Write(text)
	io.WriteString(c.out, c.prefix)
}
