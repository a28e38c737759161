package fakeserver

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/compress"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/segment"
)

// Reader modes of FuzzFrameReader.
const (
	modeLegacy = iota
	modeLegacyLZ4
	modeLegacySnappy
	modeSegments
	modeSegmentsLZ4
	modeCount
)

func newFuzzReader(data []byte, mode uint8) *frameReader {
	r := &frameReader{br: bufio.NewReader(bytes.NewReader(data)), versions: []byte{3, 4, 5}}
	switch mode % modeCount {
	case modeLegacyLZ4:
		r.comp, _ = compress.New(compress.NameLZ4)
	case modeLegacySnappy:
		r.comp, _ = compress.New(compress.NameSnappy)
	case modeSegments:
		r.useSegments(false)
	case modeSegmentsLZ4:
		r.useSegments(true)
	}
	return r
}

// fuzzSeed encodes requests as a client would for mode.
func fuzzSeed(mode uint8, reqs ...frame.Message) []byte {
	var out []byte
	version := byte(4)
	if mode >= modeSegments {
		version = 5
	}
	var comp compress.Compressor
	switch mode {
	case modeLegacyLZ4:
		comp, _ = compress.New(compress.NameLZ4)
	case modeLegacySnappy:
		comp, _ = compress.New(compress.NameSnappy)
	}
	for i, m := range reqs {
		f := frame.AppendFrame(nil, version, 0, int16(i), m)
		if comp != nil {
			body, _ := comp.AppendCompress(nil, f[frame.HeaderLen:])
			f = frame.AppendHeader(f[:0], frame.Header{Version: version, Flags: frame.FlagCompression, Stream: int16(i), Opcode: m.Opcode(), Length: int32(len(body))})
			f = append(f, body...)
		}
		if mode >= modeSegments {
			f = segment.AppendFrames(nil, f, mode == modeSegmentsLZ4)
		}
		out = append(out, f...)
	}
	return out
}

// FuzzFrameReader feeds arbitrary client bytes to the server's read path: it
// must return frames or an error, never panic, and never allocate more than
// the bytes present justify.
func FuzzFrameReader(f *testing.F) {
	reqs := []frame.Message{
		&frame.Options{},
		&frame.Startup{Options: map[string]string{"CQL_VERSION": "3.0.0", "COMPRESSION": "lz4"}},
		&frame.Query{Statement: "SELECT release_version FROM system.local", Params: frame.QueryParams{Consistency: frame.One}},
		&frame.Execute{ID: []byte{1, 2, 3, 4}, Params: frame.QueryParams{Values: [][]byte{{1}, nil}}},
		&frame.Register{Events: []string{frame.EventSchemaChange}},
	}
	for mode := uint8(0); mode < modeCount; mode++ {
		f.Add(fuzzSeed(mode, reqs...), mode)
	}
	f.Add([]byte{0x04, 0, 0, 1, 0x07, 0x7f, 0xff, 0xff, 0xff}, uint8(modeLegacy))
	f.Add([]byte{0x84, 0, 0, 1, 0x07, 0, 0, 0, 0}, uint8(modeLegacy))
	f.Add([]byte{0x05, 0x01, 0, 1, 0x07, 0, 0, 0, 4, 0, 0, 0, 0}, uint8(modeLegacyLZ4))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		r := newFuzzReader(data, mode)
		for i := 0; i < 64; i++ {
			h, body, err := r.next()
			if err != nil {
				return
			}
			if h.Flags&frame.FlagCompression == 0 && mode%modeCount < modeSegments && len(body) != int(h.Length) {
				t.Fatalf("body of %d bytes for length %d", len(body), h.Length)
			}
			frame.DecodeRequest(h, body)
		}
	})
}
