package frame

import (
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// rowsPage builds a Rows RESULT body with full metadata: rows rows of cols
// columns (int, text, bigint, blob, boolean cycling), every cell non-null.
func rowsPage(rows, cols int) []byte {
	kinds := []cqltype.Kind{cqltype.Int, cqltype.Varchar, cqltype.Bigint, cqltype.Blob, cqltype.Boolean}
	r := &Rows{Metadata: Metadata{Flags: FlagGlobalTablesSpec | FlagHasMorePages, PagingState: []byte("page-state-0123")}}
	for c := range cols {
		r.Columns = append(r.Columns, ColumnSpec{Keyspace: "ks", Table: "tbl", Name: "col" + string(rune('a'+c)), Type: &cqltype.Type{Kind: kinds[c%len(kinds)]}})
	}
	r.RowCount = rows
	for i := range rows * cols {
		r.Cells = append(r.Cells, []byte{0, 0, 0, byte(i), 1, 2, 3, 4})
	}
	return r.AppendBody(nil, 4)
}

func BenchmarkAppendQuery(b *testing.B) {
	q := &Query{Statement: "SELECT k, v FROM ks.tbl WHERE k = ?", Params: QueryParams{
		Consistency:         LocalQuorum,
		Values:              [][]byte{{0, 0, 0, 42}},
		PageSize:            100,
		SerialConsistency:   LocalSerial,
		DefaultTimestamp:    1700000000000000,
		HasDefaultTimestamp: true,
	}}
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendFrame(buf[:0], 4, 0, 1, q)
	}
}

func BenchmarkAppendExecute(b *testing.B) {
	e := &Execute{ID: make([]byte, 16), ResultMetadataID: make([]byte, 16), Params: QueryParams{
		Consistency:  One,
		Values:       [][]byte{{0, 0, 0, 1}, []byte("text value"), nil},
		SkipMetadata: true,
		PageSize:     5000,
		PagingState:  []byte("paging-state"),
	}}
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendFrame(buf[:0], 5, 0, 1, e)
	}
}

// BenchmarkDecodeRows decodes a 100-row, 5-column page with full metadata
// into a reused *Rows, as a paging loop does.
func BenchmarkDecodeRows(b *testing.B) {
	body := rowsPage(100, 5)
	var rows Rows
	if err := DecodeRows(body, 4, &rows, nil); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := DecodeRows(body, 4, &rows, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeRowsSkipMetadata is the same page without column specs,
// decoded against the prepared statement's metadata.
func BenchmarkDecodeRowsSkipMetadata(b *testing.B) {
	var full Rows
	if err := DecodeRows(rowsPage(100, 5), 4, &full, nil); err != nil {
		b.Fatal(err)
	}
	prepared := full.Metadata
	skim := full
	skim.Flags |= FlagNoMetadata
	skim.ColumnCount = 5
	body := skim.AppendBody(nil, 4)
	var rows Rows
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if err := DecodeRows(body, 4, &rows, &prepared); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSteadyStateAllocations(t *testing.T) {
	body := rowsPage(100, 5)
	var rows Rows
	if err := DecodeRows(body, 4, &rows, nil); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { _ = DecodeRows(body, 4, &rows, nil) }); n != 0 {
		t.Errorf("DecodeRows steady state: %v allocs", n)
	}
	q := &Query{Statement: "SELECT 1", Params: QueryParams{Consistency: One, Values: [][]byte{{1}}, PageSize: 10}}
	buf := make([]byte, 0, 128)
	if n := testing.AllocsPerRun(100, func() { buf = AppendFrame(buf[:0], 5, 0, 1, q) }); n != 0 {
		t.Errorf("AppendFrame(Query): %v allocs", n)
	}
}
