package shell

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// gateProxy forwards TCP connections to a node; the node's replies can be
// held at the gate, so a test decides when a statement completes.
type gateProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	cond   *sync.Cond
	closed bool
}

func newGateProxy(t *testing.T, target string) *gateProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &gateProxy{ln: ln, target: target}
	p.cond = sync.NewCond(&p.mu)
	t.Cleanup(func() { ln.Close(); p.open() })
	go p.serve()
	return p
}

func (p *gateProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		go func() { io.Copy(s, c); s.Close() }()
		go func() {
			defer c.Close()
			buf := make([]byte, 64<<10)
			for {
				n, err := s.Read(buf)
				p.mu.Lock()
				for p.closed {
					p.cond.Wait()
				}
				p.mu.Unlock()
				if n > 0 {
					if _, werr := c.Write(buf[:n]); werr != nil {
						return
					}
				}
				if err != nil {
					return
				}
			}
		}()
	}
}

func (p *gateProxy) close() { p.mu.Lock(); p.closed = true; p.mu.Unlock() }

func (p *gateProxy) open() {
	p.mu.Lock()
	p.closed = false
	p.cond.Broadcast()
	p.mu.Unlock()
}

// tmuxSession drives gocqlsh in a detached tmux session on a private
// server socket.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// typeText sends literal text, as if typed.
func (s *tmuxSession) typeText(text string) {
	s.tmux("send-keys", "-t", "g", "-l", text)
	time.Sleep(150 * time.Millisecond)
}

// typeKey sends one key by name ("Enter") or, with hex, one byte.
func (s *tmuxSession) typeKey(args ...string) {
	s.tmux(append([]string{"send-keys", "-t", "g"}, args...)...)
	time.Sleep(150 * time.Millisecond)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", "g") }

// waitFor polls the screen until cond holds or the deadline passes.
func (s *tmuxSession) waitFor(what string, cond func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		sc := s.screen()
		if cond(sc) {
			return sc
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, sc)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// lines returns the screen's lines without trailing blank ones.
func lines(screen string) []string {
	ls := strings.Split(strings.TrimRight(screen, "\n "), "\n")
	for i := range ls {
		ls[i] = strings.TrimRight(ls[i], " ")
	}
	return ls
}

func TestInteractiveBlockAbovePrompt(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is needed for the interactive test")
		}
		t.Skip("tmux not installed: the interactive redraw test needs it")
	}
	proxy := newGateProxy(t, testnode.Addr(t))
	host, port, _ := net.SplitHostPort(proxy.ln.Addr().String())
	bin := buildBinary(t)
	s := &tmuxSession{t: t, socket: fmt.Sprintf("gocqlsh-test-%d", os.Getpid())}
	home := t.TempDir()
	s.tmux("new-session", "-d", "-s", "g", "-x", "100", "-y", "40",
		"env", "HOME="+home, "TERM=xterm", bin, host, port)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.waitFor("the prompt", func(sc string) bool { return strings.Contains(sc, "cqlsh>") })

	// The reply is held at the gate while a partial line is typed.
	proxy.close()
	s.typeText("SELECT key, cluster_name FROM system.local WHERE key = 'local' &")
	s.typeKey("-H", "3b") // ';' alone: tmux reads a trailing ';' as a separator
	s.typeKey("Enter")
	s.waitFor("[1] started", func(sc string) bool { return strings.Contains(sc, "[1] started") })
	s.typeText("SELECT key FROM sys")
	s.waitFor("the typed text", func(sc string) bool { return strings.Contains(sc, "cqlsh> SELECT key FROM sys") })

	proxy.open()
	sc := s.waitFor("the block", func(sc string) bool { return strings.Contains(sc, "[1] done in") })
	time.Sleep(300 * time.Millisecond) // let the redraw settle
	sc = s.screen()
	ls := lines(sc)
	last := ls[len(ls)-1]
	if last != "cqlsh> SELECT key FROM sys" {
		t.Fatalf("the typed line should be redrawn last, got %q; screen:\n%s", last, sc)
	}
	if n := strings.Count(sc, "SELECT key FROM sys"); n != 1 {
		t.Errorf("the typed text shows %d times; screen:\n%s", n, sc)
	}
	started, done := -1, -1
	for i, l := range ls {
		if l == "[1] started" {
			started = i
		}
		if strings.HasPrefix(l, "[1] done in ") && strings.HasSuffix(l, " ms: SELECT key, cluster_name FROM system.local WHERE key = 'local'") {
			done = i
		}
	}
	if started < 0 || done < started {
		t.Fatalf("block not above the prompt; screen:\n%s", sc)
	}
	block := strings.Join(ls[done:len(ls)-1], "\n")
	if !strings.Contains(block, " key   | cluster_name") || !strings.Contains(block, " local |") || !strings.Contains(block, "(1 rows)") {
		t.Errorf("block incomplete:\n%s", block)
	}

	// The line is intact in the editor too, not only on the screen.
	s.typeText("tem.local WHERE key = 'local'")
	s.typeKey("-H", "3b")
	s.typeKey("Enter")
	sc = s.waitFor("the finished statement", func(sc string) bool {
		return strings.Contains(sc, "cqlsh> SELECT key FROM system.local WHERE key = 'local';") &&
			strings.Count(sc, "(1 rows)") == 2
	})
	if !strings.Contains(sc, "\n key\n-------\n local\n") {
		t.Errorf("the statement typed around the block did not run as typed; screen:\n%s", sc)
	}
}
