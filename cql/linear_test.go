package cql

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// feedBigFunction feeds a CREATE FUNCTION whose $$ body has size bytes in
// 100-byte lines full of ';' and quotes, and returns how long it took.
func feedBigFunction(t *testing.T, size int) time.Duration {
	t.Helper()
	line := "  x = x + 1; s = 'a;b' + \"c\"; /* not a comment */ -- nor this" + strings.Repeat(" ", 34)
	n := size / len(line)
	start := time.Now()
	var s Splitter
	if got := s.Feed("CREATE FUNCTION f() RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS $$"); len(got) != 0 {
		t.Fatalf("early statement %q", briefs(got))
	}
	for range n {
		if got := s.Feed(line); len(got) != 0 {
			t.Fatalf("early statement %q", briefs(got))
		}
		if !s.Pending() {
			t.Fatal("not pending inside the body")
		}
	}
	got := s.Feed("$$;")
	elapsed := time.Since(start)
	if len(got) != 1 || got[0].EndLine != n+2 || len(got[0].Text) < n*len(line) {
		t.Fatalf("got %d statements, want one of %d lines", len(got), n+2)
	}
	return elapsed
}

func bestOf(t *testing.T, runs, size int) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range runs {
		best = min(best, feedBigFunction(t, size))
	}
	return best
}

// TestLinearTime checks that feeding a statement line by line costs time
// linear in its size: ten times the input may take at most thirty times as
// long (a quadratic splitter would take about a hundred times as long).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	// A quadratic splitter is over the limit every time; a busy machine (the
	// race detector, other tests, a collection in the large run) only now and
	// then, so a measurement over the limit is taken again, up to three times.
	var small, large, limit time.Duration
	for range 3 {
		runtime.GC()
		small = bestOf(t, 5, 500<<10)
		large = bestOf(t, 3, 5<<20)
		// The floor keeps timer granularity on a fast machine from failing it.
		limit = 30*small + 20*time.Millisecond
		t.Logf("500 KB: %v, 5 MB: %v (limit %v)", small, large, limit)
		if large <= limit {
			return
		}
	}
	t.Errorf("5 MB took %v, more than 30x the %v of 500 KB", large, small)
}

// TestLongSingleLine checks that one very long line needs no special
// handling: no line-length limit applies.
func TestLongSingleLine(t *testing.T) {
	long := "INSERT INTO t (a) VALUES ('" + strings.Repeat("x;", 2<<20) + "');"
	got, rest := Split(long + "\nSELECT 1;")
	if len(got) != 2 || got[0].Text != long[:len(long)-1] || got[1].Text != "SELECT 1" || rest != "" {
		t.Fatalf("unexpected split of a long line: %d statements, rest %q", len(got), rest)
	}
}
