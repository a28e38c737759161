package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// pagerWriter holds a result's output until it is taller or wider than
// the screen, then starts the pager and sends it everything, the rest
// streamed as it comes; output that fits is printed as it is when the
// writer closes. While the pager runs, Ctrl-C is the pager's: the shell
// takes SIGINT on a channel of its own and ignores it, and waits for the
// pager to end. Once the pager is gone (q), output is dropped and quit
// reports it, so the result stops being fetched.
type pagerWriter struct {
	term       io.Writer // the terminal
	errw       io.Writer
	command    string
	cols, rows int

	buf     []byte
	lines   int  // complete lines held
	col     int  // width of the line being held
	inEsc   bool // inside an escape sequence (colours)
	started bool // the pager was started (or failed to start)

	cmd  *exec.Cmd
	pipe io.WriteCloser
	gone bool // the pager ended or could not start: output goes nowhere / to term

	sigs        chan os.Signal // SIGINT while the pager runs
	takeSignals func()         // takes SIGINT from the shell (nil: not ours to move)
	restore     func()         // gives SIGINT back to the shell
	measurer    runewidth.Condition
}

// newPagerWriter pages output to term with command on a cols×rows screen.
// shellSigs is the shell's SIGINT channel, handed back when the pager ends
// (nil: signals are not the shell's to move, as in tests).
func newPagerWriter(term, errw io.Writer, command string, cols, rows int, shellSigs chan os.Signal) *pagerWriter {
	p := &pagerWriter{term: term, errw: errw, command: command, cols: cols, rows: rows,
		measurer: runewidth.Condition{StrictEmojiNeutral: true}}
	p.restore = func() {}
	if shellSigs != nil {
		p.restore = func() {
			signal.Notify(shellSigs, os.Interrupt) // registered again before ours stops: SIGINT is never unhandled
			if p.sigs != nil {
				signal.Stop(p.sigs)
			}
		}
		p.takeSignals = func() {
			p.sigs = make(chan os.Signal, 1)
			signal.Notify(p.sigs, os.Interrupt)
			signal.Stop(shellSigs)
		}
	}
	return p
}

// Write holds, pages or passes p; it never fails, so a pager quit early
// does not turn into an error of the statement.
func (p *pagerWriter) Write(b []byte) (int, error) {
	switch {
	case !p.started:
		p.buf = append(p.buf, b...)
		if p.measure(b) {
			p.start()
		}
	case p.pipe == nil: // the pager could not start
		p.term.Write(b)
	case !p.gone:
		if _, err := p.pipe.Write(b); err != nil {
			p.gone = true // q: the pager read no further
		}
	}
	return len(b), nil
}

// quit reports whether the pager has gone: nothing more needs fetching.
func (p *pagerWriter) quit() bool { return p.pipe != nil && p.gone }

// measure follows the screen position through b and reports whether the
// output no longer fits: a line wider than the screen, or more lines than
// it holds beside the prompt.
func (p *pagerWriter) measure(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case p.inEsc:
			p.inEsc = !(r >= '@' && r <= '~' && r != '[')
		case r == 0x1b:
			p.inEsc = true
		case r == '\n':
			p.lines++
			p.col = 0
		case r >= ' ':
			p.col += p.measurer.RuneWidth(r)
		}
		if p.col > p.cols || p.lines >= p.rows-1 {
			return true
		}
	}
	return false
}

// start runs the pager and sends it what is held. When it cannot start,
// the output goes to the terminal, after one line saying why.
func (p *pagerWriter) start() {
	p.started = true
	held := p.buf
	p.buf = nil
	cmd := pagerExec(p.command)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	// The system's shell would start and then fail, losing the output.
	_, err := exec.LookPath(firstWord(p.command))
	var pipe io.WriteCloser
	if err == nil {
		pipe, err = cmd.StdinPipe()
	}
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		fmt.Fprintf(p.errw, "Pager %q failed: %v\n", p.command, err)
		p.term.Write(held)
		return
	}
	if p.takeSignals != nil {
		p.takeSignals()
	}
	p.cmd, p.pipe = cmd, pipe
	if _, err := pipe.Write(held); err != nil {
		p.gone = true
	}
}

// Close prints output that fitted, or ends the pager's input and waits for
// it (Ctrl-C meanwhile is the pager's), then gives SIGINT back.
func (p *pagerWriter) Close() error {
	if !p.started {
		_, err := p.term.Write(p.buf)
		return err
	}
	if p.cmd == nil {
		return nil
	}
	p.pipe.Close()
	err := p.cmd.Wait()
	p.restore()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return nil // a pager's own exit status (less after Ctrl-C) is no error of ours
	}
	return err
}

// pagerExec makes the pager's command line run by the system's shell, so
// that it may carry options and quotes as $PAGER does.
func pagerExec(command string) *exec.Cmd {
	if runtime.GOOS == "windows" {
		return exec.Command("cmd", "/C", command)
	}
	return exec.Command("sh", "-c", command)
}
