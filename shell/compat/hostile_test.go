package compat_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// hostileStatements builds n malformed or hostile statements, the same
// ones every run: random bytes, unbalanced quotes, huge identifiers, deep
// parentheses, NUL bytes, invalid UTF-8, absurd numbers, stray comment
// ends, unterminated $$ bodies, a 100 KB string literal. Every one is
// closed off so that it fails on its own.
func hostileStatements(n int) []string {
	rng := rand.New(rand.NewPCG(42, 4242))
	kinds := []func() string{
		func() string { // random printable bytes
			b := make([]byte, 1+rng.IntN(60))
			for i := range b {
				b[i] = byte(0x21 + rng.IntN(0x5e))
			}
			s := strings.NewReplacer("'", "", "\"", "", "$", "", ";", "", "/*", "", "*/", "", "--", "", "//", "").Replace(string(b))
			return "SELECT x" + s + " FROM system.local WHERE;"
		},
		func() string { return "SELECT 'unbalanced FROM system.local;'" + " garbage;" },
		func() string { return `SELECT "unbalanced FROM system.local;"` + " garbage;" },
		func() string { return "SELECT " + strings.Repeat("i", 10000+rng.IntN(50000)) + " FROM system.local;" },
		func() string { return `SELECT "` + strings.Repeat("Q", 70000) + `" FROM system.local;` },
		func() string {
			d := 200 + rng.IntN(800)
			return "SELECT " + strings.Repeat("(", d) + "1" + strings.Repeat(")", d) + " FROM system.local;"
		},
		func() string { return "SELECT " + strings.Repeat("(", 300) + " FROM system.local;" },
		func() string { return "SELECT 'nul\x00byte' FROM system.local WHERE \x00;" },
		func() string { return "SELECT \xff\xfe\xfd FROM system.local;" },
		func() string { return "SELECT '\xc3\x28 invalid utf8' FROM system.locl;" },
		func() string { return "SELECT * FROM system.local WHERE key = 9" + strings.Repeat("9", 400) + ";" },
		func() string { return "SELECT * FROM system.local LIMIT 1e99999999;" },
		func() string { return "SELECT * FROM system.local WHERE key = -0x" + strings.Repeat("f", 301) + ";" },
		func() string { return "*/ SELECT 1;" },
		func() string { return "SELECT 1 */ FROM t;" },
		func() string { return "CREATE FUNCTION f() RETURNS int LANGUAGE java AS $$ unterminated ;\n$$ nope;" },
		func() string { return "SELECT $$ body;" + " $$ FROM nowhere;" },
		func() string { return "SELECT '" + strings.Repeat("z", 100<<10) + "' FROM system.local WHERE;" },
		func() string { return "BEGIN BATCH SELECT 1; APPLY BATCH;" },
		func() string { return "BEGIN BATCH INSERT INTO x (a) VALUES (1);" + " APPLY BATCH;" },
		func() string { return "DROP KEYSPACE " + strings.Repeat("k", 300) + ";" },
		func() string { return "USE \"" + strings.Repeat("\u4e16", 100) + "\";" },
		func() string { return "DROP KEYSPACE system;" },
		func() string { return "SELECT * FROM system.local WHERE key IN (" + strings.Repeat("?,", 500) + "?);" },
		func() string { return "\t\r\v\f SELECT\r FROM\r;" },
		func() string { return "CONSISTENCY " + strings.Repeat("Q", 1000) },
		func() string {
			return "SELECT * FROM system.local WHERE key = 'a' AND key = 'b' AND token(key) > 1e400;"
		},
		func() string { return "SELECT \u202e\u200b\ufeff FROM system.local;" },
	}
	out := make([]string, n)
	for i := range out {
		out[i] = kinds[i%len(kinds)]()
	}
	return out
}

// TestHostileInput pipes 1,000 hostile statements into gocqlsh: it must
// not crash, must report each failure with a <stdin>:N: prefix, exit 2,
// and finish in reasonable time.
func TestHostileInput(t *testing.T) {
	tl := gocqlshOnly(t)
	stmts := hostileStatements(1000)
	var in bytes.Buffer
	for _, s := range stmts {
		in.WriteString(s)
		in.WriteByte('\n')
	}
	start := time.Now()
	r := tl.gocqlsh(t, in.Bytes(), "--no-color")
	if d := time.Since(start); d > 90*time.Second {
		t.Errorf("took %v for %d statements", d, len(stmts))
	}
	for _, bad := range []string{"panic:", "goroutine ", "runtime error", "fatal error:"} {
		if strings.Contains(r.Stdout, bad) || strings.Contains(r.Stderr, bad) {
			t.Fatalf("output contains %q:\n%s", bad, tail(r.Stderr, 2000))
		}
	}
	if r.Code != 2 {
		t.Errorf("exit code %d, want 2", r.Code)
	}
	// Every error block starts with the prefix; a server message that
	// quotes input with a line break continues on unprefixed lines, which
	// is what cqlsh prints too.
	lines := strings.Split(strings.TrimSuffix(r.Stderr, "\n"), "\n")
	prefixed := 0
	for i, l := range lines {
		if prefixRE.MatchString(l) {
			prefixed++
			continue
		}
		if i == 0 {
			t.Fatalf("first error line has no <stdin>:N: prefix: %q", l)
		}
	}
	// Most kinds fail on their own line; a few swallow the next one (an
	// unbalanced quote), so fewer than one error per statement is fine,
	// but not many fewer.
	if prefixed < 900 {
		t.Errorf("%d prefixed error lines for %d statements:\n%s", prefixed, len(stmts), tail(r.Stderr, 3000))
	}
	t.Logf("%d statements, %d error lines, %v", len(stmts), prefixed, r.Elapsed)
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return fmt.Sprintf("...%s", s[len(s)-n:])
}
