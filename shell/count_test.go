package shell

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
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
)

// runAt runs gocqlsh against addr with stdin piped; it returns stdout,
// stderr and the exit code.
func runAt(t *testing.T, addr, stdin string, args ...string) (string, string, int) {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(buildBinary(t), append(args, host, port)...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
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

// uniqueKeyspace creates a keyspace no other test run uses, with the given
// replication, through gocqlsh at addr, and drops it when the test ends.
func uniqueKeyspace(t *testing.T, addr, replication string) string {
	t.Helper()
	var b [5]byte
	_, _ = rand.Read(b[:])
	ks := "cnt_" + hex.EncodeToString(b[:])
	if out, errs, code := runAt(t, addr, "", "-e", "CREATE KEYSPACE "+ks+" WITH replication = "+replication); code != 0 {
		t.Fatalf("create keyspace: %s%s", out, errs)
	}
	t.Cleanup(func() { runAt(t, addr, "", "-e", "DROP KEYSPACE IF EXISTS "+ks) })
	return ks
}

// countRe reads the total of a COUNT's table.
var countRe = regexp.MustCompile(`(?m)^ count\n-+\n +(\d+)\n`)

func countOf(t *testing.T, out string) string {
	t.Helper()
	m := countRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no count in:\n%s", out)
	}
	return m[1]
}

// loadRange fills ks.t (k int PRIMARY KEY, v int) with n rows by CONCURRENT
// at consistency ALL, so that every replica holds every row and a count at
// ONE is exact whichever replica answers (at ONE, a busy replica may drop a
// write and only catch up later).
func loadRange(t *testing.T, addr, ks string, n int) {
	t.Helper()
	script := fmt.Sprintf("CREATE TABLE %s.t (k int PRIMARY KEY, v int);\nCONSISTENCY ALL;\nCONCURRENT 200 INSERT INTO %s.t (k, v) VALUES (?, ?) WITH ARGS RANGE 0 TO %d;\n", ks, ks, n)
	out, errs, code := runAt(t, addr, script)
	if code != 0 || !strings.Contains(out+errs, fmt.Sprintf("%d ok, 0 failed", n)) {
		t.Fatalf("load: exit %d\n%s%s", code, out, errs)
	}
}

// TestCountNode: on one node, COUNT prints exactly the rows loaded, and BY
// PARTITION TOP 5 the five largest partitions, largest first.
func TestCountNode(t *testing.T) {
	addr := testnode.Addr(t)
	ks := uniqueKeyspace(t, addr, "{'class': 'SimpleStrategy', 'replication_factor': 1}")
	loadRange(t, addr, ks, 300000)
	start := time.Now()
	out, errs, code := runAt(t, addr, "", "-e", "COUNT "+ks+".t")
	if code != 0 || countOf(t, out) != "300000" {
		t.Fatalf("COUNT: exit %d\n%s%s", code, out, errs)
	}
	t.Logf("COUNT of 300,000 rows on one node: %v", time.Since(start))

	// Partitions of known sizes: 5000, 4000, 3000, 2000, 1000, 500 and
	// 300 partitions of one row.
	sizes := map[int]int{11: 5000, 22: 4000, 33: 3000, 44: 2000, 55: 1000, 66: 500}
	var csv strings.Builder
	for k, n := range sizes {
		for c := range n {
			fmt.Fprintf(&csv, "%d,%d\n", k, c)
		}
	}
	for k := 1000; k < 1300; k++ {
		fmt.Fprintf(&csv, "%d,0\n", k)
	}
	file := filepath.Join(t.TempDir(), "rows.csv")
	if err := os.WriteFile(file, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	script := fmt.Sprintf("CREATE TABLE %s.p (k int, c int, PRIMARY KEY (k, c));\nCONCURRENT 100 INSERT INTO %s.p (k, c) VALUES (?, ?) WITH ARGS FROM '%s';\n", ks, ks, file)
	if out, errs, code := runAt(t, addr, script); code != 0 {
		t.Fatalf("load partitions: %s%s", out, errs)
	}
	out, errs, code = runAt(t, addr, "", "-e", "COUNT "+ks+".p BY PARTITION TOP 5")
	want := " k  | rows\n----+------\n 11 | 5000\n 22 | 4000\n 33 | 3000\n 44 | 2000\n 55 | 1000\n\n(5 rows)\n15800 rows in all"
	if code != 0 || !strings.Contains(out, want) {
		t.Fatalf("BY PARTITION TOP 5: exit %d\n%s%s\nwant:\n%s", code, out, errs, want)
	}
}

// TestCountBadInput: each mistake is a clear error and exit code 2.
func TestCountBadInput(t *testing.T) {
	addr := testnode.Addr(t)
	ks := uniqueKeyspace(t, addr, "{'class': 'SimpleStrategy', 'replication_factor': 1}")
	runAt(t, addr, "", "-e", "CREATE TABLE "+ks+".t (k int PRIMARY KEY, v int)")
	for cmd, want := range map[string]string{
		"COUNT " + ks + ".nosuch":                             "Table '" + ks + ".nosuch' does not exist",
		"COUNT nosuchks.t":                                    "does not exist",
		"COUNT " + ks + ".t WHERE k = 1 ALLOW FILTERING":      "cannot restrict the partition key column k",
		"COUNT " + ks + ".t BY PARTITION TOP 0":               "TOP must be a positive number",
		"COUNT " + ks + ".t WHERE v = 1":                      "must end with ALLOW FILTERING",
		"COUNT " + ks + ".t BY NODE":                          "BY must be followed by PARTITION, HOST or RANGE",
		"COUNT t":                                             "No keyspace has been specified",
		"COUNT " + ks + ".t WHERE nosuch = 1 ALLOW FILTERING": "InvalidRequest",
	} {
		out, errs, code := runAt(t, addr, "", "-e", cmd)
		if code != 2 || !strings.Contains(errs, want) {
			t.Errorf("%s: exit %d, stderr %q, stdout %q; want exit 2 and %q", cmd, code, errs, out, want)
		}
	}
}

// TestCountCluster: on the three-node cluster, with RF 1 and RF 3, COUNT
// prints exactly the rows loaded — also with a node killed mid-count (RF 3).
func TestCountCluster(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	for _, rf := range []int{1, 3} {
		ks := uniqueKeyspace(t, addrs[0], fmt.Sprintf("{'class': 'SimpleStrategy', 'replication_factor': %d}", rf))
		loadRange(t, addrs[0], ks, 300000)
		start := time.Now()
		out, errs, code := runAt(t, addrs[0], "", "-e", "COUNT "+ks+".t")
		if code != 0 || countOf(t, out) != "300000" {
			t.Fatalf("RF %d: COUNT: exit %d\n%s%s", rf, code, out, errs)
		}
		t.Logf("RF %d: COUNT of 300,000 rows on 3 nodes: %v", rf, time.Since(start))
		out, _, _ = runAt(t, addrs[0], "", "-e", "COUNT "+ks+".t BY HOST")
		if !strings.Contains(out, "300000 rows in all") || strings.Count(out, "127.0.0.") != 3 {
			t.Errorf("RF %d: BY HOST:\n%s", rf, out)
		}
		if rf != 3 {
			continue
		}
		done := make(chan string, 1)
		go func() {
			out, errs, code := runAt(t, addrs[0], "", "--request-timeout", "20", "-e", "COUNT "+ks+".t")
			done <- fmt.Sprintf("%d\n%s%s", code, out, errs)
		}()
		time.Sleep(400 * time.Millisecond)
		testnode.Kill(t, testnode.Cluster, 2)
		res := <-done
		if !strings.HasPrefix(res, "0\n") || countOf(t, res) != "300000" {
			t.Errorf("RF 3, node 2 killed mid-count: exit and output\n%s", res)
		}
	}
}
