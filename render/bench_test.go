package render

import (
	"io"
	"testing"
)

// benchRows is one page of 100 rows of five mixed columns.
func benchRows(b *testing.B) ([]Column, [][][]byte) {
	spec := []struct{ name, typ, val string }{
		{"id", "int", "123456"}, {"name", "text", "'some name here'"}, {"ts", "timestamp", "'2012-05-14 12:53:20.123+0000'"},
		{"score", "double", "1116.12345"}, {"tags", "set<text>", "{'b', 'a'}"},
	}
	var cols []Column
	var row [][]byte
	for _, s := range spec {
		t := mustType(b, s.typ)
		cols = append(cols, Column{Name: s.name, Type: t})
		row = append(row, lit(b, t, s.val))
	}
	page := make([][][]byte, 100)
	for i := range page {
		page[i] = row
	}
	return cols, page
}

// BenchmarkTable renders 100,000 rows (1,000 pages) per iteration; see
// the ns/row and allocs/row metrics.
func BenchmarkTable(b *testing.B) {
	for _, f := range []Format{FormatTable, FormatExpanded, FormatCSV, FormatJSON} {
		b.Run(f.String(), func(b *testing.B) {
			cols, page := benchRows(b)
			b.ReportAllocs()
			for b.Loop() {
				w := New(f, io.Discard, cols, &Options{Color: f == FormatTable})
				for range 1000 {
					if err := w.WriteRows(page); err != nil {
						b.Fatal(err)
					}
				}
				if err := w.Close(100000); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100000, "ns/row")
		})
	}
}
