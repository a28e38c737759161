package shell

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenFile compares got with testdata/name (rewritten with -update).
func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestJobsTableGolden lays out JOBS in both styles: cqlsh-like, and boxed
// as under FORMAT BOX (go test -run JobsTableGolden ./shell/ -args -update).
func TestJobsTableGolden(t *testing.T) {
	lines := []jobLine{
		{"1", "done", "12 ms", "5000+", "SELECT pk FROM ks.paged"},
		{"2", "running", "1503 ms", "", "SELECT count(*) FROM ks.big WHERE v = 'ünïcödé' ALLOW FI..."},
		{"10", "failed", "3 ms", "", "SELECT * FROM ks.missing"},
	}
	for _, tt := range []struct {
		name string
		box  bool
	}{{"jobs.golden", false}, {"jobs_box.golden", true}} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := jobsTable(lines, tt.box).Write(&b); err != nil {
				t.Fatal(err)
			}
			goldenFile(t, tt.name, b.Bytes())
		})
	}
}
