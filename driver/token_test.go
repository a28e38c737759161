package driver

import (
	"math"
	"strings"
	"testing"
)

// TestMurmur3Edges: tokens the algorithm fixes without a node — the empty
// key, and that the result never is math.MinInt64.
func TestMurmur3Edges(t *testing.T) {
	if got := Murmur3Token(nil); got != 0 {
		t.Errorf("empty key: %d, want 0", got)
	}
	for i := range 2000 {
		if Murmur3Token([]byte(strings.Repeat("x", i%40)+string(rune(i)))) == math.MinInt64 {
			t.Fatal("a token equals math.MinInt64")
		}
	}
}

// TestIntegrationMurmur3Token compares Murmur3Token(RoutingKey(args)) with
// the node's own token() for keys of every tail length (0 to 16 bytes and
// beyond, with bytes above 0x7f, whose sign extension Cassandra keeps),
// other key types, and composite partition keys.
func TestIntegrationMurmur3Token(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	for _, ddl := range []string{
		"CREATE TABLE " + ks + ".kt (k text PRIMARY KEY)",
		"CREATE TABLE " + ks + ".kb (k blob PRIMARY KEY)",
		"CREATE TABLE " + ks + ".ki (k int PRIMARY KEY)",
		"CREATE TABLE " + ks + ".kc (a text, b int, c uuid, d int, PRIMARY KEY ((a, b, c), d))",
	} {
		mustExec(t, s, ddl)
	}
	ctx := testCtx(t)
	check := func(table string, args ...any) {
		t.Helper()
		cols, where := "k", "k = ?"
		if table == "kc" {
			cols, where = "a, b, c", "a = ? AND b = ? AND c = ?"
		}
		sel := "SELECT token(" + cols + ") FROM " + ks + "." + table + " WHERE " + where
		q := &Query{Statement: sel, Args: args}
		res, err := s.ExecuteQuery(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		var want int64
		if res.NumRows() == 1 {
			v, _ := res.Value(0, 0)
			want = v.(int64)
		} else {
			t.Fatalf("%s: no row", sel)
		}
		prep, err := s.Prepare(ctx, "INSERT INTO "+ks+"."+table+" "+insertCols(table)+" VALUES "+insertMarks(table))
		if err != nil {
			t.Fatal(err)
		}
		full := args
		if table == "kc" {
			full = append(append([]any{}, args...), int32(0))
		}
		key, err := prep.RoutingKey(full)
		if err != nil {
			t.Fatal(err)
		}
		if got := Murmur3Token(key); got != want {
			t.Errorf("%s %v: token %d, node says %d", table, args, got, want)
		}
	}
	insert := func(table string, args ...any) {
		t.Helper()
		if _, err := s.ExecuteQuery(ctx, &Query{Statement: "INSERT INTO " + ks + "." + table + " " + insertCols(table) + " VALUES " + insertMarks(table), Args: args}); err != nil {
			t.Fatal(err)
		}
	}
	for n := 1; n < 40; n++ { // a partition key may not be empty
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(0x70 + 7*i + n) // crosses 0x80 for the sign-extended tail
		}
		insert("kb", b)
		check("kb", b)
		str := strings.Repeat("é", n/2) + strings.Repeat("z", n%2)
		insert("kt", str)
		check("kt", str)
	}
	for _, v := range []int32{0, 1, -1, math.MaxInt32, math.MinInt32, 42} {
		insert("ki", v)
		check("ki", v)
	}
	for i, a := range []string{"", "a", "some longer text, over sixteen bytes"} {
		u := "550e8400-e29b-41d4-a716-44665544000" + string(rune('0'+i))
		insert("kc", a, int32(i*1000-1), u, int32(0))
		check("kc", a, int32(i*1000-1), u)
	}
}

func insertCols(table string) string {
	if table == "kc" {
		return "(a, b, c, d)"
	}
	return "(k)"
}

func insertMarks(table string) string {
	if table == "kc" {
		return "(?, ?, ?, ?)"
	}
	return "(?)"
}
