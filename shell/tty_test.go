package shell

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// startTTY runs gocqlsh in a tmux terminal (HOME in a temp dir, so history
// and cqlshrc are private) and waits for its prompt. wrap, when set, is a
// shell command line around the binary ("%s" stands for the gocqlsh call).
func startTTY(t *testing.T, addr, wrap string) *tmuxSession {
	t.Helper()
	return startTTYSized(t, addr, wrap, 120, 50)
}

// startTTYSized is startTTY in a window of cols×rows.
func startTTYSized(t *testing.T, addr, wrap string, cols, rows int) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is needed for the terminal tests")
		}
		t.Skip("tmux not installed: the terminal tests need it")
	}
	host, port, _ := net.SplitHostPort(addr)
	bin := buildBinary(t)
	s := &tmuxSession{t: t, socket: fmt.Sprintf("gocqlsh-tty-%d-%s", os.Getpid(), strings.ReplaceAll(t.Name(), "/", "_"))}
	home := t.TempDir()
	call := fmt.Sprintf("env HOME=%s TERM=xterm %s %s %s", home, bin, host, port)
	cmd := call
	if wrap != "" {
		cmd = fmt.Sprintf(wrap, call)
	}
	s.tmux("new-session", "-d", "-s", "g", "-x", fmt.Sprint(cols), "-y", fmt.Sprint(rows), "sh", "-c", cmd+"; echo EXITED $?; sleep 60")
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.waitFor("the prompt", func(sc string) bool { return lastLine(sc) == "cqlsh>" })
	return s
}

// semicolon types ';' (tmux reads a trailing ';' as a command separator).
func (s *tmuxSession) semicolon() { s.typeKey("-H", "3b") }

// statement types one statement and waits until the shell prompts again,
// so the next keys are not typed while it runs.
func (s *tmuxSession) statement(text, prompt string) string {
	s.t.Helper()
	prompt = strings.TrimSpace(prompt)
	before := strings.Count(s.screen(), prompt)
	s.typeText(text)
	s.semicolon()
	s.typeKey("Enter")
	return s.waitFor("the prompt after "+text, func(sc string) bool {
		return lastLine(sc) == prompt && strings.Count(sc, prompt) > before
	})
}

func lastLine(sc string) string {
	ls := lines(sc)
	return ls[len(ls)-1]
}

func TestTTYPromptContinuationAndUse(t *testing.T) {
	s := startTTY(t, testnode.Addr(t), "")
	sc := s.screen()
	if !strings.Contains(sc, "Connected to ") || !strings.Contains(sc, "Use HELP for help.") {
		t.Fatalf("no banner:\n%s", sc)
	}
	s.typeText("SELECT release_version")
	s.typeKey("Enter")
	sc = s.waitFor("the continuation prompt", func(sc string) bool { return strings.HasPrefix(lastLine(sc), "   ... ") || lastLine(sc) == "   ..." })
	s.typeText("FROM system.local")
	s.semicolon()
	s.typeKey("Enter")
	sc = s.waitFor("the result", func(sc string) bool { return strings.Contains(sc, "(1 rows)") })
	if !strings.Contains(sc, " release_version\n") {
		t.Errorf("result missing its header:\n%s", sc)
	}
	s.typeText("USE system")
	s.semicolon()
	s.typeKey("Enter")
	s.waitFor("the keyspace prompt", func(sc string) bool { return lastLine(sc) == "cqlsh:system>" })
	s.typeText("SELECT cluster_name")
	s.typeKey("Enter")
	// The continuation prompt is as wide as "cqlsh:system> ".
	s.waitFor("the padded continuation prompt", func(sc string) bool {
		return strings.HasPrefix(lastLine(sc)+" ", strings.Repeat(" ", len("cqlsh:system> ")-len("... "))+"... ")
	})
	s.typeKey("C-c")
	s.waitFor("a fresh prompt after Ctrl-C", func(sc string) bool { return lastLine(sc) == "cqlsh:system>" })
}

func TestTTYTabCompletion(t *testing.T) {
	s := startTTY(t, testnode.Addr(t), "")
	s.typeText("SELECT * FROM system_schema.tabl")
	s.typeKey("Tab")
	s.waitFor("the table name completed", func(sc string) bool {
		return strings.HasSuffix(lastLine(sc), "FROM system_schema.tables")
	})
	s.typeText("WHERE keyspace_na")
	s.typeKey("Tab")
	s.waitFor("the column name completed", func(sc string) bool {
		return strings.HasSuffix(lastLine(sc), "WHERE keyspace_name")
	})
	s.typeText("= 'system_auth'")
	s.semicolon()
	s.typeKey("Enter")
	s.waitFor("the completed statement's result", func(sc string) bool { return strings.Contains(sc, "rows)") })
}

func TestTTYCtrlCCancelsStatement(t *testing.T) {
	proxy := newGateProxy(t, testnode.Addr(t))
	s := startTTY(t, proxy.ln.Addr().String(), "")
	proxy.close() // replies are held: the next statement hangs
	s.typeText("SELECT release_version FROM system.local")
	s.semicolon()
	s.typeKey("Enter")
	time.Sleep(500 * time.Millisecond)
	s.typeKey("C-c")
	sc := s.waitFor("the prompt back after Ctrl-C", func(sc string) bool {
		return strings.Contains(sc, "cancelled") && lastLine(sc) == "cqlsh>"
	})
	if strings.Contains(sc, "EXITED") {
		t.Fatalf("Ctrl-C ended the shell:\n%s", sc)
	}
	proxy.open()
	s.typeText("SELECT release_version FROM system.local")
	s.semicolon()
	s.typeKey("Enter")
	s.waitFor("the shell still works", func(sc string) bool { return strings.Contains(sc, "(1 rows)") })
}

func TestTTYPagingMore(t *testing.T) {
	addr := testnode.Addr(t)
	sess, err := driver.Connect(context.Background(), driver.Config{Hosts: []string{addr}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sess.Close) // runs after the DROP below (cleanups run last first)
	ks := fmt.Sprintf("tty_%d", time.Now().UnixNano()%1e9)
	mustExec(t, sess,
		"CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
		"CREATE TABLE "+ks+".t (pk int, ck int, PRIMARY KEY (pk, ck))")
	t.Cleanup(func() { sess.Execute(context.Background(), "DROP KEYSPACE "+ks) })
	for i := 0; i < 150; i++ {
		mustExec(t, sess, fmt.Sprintf("INSERT INTO %s.t (pk, ck) VALUES (1, %d)", ks, i))
	}
	s := startTTY(t, addr, "")
	s.typeText("SELECT ck FROM " + ks + ".t WHERE pk = 1")
	s.semicolon()
	s.typeKey("Enter")
	sc := s.waitFor("---MORE---", func(sc string) bool { return strings.Contains(sc, "---MORE---") })
	if strings.Contains(sc, "rows)") {
		t.Fatalf("the row count came before the last page:\n%s", sc)
	}
	ls := lines(sc)
	for i, l := range ls {
		if strings.HasPrefix(l, "---MORE---") && (i < 2 || strings.TrimSpace(ls[i-2]) != "99") {
			t.Errorf("the first page should end at row 99:\n%s", sc)
		}
	}
	s.typeKey("Enter")
	sc = s.waitFor("the last page", func(sc string) bool { return strings.Contains(sc, "(150 rows)") })
	if !strings.Contains(sc, " 149\n") {
		t.Errorf("the second page is missing its rows:\n%s", sc)
	}
}

func TestTTYTerminalRestoredAfterExit(t *testing.T) {
	dir := t.TempDir()
	before, after := filepath.Join(dir, "before"), filepath.Join(dir, "after")
	s := startTTY(t, testnode.Addr(t), "stty -g > "+before+"; %s; stty -g > "+after)
	sc := s.statement("SELECT release_version FROM system.local", "cqlsh> ")
	if !strings.Contains(sc, "(1 rows)") {
		t.Fatalf("no result:\n%s", sc)
	}
	s.typeKey("C-d")
	s.waitFor("the exit", func(sc string) bool { return strings.Contains(sc, "EXITED 0") })
	b, err1 := os.ReadFile(before)
	a, err2 := os.ReadFile(after)
	if err1 != nil || err2 != nil {
		t.Fatalf("stty snapshots: %v %v", err1, err2)
	}
	if string(a) != string(b) {
		t.Errorf("terminal settings changed:\nbefore %s\nafter  %s", b, a)
	}
}

func TestTTYPromptDropsDroppedKeyspace(t *testing.T) {
	s := startTTY(t, testnode.Addr(t), "")
	ks := fmt.Sprintf("ttydrop_%d", time.Now().UnixNano()%1e9)
	s.statement("CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", "cqlsh> ")
	s.statement("USE "+ks, "cqlsh:"+ks+"> ")
	s.statement("DROP KEYSPACE "+ks, "cqlsh> ")
}

func TestTTYTerminalRestoredAfterSIGTERM(t *testing.T) {
	dir := t.TempDir()
	before, after := filepath.Join(dir, "before"), filepath.Join(dir, "after")
	s := startTTY(t, testnode.Addr(t), "stty -g > "+before+"; %s; echo STATUS $?; stty -g > "+after)
	s.typeText("SELECT rel") // a half-typed line: go-prompt holds the terminal raw
	// The pane runs sh, whose child is env, which execs gocqlsh.
	pane := strings.TrimSpace(s.tmux("list-panes", "-t", "g", "-F", "#{pane_pid}"))
	out, err := exec.Command("pkill", "-TERM", "-P", pane).CombinedOutput()
	if err != nil {
		t.Fatalf("pkill: %v %s", err, out)
	}
	s.waitFor("the exit", func(sc string) bool { return strings.Contains(sc, "STATUS 143") && strings.Contains(sc, "EXITED") })
	b, err1 := os.ReadFile(before)
	a, err2 := os.ReadFile(after)
	if err1 != nil || err2 != nil {
		t.Fatalf("stty snapshots: %v %v", err1, err2)
	}
	if string(a) != string(b) {
		t.Errorf("terminal settings changed:\nbefore %s\nafter  %s", b, a)
	}
}

func TestTTYPasteSeveralLines(t *testing.T) {
	s := startTTY(t, testnode.Addr(t), "")
	// One write with three lines, as a terminal delivers a paste.
	s.tmux("send-keys", "-t", "g", "-l", "SELECT cluster_name\r  FROM system.local\rWHERE key = 'local'")
	s.typeKey("-H", "3b", "0d", "53", "48", "4f", "57", "20", "48", "4f", "53", "54", "0d") // ";\rSHOW HOST\r"
	sc := s.waitFor("both statements' output", func(sc string) bool {
		return strings.Contains(sc, "(1 rows)") && strings.Contains(sc, "Connected to ") && strings.Count(sc, "Connected to ") == 2
	})
	if !strings.Contains(sc, " cluster_name\n") {
		t.Errorf("the pasted statement did not run as one statement:\n%s", sc)
	}
}
