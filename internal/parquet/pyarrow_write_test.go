package parquet

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// readBackScript prints the rows of a Parquet file as pyarrow reads them,
// one JSON array, binary values and UUIDs as hex, maps as [key, value]
// pairs.
const readBackScript = `
import json, sys, uuid
import pyarrow.parquet as pq

def plain(v):
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, uuid.UUID):
        return v.hex
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    return v

print(json.dumps([plain(r) for r in pq.read_table(sys.argv[1]).to_pylist()]))
`

// TestPyarrowReadsWriter: pyarrow reads what the writer writes (nested
// columns, nulls, empty lists, snappy, several row groups) as the rows
// written. Skipped without pyarrow in testenv/venv.
func TestPyarrowReadsWriter(t *testing.T) {
	venv := os.Getenv("GOCQLSH_PEERS_VENV")
	if venv == "" {
		venv = filepath.Join("..", "..", "testenv", "venv")
	}
	py := filepath.Join(venv, "bin", "python")
	if err := exec.Command(py, "-c", "import pyarrow").Run(); err != nil {
		t.Skipf("pyarrow is not in %s: %v", venv, err)
	}
	s := nestedSchema(t)
	rng := rand.New(rand.NewPCG(7, 8))
	var rows [][]Value
	for i := range 300 {
		rows = append(rows, randomNestedRow(rng, int64(i)))
	}
	file := filepath.Join(t.TempDir(), "w.parquet")
	if err := os.WriteFile(file, writeFile(t, s, WriterOptions{Snappy: true, RowGroupRows: 128}, rows), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, "-c", readBackScript, file).Output()
	if err != nil {
		t.Fatalf("pyarrow: %v", err)
	}
	var got []any
	if err := jsonNumbers(out, &got); err != nil {
		t.Fatal(err)
	}
	tree := newTestTree(s)
	if len(got) != len(rows) {
		t.Fatalf("pyarrow read %d rows of %d", len(got), len(rows))
	}
	for i, row := range rows {
		m, err := tree.assemble(sortedByColumn(row))
		if err != nil {
			t.Fatal(err)
		}
		want := normalize(roundTripJSON(t, m))
		if g := normalize(got[i]); !reflect.DeepEqual(g, want) {
			t.Fatalf("row %d: pyarrow read\n%v\nwant\n%v", i, g, want)
		}
	}
}

// sortedByColumn is row's values in column order, each column's in order.
func sortedByColumn(row []Value) []Value {
	out := make([]Value, 0, len(row))
	for c := int32(0); len(out) < len(row); c++ {
		for _, v := range row {
			if v.col == c {
				out = append(out, v)
			}
		}
	}
	return out
}

func jsonNumbers(b []byte, v any) error {
	d := jsonDecoder(bytes.NewReader(b))
	return d.Decode(v)
}
