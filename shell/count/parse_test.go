package count

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Request
		err  string
	}{
		{in: "COUNT t", want: Request{Table: "t"}},
		{in: "count KS.Tbl;", want: Request{Keyspace: "ks", Table: "tbl"}},
		{in: `COUNT "Ks"."My Table"`, want: Request{Keyspace: "Ks", Table: "My Table"}},
		{in: "COUNT t WHERE v > 3 AND w = 'x' ALLOW FILTERING", want: Request{Table: "t", Where: "v > 3 AND w = 'x'"}},
		{in: "COUNT t BY PARTITION", want: Request{Table: "t", Mode: ByPartition}},
		{in: "COUNT ks.t BY PARTITION TOP 5;", want: Request{Keyspace: "ks", Table: "t", Mode: ByPartition, Top: 5}},
		{in: "COUNT t WHERE v > 3 ALLOW FILTERING BY PARTITION TOP 2", want: Request{Table: "t", Where: "v > 3", Mode: ByPartition, Top: 2}},
		{in: "COUNT t BY HOST", want: Request{Table: "t", Mode: ByHost}},
		{in: "COUNT t by range", want: Request{Table: "t", Mode: ByRange}},
		{in: "COUNT", err: "a table name must follow COUNT"},
		{in: "COUNT ks.", err: "a table name must follow ks."},
		{in: "COUNT t WHERE v > 3", err: "must end with ALLOW FILTERING"},
		{in: "COUNT t WHERE ALLOW FILTERING", err: "WHERE needs a condition"},
		{in: "COUNT t BY PARTITION TOP 0", err: "TOP must be a positive number of partitions, not 0"},
		{in: "COUNT t BY PARTITION TOP x", err: "TOP needs a number"},
		{in: "COUNT t BY NODE", err: "BY must be followed by PARTITION, HOST or RANGE"},
		{in: "COUNT t LIMIT 3", err: `unexpected "LIMIT"`},
	} {
		got, err := Parse(tc.in)
		if tc.err != "" {
			var ue *UsageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Parse(%q): %v, want an error with %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestCheckWhere(t *testing.T) {
	pk := []string{"k", `"Part"`}
	for _, tc := range []struct {
		where string
		ok    bool
	}{
		{"v > 3", true},
		{`"K" = 1`, true}, // a different column: quoted names are exact
		{"k = 1", false},
		{`"Part" IN (1, 2)`, false},
		{"token(k) > 0", false},
		{"v = 'k'", true}, // a string, not the column
	} {
		if err := checkWhere(tc.where, pk); (err == nil) != tc.ok {
			t.Errorf("checkWhere(%q) = %v", tc.where, err)
		}
	}
}

func TestTopN(t *testing.T) {
	top := newTopN(3)
	for i, rows := range []int64{5, 1, 9, 7, 3, 9, 2} {
		top.add(Partition{Key: [][]byte{{byte(i)}}, Rows: rows})
	}
	got := top.sorted()
	if len(got) != 3 || got[0].Rows != 9 || got[1].Rows != 9 || got[2].Rows != 7 {
		t.Errorf("top 3: %+v", got)
	}
}

// FuzzParse: any text parses or fails with a usage error, never panics, and
// what parses names a table and a mode it can run.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"COUNT t", "count ks.t;", `COUNT "K"."T" BY PARTITION TOP 3`, "COUNT t WHERE v > 1 ALLOW FILTERING BY HOST",
		"COUNT t BY RANGE", "COUNT", "COUNT t WHERE", "COUNT t BY PARTITION TOP -1", "COUNT 'x'", "COUNT t /* c */ BY HOST -- x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		req, err := Parse(s)
		if err != nil {
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("Parse(%q): %T %v, want a *UsageError", s, err, err)
			}
			return
		}
		if req.Table == "" || req.Mode < Total || req.Mode > ByRange || req.Top < 0 {
			t.Fatalf("Parse(%q) = %+v", s, req)
		}
	})
}
