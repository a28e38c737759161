//go:build unix

package input

import (
	"bytes"
	"math/rand"
	"os"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair; the test types on master and the
// code under test reads tty. A new pseudo-terminal has no size (0x0).
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatalf("open a pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

func newTestParser(tty *os.File) *termParser {
	fd := int(tty.Fd())
	return newTermParser(fd, func() (int, int) { return layoutSize(fd) })
}

// nextKey calls Read as go-prompt's reader does until a key comes or the
// deadline passes.
func nextKey(t *testing.T, p *termParser, wait time.Duration) ([]byte, bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		k, err := p.Read()
		if err == nil && len(k) > 0 {
			return k, true
		}
		if err != nil && err != errNoKey {
			t.Fatalf("Read: %v", err)
		}
	}
	return nil, false
}

func TestTermParserSizeNeverBelowWhatTheEditorDraws(t *testing.T) {
	m, tty := openPTY(t)
	p := newTestParser(tty)
	cases := []struct {
		cols, rows         uint16
		wantCols, wantRows uint16
	}{
		{0, 0, defaultCols, defaultRows}, // unknown: 80x24
		{1, 1, minEditorCols, minEditorRows},
		{0, 40, defaultCols, 40},
		{132, 50, 132, 50},
	}
	for _, c := range cases {
		if err := pty.Setsize(m, &pty.Winsize{Cols: c.cols, Rows: c.rows}); err != nil {
			t.Fatal(err)
		}
		ws := p.GetWinSize()
		if ws.Col != c.wantCols || ws.Row != c.wantRows {
			t.Errorf("window %dx%d: reported %dx%d, want %dx%d", c.cols, c.rows, ws.Col, ws.Row, c.wantCols, c.wantRows)
		}
		if p.width() != int(c.wantCols) {
			t.Errorf("window %dx%d: width %d, want %d", c.cols, c.rows, p.width(), c.wantCols)
		}
	}
}

func TestTermParserRawModeAndRestore(t *testing.T) {
	_, tty := openPTY(t)
	fd := int(tty.Fd())
	before, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		t.Fatal(err)
	}
	p := newTestParser(tty)
	p.Setup()
	raw, _ := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if raw.Lflag&(unix.ECHO|unix.ICANON|unix.ISIG) != 0 || raw.Iflag&unix.ICRNL != 0 {
		t.Errorf("Setup left the terminal cooked: lflag %#x iflag %#x", raw.Lflag, raw.Iflag)
	}
	p.TearDown()
	after, _ := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if *after != *before {
		t.Errorf("TearDown did not restore the settings:\nbefore %+v\nafter  %+v", before, after)
	}
	// Twice in a row (one line after another) restores the same settings.
	p.Setup()
	p.TearDown()
	again, _ := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if *again != *before {
		t.Errorf("a second line left different settings:\nbefore %+v\nafter  %+v", before, again)
	}
}

func TestTermParserHoldsKeysAfterTheLineEnds(t *testing.T) {
	m, tty := openPTY(t)
	p := newTestParser(tty)
	p.Setup()
	defer p.TearDown()
	m.Write([]byte("ab\rcd\x1b[A"))
	for _, want := range []string{"ab", "\r"} {
		if k, ok := nextKey(t, p, 5*time.Second); !ok || string(k) != want {
			t.Fatalf("got %q, want %q", k, want)
		}
	}
	if k, ok := nextKey(t, p, 200*time.Millisecond); ok {
		t.Fatalf("a key after Enter was handed out before the next line: %q", k)
	}
	// A wake key still gets through to the line being finished.
	p.wake <- struct{}{}
	if k, ok := nextKey(t, p, time.Second); !ok || string(k) != wakeKey {
		t.Fatalf("got %q, want the wake key", k)
	}
	p.release()
	for _, want := range []string{"cd", "\x1b[A"} {
		if k, ok := nextKey(t, p, 5*time.Second); !ok || string(k) != want {
			t.Fatalf("next line: got %q, want %q", k, want)
		}
	}
}

func TestTermParserLoneEscapeAfterAPause(t *testing.T) {
	m, tty := openPTY(t)
	p := newTestParser(tty)
	p.Setup()
	defer p.TearDown()
	m.Write([]byte("\x1b"))
	if k, ok := nextKey(t, p, 5*time.Second); !ok || string(k) != "\x1b" {
		t.Fatalf("got %q, want the Escape key", k)
	}
}

func TestTermParserHangUpEndsTheLine(t *testing.T) {
	m, tty := openPTY(t)
	p := newTestParser(tty)
	p.Setup()
	defer p.TearDown()
	m.Write([]byte("SELECT"))
	if k, ok := nextKey(t, p, 5*time.Second); !ok || string(k) != "SELECT" {
		t.Fatalf("got %q", k)
	}
	m.Close()
	k, ok := nextKey(t, p, 5*time.Second)
	if !ok || string(k) != "\x03" {
		t.Fatalf("after a hang-up got %q, want Ctrl-C to end the line", k)
	}
	if !p.closed() {
		t.Error("closed() is false after a hang-up")
	}
}

// TestTermParserRandomInput types random bytes (invalid UTF-8, escape
// sequences, control keys, a large paste) at the parser through a real
// terminal and checks every key it hands out is one go-prompt can take,
// that a paste of text arrives intact, and that it keeps no more than a
// bounded amount of input.
func TestTermParserRandomInput(t *testing.T) {
	m, tty := openPTY(t)
	p := newTestParser(tty)
	p.Setup()
	defer p.TearDown()

	r := rand.New(rand.NewSource(time.Now().UnixNano()))
	seed := r.Int63()
	t.Logf("seed %d", seed)
	r = rand.New(rand.NewSource(seed))
	pieces := []string{"\x1b", "\x1b[", "\x1b[1;5C", "\x1b[200~", "\x1b[201~", "\x1bO", "\x1b[A", "\x7f", "\r", "\n",
		"\x03", "\xff", "\xc3", "\xe5\x80", "値", "\u009b", "SELECT * FROM t;", "\x1b[9999~"}
	var junk []byte
	for len(junk) < 64<<10 {
		if r.Intn(3) == 0 {
			junk = append(junk, byte(r.Intn(256)))
		} else {
			junk = append(junk, pieces[r.Intn(len(pieces))]...)
		}
	}
	// Text that must arrive unchanged however the terminal cuts it.
	paste := bytes.Repeat([]byte("INSERT INTO ks.t (k, v) VALUES (1, 'ϑΉӁװڜ 値');"), 8000)

	written := make(chan error, 1)
	go func() {
		// A terminal hands input over in pieces of varying size.
		for b := junk; len(b) > 0; {
			n := min(len(b), 1+r.Intn(300))
			if _, err := m.Write(b[:n]); err != nil {
				written <- err
				return
			}
			b = b[n:]
		}
		// The paste starts after a pause, so the junk's last escape
		// sequence is settled before it, and ends with a line break.
		time.Sleep(200 * time.Millisecond)
		_, err := m.Write(append(append([]byte("\x15"), paste...), '\r'))
		written <- err
	}()

	var text []byte
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		k, err := p.Read()
		if err == errNoKey {
			p.release() // the next line
			continue
		}
		if err != nil {
			t.Fatalf("Read: %v", err)
		}
		if !validKey(k) && string(k) != wakeKey {
			t.Fatalf("invalid key %q", k)
		}
		if n := len(p.dec.buf); n > maxReadChunk+maxEscapeLen {
			t.Fatalf("the parser holds %d bytes of input", n)
		}
		switch {
		case string(k) == "\x15": // Ctrl-U: the paste follows
			text = text[:0]
		case string(k) == "\r" && len(text) >= len(paste): // junk never makes a line this long
			if !bytes.HasSuffix(text, paste) {
				t.Fatalf("the paste arrived changed (%d bytes, want %d)", len(text), len(paste))
			}
			if err := <-written; err != nil {
				t.Fatal(err)
			}
			return
		case validKey(k) && k[0] >= 0x20 && k[0] != 0x7f:
			text = append(text, k...)
		default:
			text = text[:0]
		}
	}
	t.Fatal("the paste never arrived")
}
