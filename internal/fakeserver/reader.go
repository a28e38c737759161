package fakeserver

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/gocqlsh/gocqlsh/driver/compress"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/segment"
)

// maxFrameLen bounds a request frame, header included.
const maxFrameLen = frame.HeaderLen + frame.MaxBodyLen

// readChunk is how much of a body is read (and allocated) at a time, so a
// hostile length costs memory only as the bytes actually arrive.
const readChunk = 64 << 10

// versionError is a frame of a protocol version the server refuses.
type versionError struct {
	version byte // raw header byte
	stream  int16
}

func (e *versionError) Error() string {
	return fmt.Sprintf("unsupported protocol version byte 0x%02x", e.version)
}

// frameReader reads request frames in the legacy framing, or in segments
// once modern is set, and returns each header with its body decompressed
// and copied.
type frameReader struct {
	br       *bufio.Reader
	versions []byte
	seg      *segment.Reader     // non-nil after the switch to v5 segments
	comp     compress.Compressor // v3/v4 body compression, nil when off
	hdr      [frame.HeaderLen]byte
}

// useSegments switches the reader to v5 segments.
func (r *frameReader) useSegments(lz4 bool) {
	r.seg = segment.NewReader(r.br, lz4, maxFrameLen)
}

func (r *frameReader) next() (frame.Header, []byte, error) {
	if r.seg != nil {
		raw, err := r.seg.ReadFrame()
		if err != nil {
			return frame.Header{}, nil, err
		}
		h, err := r.parse(raw)
		if err != nil {
			return h, nil, err
		}
		if int(h.Length) != len(raw)-frame.HeaderLen {
			return h, nil, fmt.Errorf("frame length %d does not match its %d body bytes", h.Length, len(raw)-frame.HeaderLen)
		}
		return h, slices.Clone(raw[frame.HeaderLen:]), nil
	}
	if _, err := io.ReadFull(r.br, r.hdr[:]); err != nil {
		return frame.Header{}, nil, err
	}
	h, err := r.parse(r.hdr[:])
	if err != nil {
		return h, nil, err
	}
	body, err := readN(r.br, int(h.Length))
	if err != nil {
		return h, nil, err
	}
	if h.Flags&frame.FlagCompression != 0 {
		if r.comp == nil {
			return h, nil, errors.New("compressed frame on a connection without compression")
		}
		if body, err = r.comp.AppendDecompress(nil, body); err != nil {
			return h, nil, err
		}
	}
	return h, body, nil
}

// parse checks the version before anything else, as the server answers an
// unknown version however broken the rest of the header is.
func (r *frameReader) parse(b []byte) (frame.Header, error) {
	if len(b) < frame.HeaderLen {
		return frame.Header{}, fmt.Errorf("frame of %d bytes is shorter than a header", len(b))
	}
	if b[0]&frame.ResponseBit != 0 {
		return frame.Header{}, fmt.Errorf("received a response frame (version byte 0x%02x)", b[0])
	}
	if !slices.Contains(r.versions, b[0]) {
		return frame.Header{}, &versionError{version: b[0], stream: int16(binary.BigEndian.Uint16(b[2:]))}
	}
	return frame.ParseHeader(b)
}

// readN reads exactly n bytes, growing the buffer as they arrive.
func readN(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, 0, min(n, readChunk))
	for len(buf) < n {
		k := min(n-len(buf), readChunk)
		buf = slices.Grow(buf, k)
		if _, err := io.ReadFull(r, buf[len(buf):len(buf)+k]); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		buf = buf[:len(buf)+k]
	}
	return buf, nil
}
