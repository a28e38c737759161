package parquet

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// seedFiles adds the pyarrow files and a few of the writer's to f.
func seedFiles(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.parquet")
	more, _ := filepath.Glob("testdata/unsupported/*.parquet")
	for _, name := range append(files, more...) {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var rows [][]Value
	for i := range 5 {
		rows = append(rows, randomNestedRow(rng, int64(i)))
	}
	f.Add(writeFile(f, nestedSchema(f), WriterOptions{Snappy: true}, rows))
	f.Add(writeFile(f, nestedSchema(f), WriterOptions{RowGroupRows: 2}, rows))
	f.Add(writeFile(f, nestedSchema(f), WriterOptions{}, rows[:1]))
	f.Add(writeFile(f, flatSchema(f), WriterOptions{}, [][]Value{randomFlatRow(rng, 0), randomFlatRow(rng, 1)}))
	f.Add([]byte("PAR1\x00\x00\x00\x00PAR1"))
}

// FuzzOpen: any bytes open as a file or are an error, never a panic.
func FuzzOpen(f *testing.F) {
	seedFiles(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := Open(bytes.NewReader(data), int64(len(data)))
		if err == nil {
			_ = pf.NumRows()
			_ = pf.NumRowGroups()
		}
	})
}

// FuzzRead: any bytes read as rows or an error, never a panic.
func FuzzRead(f *testing.F) {
	seedFiles(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		rr := pf.Rows()
		var row []Value
		// A few bytes of RLE runs can make millions of values: stop after
		// 100,000 so that each input takes little time.
		for n := 0; n < 100000; n += len(row) + 1 {
			if row, err = rr.ReadRow(row[:0]); err != nil {
				return
			}
			for _, v := range row {
				if v.Column() < 0 || v.Column() >= len(pf.Schema.Columns) {
					t.Fatalf("value of column %d", v.Column())
				}
				_ = v.String()
			}
		}
	})
}

// FuzzThrift: any bytes decode as a footer or page header, or are an
// error, never a panic; a page header decoded encodes to the same.
func FuzzThrift(f *testing.F) {
	for _, h := range []pageHeader{
		{Type: pageData, Uncompressed: 10, Compressed: 8, Data: &dataPageHeader{NumValues: 5, DefEncoding: 3, RepEncoding: 3}},
		{Type: pageDataV2, DataV2: &dataPageHeaderV2{NumValues: 5, NumNulls: 1, NumRows: 2, Encoding: 8, DefLen: 3, RepLen: 4}},
		{Type: pageDictionary, Dict: &dictPageHeader{NumValues: 7, Encoding: 2}},
	} {
		var e encoder
		h.encode(&e)
		f.Add(e.buf)
	}
	s := nestedSchema(f)
	var e encoder
	(&fileMetaData{Version: 1, Schema: s.elements(), NumRows: 3}).encode(&e)
	f.Add(e.buf)
	f.Fuzz(func(t *testing.T, data []byte) {
		var m fileMetaData
		if m.decode(&decoder{b: data}) == nil {
			_, _ = schemaFromElements(m.Schema)
		}
		var h pageHeader
		if h.decode(&decoder{b: data}) != nil {
			return
		}
		var e encoder
		h.encode(&e)
		var h2 pageHeader
		if err := h2.decode(&decoder{b: e.buf}); err != nil {
			t.Fatalf("re-encoded header: %v", err)
		}
		var e2 encoder
		h2.encode(&e2)
		if !bytes.Equal(e.buf, e2.buf) {
			t.Fatalf("header encodes differently after a round trip")
		}
	})
}
