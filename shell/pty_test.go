//go:build unix

package shell

import (
	"context"
	"fmt"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// ptyShell is gocqlsh on a pseudo-terminal, driven the way expect, pexpect
// and cqlsh's own tests drive a shell: what the test writes is typed, and
// everything the shell and the terminal write back is recorded.
type ptyShell struct {
	t      *testing.T
	cmd    *exec.Cmd
	master *os.File

	mu  sync.Mutex
	out []byte
	pos int // where the next expect starts looking

	readDone chan struct{} // the terminal closed
	exited   chan struct{} // the process ended; code is set
	code     int
}

// ptyOptions describe the terminal: cols x rows (0x0: never sized), TERM,
// and extra command-line arguments.
type ptyOptions struct {
	cols, rows uint16
	term       string
	args       []string
}

// promptRE is the pattern cqlsh's own tests wait for: the prompt as plain
// text right after a newline.
var promptRE = regexp.MustCompile(`\n(\S+@)?cqlsh(:\S+)?> `)

// dumpMarks are what a crash prints; none may ever show.
var dumpMarks = []string{"goroutine ", "panic:", "fatal error", "[ASSERT]", "SIGQUIT", "internal error"}

func startPTY(t *testing.T, addr string, o ptyOptions) *ptyShell {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(buildBinary(t), append(append([]string{}, o.args...), host, port)...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "TERM=" + o.term, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}
	var f *os.File
	var err error
	if o.cols == 0 && o.rows == 0 {
		f, err = pty.Start(cmd) // a new pseudo-terminal is 0x0
	} else {
		f, err = pty.StartWithSize(cmd, &pty.Winsize{Cols: o.cols, Rows: o.rows})
	}
	if err != nil {
		t.Fatalf("start gocqlsh on a pseudo-terminal: %v", err)
	}
	s := &ptyShell{t: t, cmd: cmd, master: f, readDone: make(chan struct{}), exited: make(chan struct{})}
	go func() {
		defer close(s.readDone)
		buf := make([]byte, 64<<10)
		for {
			n, err := f.Read(buf)
			s.mu.Lock()
			s.out = append(s.out, buf[:n]...)
			s.mu.Unlock()
			if err != nil {
				return // EIO once the shell has exited
			}
		}
	}()
	go func() {
		cmd.Wait()
		s.code = cmd.ProcessState.ExitCode()
		close(s.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-s.exited:
		default:
			cmd.Process.Kill()
			<-s.exited
		}
		f.Close()
		<-s.readDone
		s.checkNoDump()
	})
	return s
}

// output is everything recorded so far.
func (s *ptyShell) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.out)
}

// send types text. A terminal that takes no input for a minute fails the
// test instead of hanging it.
func (s *ptyShell) send(text string) {
	s.t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := s.master.Write([]byte(text))
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			s.t.Fatalf("typing %q: %v", lastPart(text), err)
		}
	case <-time.After(60 * time.Second):
		s.t.Fatalf("the terminal took no input for a minute; output:\n%q", lastPart(s.output()))
	}
}

// expect waits until re matches the output after the last match and
// returns that output up to the end of the match.
func (s *ptyShell) expect(re *regexp.Regexp, what string) string {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		s.mu.Lock()
		rest := string(s.out[s.pos:])
		loc := re.FindStringIndex(rest)
		if loc != nil {
			s.pos += loc[1]
		}
		s.mu.Unlock()
		if loc != nil {
			return rest[:loc[1]]
		}
		select {
		case <-s.readDone:
			s.t.Fatalf("the terminal closed before %s; output after the last match:\n%q", what, lastPart(rest))
		default:
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; output after the last match:\n%q", what, lastPart(rest))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// command types line and a newline and returns what came back up to the
// next prompt.
func (s *ptyShell) command(line string) string {
	s.t.Helper()
	s.send(line + "\n")
	return s.expect(promptRE, "the prompt after "+line)
}

// waitExit waits for the shell to end and returns its exit code.
func (s *ptyShell) waitExit() int {
	s.t.Helper()
	select {
	case <-s.exited:
	case <-time.After(60 * time.Second):
		s.t.Fatalf("the shell did not exit; output:\n%q", lastPart(s.output()))
	}
	<-s.readDone
	return s.code
}

func (s *ptyShell) checkNoDump() {
	out := s.output()
	for _, m := range dumpMarks {
		if i := strings.Index(out, m); i >= 0 {
			s.t.Errorf("the shell printed %q:\n%q", m, out[max(0, i-200):min(len(out), i+600)])
		}
	}
}

func lastPart(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

// ptyKeyspace creates a keyspace of its own with a table holding one row
// (k 1, v 'ϑΉӁװڜ'), dropped at the end.
func ptyKeyspace(t *testing.T, addr string) string {
	t.Helper()
	sess, err := driver.Connect(context.Background(), driver.Config{Hosts: []string{addr}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close)
	ks := fmt.Sprintf("pty_%d_%d", time.Now().UnixNano()%1e9, rand.Intn(1e6))
	mustExec(t, sess,
		"CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
		"CREATE TABLE "+ks+".t (k int PRIMARY KEY, v text)",
		"INSERT INTO "+ks+".t (k, v) VALUES (1, 'ϑΉӁװڜ')")
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		sess.ExecuteQuery(ctx, &driver.Query{Statement: "DROP KEYSPACE " + ks, Timeout: 60 * time.Second})
	})
	return ks
}

// checkEcho asserts the terminal echoed the typed line first.
func checkEcho(t *testing.T, out, line string) string {
	t.Helper()
	echo, rest, _ := strings.Cut(out, "\r\n")
	if echo != line {
		t.Errorf("the first line is %q, want the echo of %q", echo, line)
	}
	return rest
}

// The pseudo-terminal of Python's pty module, expect and cqlsh's own
// tests: never sized, TERM=xterm. The shell reads lines in cooked mode.
func TestPTYUnsizedTerminal(t *testing.T) {
	addr := testnode.Addr(t)
	ks := ptyKeyspace(t, addr)
	s := startPTY(t, addr, ptyOptions{term: "xterm"})
	head := s.expect(promptRE, "the first prompt")
	if !strings.HasSuffix(head, "Use HELP for help.\r\ncqlsh> ") {
		t.Errorf("the prompt does not follow the banner as plain text:\n%q", head)
	}
	if !strings.Contains(head, "Connected to \x1b[0;1;34m") {
		t.Errorf("the banner's cluster name is not blue:\n%q", head)
	}

	stmt := "SELECT k, v FROM " + ks + ".t;"
	out := checkEcho(t, s.command(stmt), stmt)
	want := "\r\n \x1b[0;1;31mk\x1b[0m | \x1b[0;1;35mv\x1b[0m\r\n---+-------\r\n \x1b[0;1;32m1\x1b[0m | \x1b[0;1;33mϑΉӁװڜ\x1b[0m\r\n\r\n(1 rows)\r\ncqlsh> "
	if out != want {
		t.Errorf("result:\n%q\nwant\n%q", out, want)
	}

	stmt = "USE " + ks + ";"
	if out := checkEcho(t, s.command(stmt), stmt); out != "cqlsh:"+ks+"> " {
		t.Errorf("after USE: %q", out)
	}
	stmt = "SELECT * FROM nope;"
	out = checkEcho(t, s.command(stmt), stmt)
	if !strings.HasPrefix(out, "\x1b[0;1;31mInvalidRequest: Error from server: code=2200") || !strings.HasSuffix(out, "\x1b[0m\r\ncqlsh:"+ks+"> ") {
		t.Errorf("the error is not red, or the prompt does not follow it:\n%q", out)
	}

	// Two lines sent at once: the terminal echoes both before the shell
	// reads the second, so no continuation prompt lands after the echo and
	// the next prompt still follows a newline.
	out = s.command("SELECT v FROM t\nWHERE k = 1;")
	if !strings.HasPrefix(out, "SELECT v FROM t\r\nWHERE k = 1;\r\n") || strings.Contains(out, "...") ||
		!strings.Contains(out, "ϑΉӁװڜ") || !strings.HasSuffix(out, "(1 rows)\r\ncqlsh:"+ks+"> ") {
		t.Errorf("a statement sent on two lines:\n%q", out)
	}
	// The continuation prompt when the second line comes after it.
	s.send("SELECT v FROM t\n")
	s.expect(regexp.MustCompile(`\r\n {`+fmt.Sprint(len("cqlsh:"+ks+"> ")-4)+`}\.\.\. $`), "the continuation prompt")
	if out := s.command("WHERE k = 1;"); !strings.Contains(out, "(1 rows)") {
		t.Errorf("the statement finished on the continuation line:\n%q", out)
	}

	// Ctrl-C drops the half-typed line and prompts again.
	s.send("SELECT half")
	time.Sleep(200 * time.Millisecond)
	s.send("\x03")
	if out := s.expect(promptRE, "the prompt after Ctrl-C"); !strings.HasSuffix(out, "SELECT half^C\r\ncqlsh:"+ks+"> ") {
		t.Errorf("after Ctrl-C:\n%q", out)
	}
	if out := s.command("SELECT k FROM t;"); !strings.Contains(out, "(1 rows)") {
		t.Errorf("the shell does not work after Ctrl-C:\n%q", out)
	}

	// Ctrl-C at ---MORE--- ends the listing, and the next statement is a
	// statement, not the answer to ---MORE---.
	s.send("SELECT column_name FROM system_schema.columns;\n")
	s.expect(regexp.MustCompile(`---MORE---`), "the first page")
	s.send("\x03")
	if out := s.expect(promptRE, "the prompt after Ctrl-C at ---MORE---"); !strings.HasPrefix(out, "^C") {
		t.Errorf("after Ctrl-C at ---MORE---:\n%q", out)
	}
	stmt = "SELECT k FROM t;"
	if out := checkEcho(t, s.command(stmt), stmt); !strings.Contains(out, "(1 rows)") || strings.Contains(out, "cancel") {
		t.Errorf("the statement after Ctrl-C at ---MORE---:\n%q", out)
	}

	// EXIT prints nothing after its echo and ends cleanly.
	s.send("EXIT\n")
	if code := s.waitExit(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	if out := s.output()[s.pos:]; out != "EXIT\r\n" {
		t.Errorf("after EXIT the shell printed:\n%q", out)
	}
}

// A one-column terminal is too small for the line editor: cooked mode,
// colours kept.
func TestPTYOneColumnTerminal(t *testing.T) {
	addr := testnode.Addr(t)
	s := startPTY(t, addr, ptyOptions{cols: 1, rows: 24, term: "xterm"})
	s.expect(promptRE, "the first prompt")
	stmt := "SELECT key FROM system.local;"
	out := checkEcho(t, s.command(stmt), stmt)
	if want := "\r\n \x1b[0;1;31mkey\x1b[0m\r\n-------\r\n \x1b[0;1;33mlocal\x1b[0m\r\n\r\n(1 rows)\r\ncqlsh> "; out != want {
		t.Errorf("result:\n%q\nwant\n%q", out, want)
	}
	s.send("EXIT\n")
	if code := s.waitExit(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

// TERM=dumb: cooked mode and no escape sequence at all, even on a sized
// screen; Ctrl-D on an empty line prints a newline and ends the shell.
func TestPTYDumbTerminal(t *testing.T) {
	addr := testnode.Addr(t)
	s := startPTY(t, addr, ptyOptions{cols: 120, rows: 40, term: "dumb"})
	s.expect(promptRE, "the first prompt")
	stmt := "SELECT key FROM system.local;"
	if out := checkEcho(t, s.command(stmt), stmt); out != "\r\n key\r\n-------\r\n local\r\n\r\n(1 rows)\r\ncqlsh> " {
		t.Errorf("result:\n%q", out)
	}
	s.send("\x04")
	if code := s.waitExit(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	out := s.output()
	if rest := out[s.pos:]; rest != "\r\n" {
		t.Errorf("after Ctrl-D the shell printed %q, want a newline", rest)
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("escape sequences on a dumb terminal:\n%q", out)
	}
}

// Colour follows TERM as in cqlsh: none for an unset TERM, dumb or vt100,
// colour for anything else, even a name the system does not know.
func TestPTYColourByTerm(t *testing.T) {
	addr := testnode.Addr(t)
	for _, c := range []struct {
		term   string
		colour bool
	}{{"", false}, {"dumb", false}, {"vt100", false}, {"xterm", true}, {"unknown-garbage", true}} {
		t.Run("TERM="+c.term, func(t *testing.T) {
			s := startPTY(t, addr, ptyOptions{term: c.term})
			s.expect(promptRE, "the first prompt")
			out := s.command("SELECT key FROM system.local;") + s.command("SELECT * FROM nope;")
			if strings.Contains(out, "\x1b[") != c.colour {
				t.Errorf("colour %v wanted; output:\n%q", c.colour, out)
			}
			s.send("EXIT\n")
			s.waitExit()
		})
	}
}

// --simple-prompt and [ui] simple_prompt choose cooked mode on a sized
// screen that would otherwise get the line editor.
func TestPTYSimplePrompt(t *testing.T) {
	addr := testnode.Addr(t)
	rc := filepath.Join(t.TempDir(), "cqlshrc")
	if err := os.WriteFile(rc, []byte("[ui]\nsimple_prompt = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--simple-prompt"}, {"--cqlshrc", rc}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			s := startPTY(t, addr, ptyOptions{cols: 120, rows: 40, term: "xterm", args: args})
			if head := s.expect(promptRE, "the first prompt"); !strings.HasSuffix(head, "Use HELP for help.\r\ncqlsh> ") {
				t.Errorf("not a plain prompt:\n%q", head)
			}
			stmt := "SELECT key FROM system.local;"
			if out := checkEcho(t, s.command(stmt), stmt); !strings.HasSuffix(out, "(1 rows)\r\ncqlsh> ") {
				t.Errorf("result:\n%q", out)
			}
			s.send("EXIT\n")
			if code := s.waitExit(); code != 0 {
				t.Errorf("exit code %d", code)
			}
		})
	}
}

// Ctrl-\ in a cooked terminal sends SIGQUIT: the shell ends without a
// goroutine dump.
func TestPTYQuitKeyEndsQuietly(t *testing.T) {
	s := startPTY(t, testnode.Addr(t), ptyOptions{term: "xterm"})
	s.expect(promptRE, "the first prompt")
	s.send("SELECT\x1c")
	if code := s.waitExit(); code != 128+3 {
		t.Errorf("exit code %d, want %d", code, 128+3)
	}
}

// editorPrompt is the line editor drawing an empty prompt.
var editorPrompt = regexp.MustCompile(`cqlsh> (\x1b\[[0-9;]*m)*\x1b\[J`)

// On a sized screen the line editor runs, and a terminal resized to one
// cell (or to no size) while a result prints does not break it.
func TestPTYEditorSurvivesResizes(t *testing.T) {
	addr := testnode.Addr(t)
	s := startPTY(t, addr, ptyOptions{cols: 100, rows: 30, term: "xterm"})
	if head := s.expect(editorPrompt, "the editor's prompt"); !strings.Contains(head, "\x1b[?25l") {
		t.Errorf("no line editor on a sized xterm:\n%q", head)
	}
	s.send("PAGING OFF;\r")
	s.expect(regexp.MustCompile(`PAGING OFF;\r\n`), "PAGING OFF entered")
	s.expect(editorPrompt, "the prompt")
	// The size keeps changing, down to one cell and to none, while a long
	// result prints.
	stop, resized := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(resized)
		sizes := []pty.Winsize{{Cols: 1, Rows: 1}, {}, {Cols: 5, Rows: 3}, {Cols: 100, Rows: 30}, {Cols: 1, Rows: 50}}
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			pty.Setsize(s.master, &sizes[i%len(sizes)])
		}
	}()
	s.send("SELECT keyspace_name, table_name, column_name FROM system_schema.columns;\r")
	s.expect(regexp.MustCompile(`\(\d+ rows\)\r\n`), "the long result")
	close(stop)
	<-resized
	pty.Setsize(s.master, &pty.Winsize{Cols: 1, Rows: 1})
	s.expect(regexp.MustCompile(`cqlsh> `), "the prompt on a one-cell screen")
	s.send("SELECT key FROM system.local WHERE key = 'local';\r")
	s.expect(regexp.MustCompile(`\(1 rows\)\r\n`), "a result on a one-cell screen")
	pty.Setsize(s.master, &pty.Winsize{Cols: 0, Rows: 0})
	s.expect(regexp.MustCompile(`cqlsh> `), "the prompt")
	s.send("SELECT key FROM system.local;\r")
	s.expect(regexp.MustCompile(`\(1 rows\)\r\n`), "a result on a screen with no size")
	s.expect(regexp.MustCompile(`cqlsh> `), "the prompt")
	s.send("EXIT\r")
	if code := s.waitExit(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

// ptyJunk is random terminal input: bytes of every value, escape sequences
// whole and cut, invalid and cut UTF-8. Keys that end the shell or stop
// the terminal (Ctrl-D, Ctrl-S, Ctrl-Z, Ctrl-\) are left out, and Ctrl-C
// unless withCtrlC: in cooked mode the terminal turns it into SIGINT and
// flushes its input, and on Linux that flush in the middle of a burst that
// overfills the line buffer can stall the pseudo-terminal's input for good
// whatever program reads it (a trivial Python reader stalls the same way),
// so cooked mode gets Ctrl-C only as keystrokes of its own.
func ptyJunk(r *rand.Rand, n int, withCtrlC bool) []byte {
	pieces := []string{"\x1b", "\x1b[", "\x1b[1;5C", "\x1b[200~", "\x1b[201~", "\x1bO", "\x1b[A", "\x1b[B", "\t", "\x7f",
		"\r", "\n", "\xff", "\xc3", "\xe5\x80", "値", "\u009b", "'", "/*", ";", "\x1b[6n", "\x1b]0;x\x07"}
	if withCtrlC {
		pieces = append(pieces, "\x03")
	}
	var b []byte
	for len(b) < n {
		if r.Intn(3) == 0 {
			c := byte(r.Intn(256))
			if c == 0x04 || c == 0x13 || c == 0x1a || c == 0x1c || (c == 0x03 && !withCtrlC) {
				continue
			}
			b = append(b, c)
		} else {
			b = append(b, pieces[r.Intn(len(pieces))]...)
		}
	}
	return b
}

// TestPTYRandomInput types random bytes and large pastes at the shell, in
// the line editor and in cooked mode, and checks that it neither crashes
// nor stops answering.
func TestPTYRandomInput(t *testing.T) {
	addr := testnode.Addr(t)
	for _, tc := range []struct {
		name       string
		cols, rows uint16
		junk       int
		ctrlC      bool // Ctrl-C inside the bursts (see ptyJunk)
	}{
		{"editor", 80, 24, 3 << 10, true},
		{"cooked", 0, 0, 16 << 10, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seed := time.Now().UnixNano()
			if v, err := strconv.ParseInt(os.Getenv("GOCQLSH_TEST_SEED"), 10, 64); err == nil {
				seed = v
			}
			t.Logf("seed %d (GOCQLSH_TEST_SEED=%[1]d replays it)", seed)
			r := rand.New(rand.NewSource(seed))
			s := startPTY(t, addr, ptyOptions{cols: tc.cols, rows: tc.rows, term: "xterm"})
			s.expect(regexp.MustCompile(`cqlsh> `), "the first prompt")
			junk := ptyJunk(r, tc.junk, tc.ctrlC)
			for b := junk; len(b) > 0; {
				n := min(len(b), 1+r.Intn(200))
				s.send(string(b[:n]))
				b = b[n:]
			}
			// A large paste on one line, cancelled; then many short lines.
			s.send(strings.Repeat("SELECT 'ϑΉӁװڜ' ", 8<<10))
			s.send("\x03")
			s.send(strings.Repeat("SELECT key FROM system.local;\r", 20))
			// Wait until everything typed has been handled (the output stops
			// changing) with the main prompt last, cancelling whatever
			// statement the junk left unfinished.
			deadline := time.Now().Add(3 * time.Minute)
			for settled := 0; settled < 2; {
				if time.Now().After(deadline) {
					t.Fatalf("the shell stopped answering; output:\n%q", lastPart(s.output()))
				}
				before := s.output()
				time.Sleep(time.Second)
				after := s.output()
				switch {
				case after != before:
					settled = 0
				case strings.HasSuffix(strings.TrimRight(stripEscapes(after), " \x1b"), "cqlsh>"):
					settled++
				default:
					s.send("\x03")
				}
			}
			s.mu.Lock()
			s.pos = len(s.out)
			s.mu.Unlock()
			s.send("SELECT key FROM system.local WHERE key = 'local';\r")
			s.expect(regexp.MustCompile(`\r\n \S*local\S*\r\n\r\n\(1 rows\)\r\n`), "the answer after the junk")
			s.expect(regexp.MustCompile(`cqlsh> `), "the prompt")
			s.send("EXIT\r")
			if code := s.waitExit(); code != 0 {
				t.Errorf("exit code %d", code)
			}
			t.Logf("%d bytes typed, %d bytes of output", len(junk)+8<<10*len("SELECT 'ϑΉӁװڜ' "), len(s.output()))
		})
	}
}

var escapeRE = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// stripEscapes drops CSI sequences, leaving the text the screen shows.
func stripEscapes(s string) string { return escapeRE.ReplaceAllString(s, "") }
