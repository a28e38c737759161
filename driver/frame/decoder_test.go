package frame

import (
	"bytes"
	"strings"
	"testing"
)

// feed pushes input into d in pieces of at most step bytes and collects the
// frames Next returns, stopping at the first error.
func feed(d *Decoder, input []byte, step int) ([][]byte, error) {
	var out [][]byte
	for {
		for {
			f, ok, err := d.Next()
			if err != nil {
				return out, err
			}
			if !ok {
				break
			}
			out = append(out, append([]byte(nil), f...))
		}
		if len(input) == 0 {
			return out, nil
		}
		n := copy(d.Space(), input[:min(step, len(input))])
		d.Commit(n)
		input = input[n:]
	}
}

func TestDecoder(t *testing.T) {
	ready := cat("84", "00", "0001", "02", "00000000")
	void := cat("84", "00", "0002", "08", "00000004", "00000001")
	big := append(cat("84", "00", "0003", "08", "00030000"), bytes.Repeat([]byte{7}, 0x30000)...)
	tests := []struct {
		name   string
		input  []byte
		max    int
		frames [][]byte
		rest   int    // bytes left over, not a whole frame
		err    string // part of the error, "" for none
	}{
		{name: "one frame", input: ready, frames: [][]byte{ready}},
		{name: "two frames in one read", input: cat(hexOf(ready), hexOf(void)), frames: [][]byte{ready, void}},
		{name: "partial header", input: ready[:5], rest: 5},
		{name: "partial body", input: void[:12], rest: 12},
		{name: "frame larger than a read", input: cat(hexOf(big), hexOf(ready)), frames: [][]byte{big, ready}},
		{name: "over the limit", input: void, max: 12, err: "exceeds the 12 limit"},
		{name: "bad version", input: cat("09", "00", "0001", "02", "00000000"), err: "version"},
		{name: "negative length", input: cat("84", "00", "0001", "02", "ffffffff"), err: "body length"},
		{name: "frame after a bad one is not returned", input: cat("09", "00", "0001", "02", "00000000", hexOf(ready)), err: "version"},
	}
	for _, tt := range tests {
		for _, step := range []int{1, 7, 1 << 20} {
			d := NewDecoder(tt.max)
			got, err := feed(d, tt.input, step)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("%s, step %d: error %v, want %q", tt.name, step, err, tt.err)
				continue
			}
			if len(got) != len(tt.frames) {
				t.Errorf("%s, step %d: %d frames, want %d", tt.name, step, len(got), len(tt.frames))
				continue
			}
			for i := range got {
				if !bytes.Equal(got[i], tt.frames[i]) {
					t.Errorf("%s, step %d: frame %d differs", tt.name, step, i)
				}
			}
			if err == nil && d.Buffered() != tt.rest {
				t.Errorf("%s, step %d: %d bytes buffered, want %d", tt.name, step, d.Buffered(), tt.rest)
			}
			if err != nil {
				if _, _, again := d.Next(); again == nil {
					t.Errorf("%s: the error is not sticky", tt.name)
				}
			}
		}
	}
}

// TestDecoderGrowsWithArrivals: a header that claims a huge body does not
// make the decoder allocate it before the bytes come.
func TestDecoderGrowsWithArrivals(t *testing.T) {
	d := NewDecoder(0)
	n := copy(d.Space(), cat("84", "00", "0001", "08", "0fffffff"))
	d.Commit(n)
	if _, ok, err := d.Next(); ok || err != nil {
		t.Fatalf("Next = %v, %v before the body", ok, err)
	}
	if c := cap(d.buf); c > 1<<20 {
		t.Errorf("buffer of %d bytes for 9 received", c)
	}
}

// TestDecoderReleasesHugeBuffer: once a huge frame is out and the input
// is empty, the decoder does not keep its buffer.
func TestDecoderReleasesHugeBuffer(t *testing.T) {
	const body = 8 << 20
	frame := append(cat("84", "00", "0001", "08", "00800000"), make([]byte, body)...)
	d := NewDecoder(0)
	if got, err := feed(d, frame, 1<<20); err != nil || len(got) != 1 {
		t.Fatalf("%d frames, %v", len(got), err)
	}
	d.Space()
	if c := cap(d.buf); c > decoderRetain {
		t.Errorf("kept a buffer of %d bytes", c)
	}
}

// FuzzDecoder: however the input is cut into reads, the decoder returns the
// same frames and the same error, and never a frame that is not whole.
func FuzzDecoder(f *testing.F) {
	f.Add(cat("84", "00", "0001", "02", "00000000", "84", "00", "0002", "08", "00000004", "00000001"), uint8(3))
	f.Add(cat("84", "00", "0001", "08", "0000000a", "0000"), uint8(1))
	f.Add(cat("05", "00", "7fff", "08", "ffffffff"), uint8(9))
	f.Add([]byte{0x84, 0}, uint8(0))
	f.Fuzz(func(t *testing.T, input []byte, step uint8) {
		whole, werr := feed(NewDecoder(1<<16), input, len(input)+1)
		cut, cerr := feed(NewDecoder(1<<16), input, int(step)+1)
		if (werr == nil) != (cerr == nil) || len(whole) != len(cut) {
			t.Fatalf("one read: %d frames, %v; reads of %d: %d frames, %v", len(whole), werr, int(step)+1, len(cut), cerr)
		}
		for i := range whole {
			if !bytes.Equal(whole[i], cut[i]) {
				t.Fatalf("frame %d differs", i)
			}
			h, err := ParseHeader(whole[i])
			if err != nil || int(h.Length)+HeaderLen != len(whole[i]) {
				t.Fatalf("frame %d: %v, length %d of %d", i, err, h.Length, len(whole[i]))
			}
		}
	})
}
