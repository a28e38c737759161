package shell

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver"
)

// copyShell is a test shell with a keyspace of the test's own for COPY
// tests, its working directory a temporary one.
func copyShell(t *testing.T) (*testShell, string) {
	t.Helper()
	// COPY FROM writes its default error file in the working directory.
	t.Chdir(t.TempDir())
	ts := newTestShell(t, driver.Config{})
	return ts, testKeyspace(t, ts.sess)
}

// timing hides the figures that change from run to run.
var timing = regexp.MustCompile(`Rate: +\d+ rows/s; Avg\. rate: +\d+ rows/s|in [0-9., a-z]+ seconds`)

func TestCopyRoundTripAllTypes(t *testing.T) {
	ts, ks := copyShell(t)
	mustExec(t, ts.sess,
		"CREATE TYPE IF NOT EXISTS "+ks+".addr (street text, no int)",
		"CREATE TABLE "+ks+".rt_src (k int PRIMARY KEY, a ascii, bi bigint, bl blob, b boolean, dc decimal, d double, f float, i inet, s smallint, t text, ts timestamp, tu timeuuid, ti tinyint, u uuid, vi varint, dt date, tm time, du duration, l list<text>, st set<int>, m map<text, frozen<list<int>>>, tp tuple<int, text, boolean>, ud frozen<addr>, v vector<float, 3>)",
		"CREATE TABLE "+ks+".rt_dst (k int PRIMARY KEY, a ascii, bi bigint, bl blob, b boolean, dc decimal, d double, f float, i inet, s smallint, t text, ts timestamp, tu timeuuid, ti tinyint, u uuid, vi varint, dt date, tm time, du duration, l list<text>, st set<int>, m map<text, frozen<list<int>>>, tp tuple<int, text, boolean>, ud frozen<addr>, v vector<float, 3>)",
		`INSERT INTO `+ks+`.rt_src (k, a, bi, bl, b, dc, d, f, i, s, t, ts, tu, ti, u, vi, dt, tm, du, l, st, m, tp, ud, v) VALUES
		 (1, 'asc', -9223372036854775808, 0xdeadbeef, true, 123.456, 3.141592653589793, 1.5, '10.0.0.1', -32768, 'he said "hi", a; c|d ünï', '2024-02-29 23:59:59.123+0000', 50554d6e-29bb-11e5-b345-feff819cdc9f, -128, 550e8400-e29b-41d4-a716-446655440000, 123456789012345678901234567890, '2024-01-02', '13:14:15.123456789', 1y2mo3d4h5m6s, ['x', 'it''s', ''], {3, 1, 2}, {'k': [1, 2]}, (7, 'seven', false), {street: 'Main, 1', no: 5}, [1.5, -2, 3.25])`,
		"INSERT INTO "+ks+".rt_src (k, i) VALUES (2, '::1')",
		"INSERT INTO "+ks+".rt_src (k, t, l) VALUES (3, '', [])",
	)
	file := filepath.Join(t.TempDir(), "rt.csv")
	ts.run("COPY " + ks + ".rt_src TO '" + file + "' WITH HEADER = true AND NULL = 'NIL';\n")
	ts.run("COPY " + ks + ".rt_dst FROM '" + file + "' WITH HEADER = true AND NULL = 'NIL';\n")
	if e := ts.errw.String(); e != "" {
		t.Fatalf("stderr: %s\nstdout: %s", e, ts.out.String())
	}
	out := timing.ReplaceAllString(ts.out.String(), "<t>")
	for _, want := range []string{
		"Starting copy of " + ks + ".rt_src with columns [k, a, b, bi, bl, d, dc, dt, du, f, i, l, m, s, st, t, ti, tm, tp, ts, tu, u, ud, v, vi].",
		"\n3 rows exported to 1 files <t>.\n",
		"\n3 rows imported from 1 files <t> (0 skipped).\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	ts.out.b.Reset()
	ts.run("SELECT * FROM " + ks + ".rt_src;\n")
	src := ts.out.String()
	ts.out.b.Reset()
	ts.run("SELECT * FROM " + ks + ".rt_dst;\n")
	if dst := ts.out.String(); dst != src || !strings.Contains(src, "(3 rows)") {
		t.Errorf("tables differ after the round trip:\nsource:\n%s\ncopy:\n%s", src, dst)
	}
}

func TestCopyToStdoutBytes(t *testing.T) {
	ts, ks := copyShell(t)
	mustExec(t, ts.sess,
		"CREATE TABLE "+ks+".stdout (k int PRIMARY KEY, s text, b boolean, d double)",
		`INSERT INTO `+ks+`.stdout (k, s, b, d) VALUES (1, 'a,"b"', true, 0.1)`,
		`INSERT INTO `+ks+`.stdout (k, s) VALUES (2, 'x\y')`)
	tests := []struct {
		opts, want string
	}{
		{"", "1,\"a,\\\"b\\\"\",True,0.1\r\n2,x\\\\\\\\y,,\r\n"},
		{" WITH HEADER=true AND DELIMITER='|' AND NULL='NIL' AND BOOLSTYLE='yes, no' AND QUOTE='\"' AND ESCAPE='\"'",
			"k|s|b|d\r\n1|\"a,\"\"b\"\"\"|yes|0.1\r\n2|x\\\\y|NIL|NIL\r\n"},
		{" WITH DECIMALSEP=',' AND QUOTE=''''", "1,'a,\"b\"',True,'0,1'\r\n2,x\\\\\\\\y,,\r\n"},
	}
	for _, tt := range tests {
		ts.out.b.Reset()
		ts.errw.b.Reset()
		ts.run("COPY " + ks + ".stdout (k, s, b, d) TO STDOUT" + tt.opts + ";\n")
		if got := ts.out.String(); got != tt.want || ts.errw.String() != "" {
			t.Errorf("%s:\n got %q\nwant %q\nstderr %q", tt.opts, got, tt.want, ts.errw.String())
		}
	}
}

// TestCopyConfigSections: the shell's cqlshrc (the --cqlshrc file) supplies
// COPY options from [copy], [copy-to] and [copy:ks.table], each announced
// as cqlsh announces it; the command's own options win.
func TestCopyConfigSections(t *testing.T) {
	ts, ks := copyShell(t)
	mustExec(t, ts.sess,
		"CREATE TABLE "+ks+".rc (k int PRIMARY KEY, s text)",
		"INSERT INTO "+ks+".rc (k, s) VALUES (1, 'one')",
		"INSERT INTO "+ks+".rc (k) VALUES (2)")
	rc := filepath.Join(t.TempDir(), "rc")
	conf := "[copy]\nheader = true\n[copy-to]\ndelimiter = |\n[copy-from]\ndelimiter = ;\n[copy:" + ks + ".rc]\nnull = NIL\n"
	if err := os.WriteFile(rc, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	ts.cqlshrc = rc
	ts.run("COPY " + ks + ".rc TO STDOUT;\n")
	if got, want := ts.out.String(), "k|s\r\n1|one\r\n2|NIL\r\n"; got != want {
		t.Errorf("TO STDOUT with cqlshrc options: %q, want %q", got, want)
	}
	// COPY TO STDOUT prints nothing but rows; to a file it announces the
	// sections it read.
	ts.out.b.Reset()
	ts.errw.b.Reset()
	file := filepath.Join(t.TempDir(), "rc.csv")
	ts.run("COPY " + ks + ".rc TO '" + file + "';\n")
	want := "Reading options from " + rc + ":[copy]: {'header': 'true'}\n" +
		"Reading options from " + rc + ":[copy-to]: {'delimiter': '|'}\n" +
		"Reading options from " + rc + ":[copy:" + ks + ".rc]: {'null': 'NIL'}\n"
	if got := ts.out.String(); !strings.HasPrefix(got, want) {
		t.Errorf("announcements:\n%s\nwant them to start with\n%s", got, want)
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "k|s\r\n1|one\r\n2|NIL\r\n" {
		t.Errorf("file: %q, %v", b, err)
	}
	ts.out.b.Reset()
	ts.errw.b.Reset()
	ts.run("COPY " + ks + ".rc TO STDOUT WITH HEADER = false AND NULL = '-';\n")
	if got, want := ts.out.String(), "1|one\r\n2|-\r\n"; got != want {
		t.Errorf("command options over cqlshrc: %q, want %q", got, want)
	}
}

func TestCopyFromBadRows(t *testing.T) {
	ts, ks := copyShell(t)
	mustExec(t, ts.sess, "CREATE TABLE "+ks+".bad (k int PRIMARY KEY, s text, n int)")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	errFile := filepath.Join(dir, "bad.err")
	data := "1,one,1\n2,\"two, with \"\"quotes\"\"\nand a line\",2\nx,bad,3\n4,short\n,nokey,5\n6,six,notanint\n7,seven,7\n"
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	ts.run("COPY " + ks + ".bad (k, s, n) FROM '" + in + "' WITH QUOTE='\"' AND ESCAPE='\"' AND ERRFILE='" + errFile + "';\n")
	wantErr := "<stdin>:2:Failed to import 1 rows: ParseError - Failed to parse x : invalid literal for int() with base 10: 'x',  given up without retries\n" +
		"<stdin>:2:Failed to import 1 rows: ParseError - Invalid row length 2 should be 3,  given up without retries\n" +
		"<stdin>:2:Failed to import 1 rows: ParseError - Cannot insert null value for primary key column 'k'. If you want to insert empty strings, consider using the WITH NULL=<marker> option for COPY.,  given up without retries\n" +
		"<stdin>:2:Failed to import 1 rows: ParseError - Failed to parse notanint : invalid literal for int() with base 10: 'notanint',  given up without retries\n" +
		"<stdin>:2:Failed to process 4 rows; failed rows written to " + errFile + "\n"
	if got := ts.errw.String(); got != wantErr {
		t.Errorf("stderr:\n got %q\nwant %q", got, wantErr)
	}
	if out := timing.ReplaceAllString(ts.out.String(), "<t>"); !strings.Contains(out, "Processed: 7 rows; <t>\r\r\n3 rows imported from 1 files <t> (0 skipped).\n") {
		t.Errorf("stdout: %q", out)
	}
	b, err := os.ReadFile(errFile)
	if err != nil {
		t.Fatal(err)
	}
	if want := "x,bad,3\r\n4,short\r\n,nokey,5\r\n6,six,notanint\r\n"; string(b) != want {
		t.Errorf("error file %q, want %q", b, want)
	}
	if n := countRows(t, ts.sess, "SELECT count(*) FROM "+ks+".bad"); n != 3 {
		t.Errorf("%d rows loaded, want the 3 good ones", n)
	}
	ts.out.b.Reset()
	ts.run("SELECT s FROM " + ks + ".bad WHERE k = 2;\n")
	if !strings.Contains(ts.out.String(), `two, with "quotes"\nand a line`) {
		t.Errorf("quoted field with a line break: %s", ts.out.String())
	}
}

func TestCopyErrors(t *testing.T) {
	ts, ks := copyShell(t)
	mustExec(t, ts.sess, "CREATE TABLE "+ks+".errs (k int, c int, v text, PRIMARY KEY (k, c))")
	dir := t.TempDir()
	tests := []struct {
		stmt, stderr, stdout string
	}{
		{"COPY errs TO STDOUT;", "Not in any keyspace.", ""},
		{"COPY nosuch_ks.errs TO STDOUT;", "Keyspace 'nosuch_ks' not found.", ""},
		{"COPY " + ks + ".nosuch TO STDOUT;", "Column family nosuch not found", ""},
		{"COPY " + ks + ".errs (k, zz) TO STDOUT;", "Invalid column name zz", ""},
		{"COPY " + ks + ".errs TO STDOUT WITH Foo=1 AND timeformat='%Y';", "Unrecognized COPY TO options: foo, timeformat", ""},
		{"COPY " + ks + ".errs FROM STDIN WITH foo=1;", "Unrecognized COPY FROM options: foo", "Using"},
		{"COPY " + ks + ".errs (k, v) FROM 'x.csv';", "Primary key column 'c' missing or skipped", "Using"},
		{"COPY " + ks + ".errs FROM 'x.csv' WITH SKIPCOLS='k, c, v';", "No valid column specified", "Using"},
		{"COPY " + ks + ".errs FROM '" + dir + "/none*.csv';", "Failed to import 0 rows: OSError - Can't open '" + dir + "/none*.csv' for reading: no matching file found,  given up after 1 attempts", "0 rows imported from 0 files"},
		{"COPY " + ks + ".errs TO '" + dir + "/no/such/dir.csv';", "Can't open '" + dir + "/no/such/dir.csv' for writing: [Errno 2] No such file or directory: '" + dir + "/no/such/dir.csv'", "Using"},
		{"COPY " + ks + ".errs TO STDOUT WITH BEGINTOKEN=5 AND ENDTOKEN=3;", "Begin token 5 must be smaller than end token 3", ""},
		{"COPY " + ks + ".errs TO STDOUT WITH PAGESIZE=x;", "invalid literal for int() with base 10: 'x'", ""},
		{"COPY " + ks + ".errs TO STDOUT WITH;", "Improper COPY command.", ""},
	}
	for _, tt := range tests {
		ts.out.b.Reset()
		ts.errw.b.Reset()
		ts.run(tt.stmt + "\n")
		if got := ts.errw.String(); got != "<stdin>:2:"+tt.stderr+"\n" {
			t.Errorf("%s: stderr %q, want %q", tt.stmt, got, tt.stderr)
		}
		if got := ts.out.String(); (tt.stdout == "") != (got == "") || !strings.Contains(got, tt.stdout) {
			t.Errorf("%s: stdout %q, want %q", tt.stmt, got, tt.stdout)
		}
	}
}

func TestCopyCountersTTLAndStdin(t *testing.T) {
	ts, ks := copyShell(t)
	mustExec(t, ts.sess,
		"CREATE TABLE "+ks+".cnt (k int PRIMARY KEY, hits counter, misses counter)",
		"CREATE TABLE "+ks+".ttl (k int PRIMARY KEY, v text)")
	ts.run("COPY " + ks + ".cnt FROM STDIN;\n1,5,1\n2,3,\n.\nCOPY " + ks + ".cnt (k, hits) FROM STDIN;\n1,10\n.\n")
	if e := ts.errw.String(); e != "" {
		t.Fatalf("stderr: %s", e)
	}
	if !strings.Contains(ts.out.String(), "[Use . on a line by itself to end input]\n") {
		t.Errorf("no STDIN hint: %q", ts.out.String())
	}
	ts.out.b.Reset()
	ts.run("COPY " + ks + ".cnt TO STDOUT;\n")
	if got, want := ts.out.String(), "1,15,1\r\n2,3,0\r\n"; got != want {
		t.Errorf("counters %q, want %q", got, want)
	}
	ts.run("COPY " + ks + ".ttl FROM STDIN WITH TTL=1000;\n1,a\n.\n")
	res, err := ts.sess.ExecuteQuery(t.Context(), &driver.Query{Statement: "SELECT ttl(v) FROM " + ks + ".ttl WHERE k = 1"})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := res.Value(0, 0)
	if n, ok := v.(int32); !ok || n <= 0 || n > 1000 {
		t.Errorf("ttl(v) = %v, want 1..1000", v)
	}
	ts.errw.b.Reset()
	ts.run("COPY " + ks + ".ttl FROM STDIN WITH TTL=700000000 AND MAXATTEMPTS=2 AND ERRFILE='" + filepath.Join(t.TempDir(), "e.err") + "';\n2,b\n.\n")
	e := ts.errw.String()
	if !strings.Contains(e, "Failed to import 1 rows: InvalidRequest - ") || !strings.Contains(e, ",  will retry later, attempt 1 of 2\n") ||
		!strings.Contains(e, ",  given up after 2 attempts\n") || !strings.Contains(e, "Failed to process 1 rows; failed rows written to ") {
		t.Errorf("insert errors: %s", e)
	}
}

func TestCopyMaxOutputSizeAndSkips(t *testing.T) {
	ts, ks := copyShell(t)
	mustExec(t, ts.sess, "CREATE TABLE "+ks+".split (k int PRIMARY KEY, v text)")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	if err := os.WriteFile(in, []byte("k,v\n1,a\n2,b\n3,c\n4,d\n5,e\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts.run("COPY " + ks + ".split FROM '" + in + "' WITH HEADER=true AND SKIPROWS=1 AND MAXROWS=4;\n")
	if n := countRows(t, ts.sess, "SELECT count(*) FROM "+ks+".split"); n != 3 {
		t.Errorf("%d rows, want 3 (rows 2..4)", n)
	}
	if out := timing.ReplaceAllString(ts.out.String(), "<t>"); !strings.Contains(out, "3 rows imported from 1 files <t> (1 skipped).") {
		t.Errorf("stdout %q", out)
	}
	outFile := filepath.Join(dir, "out.csv")
	ts.run("COPY " + ks + ".split TO '" + outFile + "' WITH MAXOUTPUTSIZE=2 AND HEADER=true;\n")
	var total int
	for i, name := range []string{outFile, outFile + ".1"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(b), "\r\n")
		if i == 0 {
			lines-- // the header
		}
		total += lines
	}
	if total != 3 || ts.errw.String() != "" {
		t.Errorf("split files hold %d rows, want 3; stderr %q", total, ts.errw.String())
	}
}
