package render

import (
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// fuzzTypes are the types the fuzz selector byte picks from.
var fuzzTypes = []string{
	"ascii", "bigint", "blob", "boolean", "decimal", "double", "float", "int", "timestamp", "uuid", "text",
	"varint", "timeuuid", "inet", "date", "time", "smallint", "tinyint", "duration", "list<text>", "set<int>",
	"map<text, frozen<list<double>>>", "tuple<int, text, timestamp>", "vector<float, 3>", "set<frozen<tuple<inet, date>>>",
	"map<timeuuid, decimal>", "frozen<list<frozen<set<blob>>>>", "'com.example.Custom'",
}

// FuzzFormatValue checks that no cell, however malformed, panics the
// formatter, and that an undecodable cell is shown as its bytes with an
// error.
func FuzzFormatValue(f *testing.F) {
	f.Add(byte(0), []byte("abc"))
	f.Add(byte(5), []byte{0x7f, 0xf0, 0, 0, 0, 0, 0, 0})
	f.Add(byte(19), []byte{0, 0, 0, 2, 0, 0, 0, 1, 'a', 0, 0, 0, 1, 'b'})
	f.Add(byte(21), []byte{0, 0, 0, 1, 0, 0, 0, 1, 'k', 0, 0, 0, 4, 0, 0, 0, 1})
	f.Add(byte(22), []byte{0, 0, 0, 4, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff})
	f.Add(byte(23), []byte{0x3f, 0x80, 0, 0, 0x40, 0, 0, 0, 0x40, 0x40, 0, 0})
	f.Add(byte(10), []byte{0xff, '\n', '\\'})
	types := make([]*cqltype.Type, len(fuzzTypes))
	for i, s := range fuzzTypes {
		types[i] = mustType(f, s)
	}
	plain, color := NewFormatter(nil), NewFormatter(&Options{Color: true})
	f.Fuzz(func(t *testing.T, sel byte, cell []byte) {
		typ := types[int(sel)%len(types)]
		p, c := plain.Format(typ, cell), color.Format(typ, cell)
		if (p.Err == nil) != (c.Err == nil) {
			t.Fatalf("colour changed the error: %v vs %v", p.Err, c.Err)
		}
		if p.Err != nil {
			if !strings.HasPrefix(p.Text, "0x") || !strings.HasPrefix(p.Err.Error(), "Failed to format value ") {
				t.Fatalf("error cell %q, %v", p.Text, p.Err)
			}
			return
		}
		if w := displayWidthOf(c.Text, color); w != c.Width {
			t.Fatalf("%s %x: coloured width %d, visible %d (%q)", typ, cell, c.Width, w, c.Text)
		}
		if strings.ContainsAny(p.Text, "\n\r\x1b") {
			t.Fatalf("control character in %q", p.Text)
		}
		if w := displayWidthOf(p.Text, plain); w != p.Width {
			t.Fatalf("%s %x: width %d, visible %d (%q)", typ, cell, p.Width, w, p.Text)
		}
	})
}
