package segment

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
)

// rawSegment builds a segment with an arbitrary header, bypassing encoder
// checks, so malformed streams can be described.
func rawSegment(h Header, payload []byte, lz4 bool) []byte {
	b := AppendHeader(nil, h, lz4)
	b = append(b, payload...)
	return binary.LittleEndian.AppendUint32(b, CRC32(payload))
}

func TestDecodeErrors(t *testing.T) {
	frame := makeFrame(1, []byte("body"))
	big := makeFrame(2, make([]byte, 200000))
	split := AppendFrames(nil, big, false)
	firstSplit := split[:HeaderLenPlain+MaxPayloadLen+TrailerLen]
	sc := func(p []byte) []byte { return rawSegment(Header{PayloadLen: len(p), SelfContained: true}, p, false) }
	part := func(p []byte) []byte { return rawSegment(Header{PayloadLen: len(p)}, p, false) }

	badPayloadCRC := sc(frame)
	badPayloadCRC[len(badPayloadCRC)-1] ^= 0x80
	badHeaderCRC := sc(frame)
	badHeaderCRC[4] ^= 1
	flipped := sc(frame)
	flipped[HeaderLenPlain+2] ^= 0xff
	negative := makeFrame(1, nil)
	negative[5] = 0x80
	garbageLZ4 := rawSegment(Header{PayloadLen: 3, UncompressedLen: 100, SelfContained: true}, []byte{0xff, 0xff, 0xff}, true)

	var target struct {
		hdr   *HeaderCRCError
		pay   *PayloadCRCError
		mal   *MalformedError
		large *FrameTooLargeError
		dec   *DecompressError
	}
	tests := []struct {
		name     string
		stream   []byte
		lz4      bool
		maxFrame int
		as       any
	}{
		{"payload crc", badPayloadCRC, false, 0, &target.pay},
		{"payload byte flipped", flipped, false, 0, &target.pay},
		{"header crc", badHeaderCRC, false, 0, &target.hdr},
		{"plain header parsed as lz4", sc(frame), true, 0, &target.hdr},
		{"partial frame header", sc(frame[:5]), false, 0, &target.mal},
		{"frame crosses segment end", sc(frame[:len(frame)-1]), false, 0, &target.mal},
		{"trailing bytes after frame", sc(append(append([]byte{}, frame...), 1, 2)), false, 0, &target.mal},
		{"negative body length", sc(negative), false, 0, &target.mal},
		{"frame too large", sc(frame), false, len(frame) - 1, &target.large},
		{"split frame too large", split, false, len(big) - 1, &target.large},
		{"self-contained inside split", append(append([]byte{}, firstSplit...), sc(frame)...), false, 0, &target.mal},
		{"split with extra bytes", append(part(frame[:6]), part(append(frame[6:], 9))...), false, 0, &target.mal},
		{"lz4 garbage payload", garbageLZ4, true, 0, &target.dec},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, chunk := range []int{0, 3} {
				_, err := decodeAll(tt.stream, tt.lz4, tt.maxFrame, chunk)
				if err == nil || !errors.As(err, tt.as) {
					t.Fatalf("chunk %d: error %v (%T), want %T", chunk, err, err, tt.as)
				}
			}
			// Errors are sticky.
			d := NewDecoder(tt.lz4, tt.maxFrame)
			d.Feed(tt.stream)
			var first error
			for first == nil {
				_, ok, err := d.Next()
				if !ok && err == nil {
					t.Fatal("decoder wants more input instead of failing")
				}
				first = err
			}
			d.Feed(sc(frame))
			if _, _, err := d.Next(); err != first {
				t.Errorf("error not sticky: %v then %v", first, err)
			}
		})
	}
}

func TestSplitFrameAcrossSmallSegments(t *testing.T) {
	// Splits smaller than the maximum, even inside the 9-byte header, are
	// reassembled.
	frame := makeFrame(7, textBody(50))
	var stream []byte
	for _, cut := range [][2]int{{0, 4}, {4, 10}, {10, 59}} {
		p := frame[cut[0]:cut[1]]
		stream = append(stream, rawSegment(Header{PayloadLen: len(p)}, p, false)...)
	}
	got, err := decodeAll(stream, false, 0, 0)
	if err != nil || len(got) != 1 || !bytes.Equal(got[0], frame) {
		t.Fatalf("got %d frames, %v", len(got), err)
	}
}

func TestEmptySelfContainedSegment(t *testing.T) {
	frame := makeFrame(1, nil)
	stream := append(AppendSegment(nil, nil, true, false), AppendSegment(nil, frame, true, false)...)
	got, err := decodeAll(stream, false, 0, 0)
	if err != nil || len(got) != 1 || !bytes.Equal(got[0], frame) {
		t.Fatalf("got %d frames, %v", len(got), err)
	}
}

func TestReaderTruncated(t *testing.T) {
	frame := makeFrame(1, textBody(300))
	big := makeFrame(2, randomBody(200000, 5))
	for _, lz4 := range []bool{false, true} {
		tests := []struct {
			name   string
			stream []byte
		}{
			{"inside header", AppendFrames(nil, frame, lz4)[:3]},
			{"inside payload", AppendFrames(nil, frame, lz4)[:20]},
			{"missing trailer byte", func() []byte { s := AppendFrames(nil, frame, lz4); return s[:len(s)-1] }()},
			{"between split segments", func() []byte {
				s := AppendFrames(nil, big, lz4)
				h, _ := ParseHeader(s, lz4)
				return s[:h.Len(lz4)]
			}()},
		}
		for _, tt := range tests {
			r := NewReader(bytes.NewReader(tt.stream), lz4, 0)
			if _, err := r.ReadFrame(); err != io.ErrUnexpectedEOF {
				t.Errorf("lz4=%v %s: error %v, want io.ErrUnexpectedEOF", lz4, tt.name, err)
			}
		}
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestReaderErrors(t *testing.T) {
	boom := errors.New("boom")
	if _, err := NewReader(errReader{boom}, false, 0).ReadFrame(); err != boom {
		t.Errorf("error %v, want boom", err)
	}
	if _, err := NewReader(zeroReader{}, false, 0).ReadFrame(); err != io.ErrNoProgress {
		t.Errorf("error %v, want io.ErrNoProgress", err)
	}
	// A frame delivered together with an error is still returned first.
	frame := makeFrame(1, []byte("x"))
	r := NewReader(io.MultiReader(bytes.NewReader(AppendFrames(nil, frame, false)), errReader{boom}), false, 0)
	if f, err := r.ReadFrame(); err != nil || !bytes.Equal(f, frame) {
		t.Fatalf("ReadFrame = %x, %v", f, err)
	}
	if _, err := r.ReadFrame(); err != boom {
		t.Errorf("error %v, want boom", err)
	}
}

func TestFrameValidUntilNextCall(t *testing.T) {
	// Frames from one self-contained segment stay intact while more input
	// is fed, since the decoder never compacts under a live segment.
	enc := NewEncoder(false)
	var stream []byte
	var frames [][]byte
	for i := range 20 {
		f := makeFrame(i, textBody(100+i))
		frames = append(frames, f)
		stream = enc.AppendFrame(stream, f)
	}
	stream = enc.Flush(stream)
	d := NewDecoder(false, 0)
	d.Feed(stream)
	for i := range frames {
		f, ok, err := d.Next()
		if err != nil || !ok || !bytes.Equal(f, frames[i]) {
			t.Fatalf("frame %d: ok=%v err=%v", i, ok, err)
		}
		d.Feed(AppendFrames(nil, frames[0], false)) // more input arrives
	}
	for range frames {
		if f, ok, err := d.Next(); err != nil || !ok || !bytes.Equal(f, frames[0]) {
			t.Fatalf("queued frame: ok=%v err=%v", ok, err)
		}
	}
	if d.Buffered() != 0 {
		t.Fatalf("Buffered = %d after draining", d.Buffered())
	}
}
