package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// valueCases covers every type; the rendering of each, plain and
// coloured, is kept in testdata/values.golden.
var valueCases = []struct{ typ, lit string }{
	{"ascii", "'abc'"}, {"text", `'a\b'`}, {"text", "'tab\there\nnl \u0085 \u00a0 \u007f'"}, {"text", "'以呂波'"},
	{"text", "''"}, {"bigint", "-9223372036854775808"}, {"counter", "42"}, {"int", "-1"}, {"smallint", "32767"},
	{"tinyint", "-128"}, {"varint", "100000000000000000000000000"}, {"boolean", "true"}, {"boolean", "false"},
	{"float", "1116.12345"}, {"float", "99999.999"}, {"double", "NaN"}, {"double", "-Infinity"}, {"double", "0.0006"},
	{"decimal", "19952.11882"}, {"decimal", "1E-14"}, {"uuid", "7A3E5F0C-1F2E-4D3C-9B8A-0123456789AB"},
	{"timeuuid", "fa3b4ae0-ec73-11f1-ab5b-4f59aa90206b"}, {"inet", "'127.0.0.1'"}, {"inet", "'::1'"}, {"blob", "0xcafe"},
	{"timestamp", "'2012-05-14 12:53:20.123+0000'"}, {"timestamp", "999999999999999"}, {"date", "'2012-05-14'"},
	{"time", "'16:30:00.555555555'"}, {"duration", "1y2mo3d4h5m6s7ms8us9ns"}, {"duration", "-1d"},
	{"list<text>", "['a', 'b''c']"}, {"set<int>", "{3, 1, 2}"}, {"map<text, int>", "{'b': 2, 'a': 1}"},
	{"map<int, frozen<list<timestamp>>>", "{1: ['2012-05-14 12:53:20+0000']}"}, {"tuple<int, text, float>", "(1, 'x', 1.5)"},
	{"tuple<text, int>", "(null, 2)"}, {"vector<float, 3>", "[1, 2.5, 3.25]"}, {"frozen<list<int>>", "[]"},
	{"set<inet>", "{'10.0.0.2', '9.0.0.1'}"}, {"list<date>", "['2012-05-14']"}, {"list<blob>", "[0x01]"},
}

func TestFormatValueGolden(t *testing.T) {
	var b strings.Builder
	plain, color := NewFormatter(nil), NewFormatter(&Options{Color: true})
	for _, c := range valueCases {
		typ := mustType(t, c.typ)
		cell := lit(t, typ, c.lit)
		p, k := plain.Format(typ, cell), color.Format(typ, cell)
		if p.Err != nil || k.Err != nil {
			t.Fatalf("%s %s: %v %v", c.typ, c.lit, p.Err, k.Err)
		}
		if got := displayWidthOf(k.Text, color); got != k.Width {
			t.Errorf("%s %s: coloured width %d, visible text is %d wide", c.typ, c.lit, k.Width, got)
		}
		fmt.Fprintf(&b, "%s %q\n  plain %q width %d\n  color %q width %d\n", c.typ, c.lit, p.Text, p.Width, k.Text, k.Width)
	}
	// null, empty value, zero duration and undecodable bytes.
	in := mustType(t, "int")
	for _, cell := range [][]byte{nil, {}, {1, 2, 3}} {
		p, k := plain.Format(in, cell), color.Format(in, cell)
		fmt.Fprintf(&b, "int %x (nil=%t)\n  plain %q width %d err %v\n  color %q width %d\n", cell, cell == nil, p.Text, p.Width, p.Err, k.Text, k.Width)
	}
	golden(t, "values.golden", b.String())
}

// displayWidthOf strips escape sequences and measures what remains.
func displayWidthOf(s string, f *Formatter) int {
	var plain []byte
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && s[i] != 'm' {
				i++
			}
			continue
		}
		plain = append(plain, s[i])
	}
	return f.m.string(string(plain))
}

func TestFormatValueRules(t *testing.T) {
	sp, err := time.LoadLocation("America/Sao_Paulo")
	if err != nil {
		t.Skip("no tz database")
	}
	tests := []struct {
		name, typ, lit string
		o              *Options
		want           string
		width          int
	}{
		{"zone", "timestamp", "'2012-05-14 12:53:20+0000'", &Options{Location: sp}, "2012-05-14 09:53:20.000000-0300", 31},
		{"time format", "timestamp", "'2012-05-14 12:53:20+0000'", &Options{TimeFormat: "%d/%m/%y %H:%M %Z"}, "14/05/12 12:53 UTC", 18},
		{"date format", "date", "'2012-05-14'", &Options{DateFormat: "%b %e %Y"}, "May 14 2012", 11},
		{"year one", "timestamp", "'0001-01-01 00:00:00+0000'", nil, "1-01-01 00:00:00.000000+0000", 28},
		{"negative ms", "timestamp", "-1", nil, "1969-12-31 23:59:59.999000+0000", 31},
		{"float precision", "float", "1.23456789", &Options{FloatPrecision: 3}, "1.235", 5},
		{"double precision", "double", "1.23456789", &Options{DoublePrecision: 8}, "1.23456789", 10},
		{"backslash plain", "text", `'a\b'`, nil, `a\\b`, 4},
		{"cjk", "text", "'以呂波耳本部止'", nil, "以呂波耳本部止", 14},
		{"date out of range", "date", "'-5877641-06-23'", nil, "-2147483648", 11},
		{"udt in list keeps quotes", "list<frozen<tuple<text, inet>>>", "[('a', '1.2.3.4')]", nil, "[('a', '1.2.3.4')]", 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ := mustType(t, tt.typ)
			c := FormatValue(typ, lit(t, typ, tt.lit), tt.o)
			if c.Text != tt.want || c.Width != tt.width || c.Err != nil {
				t.Errorf("got %q width %d err %v, want %q width %d", c.Text, c.Width, c.Err, tt.want, tt.width)
			}
		})
	}
}

func TestFormatErrorMessage(t *testing.T) {
	c := FormatValue(mustType(t, "int"), []byte{0, '\'', 0xff}, nil)
	if c.Err == nil || c.Text != "0x0027ff" {
		t.Fatalf("got %+v", c)
	}
	want := `Failed to format value b"\x00'\xff" : `
	if !strings.HasPrefix(c.Err.Error(), want) {
		t.Errorf("message %q, want prefix %q", c.Err.Error(), want)
	}
	c = FormatValue(mustType(t, "text"), []byte{0xff}, nil)
	if c.Err == nil {
		t.Errorf("invalid UTF-8 accepted: %+v", c)
	}
	var b strings.Builder
	log := &ErrorLog{}
	for range 5 {
		log.add(c.Err)
	}
	if err := WriteFormatErrors(&b, log, &Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 3 || lines[2] != "\x1b[0;1;31m3 more decoding errors suppressed.\x1b[0m" {
		t.Errorf("error lines %q", lines)
	}
}

func TestSetsAndMapsSortLikePython(t *testing.T) {
	tests := []struct{ typ, lit, want string }{
		{"set<timeuuid>", "{fa3b4aea-ec73-11f1-ab5b-4f59aa90206b, 0a3b4ae0-ec73-11f1-ab5b-4f59aa90206b}", "{0a3b4ae0-ec73-11f1-ab5b-4f59aa90206b, fa3b4aea-ec73-11f1-ab5b-4f59aa90206b}"},
		{"set<inet>", "{'9.0.0.1', '10.0.0.2', '::1'}", "{'10.0.0.2', '9.0.0.1', '::1'}"},
		{"set<decimal>", "{10, 9.5, -1}", "{-1, 9.5, 10}"},
		{"map<varint, text>", "{10: 'x', -5: 'y'}", "{-5: 'y', 10: 'x'}"},
		{"set<frozen<tuple<int, text>>>", "{(2, 'a'), (1, 'b'), (1, 'a')}", "{(1, 'a'), (1, 'b'), (2, 'a')}"},
	}
	for _, tt := range tests {
		typ := mustType(t, tt.typ)
		if got := FormatValue(typ, lit(t, typ, tt.lit), nil).Text; got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.typ, got, tt.want)
		}
	}
}

func ExampleFormatValue() {
	typ, _ := cqltype.Parse("map<text, frozen<list<float>>>")
	cell, _ := cqltype.Encode(typ, []cqltype.MapEntry{{Key: "b", Value: []any{float32(1116.12345)}}, {Key: "a", Value: []any{}}})
	fmt.Println(FormatValue(typ, cell, nil).Text)
	fmt.Printf("%q\n", FormatValue(typ, nil, &Options{Color: true}).Text)
	// Output:
	// {'a': [], 'b': [1116.12341]}
	// "\x1b[0;1;31mnull\x1b[0m"
}
