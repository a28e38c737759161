package render

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestOwnTableGolden renders a SHOW HOSTS-like table in both styles and
// compares them with golden files (go test -run OwnTable -args -update).
func TestOwnTableGolden(t *testing.T) {
	tbl := OwnTable{
		Header: []string{"address", "dc", "state", "requests", "p99"},
		Right:  []bool{false, false, false, true, true},
		Rows: [][]string{
			{"127.0.0.1:9042", "datacenter1", "UP", "12", "1.20 ms"},
			{"10.0.0.12:9042", "dc2", "DOWN", "123456", "-"},
			{"[::1]:9042", "ünïcödé", "UP", "0", "-"},
		},
	}
	for _, box := range []bool{false, true} {
		name := "own_table.txt"
		if box {
			name = "own_table_box.txt"
		}
		tbl.Box = box
		var b bytes.Buffer
		if err := tbl.Write(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s:\n%s\nwant:\n%s", name, b.Bytes(), want)
		}
	}
}
