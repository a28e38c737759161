package copy

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// copyEnv runs COPY commands on a session in keyspace ks, gathering the
// errors it reports.
type copyEnv struct {
	sess *driver.Session
	ks   string
	mu   sync.Mutex
	errs []string
	out  bytes.Buffer
}

func newCopyEnv(t *testing.T, prefix string) *copyEnv {
	t.Helper()
	sess := connect(t)
	ks := testnode.Keyspace(t, prefix)
	exec(t, sess, "CREATE KEYSPACE "+ks+" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
	t.Cleanup(func() { exec(t, sess, "DROP KEYSPACE IF EXISTS "+ks) })
	return &copyEnv{sess: sess, ks: ks}
}

// run runs one COPY command and returns the errors it reported.
func (c *copyEnv) run(t *testing.T, text string) []string {
	t.Helper()
	c.runRun(t, text)
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errs...)
}

// runRun runs one COPY command and returns the run.
func (c *copyEnv) runRun(t *testing.T, text string) *copyRun {
	t.Helper()
	c.mu.Lock()
	c.errs = nil
	c.out.Reset()
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	r := run(ctx, &Env{
		Session: c.sess, Schema: schema.NewCache(c.sess, 0), Keyspace: c.ks,
		Consistency: driver.One, Stdout: &lockedBuffer{mu: &c.mu, b: &c.out},
		Fail: func(msg string) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.errs = append(c.errs, msg)
		},
	}, text)
	if r == nil {
		t.Fatalf("%s: did not parse", text)
	}
	return r
}

type lockedBuffer struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// cells reads column col of rows k in [lo, hi) as raw cells keyed by k.
func cells(t *testing.T, s *driver.Session, table, col string, lo, hi int) map[int32][]byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out := map[int32][]byte{}
	for k := lo; k < hi; k++ {
		res, err := s.ExecuteQuery(ctx, &driver.Query{Statement: fmt.Sprintf("SELECT %s FROM %s WHERE k = %d", col, table, k)})
		if err != nil {
			t.Fatal(err)
		}
		if res.NumRows() == 1 {
			out[int32(k)] = append([]byte(nil), res.Row(0)[0]...)
			if res.Row(0)[0] == nil {
				out[int32(k)] = nil
			}
		}
	}
	return out
}

// roundTripTypes are the CQL types the round trip covers, each with values
// as CQL literals; every type also gets a null row. empty is a literal of
// a zero-length value of a non-text type, which only JSON keeps (CSV and
// Parquet have no empty non-text value: it comes back null).
//
// csvNot lists values CSV does not carry back, as in cqlsh: COPY TO writes
// a line break in text as the two characters \n and COPY FROM reads them
// as they are, and a user type's case-sensitive field names are written
// unquoted.
var roundTripTypes = []struct {
	typ    string
	values []string
	empty  string
	csvNot []string
}{
	{"ascii", []string{"'abc'", "''"}, "", nil},
	{"text", []string{"'hé \"q\", ''x'''", "'two\nlines'", "''"}, "", []string{"'two\nlines'"}},
	{"bigint", []string{"-9223372036854775808", "42"}, "blobAsBigint(0x)", nil},
	{"blob", []string{"0xcafe", "0x"}, "", nil},
	{"boolean", []string{"true", "false"}, "", nil},
	{"date", []string{"'2020-02-29'", "'1900-01-01'"}, "", nil},
	{"decimal", []string{"1.50", "-0.000001", "12345678901234567890.123"}, "", nil},
	{"double", []string{"1.5", "NaN", "Infinity", "-1e300"}, "", nil},
	{"duration", []string{"1mo2d3h4ns", "-1h"}, "", nil},
	{"float", []string{"3.25", "-Infinity"}, "", nil},
	{"inet", []string{"'127.0.0.1'", "'::1'"}, "blobAsInet(0x)", nil},
	{"int", []string{"-2147483648", "7"}, "blobAsInt(0x)", nil},
	{"smallint", []string{"-32768"}, "", nil},
	{"time", []string{"'01:02:03.123456789'"}, "", nil},
	{"timestamp", []string{"'2020-01-02 03:04:05.678Z'", "'1960-01-01 00:00:00Z'"}, "", nil},
	{"timeuuid", []string{"22a6ec60-f1dc-11f1-8c9f-25a29f816e9f"}, "", nil},
	{"tinyint", []string{"-128"}, "", nil},
	{"uuid", []string{"e3a0f68c-40a0-49c2-8464-4d8978070136"}, "", nil},
	{"varint", []string{"123456789012345678901234567890", "-1"}, "", nil},
	{"list<int>", []string{"[1, 2, 3]"}, "", nil},
	{"set<text>", []string{"{'a', 'b'}"}, "", nil},
	{"map<int, text>", []string{"{1: 'a', 2: 'b'}"}, "", nil},
	{"map<uuid, frozen<list<int>>>", []string{"{e3a0f68c-40a0-49c2-8464-4d8978070136: [1, 2]}"}, "", nil},
	{"tuple<int, text, double>", []string{"(1, 'x', 2.5)", "(1, null, 2.5)"}, "", nil},
	{"frozen<addr>", []string{"{street: 's', \"Num\": 3}", "{street: 'only'}"}, "", []string{"{street: 's', \"Num\": 3}", "{street: 'only'}"}},
	{"frozen<point>", []string{"{x: 1, y: null}"}, "", nil},
	{"vector<float, 3>", []string{"[1.5, 2, 3]"}, "", nil},
	{"list<frozen<map<text, int>>>", []string{"[{'a': 1}, {'b': 2}]"}, "", nil},
	{"frozen<set<frozen<tuple<int, int>>>>", []string{"{(1, 2), (3, 4)}"}, "", nil},
}

// TestCopyRoundTripTypes copies every CQL type (nulls included) out and
// back in through CSV, JSON and Parquet and checks each cell is the same.
func TestCopyRoundTripTypes(t *testing.T) {
	c := newCopyEnv(t, "copy_rt")
	exec(t, c.sess, "CREATE TYPE "+c.ks+".addr (street text, \"Num\" int)")
	exec(t, c.sess, "CREATE TYPE "+c.ks+".point (x int, y int)")
	var cols []string
	for i, tt := range roundTripTypes {
		cols = append(cols, fmt.Sprintf("c%d %s", i, tt.typ))
	}
	for _, table := range []string{"src", "dst_csv", "dst_json", "dst_parquet"} {
		exec(t, c.sess, "CREATE TABLE "+c.ks+"."+table+" (k int PRIMARY KEY, "+strings.Join(cols, ", ")+")")
	}
	for i, tt := range roundTripTypes {
		vals := append(append([]string{}, tt.values...), "null")
		if tt.empty != "" {
			vals = append(vals, tt.empty)
		}
		for j, v := range vals {
			exec(t, c.sess, fmt.Sprintf("INSERT INTO %s.src (k, c%d) VALUES (%d, %s)", c.ks, i, i*100+j, v))
		}
	}
	dir := t.TempDir()
	for i, tt := range roundTripTypes {
		t.Run(tt.typ, func(t *testing.T) {
			col := fmt.Sprintf("c%d", i)
			want := cells(t, c.sess, c.ks+".src", col, i*100, i*100+10)
			for _, format := range []string{"csv", "json", "parquet"} {
				file := filepath.Join(dir, fmt.Sprintf("%s.%s", col, format))
				opts := " WITH FORMAT = '" + format + "'"
				if format == "csv" {
					opts += " AND NULL = 'NIL'"
				}
				if errs := c.run(t, fmt.Sprintf("COPY src (k, %s) TO '%s'%s", col, file, opts)); len(errs) > 0 {
					t.Fatalf("%s: COPY TO: %v", format, errs)
				}
				if errs := c.run(t, fmt.Sprintf("COPY dst_%s (k, %s) FROM '%s'%s AND ERRFILE = '%s.err'", format, col, file, opts, file)); len(errs) > 0 && (format != "csv" || len(tt.csvNot) == 0) {
					t.Fatalf("%s: COPY FROM: %v", format, errs)
				}
				got := cells(t, c.sess, c.ks+".dst_"+format, col, i*100, i*100+10)
				for k, w := range want {
					if j := int(k) - i*100; format == "csv" && j < len(tt.values) && slices.Contains(tt.csvNot, tt.values[j]) {
						continue
					}
					if tt.empty != "" && format != "json" && len(w) == 0 && w != nil && k == int32(i*100+len(tt.values)+1) {
						w = nil // CSV and Parquet have no empty non-text value
					}
					if g, ok := got[k]; !ok || !bytes.Equal(g, w) || (g == nil) != (w == nil) {
						t.Errorf("%s: k=%d: got %x (present %v, null %v), want %x (null %v)", format, k, g, ok, g == nil, w, w == nil)
					}
				}
			}
		})
	}
}
