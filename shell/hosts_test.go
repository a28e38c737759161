package shell

import (
	"bufio"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// lineFeed runs gocqlsh with a pipe for stdin and collects what it prints,
// so a test can act on the cluster between two statements.
type lineFeed struct {
	t      *testing.T
	in     io.WriteCloser
	lines  chan string
	cmd    *exec.Cmd
	waited chan error
}

func startFeed(t *testing.T, args ...string) *lineFeed {
	t.Helper()
	cmd := exec.Command(buildBinary(t), args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	f := &lineFeed{t: t, in: in, lines: make(chan string, 1000), cmd: cmd, waited: make(chan error, 1)}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			f.lines <- sc.Text()
		}
		close(f.lines)
	}()
	go func() {
		f.waited <- cmd.Wait()
		pw.Close()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return f
}

// send types text and returns the output lines until one contains until.
func (f *lineFeed) send(text, until string) []string {
	f.t.Helper()
	if _, err := io.WriteString(f.in, text+"\n"); err != nil {
		f.t.Fatal(err)
	}
	var got []string
	deadline := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-f.lines:
			if !ok {
				f.t.Fatalf("gocqlsh ended waiting for %q after %q:\n%s", until, text, strings.Join(got, "\n"))
			}
			got = append(got, l)
			if strings.Contains(l, until) {
				return got
			}
		case <-deadline:
			f.t.Fatalf("no %q after %q:\n%s", until, text, strings.Join(got, "\n"))
		}
	}
}

// TestShellNamedHostDown: statements go to the host named on the command
// line; when it dies the shell says so in one line and the next statement
// runs on another node; when it is back, statements go to it again.
func TestShellNamedHostDown(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	host, port, _ := net.SplitHostPort(addrs[0])
	f := startFeed(t, host, port)
	const local = "SELECT broadcast_address FROM system.local;"
	if by := answeredBy(f.send(local, "(1 rows)")); by != host {
		t.Fatalf("system.local answered by %q, want %s", by, host)
	}
	out := f.send("SHOW HOSTS", addrs[2])
	if n := strings.Count(strings.Join(out, "\n"), " UP "); n != 3 {
		t.Errorf("SHOW HOSTS shows %d nodes up:\n%s", n, strings.Join(out, "\n"))
	}

	testnode.Kill(t, testnode.Cluster, 1)
	notice := f.send(local, "(1 rows)")
	all := strings.Join(notice, "\n")
	if strings.Count(all, "is down") != 1 || !strings.Contains(all, "Host "+addrs[0]+" is down") {
		t.Errorf("want one notice that %s is down:\n%s", addrs[0], all)
	}
	if strings.Contains(all, "NoHostAvailable") || strings.Contains(all, "Error") {
		t.Errorf("the statement failed after the named host died:\n%s", all)
	}
	if by := answeredBy(notice); by == host || !strings.HasPrefix(by, "127.0.0.") {
		t.Errorf("answered by %q after %s died", by, host)
	}

	testnode.Start(t, testnode.Cluster, 1)
	deadline := time.Now().Add(30 * time.Second)
	for {
		out := f.send(local, "(1 rows)")
		if answeredBy(out) == host {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("statements never went back to %s:\n%s", host, strings.Join(out, "\n"))
		}
		time.Sleep(time.Second)
	}
	f.in.Close()
	if err := <-f.waited; err != nil {
		t.Errorf("exit: %v", err)
	}
}

// answeredBy reads the value of a one-row, one-column result: the line
// after the dashes under the header.
func answeredBy(out []string) string {
	for i, l := range out {
		if strings.HasPrefix(strings.TrimSpace(l), "---") && i+1 < len(out) {
			return strings.TrimSpace(out[i+1])
		}
	}
	return ""
}
