//go:build unix

package input

import (
	"bytes"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

type lineResult struct {
	line string
	err  error
}

// readLineAsync runs ReadLine in the background.
func readLineAsync(c *cookedReader, prompt string) <-chan lineResult {
	ch := make(chan lineResult, 1)
	go func() {
		l, err := c.ReadLine(prompt)
		ch <- lineResult{l, err}
	}()
	return ch
}

func waitLine(t *testing.T, ch <-chan lineResult) lineResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("ReadLine did not return")
	}
	return lineResult{}
}

// waitOutput waits until out holds want.
func waitOutput(t *testing.T, out *lockedBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("output %q never showed %q", out.String(), want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestCookedReaderPromptAndLines(t *testing.T) {
	m, tty := openPTY(t)
	out := &lockedBuffer{}
	c := newCookedReader(int(tty.Fd()), out, nil)

	ch := readLineAsync(c, "cqlsh> ")
	waitOutput(t, out, "cqlsh> ")
	m.Write([]byte("SELECT 'ϑΉӁװڜ' FROM t;\n"))
	if r := waitLine(t, ch); r.err != nil || r.line != "SELECT 'ϑΉӁװڜ' FROM t;" {
		t.Fatalf("got %q, %v", r.line, r.err)
	}
	if got := out.String(); got != "cqlsh> " {
		t.Errorf("the reader wrote %q; the terminal echoes, the reader writes only the prompt", got)
	}

	// Invalid UTF-8 is replaced; a carriage return before the newline goes.
	ch = readLineAsync(c, "cqlsh> ")
	m.Write([]byte("a\xffb\x16\r\n")) // Ctrl-V quotes the carriage return
	if r := waitLine(t, ch); r.err != nil || r.line != "a\uFFFDb" {
		t.Fatalf("got %q, %v", r.line, r.err)
	}

	// Ctrl-D in the middle of a line hands over what was typed; on an
	// empty line it ends the input.
	ch = readLineAsync(c, "cqlsh> ")
	m.Write([]byte("EXI\x04"))
	time.Sleep(100 * time.Millisecond)
	m.Write([]byte("T\n"))
	if r := waitLine(t, ch); r.err != nil || r.line != "EXIT" {
		t.Fatalf("got %q, %v", r.line, r.err)
	}
	ch = readLineAsync(c, "cqlsh> ")
	m.Write([]byte("\x04"))
	if r := waitLine(t, ch); r.err != io.EOF {
		t.Fatalf("Ctrl-D on an empty line: got %q, %v; want io.EOF", r.line, r.err)
	}
}

func TestCookedReaderNoPromptForALineSentAhead(t *testing.T) {
	m, tty := openPTY(t)
	out := &lockedBuffer{}
	c := newCookedReader(int(tty.Fd()), out, nil)
	// Two lines in one write, as a paste or a test harness sends them: the
	// terminal echoes both at once, so a prompt for the second would land
	// after its echo.
	m.Write([]byte("INSERT INTO t (k, v)\nVALUES (1, '値');\n"))
	deadline := time.Now().Add(5 * time.Second)
	for !lineWaiting(int(tty.Fd())) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	first := waitLine(t, readLineAsync(c, "cqlsh> "))
	second := waitLine(t, readLineAsync(c, "   ... "))
	if first.line != "INSERT INTO t (k, v)" || second.line != "VALUES (1, '値');" {
		t.Fatalf("got %q and %q", first.line, second.line)
	}
	if got := out.String(); got != "" {
		t.Errorf("prompts written for lines already typed: %q", got)
	}
	// With nothing waiting, the prompt is written.
	ch := readLineAsync(c, "cqlsh> ")
	waitOutput(t, out, "cqlsh> ")
	m.Write([]byte("\n"))
	waitLine(t, ch)
}

// Ctrl-C while a line is read (SIGINT, as the terminal sends it) ends the
// read and goes to the reader alone; between lines it goes to the channel
// statements listen on again.
func TestCookedReaderInterrupt(t *testing.T) {
	m, tty := openPTY(t)
	out := &lockedBuffer{}
	shared := make(chan os.Signal, 1)
	signal.Notify(shared, os.Interrupt)
	defer signal.Stop(shared)
	c := newCookedReader(int(tty.Fd()), out, func() chan os.Signal { return shared })
	ch := readLineAsync(c, "cqlsh> ")
	m.Write([]byte("SELECT half"))
	waitOutput(t, out, "cqlsh> ")
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if r := waitLine(t, ch); r.err != ErrInterrupted {
		t.Fatalf("got %q, %v; want ErrInterrupted", r.line, r.err)
	}
	if got := out.String(); got != "cqlsh> \n" {
		t.Errorf("output %q, want the prompt and a newline", got)
	}
	select {
	case <-shared:
		t.Error("the Ctrl-C that ended the read also reached the statements' channel")
	case <-time.After(200 * time.Millisecond):
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case <-shared:
	case <-time.After(10 * time.Second):
		t.Fatal("between lines SIGINT does not reach the statements' channel")
	}
	// One left in the statements' channel when the next line is read came
	// after a statement ended: reading the line drops it, so it cannot
	// cancel the statement typed next.
	shared <- os.Interrupt
	ch = readLineAsync(c, "cqlsh> ")
	m.Write([]byte("\x15ok\n"))
	if r := waitLine(t, ch); r.err != nil || r.line != "ok" {
		t.Fatalf("after a stale interrupt: got %q, %v", r.line, r.err)
	}
	select {
	case <-shared:
		t.Error("a Ctrl-C from before the line was kept for the next statement")
	default:
	}
}

func TestCookedReaderBlockAboveThePrompt(t *testing.T) {
	m, tty := openPTY(t)
	out := &lockedBuffer{}
	c := newCookedReader(int(tty.Fd()), out, nil)
	ch := readLineAsync(c, "cqlsh:ks> ")
	waitOutput(t, out, "cqlsh:ks> ")
	c.printAbove(out, []byte("[1] done in 3 ms: SELECT 1\n"))
	if got, want := out.String(), "cqlsh:ks> \n[1] done in 3 ms: SELECT 1\ncqlsh:ks> "; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	m.Write([]byte("x\n"))
	waitLine(t, ch)
	c.printAbove(out, []byte("[2] done\n"))
	if !strings.HasSuffix(out.String(), "cqlsh:ks> [2] done\n") {
		t.Errorf("with no line being read the block is written as is: %q", out.String())
	}
}

func TestCookedReaderHangUp(t *testing.T) {
	m, tty := openPTY(t)
	c := newCookedReader(int(tty.Fd()), io.Discard, nil)
	ch := readLineAsync(c, "cqlsh> ")
	m.Write([]byte("partial"))
	time.Sleep(50 * time.Millisecond)
	m.Close()
	r := waitLine(t, ch)
	if r.err != nil && r.err != io.EOF {
		t.Fatalf("got %q, %v", r.line, r.err)
	}
	if r.err == nil {
		// The unfinished line is handed over, then the end of input.
		if r := waitLine(t, readLineAsync(c, "cqlsh> ")); r.err != io.EOF {
			t.Fatalf("after a hang-up: got %q, %v; want io.EOF", r.line, r.err)
		}
	}
}

// lockedBuffer is an output sink safe to read while another goroutine
// writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
