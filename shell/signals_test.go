//go:build unix

package shell

import (
	"io"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// shellProcess is gocqlsh reading statements from a pipe, against a fake
// node.
type shellProcess struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *lockedBuffer
	done   chan struct{}
}

func startShellProcess(t *testing.T, n *fakeNode) *shellProcess {
	t.Helper()
	p := &shellProcess{stderr: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(buildBinary(t), n.hostPort()...)
	p.cmd.Env = append(p.cmd.Environ(), "HOME="+t.TempDir())
	p.cmd.Stdout, p.cmd.Stderr = io.Discard, p.stderr
	var err error
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// send writes a statement and waits until the node has seen it.
func (p *shellProcess) send(t *testing.T, n *fakeNode, table string) {
	t.Helper()
	io.WriteString(p.stdin, "SELECT * FROM ks."+table+";\n")
	deadline := time.Now().Add(20 * time.Second)
	for !n.saw("SELECT * FROM ks." + table) {
		if time.Now().After(deadline) {
			t.Fatalf("the node never saw %s; stderr %q", table, p.stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// exitCode waits for the process and returns its exit code.
func (p *shellProcess) exitCode(t *testing.T) int {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("the shell did not exit; stderr %q", p.stderr.String())
	}
	return p.cmd.ProcessState.ExitCode()
}

// SIGTERM, SIGHUP and SIGQUIT end the shell at once, whatever it is doing,
// with exit code 128+signal and no goroutine dump.
func TestSignalsEndTheShell(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			n := startFakeNode(t, func(string) fakeserver.Action { return fakeserver.NoReply() })
			p := startShellProcess(t, n)
			p.send(t, n, "hang") // a statement waiting for its answer
			p.cmd.Process.Signal(sig)
			if code := p.exitCode(t); code != 128+int(sig) {
				t.Errorf("exit code %d, want %d", code, 128+int(sig))
			}
			if s := p.stderr.String(); strings.Contains(s, "goroutine ") {
				t.Errorf("stderr holds a goroutine dump:\n%s", s)
			}
		})
	}
}

// SIGINT cancels the statement in progress, not the shell: the next
// statement runs and the exit code says a statement failed.
func TestSIGINTCancelsTheStatement(t *testing.T) {
	n := startFakeNode(t, func(stmt string) fakeserver.Action {
		if strings.HasPrefix(stmt, "SELECT * FROM ks.hang") {
			return fakeserver.NoReply()
		}
		return fakeserver.Default()
	})
	p := startShellProcess(t, n)
	p.send(t, n, "hang")
	p.cmd.Process.Signal(syscall.SIGINT)
	p.send(t, n, "after")
	p.stdin.Close()
	if code := p.exitCode(t); code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	if got := p.stderr.String(); got != "<stdin>:2:Statement cancelled.\n" {
		t.Errorf("stderr %q", got)
	}
}
