package shell

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

func TestConcurrentRange100k(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 inserts")
	}
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "range100k")
	ts.run("CONCURRENT 100 INSERT INTO " + ks + ".range100k (pk, v) VALUES (?, ?) WITH ARGS RANGE 0 TO 100000;\n")
	out := ts.out.String()
	if !regexp.MustCompile(`^100000 statements: 100000 ok, 0 failed in \d+\.\d\d s \(\d+/s\), concurrency 100\n$`).MatchString(out) {
		t.Fatalf("summary: %q stderr: %s", out, ts.errw.String())
	}
	t.Log(strings.TrimSpace(out))
	if n := countAll(t, ts.sess, ks+".range100k"); n != 100000 {
		t.Errorf("count(*) = %d, want 100000", n)
	}
	// RANGE binds the number to every marker, converted to its type.
	res, err := ts.sess.Execute(context.Background(), "SELECT v FROM "+ks+".range100k WHERE pk = 99999")
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := res.Value(0, 0); v != "99999" {
		t.Errorf("v = %v, want '99999'", v)
	}
}

func TestConcurrentCSV(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := testKeyspace(t, ts.sess)
	mustExec(t, ts.sess,
		"CREATE TABLE "+ks+".people (id int PRIMARY KEY, name text, tags set<text>, score double)")
	dir := t.TempDir()
	t.Chdir(dir)
	// The header names the markers in another order: columns match by name.
	csv := "name,score,id,tags\n" +
		"\"Smith, John\",1.5,1,\"{'a', 'b'}\"\n" +
		"\"O'Brien \"\"the quick\"\"\",2,2,{}\n" +
		"\"two\nlines\",,3,\"{'x,y'}\"\n" +
		"plain,-0.25,4,\n"
	if err := os.WriteFile("people.csv", []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	ts.run("CONCURRENT 2 INSERT INTO " + ks + ".people (id, name, tags, score) VALUES (?, ?, ?, ?) WITH ARGS FROM 'people.csv' WITH HEADER;\n")
	if !strings.HasPrefix(ts.out.String(), "4 statements: 4 ok, 0 failed") {
		t.Fatalf("out: %s\nerr: %s", ts.out.String(), ts.errw.String())
	}
	want := map[int]string{
		1: `{"id": 1, "name": "Smith, John", "score": 1.5, "tags": ["a", "b"]}`,
		2: `{"id": 2, "name": "O'Brien \"the quick\"", "score": 2.0, "tags": null}`,
		3: `{"id": 3, "name": "two\nlines", "score": null, "tags": ["x,y"]}`,
		4: `{"id": 4, "name": "plain", "score": -0.25, "tags": null}`,
	}
	for id, w := range want {
		if got := jsonRow(t, ts.sess, fmt.Sprintf("SELECT JSON * FROM %s.people WHERE id = %d", ks, id)); got != w {
			t.Errorf("id %d:\n got %s\nwant %s", id, got, w)
		}
	}
}

// countAll counts a table's rows with SELECT count(*); a loaded single
// node sometimes fails that whole-table read (ReadFailure), so it is tried
// three times before the rows are counted page by page instead.
func countAll(t *testing.T, sess *driver.Session, table string) int64 {
	t.Helper()
	for range 3 {
		res, err := sess.ExecuteQuery(context.Background(), &driver.Query{Statement: "SELECT count(*) FROM " + table, Timeout: 60 * time.Second})
		if err == nil {
			v, err := res.Value(0, 0)
			if err != nil {
				t.Fatal(err)
			}
			return v.(int64)
		}
		t.Logf("SELECT count(*): %v", err)
		time.Sleep(time.Second)
	}
	it := sess.Iter(context.Background(), &driver.Query{Statement: "SELECT token(pk) FROM " + table, PageSize: 5000, Timeout: 60 * time.Second})
	defer it.Close()
	var n int64
	for it.Next() {
		n++
	}
	if err := it.Err(); err != nil {
		t.Fatalf("counting %s: %v", table, err)
	}
	return n
}

// jsonRow returns the single [json] value a SELECT JSON returns.
func jsonRow(t *testing.T, sess *driver.Session, stmt string) string {
	t.Helper()
	res, err := sess.Execute(context.Background(), stmt)
	if err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
	if res.NumRows() != 1 {
		t.Fatalf("%s: %d rows", stmt, res.NumRows())
	}
	v, err := res.Value(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return v.(string)
}

func TestConcurrentInlineTypes(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := testKeyspace(t, ts.sess)
	mustExec(t, ts.sess,
		"CREATE TYPE IF NOT EXISTS "+ks+".addr (street text, zip int)",
		"CREATE TABLE "+ks+".alltypes (k int PRIMARY KEY, a ascii, bi bigint, b blob, bo boolean, "+
			"de decimal, d double, f float, i inet, si smallint, ti tinyint, tx text, ts timestamp, dt date, tm time, "+
			"u uuid, tu timeuuid, vi varint, du duration, l list<int>, s set<text>, m map<text, int>, "+
			"tp tuple<int, text>, ad frozen<addr>, ve vector<float, 3>)")
	ts.run("CONCURRENT INSERT INTO " + ks + ".alltypes (k, a, bi, b, bo, de, d, f, i, si, ti, tx, ts, dt, tm, u, tu, vi, du, l, s, m, tp, ad, ve) " +
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WITH ARGS " +
		"(1, 'abc', -9223372036854775808, 0xcafe, true, 12.345, 1.25, -2.5, '10.0.0.1', 32767, -128, 'héllo, ''w''', " +
		"'2024-02-29 12:34:56.789+0000', '2024-02-29', '12:34:56.123456789', 5132b130-ae79-11e4-ab27-0800200c9a66, " +
		"d2177dd0-eaa2-11de-a572-001b779c76e3, 123456789012345678901234567890, 1h30m, [1, 2, 3], {'x', 'y'}, {'k': 1}, " +
		"(7, 'seven'), {street: 'Main', zip: 12345}, [1.5, 2.5, 3.5]),\n" +
		"(2, null, null, null, false, null, NaN, Infinity, '::1', null, null, '', null, null, null, null, null, -1, null, [], null, null, null, null, null);\n")
	if !strings.HasPrefix(ts.out.String(), "2 statements: 2 ok, 0 failed") {
		t.Fatalf("out: %s\nerr: %s", ts.out.String(), ts.errw.String())
	}
	want := map[int]string{
		1: `{"k": 1, "a": "abc", "ad": {"street": "Main", "zip": 12345}, "b": "0xcafe", "bi": -9223372036854775808, "bo": true, ` +
			`"d": 1.25, "de": 12.345, "dt": "2024-02-29", "du": "1h30m", "f": -2.5, "i": "10.0.0.1", "l": [1, 2, 3], "m": {"k": 1}, ` +
			`"s": ["x", "y"], "si": 32767, "ti": -128, "tm": "12:34:56.123456789", "tp": [7, "seven"], "ts": "2024-02-29 12:34:56.789Z", ` +
			`"tu": "d2177dd0-eaa2-11de-a572-001b779c76e3", "tx": "héllo, 'w'", "u": "5132b130-ae79-11e4-ab27-0800200c9a66", ` +
			`"ve": [1.5, 2.5, 3.5], "vi": 123456789012345678901234567890}`,
		2: `{"k": 2, "a": null, "ad": null, "b": null, "bi": null, "bo": false, "d": null, "de": null, "dt": null, "du": null, ` +
			`"f": null, "i": "0:0:0:0:0:0:0:1", "l": null, "m": null, "s": null, "si": null, "ti": null, "tm": null, "tp": null, "ts": null, ` +
			`"tu": null, "tx": "", "u": null, "ve": null, "vi": -1}`,
	}
	for k, w := range want {
		if got := jsonRow(t, ts.sess, fmt.Sprintf("SELECT JSON * FROM %s.alltypes WHERE k = %d", ks, k)); got != w {
			t.Errorf("k %d:\n got %s\nwant %s", k, got, w)
		}
	}
	// JSON shows NaN and Infinity as null: read them as values.
	res, err := ts.sess.Execute(context.Background(), "SELECT d, f FROM "+ks+".alltypes WHERE k = 2")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := res.Value(0, 0)
	f, _ := res.Value(0, 1)
	if dv, ok := d.(float64); !ok || !math.IsNaN(dv) {
		t.Errorf("d = %v, want NaN", d)
	}
	if fv, ok := f.(float32); !ok || !math.IsInf(float64(fv), 1) {
		t.Errorf("f = %v, want +Inf", f)
	}
}

func TestConcurrentFromSelectDeletes(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := testKeyspace(t, ts.sess)
	mustExec(t, ts.sess,
		"CREATE TABLE "+ks+".victims (pk int PRIMARY KEY, odd int)")
	t.Chdir(t.TempDir())
	var b strings.Builder
	for i := range 12000 {
		fmt.Fprintf(&b, "%d,%d\n", i, i%2)
	}
	if err := os.WriteFile("v.csv", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ts.run("CONCURRENT INSERT INTO " + ks + ".victims (pk, odd) VALUES (?, ?) WITH ARGS FROM 'v.csv';\n")
	if !strings.HasPrefix(ts.out.String(), "12000 statements: 12000 ok, 0 failed") {
		t.Fatalf("out: %s\nerr: %s", ts.out.String(), ts.errw.String())
	}
	ts.out.b.Reset()
	// 6000 rows are selected, more than one page of the source query.
	ts.run("CONCURRENT 20 DELETE FROM " + ks + ".victims WHERE pk = ? WITH ARGS FROM (SELECT pk FROM " + ks + ".victims WHERE odd = 1 ALLOW FILTERING);\n")
	if !strings.HasPrefix(ts.out.String(), "6000 statements: 6000 ok, 0 failed") {
		t.Fatalf("out: %s\nerr: %s", ts.out.String(), ts.errw.String())
	}
	if n := countRows(t, ts.sess, "SELECT count(*) FROM "+ks+".victims"); n != 6000 {
		t.Errorf("%d rows left, want 6000", n)
	}
	if n := countRows(t, ts.sess, "SELECT count(*) FROM "+ks+".victims WHERE odd = 1 ALLOW FILTERING"); n != 0 {
		t.Errorf("%d selected rows left, want 0", n)
	}
}

func TestConcurrentBadTuplesReported(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "bad")
	dir := t.TempDir()
	t.Chdir(dir)
	lines := []string{"1,a", "2,b", "x,c", "4,d", "5", "6,f", "7,g", ",h", "9,i", "10,j"}
	if err := os.WriteFile("in.csv", []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts.run("CONCURRENT 3 INSERT INTO " + ks + ".bad (pk, v) VALUES (?, ?) WITH ARGS FROM 'in.csv';\n")
	out, errs := ts.out.String(), ts.errw.String()
	if !strings.HasPrefix(out, "10 statements: 7 ok, 3 failed in ") {
		t.Errorf("summary: %s", out)
	}
	for _, w := range []string{
		`<stdin>:2:line 3 (x, c): pk (int): `,
		`<stdin>:2:line 5 (5): expected 2 values, got 1`,
		`<stdin>:2:line 8 (, h): InvalidRequest: Error from server: code=2200 [Invalid query] message="Invalid null value in condition for column pk"`,
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	if n := countRows(t, ts.sess, "SELECT count(*) FROM "+ks+".bad"); n != 7 {
		t.Errorf("%d rows, want 7", n)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "concurrent_*.err"))
	if len(files) != 1 {
		t.Fatalf("error files: %v", files)
	}
	if !strings.Contains(errs, "3 failures written to "+files[0]+"\n") {
		t.Errorf("stderr should name the error file %s:\n%s", files[0], errs)
	}
	data, _ := os.ReadFile(files[0])
	if got := strings.Count(string(data), "\n"); got != 3 || !strings.Contains(string(data), "line 5\t(5)\texpected 2 values, got 1\n") {
		t.Errorf("error file:\n%s", data)
	}
	if !ts.hadError {
		t.Error("failures must count for the exit code")
	}
}

func TestConcurrentStopOnError(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	// 5000 rows; line 51 fails on the server (null key), or in the client
	// (not an int).
	write := func(name, bad string) {
		var b strings.Builder
		for i := 1; i <= 5000; i++ {
			if i == 51 {
				b.WriteString(bad + "\n")
				continue
			}
			fmt.Fprintf(&b, "%d,v\n", i)
		}
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("server.csv", ",v")
	write("client.csv", "oops,v")
	tests := []struct {
		file, opts string
		lo, hi     int64 // EXECUTE requests expected
	}{
		{"server.csv", "STOP ON ERROR", 1, 200},
		{"client.csv", "STOP ON ERROR", 1, 200},
		{"server.csv", "", 5000, 5000},
		{"client.csv", "", 4999, 4999},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.opts, func(t *testing.T) {
			tap := newTap()
			ts := newTestShell(t, driver.Config{Hosts: []string{testnode.Addr(t)}, ProtoVersion: 4, Dial: tap.dial})
			ks := setupKeyspace(t, ts.sess, "stop")
			before := tap.count(opExecute)
			ts.run(fmt.Sprintf("CONCURRENT 10 INSERT INTO %s.stop (pk, v) VALUES (?, ?) WITH ARGS FROM '%s' %s;\n", ks, tt.file, tt.opts))
			sent := tap.count(opExecute) - before
			if sent < tt.lo || sent > tt.hi {
				t.Errorf("%d EXECUTE requests sent, want %d..%d", sent, tt.lo, tt.hi)
			}
			t.Logf("%d EXECUTE requests; %s", sent, strings.TrimSpace(ts.out.String()))
			stopped := strings.Contains(ts.out.String(), "Stopped at the first error")
			if stopped != (tt.opts != "") {
				t.Errorf("stop message %v: %s", stopped, ts.out.String())
			}
			if !strings.Contains(ts.errw.String(), "<stdin>:2:line 51 ") {
				t.Errorf("stderr: %s", ts.errw.String())
			}
		})
	}
}

func TestConcurrentSelectRowsInInputOrder(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "lookup")
	fill(t, ts, ks, "lookup", 10)
	ts.out.b.Reset()
	ts.run("CONCURRENT 4 SELECT pk, v FROM " + ks + ".lookup WHERE pk = ? WITH ARGS (7), (3), (42), (9), (1), (0);\n" +
		"CONCURRENT 4 SELECT pk FROM " + ks + ".lookup WHERE pk = ? WITH ARGS RANGE 0 TO 20 SUMMARY;\n")
	want := "\n pk | v\n----+---\n  7 | 7\n  3 | 3\n  9 | 9\n  1 | 1\n  0 | 0\n\n(5 rows)\n"
	out := ts.out.String()
	if !strings.HasPrefix(out, want) {
		t.Errorf("rows:\n%s\nwant prefix:\n%s", out, want)
	}
	if !regexp.MustCompile(`\n6 statements: 6 ok, 0 failed .*\n\(10 rows\)\n20 statements: 20 ok, 0 failed `).MatchString(out) {
		t.Errorf("SUMMARY should count rows only:\n%s", out)
	}
}

func TestConcurrentInterrupt(t *testing.T) {
	tap := newTap()
	ts := newTestShell(t, driver.Config{Hosts: []string{testnode.Addr(t)}, ProtoVersion: 4, Dial: tap.dial})
	ks := setupKeyspace(t, ts.sess, "intr")
	ts.sigs = make(chan os.Signal, 1)
	before := tap.count(opExecute)
	go func() {
		// Interrupt once the run is well under way.
		deadline := time.Now().Add(30 * time.Second)
		for tap.count(opExecute)-before < 500 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		ts.sigs <- os.Interrupt
	}()
	ts.run("CONCURRENT 10 INSERT INTO " + ks + ".intr (pk, v) VALUES (?, ?) WITH ARGS RANGE 0 TO 1000000;\n")
	sent := tap.count(opExecute) - before
	out := ts.out.String()
	m := regexp.MustCompile(`^(\d+) statements: (\d+) ok, 0 failed in .*\nInterrupted: no further statements were submitted.\n$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("out: %q", out)
	}
	if m[1] != fmt.Sprint(sent) || sent >= 1000000 {
		t.Errorf("reported %s statements, %d were sent", m[1], sent)
	}
	// Requests in flight were waited for: every reported row is there.
	if n := countRows(t, ts.sess, "SELECT count(*) FROM "+ks+".intr"); fmt.Sprint(n) != m[2] {
		t.Errorf("%d rows, %s reported ok", n, m[2])
	}
}
