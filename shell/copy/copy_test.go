package copy

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// connect opens a session to the test node, closed when the test ends.
func connect(t *testing.T) *driver.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := driver.Connect(ctx, driver.Config{Hosts: []string{testnode.Addr(t)}})
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

func exec(t *testing.T, s *driver.Session, stmt string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.ExecuteQuery(ctx, &driver.Query{Statement: stmt, Timeout: time.Minute}); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

func TestParseCopy(t *testing.T) {
	tests := []struct {
		in   string
		want copyCmd
		err  bool
	}{
		{in: "COPY ks.t TO STDOUT", want: copyCmd{ks: "ks", table: "t"}},
		{in: `copy "Ks"."T" (a, "B") from 'x.csv, y*.csv' with HEADER = true and Null='-' AND maxrows=-1;`,
			want: copyCmd{ks: "Ks", table: "T", cols: []string{"a", "B"}, from: true, file: "x.csv, y*.csv",
				opts: []copyOpt{{"header", "true"}, {"null", "-"}, {"maxrows", "-1"}}}},
		{in: "COPY T FROM STDIN WITH delimiter='|' AND quote=''''", want: copyCmd{table: "t", from: true,
			opts: []copyOpt{{"delimiter", "|"}, {"quote", "'"}}}},
		{in: "COPY t TO 'it''s.csv' WITH BEGINTOKEN = -9223372036854775808", want: copyCmd{table: "t", file: "it's.csv",
			opts: []copyOpt{{"begintoken", "-9223372036854775808"}}}},
		{in: "COPY t TO STDOUT WITH DATETIMEFORMAT=%Y-%m-%d AND NULL = 0x0a /* a note */ AND header = TRUE", want: copyCmd{table: "t",
			opts: []copyOpt{{"datetimeformat", "%Y-%m-%d"}, {"null", "0x0a"}, {"header", "TRUE"}}}},
		{in: "COPY t TO STDOUT WITH", err: true},
		{in: "COPY t TO STDOUT WITH NULL = - 1", err: true},
		{in: "COPY t TO", err: true},
		{in: "COPY t (a, b TO STDOUT", err: true},
		{in: "COPY t SIDEWAYS 'f'", err: true},
		{in: "COPY t TO 'unterminated", err: true},
		{in: "COPY t TO STDOUT WITH a=1 b=2", err: true},
	}
	for _, tt := range tests {
		got, err := parseCopy(tt.in)
		if tt.err {
			if err == nil || err.Error() != "Improper COPY command." {
				t.Errorf("%q: error %v, want Improper COPY command.", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.in, *got, tt.want)
		}
	}
}

func TestCopyOptions(t *testing.T) {
	tests := []struct {
		opts []copyOpt
		err  string
		unk  []string
	}{
		{opts: []copyOpt{{"pagesize", "x"}}, err: "invalid literal for int() with base 10: 'x'"},
		{opts: []copyOpt{{"boolstyle", "a"}}, err: "Invalid boolean styles ['a']"},
		{opts: []copyOpt{{"boolstyle", "yes,yes"}}, err: "Invalid boolean styles ['yes', 'yes']"},
		{opts: []copyOpt{{"reportfrequency", "often"}}, err: "could not convert string to float: 'often'"},
		{opts: []copyOpt{{"delimiter", "ab"}}, err: `"delimiter" must be a 1-character string`},
		{opts: []copyOpt{{"foo", "1"}, {"header", "true"}, {"bar", "2"}, {"foo", "3"}}, unk: []string{"foo", "bar"}},
		{opts: []copyOpt{{"timeformat", "%Y"}}, unk: []string{"timeformat"}},
	}
	for _, tt := range tests {
		set := &optionSet{}
		for _, o := range tt.opts {
			set.set(o.name, o.value)
		}
		got, err := parseCopyOptions(set, "ks", "t")
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%v: error %v, want %q", tt.opts, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%v: %v", tt.opts, err)
		}
		if !reflect.DeepEqual(got.unrecognized, tt.unk) {
			t.Errorf("%v: unrecognized %v, want %v", tt.opts, got.unrecognized, tt.unk)
		}
	}
	o, err := parseCopyOptions(&optionSet{}, "ks", "t")
	if err != nil {
		t.Fatal(err)
	}
	if o.errFile != "import_ks_t.err" || o.pageSize != 1000 || o.chunkSize != 5000 || o.maxInsertErrors != 1000 ||
		o.maxParseErrors != -1 || o.boolStyle != [2]string{"True", "False"} || o.escape != '\\' || o.doubleQuote {
		t.Errorf("defaults: %+v", o)
	}
}

func TestCopyCSVDialect(t *testing.T) {
	tests := []struct {
		d      csvDialect
		fields []string
		line   string
	}{
		{csvDialect{delim: ',', quote: '"', escape: '\\'}, []string{"a", `he said "hi", ok`, `back\slash`, ""}, `a,"he said \"hi\", ok",back\\slash,` + "\r\n"},
		{csvDialect{delim: ',', quote: '"', doubleQuote: true}, []string{`q"x`, "multi\nline"}, `"q""x","multi` + "\nline\"\r\n"},
		{csvDialect{delim: '|', quote: '\'', escape: '\\'}, []string{"{'x': 1}", "a|b"}, `{\'x\': 1}|'a|b'` + "\r\n"},
		{csvDialect{delim: ',', quote: '"', escape: '\\'}, []string{""}, `""` + "\r\n"},
	}
	for _, tt := range tests {
		got := string(tt.d.appendRecord(nil, tt.fields))
		if got != tt.line {
			t.Errorf("%q: wrote %q, want %q", tt.fields, got, tt.line)
		}
		r := newCSVReader(strings.NewReader(got), tt.d)
		back, err := r.read()
		if err != nil || !reflect.DeepEqual(back, tt.fields) {
			t.Errorf("%q: read back %q (%v)", got, back, err)
		}
		if _, err := r.read(); err != io.EOF {
			t.Errorf("%q: want EOF after one record, got %v", got, err)
		}
	}
}

func secondsDur(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func TestDescribeInterval(t *testing.T) {
	for _, tt := range []struct {
		secs float64
		want string
	}{
		{0.309, "0.309 seconds"},
		{12.3, "12.300 seconds"},
		{75.5, "1 minute and 15.500 seconds"},
		{7325, "2 hours, 2 minutes, and 5.000 seconds"},
	} {
		if got := describeInterval(secondsDur(tt.secs)); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.secs, got, tt.want)
		}
	}
}

// TestCopyBatchSplit: COPY FROM cuts a chunk into batches of at most
// MAXBATCHSIZE rows whose partitions share a token range (on this one-node
// ring, every range has the same replica), in the order rows came.
func TestCopyBatchSplit(t *testing.T) {
	sess := connect(t)
	ks := testnode.Keyspace(t, "copy_split")
	exec(t, sess, "CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
	t.Cleanup(func() { exec(t, sess, "DROP KEYSPACE IF EXISTS "+ks) })
	exec(t, sess, "CREATE TABLE "+ks+".split (k int PRIMARY KEY, v text)")
	ctx := context.Background()
	prep, err := sess.Prepare(ctx, "INSERT INTO "+ks+".split (k, v) VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rows, min, max int
		want           []int
	}{
		{45, 10, 20, []int{20, 20, 5}},
		{5, 10, 20, []int{5}}, // too few for their range: grouped by replica
		{7, 0, 3, []int{3, 3, 1}},
		{1, 10, 20, []int{1}},
	} {
		opts := &copyOptions{minBatch: tc.min, maxBatch: tc.max, chunkSize: 5000}
		r := &copyRun{env: &Env{Session: sess}, opts: opts, table: &copyTable{ks: ks, name: "split"}}
		in := r.newInserter(ctx, prep, false, nil, nil)
		if in.ring == nil {
			t.Fatal("no ring read from the node")
		}
		var chunk []importRow
		for i := range tc.rows {
			chunk = append(chunk, importRow{args: []any{int32(i), "v"}})
		}
		var sizes []int
		next := int32(0)
		for _, b := range in.split(chunk) {
			sizes = append(sizes, len(b))
			for _, row := range b {
				if row.args[0] != next {
					t.Fatalf("%d rows: row %v out of order (want %d)", tc.rows, row.args[0], next)
				}
				next++
			}
		}
		if fmt.Sprint(sizes) != fmt.Sprint(tc.want) {
			t.Errorf("%d rows, min %d, max %d: batches %v, want %v", tc.rows, tc.min, tc.max, sizes, tc.want)
		}
	}
}
