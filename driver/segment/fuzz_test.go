package segment

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzSegmentDecode feeds arbitrary bytes to the decoder in both modes and
// checks that it never panics, that every frame it yields is well formed and
// that the result does not depend on how the input is chunked.
func FuzzSegmentDecode(f *testing.F) {
	small := makeFrame(1, []byte("SELECT * FROM system.local"))
	for _, lz4 := range []bool{false, true} {
		enc := NewEncoder(lz4)
		var packed []byte
		for i := range 5 {
			packed = enc.AppendFrame(packed, makeFrame(i, textBody(40*i)))
		}
		packed = enc.Flush(packed)
		f.Add(AppendFrames(nil, small, lz4), lz4, byte(0))
		f.Add(packed, lz4, byte(3))
	}
	f.Add(AppendFrames(nil, makeFrame(9, textBody(140000)), true), true, byte(1))
	f.Add([]byte{0x01, 0x00, 0x02, 0x72, 0x56, 0xac, 0x01, 0x0b, 0x2b, 0x9b, 0xba}, false, byte(0))
	f.Add([]byte{0x02, 0x00, 0x02, 0x00, 0x04, 0x7a, 0x06, 0x9a, 0x10, 0x01, 0xa8, 0xbe, 0xb4, 0x61}, true, byte(0))

	const maxFrame = 1 << 20
	f.Fuzz(func(t *testing.T, data []byte, lz4 bool, chunk byte) {
		whole, errWhole := decodeAll(data, lz4, maxFrame, 0)
		parts, errParts := decodeAll(data, lz4, maxFrame, int(chunk%16)+1)
		for _, fr := range whole {
			if len(fr) < FrameHeaderLen {
				t.Fatalf("frame shorter than its header: %d", len(fr))
			}
			if n, err := frameLen(fr, maxFrame); err != nil || n != len(fr) {
				t.Fatalf("frame length %d disagrees with header (%d, %v)", len(fr), n, err)
			}
		}
		if !equalFrames(whole, parts) || (errWhole == nil) != (errParts == nil) {
			t.Fatalf("chunking changed the result: %d/%v vs %d/%v", len(whole), errWhole, len(parts), errParts)
		}
		// The io.Reader front end agrees with the push decoder.
		r := NewReader(bytes.NewReader(data), lz4, maxFrame)
		var read [][]byte
		var err error
		for {
			var fr []byte
			if fr, err = r.ReadFrame(); err != nil {
				break
			}
			read = append(read, append([]byte(nil), fr...))
		}
		if !equalFrames(whole, read) {
			t.Fatalf("reader yielded %d frames, decoder %d", len(read), len(whole))
		}
		if errWhole != nil && !errors.Is(err, errWhole) && err.Error() != errWhole.Error() {
			t.Fatalf("reader error %v, decoder error %v", err, errWhole)
		}
		if errWhole == nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			t.Fatalf("reader error %v on input the decoder accepted", err)
		}
	})
}

// FuzzSegmentPayloads builds segments with valid checksums around fuzzed
// payloads, so the frame layer (packing, splitting, lz4 decompression) is
// exercised past the CRC checks that guard it in FuzzSegmentDecode. Each
// record of data is: a flag byte (bit 0 self-contained, bit 1 claim lz4
// compression), a length byte, then that many payload bytes.
func FuzzSegmentPayloads(f *testing.F) {
	frame := makeFrame(1, []byte("abc"))
	f.Add(append([]byte{1, byte(len(frame))}, frame...), false)
	f.Add(append([]byte{0, 5}, append(frame[:5], append([]byte{0, byte(len(frame) - 5)}, frame[5:]...)...)...), true)
	block := []byte{0x10, 0x01}
	f.Add(append([]byte{3, byte(len(block))}, block...), true)

	f.Fuzz(func(t *testing.T, data []byte, lz4 bool) {
		var stream []byte
		for len(data) >= 2 {
			flags, n := data[0], int(data[1])
			data = data[2:]
			n = min(n, len(data))
			payload := data[:n]
			data = data[n:]
			h := Header{PayloadLen: n, SelfContained: flags&1 != 0}
			if lz4 && flags&2 != 0 {
				h.UncompressedLen = int(flags>>2) * 9
			}
			stream = append(stream, rawSegment(h, payload, lz4)...)
		}
		whole, errWhole := decodeAll(stream, lz4, 1<<16, 0)
		parts, errParts := decodeAll(stream, lz4, 1<<16, 5)
		if !equalFrames(whole, parts) || (errWhole == nil) != (errParts == nil) {
			t.Fatalf("chunking changed the result: %v vs %v", errWhole, errParts)
		}
		for _, fr := range whole {
			if n, err := frameLen(fr, 1<<16); err != nil || n != len(fr) {
				t.Fatalf("malformed frame of %d bytes returned", len(fr))
			}
		}
	})
}
