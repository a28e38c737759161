package shell

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// fakeNode is a fake Cassandra node whose handler sees every statement the
// shell sends (recorded, in order) and decides what becomes of it.
type fakeNode struct {
	*fakeserver.Server
	mu   sync.Mutex
	seen []string
}

func startFakeNode(t *testing.T, decide func(stmt string) fakeserver.Action) *fakeNode {
	t.Helper()
	n := &fakeNode{}
	n.Server = fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
		if _, ok := r.Message.(*frame.Query); !ok || !strings.HasPrefix(r.Statement, "SELECT * FROM ks.") {
			return fakeserver.Default()
		}
		n.mu.Lock()
		n.seen = append(n.seen, r.Statement)
		n.mu.Unlock()
		return decide(r.Statement)
	}})
	return n
}

// saw reports whether a statement starting with prefix reached the node.
func (n *fakeNode) saw(prefix string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, s := range n.seen {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// hostPort is the node's address as gocqlsh's arguments.
func (n *fakeNode) hostPort() []string {
	host, port, _ := strings.Cut(n.Addr(), ":")
	return []string{host, port}
}

// runMain runs Main in batch mode with stdin's text, HOME private (no
// cqlshrc, no history), and returns its exit code, stdout and stderr.
func runMain(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	files := make([]*os.File, 3)
	for i, name := range []string{"stdin", "stdout", "stderr"} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		files[i] = f
	}
	if _, err := files[0].WriteString(stdin); err != nil {
		t.Fatal(err)
	}
	files[0].Seek(0, 0)
	code := Main(args, files[0], files[1], files[2])
	out := make([]string, 2)
	for i, f := range files[1:] {
		b, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	for _, f := range files {
		f.Close()
	}
	return code, out[0], out[1]
}

// A server error is reported with cqlsh's words and the statement's line,
// the statements after it still run, and the exit code is 2.
func TestFailureServerError(t *testing.T) {
	n := startFakeNode(t, func(stmt string) fakeserver.Action {
		if strings.HasPrefix(stmt, "SELECT * FROM ks.boom") {
			return fakeserver.Fail(frame.CodeInvalid, "unconfigured table boom")
		}
		return fakeserver.Default()
	})
	code, _, errOut := runMain(t, "SELECT * FROM ks.boom;\nSELECT * FROM ks.after;\n", n.hostPort()...)
	want := "<stdin>:2:InvalidRequest: Error from server: code=2200 [Invalid query] message=\"unconfigured table boom\"\n"
	if code != 2 || errOut != want {
		t.Errorf("exit %d, stderr %q; want 2, %q", code, errOut, want)
	}
	if !n.saw("SELECT * FROM ks.after") {
		t.Error("the statement after the failed one never ran")
	}
}

// A statement the node never answers times out after --request-timeout
// with the Python driver's words, and the shell carries on.
func TestFailureTimeout(t *testing.T) {
	n := startFakeNode(t, func(stmt string) fakeserver.Action {
		if strings.HasPrefix(stmt, "SELECT * FROM ks.slow") {
			return fakeserver.NoReply()
		}
		return fakeserver.Default()
	})
	start := time.Now()
	code, _, errOut := runMain(t, "SELECT * FROM ks.slow;\nSELECT * FROM ks.after;\n", append([]string{"--request-timeout", "1"}, n.hostPort()...)...)
	addr := n.Addr()
	want := "<stdin>:2:OperationTimedOut: errors={'" + addr + "': 'Client request timeout. See Session.execute[_async](timeout)'}, last_host=" + addr + "\n"
	if code != 2 || errOut != want {
		t.Errorf("exit %d, stderr %q; want 2, %q", code, errOut, want)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v for a 1 s timeout", d)
	}
	if !n.saw("SELECT * FROM ks.after") {
		t.Error("the statement after the timeout never ran")
	}
}

// A connection dropped while a statement waits for its answer fails that
// statement (on its line) and not the shell: once the node is back, the
// next statement runs.
func TestFailureConnectionDropped(t *testing.T) {
	var once sync.Once
	n := startFakeNode(t, func(stmt string) fakeserver.Action {
		drop := false
		if strings.HasPrefix(stmt, "SELECT * FROM ks.drop") {
			once.Do(func() { drop = true })
		}
		if drop {
			return fakeserver.CloseConn()
		}
		return fakeserver.Default()
	})
	code, _, errOut := runMain(t, "SELECT * FROM ks.drop;\nSELECT * FROM ks.after;\n", n.hostPort()...)
	// The statement's error, on its line; the named host's notices (down,
	// then back) come on their own lines, in whatever order the driver's
	// events and the statement's reply arrive.
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	errs := 0
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "<stdin>:2:NoHostAvailable: "):
			errs++
		case strings.HasPrefix(l, "Host "+n.Addr()+" is "):
		default:
			t.Errorf("unexpected stderr line %q", l)
		}
	}
	if errs != 1 {
		t.Errorf("stderr %q: want the dropped statement's error once, on its line", errOut)
	}
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !n.saw("SELECT * FROM ks.after") {
		t.Error("the statement after the dropped connection never ran")
	}
}
