package render

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

var update = flag.Bool("update", false, "rewrite the generated golden files in testdata")

func mustType(tb testing.TB, s string) *cqltype.Type {
	tb.Helper()
	t, err := cqltype.Parse(s)
	if err != nil {
		tb.Fatalf("parse type %q: %v", s, err)
	}
	return t
}

// lit encodes a CQL literal (or null) as a cell of type t.
func lit(tb testing.TB, t *cqltype.Type, s string) []byte {
	tb.Helper()
	v, err := cqltype.ParseLiteral(t, s)
	if err != nil {
		tb.Fatalf("literal %q for %s: %v", s, t, err)
	}
	return enc(tb, t, v)
}

func enc(tb testing.TB, t *cqltype.Type, v any) []byte {
	tb.Helper()
	b, err := cqltype.Encode(t, v)
	if err != nil {
		tb.Fatalf("encode %v as %s: %v", v, t, err)
	}
	return b
}

// golden compares got with testdata/name. Files named cqlsh_* were
// captured from cqlsh 6.2.2 against Cassandra 5.0.8 and are never
// rewritten; the others are regenerated with -update.
func golden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update && !isCaptured(name) {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if got != string(want) {
		tb.Errorf("%s mismatch\n--- got ---\n%q\n--- want ---\n%q", name, got, want)
	}
}

func isCaptured(name string) bool { return len(name) > 6 && name[:6] == "cqlsh_" }

func readCaptured(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}
