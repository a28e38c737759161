package shell

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver"
)

// TestLineEndingAmpersand runs scripts whose statements end their line with
// '&' and no ';', through every way statements arrive: piped stdin, -f and
// -e. Each job is reported once, nothing is lost, and the exit code is 2
// only when a job failed.
func TestLineEndingAmpersand(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "amp")
	script := "SELECT release_version FROM system.local &\n" +
		"SELECT cluster_name FROM system.local &\n" +
		"CONCURRENT 64 INSERT INTO " + ks + ".amp (pk, v) VALUES (?, ?) WITH ARGS RANGE 1 TO 2001;\n" +
		"SELECT count(*)\n  FROM " + ks + ".amp &\n" +
		"SELECT v FROM " + ks + ".amp WHERE pk = 7 & -- a comment after the ampersand\n" +
		"SELECT v FROM " + ks + ".amp WHERE pk = 8;\n"
	file := filepath.Join(t.TempDir(), "amp.cql")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"piped", script, nil},
		{"file", "", []string{"-f", file}},
		{"execute", "", []string{"-e", script}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runBinary(t, tc.stdin, tc.args...)
			if code != 0 || errs != "" {
				t.Fatalf("exit code %d, stderr %q\n%s", code, errs, out)
			}
			for i := 1; i <= 4; i++ {
				if n := strings.Count(out, fmt.Sprintf("[%d] started\n", i)); n != 1 {
					t.Errorf("[%d] started printed %d times", i, n)
				}
				if n := strings.Count(out, fmt.Sprintf("[%d] done in ", i)); n != 1 {
					t.Errorf("[%d] done printed %d times", i, n)
				}
			}
			for _, b := range []string{
				`\[1\] done in \d+ ms: SELECT release_version FROM system\.local\n\n release_version\n`,
				`\[2\] done in \d+ ms: SELECT cluster_name FROM system\.local\n\n cluster_name\n`,
				`\[3\] done in \d+ ms: SELECT count\(\*\) FROM \w+\.amp\n\n count\n-+\n +2000\n\n\(1 rows\)\n`,
				`\[4\] done in \d+ ms: SELECT v FROM \w+\.amp WHERE pk = 7\n\n v\n-+\n +7\n\n\(1 rows\)\n`,
				`\n v\n-+\n +8\n\n\(1 rows\)\n`,
				`2000 statements: 2000 ok, 0 failed`,
			} {
				if n := len(regexp.MustCompile(b).FindAllString(out, -1)); n != 1 {
					t.Errorf("%q found %d times in\n%s", b, n, out)
				}
			}
		})
	}
}

// TestLineEndingAmpersandFailure: a job started by a line ending in '&'
// that fails is reported on its line and makes the exit code 2, as one
// ended by "&;".
func TestLineEndingAmpersandFailure(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess)
	script := "SELECT * FROM " + ks + ".missing &\nSELECT key FROM system.local;\n"
	out, errs, code := runBinary(t, script)
	if code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	if !regexp.MustCompile(`^<stdin>:2:\[1\] failed in \d+ ms: InvalidRequest: .*table missing does not exist"\n$`).MatchString(errs) {
		t.Errorf("stderr: %q", errs)
	}
	if strings.Count(out, "[1] started\n") != 1 || !strings.Contains(out, " local\n") {
		t.Errorf("stdout:\n%s", out)
	}
}
