package copy

import (
	"bufio"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// TestCopyMillionRows loads 1,000,000 rows with the gocqlsh binary, copies
// them out again, and checks the counts and that neither process's peak
// RSS (from /usr/bin/time -v) reaches 64 MiB. Skipped with -short.
func TestCopyMillionRows(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000,000 rows: not with -short")
	}
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		t.Skip("needs /usr/bin/time")
	}
	const rows = 1000000
	c := newCopyEnv(t, "copy_million")
	exec(t, c.sess, "CREATE TABLE "+c.ks+".t (k int PRIMARY KEY, s text, d double)")
	dir := t.TempDir()
	bin := filepath.Join(dir, "gocqlsh")
	if out, err := osexec.Command("go", "build", "-o", bin, "../../cmd/gocqlsh").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	in := filepath.Join(dir, "in.csv")
	f, _ := os.Create(in)
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range rows {
		fmt.Fprintf(w, "%d,text %d,%d.5\n", i, i, i)
	}
	w.Flush()
	f.Close()
	host, port := splitHostPort(testnode.Addr(t))
	copyCmd := func(stmt string) (string, int) {
		cmd := osexec.Command("/usr/bin/time", "-v", bin, host, port, "-e", stmt)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", stmt, err, out)
		}
		m := regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("no RSS in:\n%s", out)
		}
		kb, _ := strconv.Atoi(string(m[1]))
		return string(out), kb
	}
	out, kb := copyCmd("COPY " + c.ks + ".t (k, s, d) FROM '" + in + "'")
	t.Logf("COPY FROM: peak RSS %d KiB", kb)
	if !strings.Contains(out, fmt.Sprintf("%d rows imported", rows)) || kb >= 64<<10 {
		t.Errorf("COPY FROM: peak RSS %d KiB\n%s", kb, out)
	}
	outFile := filepath.Join(dir, "out.csv")
	out, kb = copyCmd("COPY " + c.ks + ".t TO '" + outFile + "'")
	t.Logf("COPY TO: peak RSS %d KiB", kb)
	if !strings.Contains(out, fmt.Sprintf("%d rows exported", rows)) || kb >= 64<<10 {
		t.Errorf("COPY TO: peak RSS %d KiB\n%s", kb, out)
	}
	if n, err := countRows(outFile, formatCSV); err != nil || n != rows {
		t.Errorf("exported file has %d lines (%v), want %d", n, err, rows)
	}
}

func splitHostPort(addr string) (string, string) {
	if i := strings.LastIndexByte(addr, ':'); i > 0 {
		return addr[:i], addr[i+1:]
	}
	return addr, "9042"
}
