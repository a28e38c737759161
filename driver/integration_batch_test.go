package driver

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// readKV returns column v of row (pk, ck), or nil when the row is missing.
func readKV(t *testing.T, s *Session, ks string, pk, ck int32) any {
	t.Helper()
	res := mustExec(t, s, "SELECT v FROM "+ks+".kv WHERE pk = ? AND ck = ?", pk, ck)
	if res.NumRows() == 0 {
		return nil
	}
	v, err := res.Value(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestIntegrationBatches runs logged, unlogged and counter batches mixing
// literal and prepared entries.
func TestIntegrationBatches(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".kv (pk int, ck int, v text, PRIMARY KEY (pk, ck))")
	mustExec(t, s, "CREATE TABLE "+ks+".counts (pk int PRIMARY KEY, n counter)")
	ctx := testCtx(t)
	insert := "INSERT INTO " + ks + ".kv (pk, ck, v) VALUES (?, ?, ?)"

	t.Run("logged", func(t *testing.T) {
		const ts = 1_600_000_000_000_000
		res, err := s.ExecuteBatch(ctx, &Batch{Type: LoggedBatch, Timestamp: ts, Entries: []BatchEntry{
			{Statement: "INSERT INTO " + ks + ".kv (pk, ck, v) VALUES (1, 1, 'literal')"},
			{Statement: insert, Args: []any{int32(1), int32(2), "bound"}},
			{Statement: insert, Args: []any{int32(2), int32(1), nil}},
			{Statement: "DELETE FROM " + ks + ".kv WHERE pk = 9 AND ck = 9"},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Kind != KindVoid {
			t.Errorf("batch result kind %v", res.Kind)
		}
		if got := readKV(t, s, ks, 1, 1); got != "literal" {
			t.Errorf("(1,1) = %v", got)
		}
		if got := readKV(t, s, ks, 1, 2); got != "bound" {
			t.Errorf("(1,2) = %v", got)
		}
		r := mustExec(t, s, "SELECT v, WRITETIME(v) FROM "+ks+".kv WHERE pk = 1 AND ck = 2")
		if wt, _ := r.Value(0, 1); wt != int64(ts) {
			t.Errorf("batch timestamp: WRITETIME = %v, want %d", wt, int64(ts))
		}
		r = mustExec(t, s, "SELECT v FROM "+ks+".kv WHERE pk = 2 AND ck = 1")
		if r.NumRows() != 1 || r.Row(0)[0] != nil {
			t.Errorf("(2,1) should exist with a null v")
		}
	})

	t.Run("unlogged", func(t *testing.T) {
		b := &Batch{Type: UnloggedBatch}
		for i := range 20 {
			b.Entries = append(b.Entries, BatchEntry{Statement: insert, Args: []any{int32(100 + i%4), int32(i), fmt.Sprintf("u%d", i)}})
		}
		if _, err := s.ExecuteBatch(ctx, b); err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			if got := readKV(t, s, ks, int32(100+i%4), int32(i)); got != fmt.Sprintf("u%d", i) {
				t.Errorf("row %d = %v", i, got)
			}
		}
		// A bad argument is reported before anything is sent.
		_, err := s.ExecuteBatch(ctx, &Batch{Type: UnloggedBatch, Entries: []BatchEntry{{Statement: insert, Args: []any{"x", int32(1), "y"}}}})
		var ae *ArgumentError
		if !errors.As(err, &ae) || ae.Index != 0 || ae.Name != "pk" {
			t.Errorf("bad argument: got %v", err)
		}
	})

	t.Run("counter", func(t *testing.T) {
		upd := "UPDATE " + ks + ".counts SET n = n + ? WHERE pk = ?"
		for range 3 {
			_, err := s.ExecuteBatch(ctx, &Batch{Type: CounterBatch, Entries: []BatchEntry{
				{Statement: upd, Args: []any{int64(5), int32(1)}},
				{Statement: upd, Args: []any{int64(-2), int32(2)}},
				{Statement: "UPDATE " + ks + ".counts SET n = n + 1 WHERE pk = 1"},
			}})
			if err != nil {
				t.Fatal(err)
			}
		}
		for pk, want := range map[int32]int64{1: 18, 2: -6} {
			r := mustExec(t, s, "SELECT n FROM "+ks+".counts WHERE pk = ?", pk)
			if got, _ := r.Value(0, 0); got != want {
				t.Errorf("counter %d = %v, want %d", pk, got, want)
			}
		}
		// A counter update in a logged batch is refused by the server.
		_, err := s.ExecuteBatch(ctx, &Batch{Type: LoggedBatch, Entries: []BatchEntry{{Statement: upd, Args: []any{int64(1), int32(1)}}}})
		if !IsCode(err, frame.CodeInvalid) {
			t.Errorf("counter in logged batch: %v", err)
		}
	})
}

// TestIntegrationLWT checks [applied] and the existing row a failed
// condition returns, for single statements and a conditional batch.
func TestIntegrationLWT(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".kv (pk int, ck int, v text, PRIMARY KEY (pk, ck))")
	ctx := testCtx(t)
	ins := "INSERT INTO " + ks + ".kv (pk, ck, v) VALUES (?, ?, ?) IF NOT EXISTS"

	res := mustExec(t, s, ins, int32(1), int32(1), "first")
	if applied, ok := res.Applied(); !ok || !applied {
		t.Fatalf("first insert: applied=%v ok=%v", applied, ok)
	}
	res = mustExec(t, s, ins, int32(1), int32(1), "second")
	if applied, ok := res.Applied(); !ok || applied {
		t.Fatalf("second insert: applied=%v ok=%v", applied, ok)
	}
	if got := columnValues(t, res, 0); got["pk"] != int32(1) || got["ck"] != int32(1) || got["v"] != "first" {
		t.Errorf("second insert returned the row %v", got)
	}
	if got := readKV(t, s, ks, 1, 1); got != "first" {
		t.Errorf("row after failed insert: %v", got)
	}

	// A conditional update by QUERY text.
	res = mustExec(t, s, "UPDATE "+ks+".kv SET v = 'third' WHERE pk = 1 AND ck = 1 IF v = 'nope'")
	if applied, ok := res.Applied(); !ok || applied {
		t.Errorf("update with a false condition: applied=%v ok=%v", applied, ok)
	}
	if got := columnValues(t, res, 0); got["v"] != "first" {
		t.Errorf("failed update returned %v", got)
	}

	// A plain statement has no [applied].
	if _, ok := mustExec(t, s, "SELECT v FROM "+ks+".kv WHERE pk = 1").Applied(); ok {
		t.Error("Applied ok on a SELECT")
	}

	upd := "UPDATE " + ks + ".kv SET v = ? WHERE pk = ? AND ck = ? IF v = ?"
	cond := func(from, to string) *Batch {
		return &Batch{Type: LoggedBatch, Entries: []BatchEntry{
			{Statement: upd, Args: []any{to, int32(1), int32(1), from}},
			{Statement: "INSERT INTO " + ks + ".kv (pk, ck, v) VALUES (1, 2, 'side') IF NOT EXISTS"},
		}}
	}
	res, err := s.ExecuteBatch(ctx, cond("first", "batched"))
	if err != nil {
		t.Fatal(err)
	}
	if applied, ok := res.Applied(); !ok || !applied {
		t.Fatalf("conditional batch: applied=%v ok=%v", applied, ok)
	}
	if got := readKV(t, s, ks, 1, 1); got != "batched" {
		t.Errorf("after batch: %v", got)
	}
	res, err = s.ExecuteBatch(ctx, cond("first", "again"))
	if err != nil {
		t.Fatal(err)
	}
	if applied, ok := res.Applied(); !ok || applied {
		t.Fatalf("stale conditional batch: applied=%v ok=%v", applied, ok)
	}
	found := false
	for i := range res.NumRows() {
		if got := columnValues(t, res, i); got["ck"] == int32(1) && got["v"] == "batched" {
			found = true
		}
	}
	if !found {
		t.Errorf("failed batch did not return the current row (%d rows)", res.NumRows())
	}
}

// columnValues decodes row i into a map by column name.
func columnValues(t *testing.T, r *Result, i int) map[string]any {
	t.Helper()
	m := make(map[string]any, len(r.Columns))
	for j, c := range r.Columns {
		v, err := r.Value(i, j)
		if err != nil {
			t.Fatalf("column %s: %v", c.Name, err)
		}
		m[c.Name] = v
	}
	return m
}
