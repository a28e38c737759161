package frame

import "fmt"

const (
	// decoderChunk is the least free space Space offers to one read.
	decoderChunk = 64 << 10
	// decoderRetain is the largest buffer kept once it is empty again, so
	// one huge reply does not pin its memory for the connection's life.
	decoderRetain = 4 << 20
)

// Decoder cuts a byte stream into whole frames in the framing of protocol
// v3/v4 (and of v5 before the switch to segments). Bytes are pushed in
// (read straight into Space, then Commit) and frames pulled out with Next,
// so a reader can hand over whatever one read brought without blocking for
// the rest of a frame.
//
// A frame returned by Next aliases the decoder's buffer and is valid until
// the next call to Space. Errors are sticky: once a header is found
// corrupt, frame boundaries can no longer be trusted. A Decoder is not safe
// for concurrent use.
type Decoder struct {
	buf      []byte // buf[off:] is received and not yet returned
	off      int
	maxFrame int
	err      error
}

// NewDecoder returns a Decoder that refuses frames longer than maxFrameLen
// bytes, header included (0: the protocol's own limit).
func NewDecoder(maxFrameLen int) *Decoder {
	if maxFrameLen <= 0 {
		maxFrameLen = HeaderLen + MaxBodyLen
	}
	return &Decoder{maxFrame: maxFrameLen}
}

// Space returns free space at the end of the input to read into, at least
// 64 KiB. It moves unreturned bytes to the front of the buffer, or grows it,
// as needed: a buffer grows only with bytes that have arrived, so a header
// that merely claims a huge body does not allocate it.
func (d *Decoder) Space() []byte {
	if d.off == len(d.buf) {
		if cap(d.buf) > decoderRetain {
			d.buf = nil
		}
		d.buf, d.off = d.buf[:0], 0
	}
	if cap(d.buf)-len(d.buf) < decoderChunk && d.off > 0 {
		n := copy(d.buf, d.buf[d.off:])
		d.buf, d.off = d.buf[:n], 0
	}
	if cap(d.buf)-len(d.buf) < decoderChunk {
		grown := make([]byte, len(d.buf), 2*cap(d.buf)+decoderChunk)
		copy(grown, d.buf)
		d.buf = grown
	}
	return d.buf[len(d.buf):cap(d.buf)]
}

// Commit adds the first n bytes of the last Space to the input.
func (d *Decoder) Commit(n int) { d.buf = d.buf[:len(d.buf)+n] }

// Next returns the next whole frame, header included. ok is false, with a
// nil error, while the input holds no whole frame yet.
func (d *Decoder) Next() (frame []byte, ok bool, err error) {
	if d.err != nil {
		return nil, false, d.err
	}
	avail := d.buf[d.off:]
	if len(avail) < HeaderLen {
		return nil, false, nil
	}
	h, err := ParseHeader(avail)
	if err != nil {
		d.err = err
		return nil, false, err
	}
	n := HeaderLen + int(h.Length)
	if n > d.maxFrame {
		d.err = &DecodeError{Msg: fmt.Sprintf("frame of %d bytes exceeds the %d limit", n, d.maxFrame)}
		return nil, false, d.err
	}
	if len(avail) < n {
		return nil, false, nil
	}
	d.off += n
	return avail[:n:n], true, nil
}

// Buffered is the number of bytes received and not yet returned as frames:
// zero exactly when the input ends on a frame boundary.
func (d *Decoder) Buffered() int { return len(d.buf) - d.off }

// Rest returns the bytes received and not yet returned, for a reader that
// switches framing (v5 moves to segments after STARTUP).
func (d *Decoder) Rest() []byte { return d.buf[d.off:] }
