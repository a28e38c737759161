package compat_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
	"github.com/gocqlsh/gocqlsh/shell"
)

// envExec makes the test binary act as gocqlsh: the harness runs itself
// with this variable set, so the shell under test is built with the same
// flags (and race detector) as the tests.
const envExec = "GOCQLSH_COMPAT_EXEC"

// envDump names a directory where every comparison leaves both outputs,
// for reading differences with diff(1).
const envDump = "GOCQLSH_COMPAT_DUMP"

func TestMain(m *testing.M) {
	if os.Getenv(envExec) == "1" {
		os.Exit(shell.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// result is what one run of a shell produced.
type result struct {
	Stdout, Stderr string
	Code           int
	Elapsed        time.Duration
}

// tools is the node and the two programs under comparison.
type tools struct {
	host, port string
	cqlsh      string // path of the reference cqlsh
	home       string // HOME for both: no cqlshrc, no history
	// slots bounds how many scripts run at once: schema changes from many
	// at a time slow a single node down past the request timeout.
	slots chan struct{}
}

// newTools finds the node and cqlsh; without cqlsh the test is skipped, or
// fails when CI is set (CI installs it with `make peers`).
func newTools(t *testing.T) *tools {
	t.Helper()
	addr := testnode.Addr(t)
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("node address %q: %v", addr, err)
	}
	return &tools{host: host, port: port, cqlsh: findCqlsh(t), home: t.TempDir(), slots: make(chan struct{}, 3)}
}

// gocqlshOnly is newTools for tests that need the node but not cqlsh.
func gocqlshOnly(t *testing.T) *tools {
	t.Helper()
	addr := testnode.Addr(t)
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("node address %q: %v", addr, err)
	}
	return &tools{host: host, port: port, home: t.TempDir()}
}

func findCqlsh(t *testing.T) string {
	t.Helper()
	venv := os.Getenv("GOCQLSH_PEERS_VENV")
	if venv == "" {
		venv = filepath.Join(moduleRoot(t), "testenv", "venv")
	}
	p := filepath.Join(venv, "bin", "cqlsh")
	if _, err := os.Stat(p); err != nil {
		msg := fmt.Sprintf("reference cqlsh not found at %s (%v); create it with `make peers`", p, err)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatal("go.mod not found above " + dir)
		}
	}
}

// environ is the environment both shells run in: a fixed zone, an empty
// home, no host or port from the caller's environment.
func (tl *tools) environ(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "HOME", "TZ", "CQLSH_HOST", "CQLSH_PORT", "TERM", "CQL_HISTORY", "CQLSH_PROMPT",
			"CQLSH_DEFAULT_TIMESTAMP_FORMAT", "SSL_CERTFILE", "SSL_VALIDATE", "COLUMNS", "LINES", envExec:
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+tl.home, "TZ=UTC", "TERM=dumb", "PYTHONIOENCODING=utf-8", "LANG=C.UTF-8")
	return append(env, extra...)
}

// run starts a program with stdin (nil: an empty pipe) and waits for it.
func (tl *tools) run(t *testing.T, stdin []byte, env []string, argv ...string) result {
	t.Helper()
	r, err := execute(stdin, env, argv...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// execute runs one program; it is safe to call from any goroutine.
func execute(stdin []byte, env []string, argv ...string) (result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = env
	// Programs run in their temporary home, so that files they create by
	// relative name (COPY FROM's error file) stay out of the source tree.
	for _, kv := range env {
		if dir, ok := strings.CutPrefix(kv, "HOME="); ok {
			cmd.Dir = dir
		}
	}
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{Stdout: out.String(), Stderr: errb.String(), Elapsed: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.Code = ee.ExitCode()
	default:
		return r, fmt.Errorf("%s: %w", argv[0], err)
	}
	if ctx.Err() != nil {
		return r, fmt.Errorf("%s did not finish within the time limit", argv[0])
	}
	return r, nil
}

// gocqlsh runs the shell under test with args (the node's host and port
// are appended unless noHost).
func (tl *tools) gocqlsh(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	return tl.run(t, stdin, tl.environ(envExec+"=1"), tl.gocqlshArgv(args...)...)
}

func (tl *tools) gocqlshArgv(args ...string) []string {
	argv := append([]string{os.Args[0]}, args...)
	return append(argv, tl.host, tl.port)
}

func (tl *tools) cqlshArgv(args ...string) []string {
	argv := append([]string{tl.cqlsh}, args...)
	return append(argv, tl.host, tl.port)
}

// gocqlshRaw runs the shell under test with exactly args.
func (tl *tools) gocqlshRaw(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	return tl.run(t, stdin, tl.environ(envExec+"=1"), append([]string{os.Args[0]}, args...)...)
}

// cqlshRun runs the reference cqlsh the same way.
func (tl *tools) cqlshRun(t *testing.T, stdin []byte, args ...string) result {
	t.Helper()
	return tl.run(t, stdin, tl.environ(), tl.cqlshArgv(args...)...)
}

// versionWarning is cqlsh 6.2.2's first line against a newer 5.0 node
// (printed again by every SOURCE); gocqlsh does not print it.
var versionWarning = regexp.MustCompile(`(?m)^WARNING: cqlsh was built against \S+, but this server is \S+\.  All features may not work!\n`)

// traceBlock is a query trace: its session id and event table change
// with every run, so both are replaced by a placeholder; the header line
// is kept with its spacing collapsed.
var traceBlock = regexp.MustCompile(`(?m)^Tracing session: [0-9a-f-]{36}\n\n( activity .*)\n-[-+]*\n(?:.*\n)*?\n`)

// tableID is the time-based id DESCRIBE ... WITH INTERNALS shows; it is
// new for every table created.
var tableID = regexp.MustCompile(`(WITH ID = )[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// normalise makes one run's output comparable: the per-run keyspace and
// directory names go back to their placeholders, cqlsh's version warning
// and the contents of traces go away.
func normalise(s, ks, dir string) string {
	s = versionWarning.ReplaceAllString(s, "")
	s = tableID.ReplaceAllString(s, "${1}<uuid>")
	s = traceBlock.ReplaceAllStringFunc(s, func(m string) string {
		sub := traceBlock.FindStringSubmatch(m)
		return "Tracing session: <id>\n\n" + strings.Join(strings.Fields(sub[1]), " ") + "\n<events>\n\n"
	})
	if dir != "" {
		s = strings.ReplaceAll(s, dir, "{{DIR}}")
	}
	if ks != "" {
		s = strings.ReplaceAll(s, ks, "{{KS}}")
	}
	return s
}

// uniqueID is a short random hex string for keyspace names.
func uniqueID(t *testing.T) string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b[:])
}

// firstDiff describes where two texts first differ, with a little context.
func firstDiff(want, got string) string {
	wl, gl := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	lo := max(0, i-3)
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d\n--- cqlsh\n", i+1)
	for j := lo; j < min(len(wl), i+4); j++ {
		fmt.Fprintf(&b, "%s%q\n", mark(j == i), wl[j])
	}
	b.WriteString("+++ gocqlsh\n")
	for j := lo; j < min(len(gl), i+4); j++ {
		fmt.Fprintf(&b, "%s%q\n", mark(j == i), gl[j])
	}
	return b.String()
}

func mark(here bool) string {
	if here {
		return "> "
	}
	return "  "
}

// compare reports every difference between cqlsh's and gocqlsh's runs.
func compare(t *testing.T, name string, want, got result) {
	t.Helper()
	if dir := os.Getenv(envDump); dir != "" {
		base := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		_ = os.MkdirAll(dir, 0o755)
		_ = os.WriteFile(base+".cqlsh.out", []byte(want.Stdout), 0o644)
		_ = os.WriteFile(base+".cqlsh.err", []byte(fmt.Sprintf("%s[exit %d]\n", want.Stderr, want.Code)), 0o644)
		_ = os.WriteFile(base+".gocqlsh.out", []byte(got.Stdout), 0o644)
		_ = os.WriteFile(base+".gocqlsh.err", []byte(fmt.Sprintf("%s[exit %d]\n", got.Stderr, got.Code)), 0o644)
	}
	if want.Stdout != got.Stdout {
		t.Errorf("%s: stdout differs: %s", name, firstDiff(want.Stdout, got.Stdout))
	}
	if want.Stderr != got.Stderr {
		t.Errorf("%s: stderr differs: %s", name, firstDiff(want.Stderr, got.Stderr))
	}
	if want.Code != got.Code {
		t.Errorf("%s: exit code: cqlsh %d, gocqlsh %d", name, want.Code, got.Code)
	}
}
