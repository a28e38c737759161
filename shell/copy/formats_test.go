package copy

import (
	"bytes"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

func TestInferFormat(t *testing.T) {
	for _, tt := range []struct {
		spec string
		want fileFormat
	}{
		{"", formatCSV},
		{"x.csv", formatCSV},
		{"x.JSON", formatJSON},
		{"/a/b.ndjson", formatJSON},
		{"rows.jsonl", formatJSON},
		{"t.parquet, u.parquet", formatParquet},
		{"data", formatCSV},
	} {
		if got := inferFormat(tt.spec); got != tt.want {
			t.Errorf("inferFormat(%q) = %v, want %v", tt.spec, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in   string
		want fileFormat
		err  bool
	}{{"CSV", formatCSV, false}, {"json", formatJSON, false}, {"Parquet", formatParquet, false}, {"", formatUnset, false}, {"xml", formatUnset, true}} {
		got, err := parseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("parseFormat(%q) = %v, %v", tt.in, got, err)
		}
	}
}

// TestCopyBadRows: bad JSON lines and bad Parquet rows are reported with
// their position and written to the error file; the good rows go in.
func TestCopyBadRows(t *testing.T) {
	c := newCopyEnv(t, "copy_bad")
	exec(t, c.sess, "CREATE TABLE "+c.ks+".t (k int PRIMARY KEY, v int)")
	exec(t, c.sess, "CREATE TABLE "+c.ks+".s (k int PRIMARY KEY, v text)")
	dir := t.TempDir()

	in := filepath.Join(dir, "in.json")
	lines := "{\"k\": 1, \"v\": 10}\n{\"k\": 2, \"v\": \"ten\"}\nnot json\n\n{\"k\": 4, \"v\": 40}\n{\"v\": 5}\n"
	os.WriteFile(in, []byte(lines), 0o644)
	errFile := filepath.Join(dir, "json.err")
	errs := strings.Join(c.run(t, "COPY t FROM '"+in+"' WITH ERRFILE = '"+errFile+"'"), "\n")
	for _, want := range []string{"line 2: column v:", "line 3: invalid JSON", "line 6: Cannot insert null value for primary key column 'k'", "Failed to process 3 rows"} {
		if !strings.Contains(errs, want) {
			t.Errorf("JSON errors lack %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(c.out.String(), "2 rows imported") {
		t.Errorf("JSON: output %q", c.out.String())
	}
	if b, _ := os.ReadFile(errFile); string(b) != "{\"k\": 2, \"v\": \"ten\"}\nnot json\n{\"v\": 5}\n" {
		t.Errorf("JSON error file: %q", b)
	}

	exec(t, c.sess, "INSERT INTO "+c.ks+".s (k, v) VALUES (1, '5')")
	exec(t, c.sess, "INSERT INTO "+c.ks+".s (k, v) VALUES (2, 'abc')")
	pq := filepath.Join(dir, "s.parquet")
	if e := c.run(t, "COPY s TO '"+pq+"'"); len(e) > 0 {
		t.Fatal(e)
	}
	errFile = filepath.Join(dir, "pq.err")
	errs = strings.Join(c.run(t, "COPY t FROM '"+pq+"' WITH ERRFILE = '"+errFile+"'"), "\n")
	if !strings.Contains(errs, "ParseError - row ") || !strings.Contains(errs, "column v: cannot read \"abc\"") {
		t.Errorf("Parquet errors: %s", errs)
	}
	if b, _ := os.ReadFile(errFile); !strings.Contains(string(b), `"v": "abc"`) {
		t.Errorf("Parquet error file: %q", b)
	}
	if e := c.run(t, "COPY t FROM '"+in+"' WITH FORMAT = 'yaml'"); len(e) != 1 || !strings.Contains(e[0], "Unknown COPY format 'yaml'") {
		t.Errorf("FORMAT = 'yaml': %v", e)
	}
}

// TestCopyParquetPyarrow: a Parquet file COPY writes reads in pyarrow with
// the logical types the README promises.
func TestCopyParquetPyarrow(t *testing.T) {
	venv := os.Getenv("GOCQLSH_PEERS_VENV")
	if venv == "" {
		venv = filepath.Join("..", "..", "testenv", "venv")
	}
	py := filepath.Join(venv, "bin", "python")
	if err := osexec.Command(py, "-c", "import pyarrow").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pyarrow is not in %s (make peers installs it): %v", venv, err)
		}
		t.Skipf("pyarrow is not in %s (make peers installs it)", venv)
	}
	c := newCopyEnv(t, "copy_pyarrow")
	exec(t, c.sess, "CREATE TABLE "+c.ks+".t (k int PRIMARY KEY, ts timestamp, d date, u uuid, l list<int>, m map<text, int>, de decimal, b blob)")
	exec(t, c.sess, "INSERT INTO "+c.ks+".t (k, ts, d, u, l, m, de, b) VALUES (1, '2020-01-02 03:04:05.678Z', '2020-01-02', e3a0f68c-40a0-49c2-8464-4d8978070136, [1, 2], {'a': 1}, 1.50, 0xcafe)")
	exec(t, c.sess, "INSERT INTO "+c.ks+".t (k) VALUES (2)")
	file := filepath.Join(t.TempDir(), "t.parquet")
	if e := c.run(t, "COPY t TO '"+file+"'"); len(e) > 0 {
		t.Fatal(e)
	}
	script := `
import sys, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
print(t.num_rows)
for f in t.schema: print(f.name, f.type)
r = sorted(t.to_pylist(), key=lambda r: r["k"])
print(r[0]["ts"].isoformat(), r[0]["d"], r[0]["l"], r[0]["m"], r[0]["de"], r[0]["b"].hex(), r[1]["l"])
`
	out, err := osexec.Command(py, "-c", script, file).CombinedOutput()
	if err != nil {
		t.Fatalf("pyarrow: %v\n%s", err, out)
	}
	want := "2\nk int32\nts timestamp[ms, tz=UTC]\nd date32[day]\nde string\nl list<element: int32>\nm map<string, int32 ('m')>\nu extension<arrow.uuid>\nb binary\n" +
		"2020-01-02T03:04:05.678000+00:00 2020-01-02 [1, 2] [('a', 1)] 1.50 cafe None\n"
	if got := string(out); !sameLines(got, want) {
		t.Errorf("pyarrow read:\n%s\nwant (any column order):\n%s", got, want)
	}
}

// sameLines compares the lines of two texts, ignoring their order.
func sameLines(a, b string) bool {
	x, y := strings.Split(strings.TrimSpace(a), "\n"), strings.Split(strings.TrimSpace(b), "\n")
	if len(x) != len(y) {
		return false
	}
	seen := map[string]int{}
	for _, l := range x {
		seen[l]++
	}
	for _, l := range y {
		if seen[l]--; seen[l] < 0 {
			return false
		}
	}
	return true
}

// fuzzConverter converts rows of (k int, l list<int>, m map<text, double>,
// u frozen<tuple<uuid, blob>>, ts timestamp).
func fuzzConverter() *rowConverter {
	types := []*cqltype.Type{
		{Kind: cqltype.Int},
		{Kind: cqltype.List, Elem: &cqltype.Type{Kind: cqltype.Int}},
		{Kind: cqltype.Map, Key: &cqltype.Type{Kind: cqltype.Varchar}, Value: &cqltype.Type{Kind: cqltype.Double}},
		{Kind: cqltype.Tuple, Elems: []*cqltype.Type{{Kind: cqltype.UUID}, {Kind: cqltype.Blob}}},
		{Kind: cqltype.Timestamp},
	}
	return &rowConverter{valid: []string{"k", "l", "m", "u", "ts"}, types: types, pk: []int{0}, order: []int{0, 1, 2, 3, 4}}
}

// FuzzJSONRow: any line is a row or an error, never a panic.
func FuzzJSONRow(f *testing.F) {
	f.Add([]byte(`{"k": 1, "l": [1, 2], "m": {"a": 1.5}, "u": ["e3a0f68c-40a0-49c2-8464-4d8978070136", "0xcafe"], "ts": "2020-01-02 03:04:05.678Z"}`))
	f.Add([]byte(`{"k": "", "l": null}`))
	f.Add([]byte(`[1, 2]`))
	f.Fuzz(func(t *testing.T, line []byte) {
		src := newJSONSource(bytes.NewReader(line), fuzzConverter())
		for range 4 {
			if _, _, err := src.next(true); err != nil && !isBadRow(err) {
				return
			}
		}
	})
}

func isBadRow(err error) bool {
	_, ok := err.(*badRowError)
	return ok
}

// FuzzParquetSource: any file is rows or an error, never a panic.
func FuzzParquetSource(f *testing.F) {
	f.Add([]byte("PAR1\x00\x00\x00\x00PAR1"))
	f.Add([]byte("not parquet"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.parquet")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		fh, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		src, err := newParquetSource(fh, fuzzConverter())
		if err != nil {
			return
		}
		for range 1000 {
			if _, _, err := src.next(true); err != nil && !isBadRow(err) {
				return
			}
		}
	})
}

// TestCopyFromPacing: MAXREQUESTS x NUMPROCESSES bounds the batches in
// flight, and INGESTRATE holds the rows to a rate: 300 rows at 100 rows/s
// take at least 3 s.
func TestCopyFromPacing(t *testing.T) {
	c := newCopyEnv(t, "copy_pace")
	exec(t, c.sess, "CREATE TABLE "+c.ks+".t (k int PRIMARY KEY, v text)")
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "%d,v%d\n", i, i)
	}
	file := filepath.Join(t.TempDir(), "rows.csv")
	os.WriteFile(file, []byte(b.String()), 0o644)
	for _, tt := range []struct{ procs, reqs int }{{1, 1}, {1, 2}, {2, 3}} {
		r := c.runRun(t, fmt.Sprintf("COPY t FROM '%s' WITH NUMPROCESSES = %d AND MAXREQUESTS = %d AND MAXBATCHSIZE = 5 AND MINBATCHSIZE = 1", file, tt.procs, tt.reqs))
		if peak := r.peakInFlight.Load(); peak < 1 || peak > int64(tt.procs*tt.reqs) {
			t.Errorf("NUMPROCESSES %d, MAXREQUESTS %d: %d batches in flight at once", tt.procs, tt.reqs, peak)
		}
	}
	os.WriteFile(file, []byte(strings.Join(strings.SplitAfter(b.String(), "\n")[:300], "")), 0o644)
	start := time.Now()
	c.runRun(t, "COPY t FROM '"+file+"' WITH INGESTRATE = 100")
	if d := time.Since(start); d < 3*time.Second {
		t.Errorf("300 rows at INGESTRATE 100 took %v, want at least 3 s", d)
	}
	if !strings.Contains(c.out.String(), "300 rows imported") {
		t.Errorf("output %q", c.out.String())
	}
}
