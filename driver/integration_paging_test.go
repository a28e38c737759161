package driver

import (
	"fmt"
	"iter"
	"testing"
)

// fillPartition inserts rows ck = 0..n-1 into partition pk with
// ExecuteConcurrent and fails the test on any error.
func fillPartition(t *testing.T, s *Session, ks string, pk, n int) {
	t.Helper()
	args := func(yield func([]any) bool) {
		for ck := range n {
			if !yield([]any{int32(pk), int32(ck), fmt.Sprintf("v%d", ck)}) {
				return
			}
		}
	}
	q := &Query{Statement: "INSERT INTO " + ks + ".p (pk, ck, v) VALUES (?, ?, ?)"}
	out := s.ExecuteConcurrent(testCtx(t), q, iter.Seq[[]any](args), ConcurrentOptions{Concurrency: 100})
	if len(out) != n {
		t.Fatalf("ExecuteConcurrent returned %d outcomes for %d tuples", len(out), n)
	}
	for i, r := range out {
		if r.Err != nil {
			t.Fatalf("insert %d: %v", i, r.Err)
		}
		if r.Index != i {
			t.Fatalf("outcome %d has index %d", i, r.Index)
		}
	}
}

// checkRows asserts that it yields ck = 0..n-1 with matching values, once
// each and in order, and returns the number of pages seen.
func checkRows(t *testing.T, it *Iter, n int) int {
	t.Helper()
	ck, pages := 0, 0
	var page *Result
	for it.Next() {
		if it.Page() != page {
			page = it.Page()
			pages++
		}
		got, err := it.Value(0)
		if err != nil {
			t.Fatal(err)
		}
		v, err := it.Value(1)
		if err != nil {
			t.Fatal(err)
		}
		if got != int32(ck) || v != fmt.Sprintf("v%d", ck) {
			t.Fatalf("row %d: got ck=%v v=%v", ck, got, v)
		}
		ck++
	}
	if err := it.Close(); err != nil {
		t.Fatalf("after %d rows: %v", ck, err)
	}
	if ck != n {
		t.Fatalf("got %d rows, want %d", ck, n)
	}
	return pages
}

// TestIntegrationPaging walks large partitions with several page sizes, by
// Iter, by Result.NextPage and by resuming from a PagingState.
func TestIntegrationPaging(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".p (pk int, ck int, v text, PRIMARY KEY (pk, ck))")
	const big, small = 20000, 2000
	fillPartition(t, s, ks, 0, big)
	fillPartition(t, s, ks, 1, small)

	sel := "SELECT ck, v FROM " + ks + ".p WHERE pk = ?"
	for _, tc := range []struct {
		name     string
		q        Query
		rows     int
		minPages int
	}{
		// Page size 1: one round trip per row, 20,000 of them.
		{name: "size1-values", q: Query{Statement: sel, Args: []any{int32(0)}, PageSize: 1, NoPrepare: true}, rows: big, minPages: big},
		{name: "size1-small", q: Query{Statement: sel, Args: []any{int32(1)}, PageSize: 1}, rows: small, minPages: small},
		{name: "size7-prepared", q: Query{Statement: sel, Args: []any{int32(0)}, PageSize: 7}, rows: big, minPages: (big + 6) / 7},
		{name: "size5000-literal", q: Query{Statement: "SELECT ck, v FROM " + ks + ".p WHERE pk = 0", PageSize: 5000}, rows: big, minPages: 4},
		{name: "unpaged", q: Query{Statement: sel, Args: []any{int32(0)}, PageSize: -1}, rows: big, minPages: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			pages := checkRows(t, s.Iter(testCtx(t), &q), tc.rows)
			if pages < tc.minPages {
				t.Errorf("%d non-empty pages, want at least %d", pages, tc.minPages)
			}
			if tc.q.PageSize < 0 && pages != 1 {
				t.Errorf("unpaged query came in %d pages", pages)
			}
		})
	}

	t.Run("NextPage", func(t *testing.T) {
		ctx := testCtx(t)
		res := mustQuery(t, s, &Query{Statement: sel, Args: []any{int32(0)}, PageSize: 5000})
		ck, pages := 0, 0
		for res != nil {
			pages++
			if res.NumRows() > 5000 {
				t.Fatalf("page of %d rows", res.NumRows())
			}
			for i := range res.NumRows() {
				if got, _ := res.Value(i, 0); got != int32(ck) {
					t.Fatalf("row %d: ck %v", ck, got)
				}
				ck++
			}
			if res.HasMorePages() != (res.PagingState != nil) {
				t.Fatal("HasMorePages disagrees with PagingState")
			}
			next, err := res.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if next == nil && res.HasMorePages() {
				t.Fatal("NextPage returned nil with more pages")
			}
			res = next
		}
		if ck != big || pages < 4 {
			t.Errorf("NextPage walked %d rows in %d pages", ck, pages)
		}
	})

	t.Run("PagingState", func(t *testing.T) {
		first := mustQuery(t, s, &Query{Statement: sel, Args: []any{int32(0)}, PageSize: 7})
		if first.NumRows() != 7 || first.PagingState == nil {
			t.Fatalf("first page: %d rows, state %x", first.NumRows(), first.PagingState)
		}
		// Resume in a new query, with a different page size.
		second := mustQuery(t, s, &Query{Statement: sel, Args: []any{int32(0)}, PageSize: 10, PagingState: first.PagingState})
		if second.NumRows() != 10 {
			t.Fatalf("resumed page has %d rows", second.NumRows())
		}
		for i := range 10 {
			if got, _ := second.Value(i, 0); got != int32(7+i) {
				t.Fatalf("resumed row %d: ck %v, want %d", i, got, 7+i)
			}
		}
		// Resume from the second page's state and read to the end.
		third := mustQuery(t, s, &Query{Statement: sel, Args: []any{int32(0)}, PageSize: 5000, PagingState: second.PagingState})
		n := 0
		it := third.Iter(testCtx(t))
		for it.Next() {
			if got, _ := it.Value(0); got != int32(17+n) {
				t.Fatalf("row %d: ck %v, want %d", n, got, 17+n)
			}
			n++
		}
		if err := it.Err(); err != nil {
			t.Fatal(err)
		}
		if n != big-17 {
			t.Errorf("resumed iteration read %d rows, want %d", n, big-17)
		}
		// A literal statement resumes just the same.
		lit := "SELECT ck, v FROM " + ks + ".p WHERE pk = 1"
		a := mustQuery(t, s, &Query{Statement: lit, PageSize: 3})
		b := mustQuery(t, s, &Query{Statement: lit, PageSize: 3, PagingState: a.PagingState})
		if got, _ := b.Value(0, 0); got != int32(3) {
			t.Errorf("literal resume starts at ck %v, want 3", got)
		}
	})
}
