package shell

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
	"github.com/gocqlsh/gocqlsh/shell/input"
)

// lockedBuffer is an output sink safe to read while jobs write to it.
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

// testShell is a batch-mode shell on the local node writing to buffers.
type testShell struct {
	*Shell
	out, errw *lockedBuffer
}

func newTestShell(t *testing.T, cfg driver.Config) *testShell {
	t.Helper()
	if len(cfg.Hosts) == 0 {
		cfg.Hosts = []string{testnode.Addr(t)}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	sess, err := driver.Connect(ctx, cfg)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	out, errw := &lockedBuffer{}, &lockedBuffer{}
	sh := NewShell(Config{Stdout: out, Stderr: errw, Source: "<stdin>"})
	sh.attach(sess)
	t.Cleanup(func() {
		sh.waitJobsAtExit(context.Background())
		sess.Close()
	})
	return &testShell{Shell: sh, out: out, errw: errw}
}

// run feeds text to the shell as piped input would.
func (ts *testShell) run(text string) {
	ts.runInput(context.Background(), input.NewString(text), 1)
}

// mustExec runs setup CQL directly on the session.
func mustExec(t *testing.T, sess *driver.Session, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		_, err := sess.ExecuteQuery(ctx, &driver.Query{Statement: s, Timeout: 60 * time.Second})
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// countRows runs a SELECT count(*) and returns the count.
func countRows(t *testing.T, sess *driver.Session, stmt string) int64 {
	t.Helper()
	res, err := sess.ExecuteQuery(context.Background(), &driver.Query{Statement: stmt, Timeout: 60 * time.Second})
	if err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
	v, err := res.Value(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return v.(int64)
}

// testKeyspace creates a keyspace of the test's own, dropped when it ends,
// so that tests — and two runs against one node — never share one.
func testKeyspace(t *testing.T, sess *driver.Session) string {
	t.Helper()
	ks := testnode.Keyspace(t, "shell")
	mustExec(t, sess, "CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
	t.Cleanup(func() { mustExec(t, sess, "DROP KEYSPACE IF EXISTS "+ks) })
	return ks
}

// setupKeyspace creates a keyspace of the test's own holding the tables
// named, each (pk int PRIMARY KEY, v text).
func setupKeyspace(t *testing.T, sess *driver.Session, tables ...string) string {
	t.Helper()
	ks := testKeyspace(t, sess)
	for _, tb := range tables {
		mustExec(t, sess, "CREATE TABLE "+ks+"."+tb+" (pk int PRIMARY KEY, v text)")
	}
	return ks
}

// fill inserts pk = v = 0..n-1 into ks.table with CONCURRENT.
func fill(t *testing.T, ts *testShell, ks, table string, n int) {
	t.Helper()
	ts.run(fmt.Sprintf("CONCURRENT 100 INSERT INTO %s.%s (pk, v) VALUES (?, ?) WITH ARGS RANGE 0 TO %d;\n", ks, table, n))
	want := fmt.Sprintf("%d statements: %d ok, 0 failed", n, n)
	if !strings.Contains(ts.out.String(), want) {
		t.Fatalf("fill %s: want %q in\n%s\nstderr:\n%s", table, want, ts.out.String(), ts.errw.String())
	}
}

func TestBackgroundJobsPrintOnceAtomically(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "small", "medium", "big")
	fill(t, ts, ks, "small", 3)
	fill(t, ts, ks, "medium", 500)
	fill(t, ts, ks, "big", 20000)
	ts.out.b.Reset()

	ts.run("SELECT count(*) FROM " + ks + ".big &;\n" +
		"SELECT pk, v FROM " + ks + ".small WHERE pk = 2 &;\n" +
		"SELECT count(*) FROM " + ks + ".medium; &\n" +
		"WAIT;\n")
	out := ts.out.String()
	for i := 1; i <= 3; i++ {
		if n := strings.Count(out, fmt.Sprintf("[%d] started\n", i)); n != 1 {
			t.Errorf("[%d] started printed %d times", i, n)
		}
		if n := strings.Count(out, fmt.Sprintf("[%d] done in ", i)); n != 1 {
			t.Errorf("[%d] done printed %d times", i, n)
		}
	}
	// Each block is whole: its header directly followed by its own table.
	blocks := []string{
		`\[1\] done in \d+ ms: SELECT count\(\*\) FROM \w+\.big\n\n count\n-+\n +20000\n\n\(1 rows\)\n`,
		`\[2\] done in \d+ ms: SELECT pk, v FROM \w+\.small WHERE pk = 2\n\n pk \| v\n-+\+-+\n +2 \| +2\n\n\(1 rows\)\n`,
		`\[3\] done in \d+ ms: SELECT count\(\*\) FROM \w+\.medium\n\n count\n-+\n +500\n\n\(1 rows\)\n`,
	}
	for _, b := range blocks {
		if n := len(regexp.MustCompile(b).FindAllString(out, -1)); n != 1 {
			t.Errorf("block %q found %d times in\n%s", b, n, out)
		}
	}
	if ts.errw.String() != "" {
		t.Errorf("stderr: %s", ts.errw.String())
	}
}

func TestJobsWaitResult(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "paged")
	fill(t, ts, ks, "paged", 12000)
	ts.out.b.Reset()

	ts.run("SELECT pk FROM " + ks + ".paged &;\nWAIT 1;\nJOBS\n")
	out := ts.out.String()
	if !regexp.MustCompile(`\[1\] done in \d+ ms: SELECT pk FROM \w+\.paged\n`).MatchString(out) {
		t.Fatalf("no block for job 1:\n%.2000s", out)
	}
	if !strings.Contains(out, "\n(5000 rows)\n(more rows: RESULT 1)\n") {
		t.Errorf("first page should be shown with a RESULT hint:\n%s", tail(out, 300))
	}
	if !regexp.MustCompile(`(?m)^ id \| state \| elapsed \| rows  \| statement +\n-+\+-+\+-+\+-+\+-+\n +1 \| done  \| +\d+ ms \| 5000\+ \| SELECT pk FROM \w+\.paged +$`).MatchString(out) {
		t.Errorf("JOBS listing wrong:\n%s", tail(out, 300))
	}

	ts.out.b.Reset()
	ts.run("RESULT 1;\nJOBS\nRESULT 1\nRESULT 7\n")
	out = ts.out.String()
	if !strings.Contains(out, "\n(12000 rows)\n") || strings.Count(out, "\n") < 12000 {
		t.Errorf("RESULT should print every page: %s", tail(out, 200))
	}
	if !strings.HasSuffix(out, "No jobs.\n") {
		t.Errorf("a shown job should leave the table: %s", tail(out, 200))
	}
	errs := ts.errw.String()
	if !strings.Contains(errs, "<stdin>:4:No job 1.") || !strings.Contains(errs, "<stdin>:5:No job 7.") {
		t.Errorf("stderr: %s", errs)
	}
}

func TestJobFailureCountsAsError(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := testKeyspace(t, ts.sess)
	ts.run("SELECT * FROM " + ks + ".no_such_table &;\nWAIT\n")
	want := regexp.MustCompile(`^<stdin>:2:\[1\] failed in \d+ ms: InvalidRequest: Error from server: code=2200 \[Invalid query\] message="table no_such_table does not exist"\n$`)
	if !want.MatchString(ts.errw.String()) {
		t.Errorf("stderr: %q", ts.errw.String())
	}
	if !ts.hadError {
		t.Error("a failed job must count for the exit code")
	}
}

func TestCancelAbandonsJob(t *testing.T) {
	tap := newTap()
	ts := newTestShell(t, driver.Config{Hosts: []string{testnode.Addr(t)}, ProtoVersion: 4, Dial: tap.dial})
	tap.pause()
	ts.run("SELECT * FROM system.local &;\nCANCEL 1\nJOBS\n")
	tap.resume()
	ts.run("WAIT\nSELECT key FROM system.local;\n")
	out := ts.out.String()
	if !strings.HasPrefix(out, "[1] started\n[1] cancelled\nNo jobs.\n") {
		t.Errorf("out:\n%s", out)
	}
	if strings.Contains(out, "[1] done") {
		t.Errorf("a cancelled job's reply must be discarded:\n%s", out)
	}
	if !strings.Contains(out, " local\n") {
		t.Errorf("the session should work after CANCEL:\n%s", out)
	}
	if ts.errw.String() != "" {
		t.Errorf("stderr: %s", ts.errw.String())
	}
}

func TestWaitInterrupted(t *testing.T) {
	tap := newTap()
	ts := newTestShell(t, driver.Config{Hosts: []string{testnode.Addr(t)}, ProtoVersion: 4, Dial: tap.dial})
	ts.sigs = make(chan os.Signal, 1)
	tap.pause()
	ts.sigs <- os.Interrupt
	ts.run("SELECT key FROM system.local &;\nWAIT\nJOBS\n")
	out := ts.out.String()
	if !strings.Contains(out, "Stopped waiting; the jobs keep running.\n") || !regexp.MustCompile(`1 \| running`).MatchString(out) {
		t.Errorf("out:\n%s", out)
	}
	tap.resume()
	ts.run("WAIT\n")
	if !strings.Contains(ts.out.String(), "[1] done in") {
		t.Errorf("the job should finish after the interrupted WAIT:\n%s", ts.out.String())
	}
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// tap wraps the driver's connections (Config.Dial): it counts the requests
// the client sends, by opcode (protocol v4 without compression, whose
// frames have a plain 9-byte header), and can hold the server's replies.
type tap struct {
	mu     sync.Mutex
	cond   *sync.Cond
	paused bool
	counts [256]atomic.Int64
}

func newTap() *tap {
	t := &tap{}
	t.cond = sync.NewCond(&t.mu)
	return t
}

func (t *tap) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &tapConn{Conn: c, tap: t}, nil
}

func (t *tap) pause() {
	t.mu.Lock()
	t.paused = true
	t.mu.Unlock()
}

func (t *tap) resume() {
	t.mu.Lock()
	t.paused = false
	t.cond.Broadcast()
	t.mu.Unlock()
}

func (t *tap) count(op byte) int64 { return t.counts[op].Load() }

type tapConn struct {
	net.Conn
	tap  *tap
	hdr  []byte // partial frame header
	body int    // body bytes of the current frame still to skip
}

// Read delivers the server's bytes, held while the tap is paused.
func (c *tapConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.tap.mu.Lock()
	for c.tap.paused {
		c.tap.cond.Wait()
	}
	c.tap.mu.Unlock()
	return n, err
}

// Write counts each frame's opcode as the client's bytes go by.
func (c *tapConn) Write(p []byte) (int, error) {
	for b := p; len(b) > 0; {
		if c.body > 0 {
			k := min(c.body, len(b))
			c.body -= k
			b = b[k:]
			continue
		}
		k := min(9-len(c.hdr), len(b))
		c.hdr = append(c.hdr, b[:k]...)
		b = b[k:]
		if len(c.hdr) == 9 {
			c.tap.counts[c.hdr[4]].Add(1)
			c.body = int(uint32(c.hdr[5])<<24 | uint32(c.hdr[6])<<16 | uint32(c.hdr[7])<<8 | uint32(c.hdr[8]))
			c.hdr = c.hdr[:0]
		}
	}
	return c.Conn.Write(p)
}

// Protocol opcodes the tests count.
const (
	opQuery   = 0x07
	opExecute = 0x0A
)

// buildBinary builds gocqlsh once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gocqlsh-test-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "gocqlsh")
		out, err := exec.Command("go", "build", "-o", binPath, "../cmd/gocqlsh").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// runBinary runs gocqlsh with stdin piped and returns stdout, stderr and
// the exit code.
func runBinary(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	host, port, _ := net.SplitHostPort(testnode.Addr(t))
	cmd := exec.Command(buildBinary(t), append(args, host, port)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Dir = t.TempDir()
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func TestPipedScriptWaitsForJobs(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "piped", "piped2")
	script := "CONCURRENT INSERT INTO " + ks + ".piped (pk, v) VALUES (?, ?) WITH ARGS RANGE 0 TO 3000;\n" +
		"SELECT count(*) FROM " + ks + ".piped &;\n" +
		"SELECT v FROM " + ks + ".piped WHERE pk = 42; &\n" +
		"SELECT * FROM " + ks + ".missing &;\n" +
		"CONCURRENT INSERT INTO " + ks + ".piped2 (pk, v) VALUES (?, ?) WITH ARGS FROM '-';\n" +
		"5000,\"five, thousand\"\n5001,\"say \"\"hi\"\"\"\n\\.\n" +
		"SELECT v FROM " + ks + ".piped2 WHERE pk = 5001 &;\n" +
		"SELECT count(*) FROM " + ks + ".piped2 WHERE pk IN (5000, 5001) &;\n"
	out, errs, code := runBinary(t, script)
	if code != 2 {
		t.Errorf("exit code %d, want 2 (a job failed)", code)
	}
	for i := 1; i <= 5; i++ {
		if n := strings.Count(out, fmt.Sprintf("[%d] started\n", i)); n != 1 {
			t.Errorf("[%d] started printed %d times", i, n)
		}
	}
	for _, b := range []string{
		`\[1\] done in \d+ ms: SELECT count\(\*\) FROM \w+\.piped\n\n count\n-+\n +3000\n\n\(1 rows\)\n`,
		`\[2\] done in \d+ ms: SELECT v FROM \w+\.piped WHERE pk = 42\n\n v\n-+\n +42\n\n\(1 rows\)\n`,
		`\[4\] done in \d+ ms: SELECT v FROM \w+\.piped2 WHERE pk = 5001\n\n v\n-+\n +say "hi"\n\n\(1 rows\)\n`,
		`\[5\] done in \d+ ms: SELECT count\(\*\) FROM \w+\.piped2 WHERE pk IN \(5000, 5001\)\n\n count\n-+\n +2\n\n\(1 rows\)\n`,
	} {
		if n := len(regexp.MustCompile(b).FindAllString(out, -1)); n != 1 {
			t.Errorf("block %q found %d times in\n%s", b, n, out)
		}
	}
	if !strings.Contains(out, "2 statements: 2 ok, 0 failed") {
		t.Errorf("CSV from stdin not loaded:\n%s", out)
	}
	if !regexp.MustCompile(`^<stdin>:5:\[3\] failed in \d+ ms: InvalidRequest: .*table missing does not exist"\n$`).MatchString(errs) {
		t.Errorf("stderr: %q", errs)
	}
}
