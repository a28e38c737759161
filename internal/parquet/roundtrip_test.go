package parquet

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// nestedSchema has a required, an optional, a list, a map and a struct
// column, and a list of lists.
func nestedSchema(t testing.TB) *Schema {
	str := &LogicalType{Kind: LogicalString}
	s, err := NewSchema(GroupNode("cql", Required, nil,
		Leaf("id", Required, Int64, nil),
		Leaf("name", Optional, ByteArray, str),
		GroupNode("tags", Optional, &LogicalType{Kind: LogicalList},
			GroupNode("list", Repeated, nil, Leaf("element", Optional, ByteArray, str))),
		GroupNode("m", Optional, &LogicalType{Kind: LogicalMap},
			GroupNode("key_value", Repeated, nil,
				Leaf("key", Required, ByteArray, str),
				Leaf("value", Optional, Int32, &LogicalType{Kind: LogicalInt, BitWidth: 32, Signed: true}))),
		GroupNode("s", Optional, nil,
			Leaf("a", Optional, Boolean, nil),
			Leaf("b", Optional, Double, nil),
			FixedLeaf("u", Optional, 16, &LogicalType{Kind: LogicalUUID})),
		GroupNode("ll", Optional, &LogicalType{Kind: LogicalList},
			GroupNode("list", Repeated, nil,
				GroupNode("element", Optional, &LogicalType{Kind: LogicalList},
					GroupNode("list", Repeated, nil, Leaf("element", Optional, Float, nil))))),
	))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// randomNestedRow is a random row of nestedSchema, shredded by hand.
func randomNestedRow(rng *rand.Rand, id int64) []Value {
	row := []Value{Int64Value(id).Level(0, 0, 0)}
	if rng.IntN(4) == 0 {
		row = append(row, NullValue().Level(0, 0, 1))
	} else {
		row = append(row, ByteArrayValue([]byte(fmt.Sprint("name", rng.IntN(1000)))).Level(0, 1, 1))
	}
	// tags: null (def 0), empty (1), elements (3, or 2 when null)
	switch n := rng.IntN(5) - 1; {
	case n < 0:
		row = append(row, NullValue().Level(0, 0, 2))
	case n == 0:
		row = append(row, NullValue().Level(0, 1, 2))
	default:
		for i := range n {
			rep := min(i, 1)
			if rng.IntN(5) == 0 {
				row = append(row, NullValue().Level(rep, 2, 2))
			} else {
				row = append(row, ByteArrayValue([]byte{byte('a' + i)}).Level(rep, 3, 2))
			}
		}
	}
	row = append(row, randomMap(rng)...)
	if rng.IntN(4) == 0 {
		row = append(row, NullValue().Level(0, 0, 5), NullValue().Level(0, 0, 6), NullValue().Level(0, 0, 7))
	} else {
		u := make([]byte, 16)
		for i := range u {
			u[i] = byte(rng.IntN(256))
		}
		row = append(row, BooleanValue(rng.IntN(2) == 0).Level(0, 2, 5), NullValue().Level(0, 1, 6), FixedLenByteArrayValue(u).Level(0, 2, 7))
		if rng.IntN(2) == 0 {
			row[len(row)-2] = DoubleValue(-2.5e300).Level(0, 2, 6)
		}
	}
	// ll: [[1.5, null], [], null] or null
	if rng.IntN(3) == 0 {
		return append(row, NullValue().Level(0, 0, 8))
	}
	return append(row, FloatValue(1.5).Level(0, 5, 8), NullValue().Level(2, 4, 8),
		NullValue().Level(1, 3, 8), NullValue().Level(1, 2, 8))
}

// randomMap is column m's and its value column's entries.
func randomMap(rng *rand.Rand) []Value {
	n := rng.IntN(4) - 1
	if n < 0 {
		return []Value{NullValue().Level(0, 0, 3), NullValue().Level(0, 0, 4)}
	}
	if n == 0 {
		return []Value{NullValue().Level(0, 1, 3), NullValue().Level(0, 1, 4)}
	}
	var keys, vals []Value
	for i := range n {
		rep := min(i, 1)
		keys = append(keys, ByteArrayValue([]byte{byte('k' + i)}).Level(rep, 2, 3))
		if i == 1 {
			vals = append(vals, NullValue().Level(rep, 2, 4))
		} else {
			vals = append(vals, Int32Value(int32(rng.Uint32())).Level(rep, 3, 4))
		}
	}
	return append(keys, vals...)
}

// flatSchema has one optional column of each physical type the writer
// writes.
func flatSchema(t testing.TB) *Schema {
	s, err := NewSchema(GroupNode("flat", Required, nil,
		Leaf("b", Optional, Boolean, nil), Leaf("i", Optional, Int32, nil), Leaf("l", Optional, Int64, nil),
		Leaf("f", Optional, Float, nil), Leaf("d", Optional, Double, nil), Leaf("s", Optional, ByteArray, nil),
		FixedLeaf("x", Required, 3, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func randomFlatRow(rng *rand.Rand, _ int64) []Value {
	vals := []Value{BooleanValue(rng.IntN(2) == 0), Int32Value(int32(rng.Uint32())), Int64Value(int64(rng.Uint64())),
		FloatValue(float32(rng.NormFloat64())), DoubleValue(rng.NormFloat64()), ByteArrayValue(make([]byte, rng.IntN(20)))}
	row := make([]Value, 0, 7)
	for i, v := range vals {
		if rng.IntN(5) == 0 {
			row = append(row, NullValue().Level(0, 0, i))
		} else {
			row = append(row, v.Level(0, 1, i))
		}
	}
	return append(row, FixedLenByteArrayValue([]byte{1, 2, byte(rng.IntN(3))}).Level(0, 0, 6))
}

// TestWriteRead: rows written are the rows read, for flat and nested
// schemas, compressed or not, in one row group or many, pages of one
// value or many.
func TestWriteRead(t *testing.T) {
	tests := []struct {
		name   string
		schema func(testing.TB) *Schema
		row    func(*rand.Rand, int64) []Value
		rows   int
		opts   WriterOptions
	}{
		{"flat", flatSchema, randomFlatRow, 1000, WriterOptions{}},
		{"flat snappy groups", flatSchema, randomFlatRow, 1000, WriterOptions{Snappy: true, RowGroupRows: 99}},
		{"nested", nestedSchema, randomNestedRow, 500, WriterOptions{Snappy: true}},
		{"nested one row per group", nestedSchema, randomNestedRow, 20, WriterOptions{RowGroupRows: 1}},
		{"nested many pages", nestedSchema, randomNestedRow, 60000, WriterOptions{Snappy: true, RowGroupRows: 50000}},
		{"empty", nestedSchema, randomNestedRow, 0, WriterOptions{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.schema(t)
			rng := rand.New(rand.NewPCG(3, 4))
			var want [][]Value
			for i := range tc.rows {
				want = append(want, tc.row(rng, int64(i)))
			}
			data := writeFile(t, s, tc.opts, want)
			got := readFile(t, data)
			if len(got) != len(want) {
				t.Fatalf("read %d rows of %d", len(got), len(want))
			}
			for i := range want {
				if err := sameRow(got[i], want[i]); err != nil {
					t.Fatalf("row %d: %v\ngot  %v\nwant %v", i, err, got[i], want[i])
				}
			}
		})
	}
}

func writeFile(t testing.TB, s *Schema, o WriterOptions, rows [][]Value) []byte {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, s, o)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := w.WriteRows(rows); err != nil || n != len(rows) {
		t.Fatalf("WriteRows: %d, %v", n, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readFile(t testing.TB, data []byte) [][]Value {
	f, err := Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]Value
	rr := f.Rows()
	for {
		row, err := rr.ReadRow(nil)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("row %d: %v", len(rows), err)
		}
		rows = append(rows, row)
	}
	if int64(len(rows)) != f.NumRows() {
		t.Errorf("NumRows %d, read %d", f.NumRows(), len(rows))
	}
	return rows
}

// sameRow compares rows' values, each column's in order (a written row
// may list columns in any order, a read one has them in column order).
func sameRow(got, want []Value) error {
	byCol := func(r []Value) map[int32][]Value {
		m := map[int32][]Value{}
		for _, v := range r {
			m[v.col] = append(m[v.col], v)
		}
		return m
	}
	g, w := byCol(got), byCol(want)
	if len(g) != len(w) {
		return fmt.Errorf("%d columns, want %d", len(g), len(w))
	}
	for c, wv := range w {
		gv := g[c]
		if len(gv) != len(wv) {
			return fmt.Errorf("column %d: %d values, want %d", c, len(gv), len(wv))
		}
		for i := range wv {
			if !sameValue(gv[i], wv[i]) {
				return fmt.Errorf("column %d value %d: %#v, want %#v", c, i, gv[i], wv[i])
			}
		}
	}
	return nil
}

func sameValue(a, b Value) bool {
	if a.rep != b.rep || a.def != b.def || a.col != b.col || a.null != b.null {
		return false
	}
	return a.null || (a.typ == b.typ && a.num == b.num && bytes.Equal(a.bytes, b.bytes))
}

// TestWriteErrors: values that do not fit the schema are errors.
func TestWriteErrors(t *testing.T) {
	s := flatSchema(t)
	tests := []struct {
		name string
		row  []Value
	}{
		{"column out of range", []Value{Int32Value(1).Level(0, 1, 9)}},
		{"level too high", []Value{BooleanValue(true).Level(0, 2, 0)}},
		{"wrong type", []Value{Int64Value(1).Level(0, 1, 1)}},
		{"wrong length", []Value{FixedLenByteArrayValue([]byte{1}).Level(0, 0, 6)}},
	}
	for _, tc := range tests {
		w, err := NewWriter(io.Discard, s, WriterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteRow(tc.row); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

// TestWriterPages: a column chunk of more than a page of values is written
// as pages of about pageSize, each starting a row, and reads back whole.
func TestWriterPages(t *testing.T) {
	s, err := NewSchema(GroupNode("p", Required, nil,
		GroupNode("l", Optional, &LogicalType{Kind: LogicalList},
			GroupNode("list", Repeated, nil, Leaf("element", Optional, ByteArray, nil)))))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]Value
	for i := range 1500 {
		big := bytes.Repeat([]byte{byte(i)}, 1000)
		rows = append(rows, []Value{ByteArrayValue(big).Level(0, 3, 0), NullValue().Level(1, 2, 0), ByteArrayValue(big[:i%7]).Level(1, 3, 0)})
	}
	data := writeFile(t, s, WriterOptions{Snappy: true}, rows)
	f, err := Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	m := f.meta.RowGroups[0].Columns[0].Meta
	c := &columnReader{r: bytes.NewReader(data), col: &f.Schema.Columns[0], meta: m, pos: m.chunkStart(), end: m.chunkStart() + m.CompressedSize}
	pages := 0
	for c.pos < c.end {
		if err := c.nextPage(); err != nil {
			t.Fatal(err)
		}
		if v, err := c.page.next(); err != nil || v.rep != 0 {
			t.Fatalf("page %d starts with %v, %v", pages, v, err)
		}
		pages++
	}
	if want := 1500*1004/pageSize + 1; pages != want {
		t.Errorf("%d pages, want %d", pages, want)
	}
	got := readFile(t, data)
	for i := range rows {
		if err := sameRow(got[i], rows[i]); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
}

// TestOpenErrors: files that are not Parquet, or whose footer lies, are
// errors.
func TestOpenErrors(t *testing.T) {
	good := writeFile(t, flatSchema(t), WriterOptions{}, [][]Value{randomFlatRow(rand.New(rand.NewPCG(1, 1)), 0)})
	footerLen := func(n uint32) []byte {
		b := append([]byte{}, good...)
		binary.LittleEndian.PutUint32(b[len(b)-8:], n)
		return b
	}
	var deep encoder
	deep.begin(-1)
	deep.i32(1, 1)
	deep.list(2, tStruct, MaxDepth+2)
	for i := range MaxDepth + 2 {
		deep.begin(-1)
		deep.string(4, "g")
		if i < MaxDepth+1 {
			deep.i32(5, 1)
		} else {
			deep.i32(1, int32(Int32))
		}
		deep.end()
	}
	deep.i64(3, 0)
	deep.list(4, tStruct, 0)
	deep.end()
	deepFile := append([]byte(magic), deep.buf...)
	deepFile = binary.LittleEndian.AppendUint32(deepFile, uint32(len(deep.buf)))
	deepFile = append(deepFile, magic...)
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"short", []byte("PAR1PAR1")},
		{"no magic", append([]byte("PAR0"), good[4:]...)},
		{"footer longer than the file", footerLen(1 << 30)},
		{"footer cut short", footerLen(10)},
		{"schema nested too deeply", deepFile},
	}
	for _, tc := range tests {
		if _, err := Open(bytes.NewReader(tc.data), int64(len(tc.data))); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	if _, err := Open(bytes.NewReader(good), int64(len(good))); err != nil {
		t.Fatal(err)
	}
}
