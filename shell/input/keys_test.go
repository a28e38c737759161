package input

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	prompt "github.com/c-bata/go-prompt"
)

// decodeAll feeds chunks one after the other, taking every key available
// after each, and flushes at the end as the parser does when input stops.
func decodeAll(chunks ...[]byte) [][]byte {
	var d keyDecoder
	var keys [][]byte
	for _, c := range chunks {
		d.feed(c)
		for {
			k, ok := d.next(false)
			if !ok {
				break
			}
			keys = append(keys, k)
		}
	}
	for {
		k, ok := d.next(true)
		if !ok {
			break
		}
		keys = append(keys, k)
	}
	return keys
}

// validKey is what the decoder may hand go-prompt: one control byte, a lone
// ESC or an escape sequence go-prompt knows, or non-empty valid UTF-8 text
// without control characters.
func validKey(k []byte) bool {
	switch {
	case len(k) == 0:
		return false
	case len(k) == 1 && (k[0] < 0x20 || k[0] == 0x7f):
		return true
	case k[0] == 0x1b:
		return prompt.GetKey(k) != prompt.NotDefined || isMetaKey(k)
	}
	if !utf8.Valid(k) {
		return false
	}
	for _, r := range string(k) {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			return false
		}
	}
	return true
}

// merged joins adjacent text keys, so key streams decoded from different
// chunkings of the same input compare equal.
func merged(keys [][]byte) []string {
	var out []string
	text := false
	for _, k := range keys {
		isText := k[0] >= 0x20 && k[0] != 0x7f
		if isText && text {
			out[len(out)-1] += string(k)
			continue
		}
		out = append(out, string(k))
		text = isText
	}
	return out
}

func TestKeyDecoderSplitsKeys(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"pasted lines", "SELECT 1\rFROM t;\r", []string{"SELECT 1", "\r", "FROM t;", "\r"}},
		{"arrows and text", "ab\x1b[Acd\x1b[D", []string{"ab", "\x1b[A", "cd", "\x1b[D"}},
		{"ss3 arrow", "\x1bOB", []string{"\x1bOB"}},
		{"delete key", "x\x1b[3~", []string{"x", "\x1b[3~"}},
		{"unknown function key dropped", "a\x1b[24~\rb", []string{"a", "\r", "b"}},
		{"bracketed paste markers dropped", "\x1b[200~hi\x1b[201~", []string{"hi"}},
		{"cursor report dropped", "\x1b[12;40Rx", []string{"x"}},
		{"alt key is escape then the key", "\x1bx", []string{"\x1b", "x"}},
		{"bound alt keys are one key", "a\x1bb\x1bf\x1bd\x1b\x7f\x1b\x08", []string{"a", "\x1bb", "\x1bf", "\x1bd", "\x1b\x7f", "\x1b\x08"}},
		{"lone escape at the end", "a\x1b", []string{"a", "\x1b"}},
		{"cut sequence at the end dropped", "a\x1b[1;", []string{"a"}},
		{"malformed csi ends before a control byte", "\x1b[1\rz", []string{"\r", "z"}},
		{"overlong csi cut short", "\x1b[" + strings.Repeat("1", 100) + "m", []string{strings.Repeat("1", 100-(maxEscapeLen-2)) + "m"}},
		{"linux console f2", "\x1b[[B", []string{"\x1b[[B"}},
		{"invalid utf-8 replaced", "a\xffb\xc3\r", []string{"a\uFFFDb\uFFFD", "\r"}},
		{"c1 control replaced", "a\u009bb", []string{"a\uFFFDb"}},
		{"control bytes one at a time", "\x01\x15\x7f", []string{"\x01", "\x15", "\x7f"}},
		{"wake key cannot be typed", "\x1b[9999~q", []string{"q"}},
		{"utf-8 kept", "ϑΉӁװڜ 値", []string{"ϑΉӁװڜ 値"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := merged(decodeAll([]byte(c.in)))
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("%q: got %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestKeyDecoderWaitsForCutCharactersAndSequences(t *testing.T) {
	// A character split between two reads is one character, not two
	// replacement characters; an arrow split between reads is an arrow.
	keys := decodeAll([]byte("値"[:2]), []byte("値"[2:]+"\x1b"), []byte("[A"))
	if got := merged(keys); strings.Join(got, "|") != "値|\x1b[A" {
		t.Errorf("got %q", got)
	}
	var d keyDecoder
	d.feed([]byte("\x1b["))
	if k, ok := d.next(false); ok {
		t.Errorf("an incomplete sequence was handed out: %q", k)
	}
	if !d.pending() {
		t.Error("the incomplete sequence was not kept")
	}
	// A cut character waits even when no more input is expected now; the
	// next byte decides it.
	d = keyDecoder{}
	d.feed([]byte("a" + "値"[:2]))
	if k, _ := d.next(true); string(k) != "a" {
		t.Errorf("got %q, want the text before the cut character", k)
	}
	if k, ok := d.next(true); ok {
		t.Errorf("a cut character was handed out: %q", k)
	}
	d.feed([]byte("値"[2:]))
	if k, _ := d.next(true); string(k) != "値" {
		t.Errorf("got %q after the rest of the character", k)
	}
	d.feed([]byte("値"[:2] + "\r"))
	if k, _ := d.next(false); string(k) != "\uFFFD\uFFFD" { // one per invalid byte
		t.Errorf("got %q for a character cut by a control byte", k)
	}
}

// checkDecoding asserts the decoder's contract on one input cut at the
// given points: every key is valid, the keys do not depend on how the input
// was cut, and printable UTF-8 text comes through unchanged.
func checkDecoding(t *testing.T, in []byte, cuts []int) {
	t.Helper()
	whole := decodeAll(in)
	var chunks [][]byte
	prev := 0
	for _, c := range cuts {
		if c > prev && c < len(in) {
			chunks = append(chunks, in[prev:c])
			prev = c
		}
	}
	chunks = append(chunks, in[prev:])
	cut := decodeAll(chunks...)
	for _, k := range append(whole, cut...) {
		if !validKey(k) {
			t.Fatalf("input %q: invalid key %q", in, k)
		}
	}
	if a, b := merged(whole), merged(cut); strings.Join(a, "\x00") != strings.Join(b, "\x00") {
		t.Fatalf("input %q cut at %v:\nwhole %q\ncut   %q", in, cuts, a, b)
	}
	printable := utf8.Valid(in)
	for _, r := range string(in) {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) {
			printable = false
		}
	}
	if printable && len(in) > 0 {
		var text []byte
		for _, k := range cut {
			text = append(text, k...)
		}
		if !bytes.Equal(text, in) {
			t.Fatalf("printable input %q came out as %q", in, text)
		}
	}
}

func TestKeyDecoderRandomInput(t *testing.T) {
	pieces := []string{"\x1b", "[", "O", "A", "~", "1", ";", "\r", "\n", "\x03", "\x7f", "\xff", "\xe5", "\x80",
		"値", "é", "\u009b", "a", "SELECT ", "\x1b[200~", "\x1b[A", "\x1bOB", "\x1b[3~"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		var in []byte
		for j := r.Intn(30); j >= 0; j-- {
			if r.Intn(4) == 0 {
				in = append(in, byte(r.Intn(256)))
			} else {
				in = append(in, pieces[r.Intn(len(pieces))]...)
			}
		}
		cuts := []int{r.Intn(len(in) + 1), r.Intn(len(in) + 1), r.Intn(len(in) + 1)}
		if cuts[0] > cuts[1] {
			cuts[0], cuts[1] = cuts[1], cuts[0]
		}
		checkDecoding(t, in, cuts)
	}
}

func FuzzKeyDecoder(f *testing.F) {
	f.Add([]byte("SELECT * FROM t;\r"), 3, 9)
	f.Add([]byte("\x1b[A\x1b[1;5C\x1bOB\x1b[200~paste\x1b[201~"), 1, 5)
	f.Add([]byte("ϑΉӁװڜ\xff\xc3"), 2, 7)
	f.Fuzz(func(t *testing.T, in []byte, cut1, cut2 int) {
		if cut1 < 0 {
			cut1 = -cut1
		}
		if cut2 < 0 {
			cut2 = -cut2
		}
		checkDecoding(t, in, []int{min(cut1, cut2), max(cut1, cut2)})
	})
}
