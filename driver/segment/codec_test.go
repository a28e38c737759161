package segment

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestAppendSegmentVectors(t *testing.T) {
	tests := []struct {
		name    string
		payload []byte
		sc, lz4 bool
		want    []byte
	}{
		{"plain one byte", []byte{1}, true, false,
			[]byte{0x01, 0x00, 0x02, 0x72, 0x56, 0xac, 0x01, 0x0b, 0x2b, 0x9b, 0xba}},
		{"plain 0..9", []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, true, false,
			[]byte{0x0a, 0x00, 0x02, 0x8c, 0x68, 0x79, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xa8, 0x32, 0xfa, 0xdf}},
		// LZ4 would grow these payloads, so they travel raw with an
		// uncompressed length of 0.
		{"lz4 one byte raw", []byte{'b'}, true, true,
			binary.LittleEndian.AppendUint32(append(AppendHeader(nil, Header{PayloadLen: 1, SelfContained: true}, true), 'b'), CRC32([]byte{'b'}))},
		{"lz4 empty", nil, false, true,
			binary.LittleEndian.AppendUint32(AppendHeader(nil, Header{}, true), CRC32(nil))},
	}
	for _, tt := range tests {
		got := AppendSegment([]byte{0xcc}, tt.payload, tt.sc, tt.lz4)
		if got[0] != 0xcc || !bytes.Equal(got[1:], tt.want) {
			t.Errorf("%s: got % x, want % x", tt.name, got[1:], tt.want)
		}
	}
}

// The Java driver's vector for a compressed 1-byte payload: LZ4 block 10 01.
func TestDecodeCompressedVector(t *testing.T) {
	wire := []byte{0x02, 0x00, 0x02, 0x00, 0x04, 0x7a, 0x06, 0x9a, 0x10, 0x01, 0xa8, 0xbe, 0xb4, 0x61}
	h, err := ParseHeader(wire, true)
	if err != nil {
		t.Fatal(err)
	}
	payload := wire[HeaderLenLZ4 : HeaderLenLZ4+h.PayloadLen]
	if got := binary.LittleEndian.Uint32(wire[HeaderLenLZ4+h.PayloadLen:]); got != CRC32(payload) {
		t.Fatalf("payload crc %#x, computed %#x", got, CRC32(payload))
	}
	if h.Len(true) != len(wire) || h.UncompressedLen != 1 {
		t.Fatalf("header %+v", h)
	}
}

func TestAppendSegmentLZ4Compresses(t *testing.T) {
	payload := makeFrame(1, textBody(5000))
	seg := AppendSegment(nil, payload, true, true)
	h, err := ParseHeader(seg, true)
	if err != nil {
		t.Fatal(err)
	}
	if h.UncompressedLen != len(payload) || h.PayloadLen >= len(payload)/2 || len(seg) != h.Len(true) {
		t.Fatalf("header %+v for %d-byte payload, segment %d bytes", h, len(payload), len(seg))
	}
	random := makeFrame(1, randomBody(5000, 3))
	h, _ = ParseHeader(AppendSegment(nil, random, true, true), true)
	if h.UncompressedLen != 0 || h.PayloadLen != len(random) {
		t.Fatalf("incompressible payload: header %+v", h)
	}
}

func TestAppendSegmentTooLargePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for oversized payload")
		}
	}()
	AppendSegment(nil, make([]byte, MaxPayloadLen+1), true, false)
}

func TestRoundTrip(t *testing.T) {
	small := makeFrame(1, []byte("hello"))
	exact := makeFrame(2, textBody(MaxPayloadLen-FrameHeaderLen))
	mib := makeFrame(3, randomBody(1<<20, 9))
	mibText := makeFrame(4, textBody(1<<20))
	var many [][]byte
	for i := range 300 {
		many = append(many, makeFrame(i, textBody(i*7)))
	}
	tests := []struct {
		name     string
		frames   [][]byte
		segments int // expected segment count when packed by an Encoder (-1: skip)
	}{
		{"one small", [][]byte{small}, 1},
		{"exactly max payload", [][]byte{exact}, 1},
		{"1 MiB random", [][]byte{mib}, 9},
		{"1 MiB text", [][]byte{mibText}, 9},
		{"many small", many, -1},
		{"mixed", [][]byte{small, mib, small, small, exact, mibText, small}, 1 + 9 + 1 + 1 + 9 + 1},
	}
	for _, tt := range tests {
		for _, lz4 := range []bool{false, true} {
			name := tt.name + map[bool]string{false: "/plain", true: "/lz4"}[lz4]
			t.Run(name, func(t *testing.T) {
				// Encoder packing.
				enc := NewEncoder(lz4)
				var stream []byte
				for _, f := range tt.frames {
					stream = enc.AppendFrame(stream, f)
				}
				stream = enc.Flush(stream)
				if enc.Buffered() != 0 {
					t.Fatal("bytes left after Flush")
				}
				if tt.segments >= 0 {
					if n := countSegments(t, stream, lz4); n != tt.segments {
						t.Errorf("encoder produced %d segments, want %d", n, tt.segments)
					}
				}
				checkDecode(t, stream, lz4, tt.frames)

				// One segment set per frame.
				var single []byte
				for _, f := range tt.frames {
					single = AppendFrames(single, f, lz4)
				}
				checkDecode(t, single, lz4, tt.frames)
			})
		}
	}
}

func TestEncoderPacking(t *testing.T) {
	enc := NewEncoder(false)
	var stream []byte
	f := makeFrame(0, make([]byte, 991)) // 1000 bytes
	for range 131 {
		stream = enc.AppendFrame(stream, f)
	}
	if len(stream) != 0 || enc.Buffered() != 131000 {
		t.Fatalf("segments emitted early: %d bytes out, %d buffered", len(stream), enc.Buffered())
	}
	stream = enc.AppendFrame(stream, f) // would exceed MaxPayloadLen
	if h, err := ParseHeader(stream, false); err != nil || h.PayloadLen != 131000 || !h.SelfContained {
		t.Fatalf("first segment %+v, %v", h, err)
	}
	if enc.Buffered() != 1000 {
		t.Fatalf("buffered %d, want 1000", enc.Buffered())
	}
	enc.Reset()
	if enc.Flush(nil) != nil {
		t.Fatal("Flush after Reset emitted data")
	}
}

func countSegments(t *testing.T, b []byte, lz4 bool) int {
	t.Helper()
	n := 0
	for len(b) > 0 {
		h, err := ParseHeader(b, lz4)
		if err != nil {
			t.Fatal(err)
		}
		if h.PayloadLen > MaxPayloadLen || h.UncompressedLen > MaxPayloadLen {
			t.Fatalf("oversized segment %+v", h)
		}
		b = b[h.Len(lz4):]
		n++
	}
	return n
}

func checkDecode(t *testing.T, stream []byte, lz4 bool, want [][]byte) {
	t.Helper()
	for _, chunk := range []int{0, 1, 7, 4096} {
		if chunk == 1 && len(stream) > 300000 {
			continue
		}
		got, err := decodeAll(stream, lz4, 0, chunk)
		if err != nil {
			t.Fatalf("chunk %d: %v", chunk, err)
		}
		if !equalFrames(got, want) {
			t.Fatalf("chunk %d: decoded %d frames, want %d (or contents differ)", chunk, len(got), len(want))
		}
	}
	readers := map[string]io.Reader{
		"whole":   bytes.NewReader(stream),
		"onebyte": iotest.OneByteReader(bytes.NewReader(stream)),
		"half":    iotest.HalfReader(bytes.NewReader(stream)),
		"dataerr": iotest.DataErrReader(bytes.NewReader(stream)),
		"empty":   bytes.NewReader(nil),
	}
	for name, rd := range readers {
		if name == "onebyte" && len(stream) > 300000 {
			continue
		}
		r := NewReader(rd, lz4, 0)
		var got [][]byte
		var err error
		for {
			var f []byte
			if f, err = r.ReadFrame(); err != nil {
				break
			}
			got = append(got, append([]byte(nil), f...))
		}
		if name == "empty" {
			if !errors.Is(err, io.EOF) || len(got) != 0 {
				t.Errorf("empty reader: %d frames, %v", len(got), err)
			}
			continue
		}
		if err != io.EOF {
			t.Fatalf("reader %s: error %v, want io.EOF", name, err)
		}
		if !equalFrames(got, want) {
			t.Fatalf("reader %s: decoded %d frames, want %d", name, len(got), len(want))
		}
	}
}

func equalFrames(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
