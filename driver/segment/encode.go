package segment

import (
	"encoding/binary"

	"github.com/gocqlsh/gocqlsh/driver/compress"
)

// AppendSegment appends one segment carrying payload to dst. With lz4 the
// payload is compressed, and sent as is (uncompressed length 0) when
// compression does not make it smaller.
//
// A payload longer than MaxPayloadLen is a caller bug and panics; use
// AppendFrames or an Encoder to split large frames.
func AppendSegment(dst, payload []byte, selfContained, lz4 bool) []byte {
	return appendSegment(dst, payload, selfContained, lz4, compress.LZ4AppendBlock)
}

type blockFunc func(dst, src []byte) []byte

func appendSegment(dst, payload []byte, selfContained, lz4 bool, block blockFunc) []byte {
	if len(payload) > MaxPayloadLen {
		panic("segment: payload longer than MaxPayloadLen")
	}
	h := Header{PayloadLen: len(payload), SelfContained: selfContained}
	if !lz4 {
		dst = AppendHeader(dst, h, false)
		dst = append(dst, payload...)
		return binary.LittleEndian.AppendUint32(dst, CRC32(payload))
	}
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0, 0, 0, 0, 0) // header placeholder
	body := len(dst)
	if len(payload) > 0 {
		dst = block(dst, payload)
	}
	if n := len(dst) - body; n > 0 && n < len(payload) {
		h.PayloadLen, h.UncompressedLen = n, len(payload)
	} else {
		dst = append(dst[:body], payload...)
	}
	putHeader(dst[start:body], h, true)
	return binary.LittleEndian.AppendUint32(dst, CRC32(dst[body:]))
}

// AppendFrames appends the segments carrying one complete frame to dst: a
// single self-contained segment when the frame fits in MaxPayloadLen bytes,
// otherwise consecutive segments of at most MaxPayloadLen bytes that are not
// self-contained.
func AppendFrames(dst, frame []byte, lz4 bool) []byte {
	return appendFrame(dst, frame, lz4, compress.LZ4AppendBlock)
}

func appendFrame(dst, frame []byte, lz4 bool, block blockFunc) []byte {
	if len(frame) <= MaxPayloadLen {
		return appendSegment(dst, frame, true, lz4, block)
	}
	for len(frame) > 0 {
		n := min(len(frame), MaxPayloadLen)
		dst = appendSegment(dst, frame[:n], false, lz4, block)
		frame = frame[n:]
	}
	return dst
}

// Encoder turns a sequence of complete frames into segments, packing
// consecutive small frames into one self-contained segment (up to
// MaxPayloadLen bytes) so that many queued requests cost one header, one
// checksum and one compression pass. Frames too large for a segment are split.
//
// Frame order is preserved. An Encoder reuses its buffers and compression
// state and is not safe for concurrent use; the zero value is not usable, call
// NewEncoder.
type Encoder struct {
	lz4     bool
	pending []byte // whole frames waiting for the current segment
	block   *compress.BlockCompressor
}

// NewEncoder returns an Encoder for a connection with (lz4) or without
// compression.
func NewEncoder(lz4 bool) *Encoder {
	e := &Encoder{lz4: lz4}
	if lz4 {
		e.block = new(compress.BlockCompressor)
	}
	return e
}

func (e *Encoder) appendBlock(dst, src []byte) []byte { return e.block.AppendBlock(dst, src) }

// AppendFrame queues frame, a complete v5 frame, and appends to dst any
// segments that became complete. The frame's bytes are copied (or written to
// dst), so the caller may reuse frame afterwards. Call Flush to emit the
// segment still being filled.
func (e *Encoder) AppendFrame(dst, frame []byte) []byte {
	if len(frame) > MaxPayloadLen {
		dst = e.Flush(dst)
		return appendFrame(dst, frame, e.lz4, e.appendBlock)
	}
	if len(e.pending)+len(frame) > MaxPayloadLen {
		dst = e.Flush(dst)
	}
	e.pending = append(e.pending, frame...)
	return dst
}

// Flush appends the pending self-contained segment, if any, to dst.
func (e *Encoder) Flush(dst []byte) []byte {
	if len(e.pending) == 0 {
		return dst
	}
	dst = appendSegment(dst, e.pending, true, e.lz4, e.appendBlock)
	e.pending = e.pending[:0]
	return dst
}

// Buffered returns the number of frame bytes waiting for Flush.
func (e *Encoder) Buffered() int { return len(e.pending) }

// Reset discards pending frames.
func (e *Encoder) Reset() { e.pending = e.pending[:0] }
