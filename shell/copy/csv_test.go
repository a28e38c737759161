package copy

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
	"testing/iotest"
)

// readAll reads every record of in, and the physical lines counted after
// each; fast chooses the reader's byte-run path or the rune-by-rune one.
// One byte at a time when small is set, so runs stop at the buffer's end.
func readAll(t *testing.T, in []byte, d csvDialect, fast, small bool) (recs [][]string, lines []int) {
	var r io.Reader = bytes.NewReader(in)
	if small {
		r = iotest.OneByteReader(r)
	}
	c := newCSVReader(r, d)
	c.fast = c.fast && fast
	for {
		rec, err := c.read()
		if errors.Is(err, io.EOF) {
			return recs, lines
		}
		if err != nil {
			t.Fatal(err)
		}
		recs, lines = append(recs, rec), append(lines, c.line)
	}
}

var csvDialects = []csvDialect{
	{delim: ',', quote: '"', escape: '\\'},
	{delim: ',', quote: '"', doubleQuote: true},
	{delim: '|', quote: '\'', escape: '\\'},
	{delim: '\t', quote: '"', escape: '#'},
	{delim: '§', quote: '"', escape: '\\'}, // not ASCII: no byte runs
}

func TestCSVReaderRecords(t *testing.T) {
	tests := []struct {
		in    string
		d     int
		want  [][]string
		lines []int
	}{
		{"1,abc,2.5\r\n2,,x\n", 0, [][]string{{"1", "abc", "2.5"}, {"2", "", "x"}}, []int{1, 2}},
		{`1,"a,b ""q"" \"e\"",z` + "\n", 0, [][]string{{"1", `a,b "q"" "e""`, "z"}}, []int{1}},
		{`"a""b",c` + "\n", 1, [][]string{{`a"b`, "c"}}, []int{1}},
		{"\"multi\nline\r\nfield\",2\n\n3\rlast", 0, [][]string{{"multi\nline\r\nfield", "2"}, {}, {"3"}, {"last"}}, []int{3, 4, 5, 5}},
		{"x\\,y,\"q\"tail,é€😀\n", 0, [][]string{{"x,y", "qtail", "é€😀"}}, []int{1}},
		{"bad\xff\xfeutf8,\xe2\x82\n", 0, [][]string{{"bad\uFFFD\uFFFDutf8", "\uFFFD\uFFFD"}}, []int{1}},
		{"'a|b'|c\\'d\n", 2, [][]string{{"a|b", "c'd"}}, []int{1}},
		{"a§b§\"c§d\"\n", 4, [][]string{{"a", "b", "c§d"}}, []int{1}},
		{"no newline at end", 0, [][]string{{"no newline at end"}}, []int{0}},
	}
	for _, tt := range tests {
		for _, fast := range []bool{true, false} {
			for _, small := range []bool{false, true} {
				recs, lines := readAll(t, []byte(tt.in), csvDialects[tt.d], fast, small)
				if !reflect.DeepEqual(recs, tt.want) || !reflect.DeepEqual(lines, tt.lines) {
					t.Errorf("%q (fast %v, one byte at a time %v):\n got %q lines %v\nwant %q lines %v", tt.in, fast, small, recs, lines, tt.want, tt.lines)
				}
			}
		}
	}
}

// FuzzCSVReader: the byte-run path reads exactly what the rune-by-rune
// path reads (records and line numbers), for any input, in every dialect,
// whether the read buffer holds the whole input or one byte at a time.
func FuzzCSVReader(f *testing.F) {
	for _, s := range []string{
		"1,a,2\r\n", `"q""x",y` + "\n", "\"a\nb\",c\rd\n\n", "x\\,y\\\\z,\"\\\"\"\n", "é,\xff\xe2\x82,😀\n", "'a|b'|c\n", "a\tb#\tc\n", "§a§\"b§\"\n",
	} {
		for d := range csvDialects {
			f.Add([]byte(s), uint8(d))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte, d uint8) {
		dialect := csvDialects[int(d)%len(csvDialects)]
		slowRecs, slowLines := readAll(t, in, dialect, false, false)
		for _, small := range []bool{false, true} {
			recs, lines := readAll(t, in, dialect, true, small)
			if !reflect.DeepEqual(recs, slowRecs) || !reflect.DeepEqual(lines, slowLines) {
				t.Fatalf("%q: byte runs read %q lines %v, runes read %q lines %v", in, recs, lines, slowRecs, slowLines)
			}
		}
	})
}
