package parquet

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestReadPyarrow: files pyarrow wrote (testdata/make_pyarrow.py: PLAIN
// and dictionary encoding, data pages v1 and v2, snappy, gzip and no
// compression, nulls, nested lists, maps and structs) read as the rows
// pyarrow wrote, listed in the JSON beside each.
func TestReadPyarrow(t *testing.T) {
	files, err := filepath.Glob("testdata/*.parquet")
	if err != nil || len(files) < 6 {
		t.Fatalf("testdata: %v %v", files, err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := loadJSON(t, strings.TrimSuffix(file, ".parquet")+".json")
			rows := readFile(t, data)
			f, _ := Open(bytes.NewReader(data), int64(len(data)))
			tree := newTestTree(f.Schema)
			if len(rows) != len(want) {
				t.Fatalf("%d rows, want %d", len(rows), len(want))
			}
			for i, row := range rows {
				m, err := tree.assemble(row)
				if err != nil {
					t.Fatalf("row %d: %v", i, err)
				}
				got := normalize(roundTripJSON(t, m))
				if !reflect.DeepEqual(got, want[i]) {
					t.Errorf("row %d:\ngot  %v\nwant %v", i, got, want[i])
				}
			}
		})
	}
}

// TestReadUnsupported: a codec or encoding the reader does not read is an
// error naming it.
func TestReadUnsupported(t *testing.T) {
	for file, want := range map[string]string{
		"testdata/unsupported/zstd.parquet":  "Parquet column x uses ZSTD compression, which gocqlsh does not read",
		"testdata/unsupported/delta.parquet": "Parquet column x uses the DELTA_BINARY_PACKED encoding",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Rows().ReadRow(nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", file, err, want)
		}
	}
}

func loadJSON(t *testing.T, path string) []any {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := jsonDecoder(bytes.NewReader(b))
	var rows []any
	if err := d.Decode(&rows); err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		rows[i] = normalize(rows[i])
	}
	return rows
}

func roundTripJSON(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	d := jsonDecoder(bytes.NewReader(b))
	var out any
	if err := d.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// jsonDecoder decodes numbers as json.Number, for normalize.
func jsonDecoder(r io.Reader) *json.Decoder {
	d := json.NewDecoder(r)
	d.UseNumber()
	return d
}

// normalize turns JSON numbers into int64 when integral, else float64.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return n
		}
		f, _ := strconv.ParseFloat(string(x), 64)
		if f == float64(int64(f)) {
			return int64(f)
		}
		return f
	case []any:
		for i := range x {
			x[i] = normalize(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = normalize(x[k])
		}
	}
	return v
}

// testNode is a schema node with its levels and leaf columns, for
// assembling rows in tests.
type testNode struct {
	n           *Node
	def, rep    int
	col, leaves int
	kids        []*testNode
}

type testTree struct {
	root *testNode
	cols [][]Value
	pos  []int
}

func newTestTree(s *Schema) *testTree {
	next := 0
	var build func(n *Node, def, rep int) *testNode
	build = func(n *Node, def, rep int) *testNode {
		if n.Repetition != Required {
			def++
		}
		if n.Repetition == Repeated {
			rep++
		}
		p := &testNode{n: n, def: def, rep: rep, col: next}
		if !n.Group {
			next++
			p.leaves = 1
		}
		for _, f := range n.Fields {
			k := build(f, def, rep)
			p.kids = append(p.kids, k)
			p.leaves += k.leaves
		}
		return p
	}
	root := build(s.Root, 0, 0)
	return &testTree{root: root, cols: make([][]Value, next), pos: make([]int, next)}
}

func (t *testTree) assemble(row []Value) (map[string]any, error) {
	for i := range t.cols {
		t.cols[i], t.pos[i] = t.cols[i][:0], 0
	}
	for _, v := range row {
		t.cols[v.col] = append(t.cols[v.col], v)
	}
	out := map[string]any{}
	for _, k := range t.root.kids {
		v, err := t.read(k)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", k.n.Name, err)
		}
		out[k.n.Name] = v
	}
	return out, nil
}

func (t *testTree) peek(p *testNode) (Value, error) {
	if t.pos[p.col] >= len(t.cols[p.col]) {
		return Value{}, io.ErrUnexpectedEOF
	}
	return t.cols[p.col][t.pos[p.col]], nil
}

func (t *testTree) skip(p *testNode) {
	for c := p.col; c < p.col+p.leaves; c++ {
		t.pos[c]++
	}
}

func (t *testTree) read(p *testNode) (any, error) {
	v, err := t.peek(p)
	if err != nil {
		return nil, err
	}
	if p.n.Repetition == Optional && int(v.def) < p.def {
		t.skip(p)
		return nil, nil
	}
	if !p.n.Group {
		t.pos[p.col]++
		return leafJSON(p.n, v), nil
	}
	if l := p.n.Logical; l != nil && (l.Kind == LogicalList || l.Kind == LogicalMap) {
		rep := p.kids[0]
		out := []any{}
		if int(v.def) < rep.def {
			t.skip(rep)
			return out, nil
		}
		for {
			var x any
			if l.Kind == LogicalList {
				x, err = t.read(rep.kids[0])
			} else {
				var k, val any
				if k, err = t.read(rep.kids[0]); err == nil {
					val, err = t.read(rep.kids[1])
				}
				x = []any{k, val}
			}
			if err != nil {
				return nil, err
			}
			out = append(out, x)
			if v, err := t.peek(rep); err != nil || int(v.rep) != rep.rep {
				return out, nil
			}
		}
	}
	m := map[string]any{}
	for _, k := range p.kids {
		if m[k.n.Name], err = t.read(k); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// leafJSON is a leaf value as the expected JSON has it.
func leafJSON(n *Node, v Value) any {
	switch v.Kind() {
	case Boolean:
		return v.Boolean()
	case Int32:
		return v.Int32()
	case Int64:
		return v.Int64()
	case Float:
		return float64(v.Float())
	case Double:
		return v.Double()
	}
	if n.Logical != nil && n.Logical.Kind == LogicalString {
		return string(v.ByteArray())
	}
	return hex.EncodeToString(v.ByteArray())
}
