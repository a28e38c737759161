package segment

import (
	"encoding/binary"

	"github.com/gocqlsh/gocqlsh/driver/compress"
)

// retainLarge is the largest reassembly buffer kept for reuse between split
// frames.
const retainLarge = 4 << 20

// Decoder turns a byte stream of segments into complete v5 frames. Bytes are
// pushed with Feed and frames pulled with Next; see Reader for an io.Reader
// front end.
//
// A frame returned by Next aliases the Decoder's buffers and is valid only
// until the next call to Feed or Next. Errors are sticky: once the stream is
// found corrupt, every later call returns the same error, because segment
// boundaries can no longer be trusted. A Decoder is not safe for concurrent
// use.
type Decoder struct {
	lz4      bool
	maxFrame int

	in  []byte // raw input; in[off:] is not yet parsed
	off int

	seg        []byte // unread frames of the current self-contained segment
	segAliased bool   // seg points into in, which must not be compacted

	plain   []byte // decompression buffer for lz4 payloads
	large   []byte // frame being reassembled from non-self-contained segments
	inLarge bool

	err error
}

// NewDecoder returns a Decoder for a connection with (lz4) or without
// compression. maxFrameLen bounds a frame's total length (header included);
// 0 selects DefaultMaxFrameLen.
func NewDecoder(lz4 bool, maxFrameLen int) *Decoder {
	if maxFrameLen <= 0 {
		maxFrameLen = DefaultMaxFrameLen
	}
	return &Decoder{lz4: lz4, maxFrame: maxFrameLen}
}

// Feed appends received bytes to the decoder's input. It invalidates the
// frame last returned by Next. After an error it discards p.
func (d *Decoder) Feed(p []byte) {
	if d.err != nil {
		return
	}
	d.reserve(len(p))
	d.in = append(d.in, p...)
}

// Space returns free space at the end of the input (at least 64 KiB) for a
// reader that reads straight into the decoder; Commit then adds what was
// read. It invalidates the frame last returned by Next.
func (d *Decoder) Space() []byte {
	if d.off == len(d.in) && cap(d.in) > retainLarge && !(d.segAliased && len(d.seg) > 0) {
		d.in, d.off = nil, 0 // do not pin the memory of one huge read
	}
	d.reserve(readChunk)
	if cap(d.in)-len(d.in) < readChunk {
		grown := make([]byte, len(d.in), 2*cap(d.in)+readChunk)
		copy(grown, d.in)
		d.in = grown
	}
	return d.in[len(d.in):cap(d.in)]
}

// Commit adds the first n bytes of the last Space to the input.
func (d *Decoder) Commit(n int) { d.in = d.in[:len(d.in)+n] }

// reserve makes room for n more input bytes, discarding parsed input when no
// live slice points into it.
func (d *Decoder) reserve(n int) {
	if d.off == 0 || (d.segAliased && len(d.seg) > 0) {
		return
	}
	if d.off == len(d.in) {
		d.in, d.off = d.in[:0], 0
		return
	}
	if cap(d.in)-len(d.in) < n {
		m := copy(d.in, d.in[d.off:])
		d.in, d.off = d.in[:m], 0
	}
}

// Buffered returns the number of bytes received but not yet returned as
// frames. It is zero exactly when the stream ends on a frame boundary.
func (d *Decoder) Buffered() int {
	n := len(d.in) - d.off + len(d.seg)
	if d.inLarge {
		n += len(d.large)
	}
	return n
}

// Next returns the next complete frame. ok is false, with a nil error, when
// more input is needed.
func (d *Decoder) Next() (frame []byte, ok bool, err error) {
	if d.err != nil {
		return nil, false, d.err
	}
	frame, ok, err = d.next()
	if err != nil {
		d.err = err
		d.seg, d.inLarge = nil, false
	}
	return frame, ok, err
}

func (d *Decoder) next() ([]byte, bool, error) {
	for {
		if len(d.seg) > 0 {
			return d.nextInSegment()
		}
		d.segAliased = false
		h, payload, aliased, ok, err := d.readSegment()
		if err != nil || !ok {
			return nil, false, err
		}
		if h.SelfContained {
			if d.inLarge {
				return nil, false, &MalformedError{Reason: "self-contained segment inside a split frame"}
			}
			d.seg, d.segAliased = payload, aliased
			continue
		}
		if !d.inLarge {
			if cap(d.large) > retainLarge {
				d.large = nil // do not pin the memory of one huge frame
			}
			d.large, d.inLarge = d.large[:0], true
		}
		d.large = append(d.large, payload...)
		if len(d.large) < FrameHeaderLen {
			continue
		}
		n, err := frameLen(d.large, d.maxFrame)
		if err != nil {
			return nil, false, err
		}
		if len(d.large) > n {
			return nil, false, &MalformedError{Reason: "split frame followed by extra bytes in its last segment"}
		}
		if len(d.large) == n {
			d.inLarge = false
			return d.large, true, nil
		}
	}
}

// nextInSegment cuts the next whole frame from the current self-contained
// segment.
func (d *Decoder) nextInSegment() ([]byte, bool, error) {
	if len(d.seg) < FrameHeaderLen {
		return nil, false, &MalformedError{Reason: "partial frame header in self-contained segment"}
	}
	n, err := frameLen(d.seg, d.maxFrame)
	if err != nil {
		return nil, false, err
	}
	if n > len(d.seg) {
		return nil, false, &MalformedError{Reason: "frame crosses the end of a self-contained segment"}
	}
	f := d.seg[:n:n]
	d.seg = d.seg[n:]
	return f, true, nil
}

// readSegment parses, verifies and (if needed) decompresses the next segment
// in the input. ok is false when the input holds no complete segment yet.
// aliased reports that payload points into d.in.
func (d *Decoder) readSegment() (h Header, payload []byte, aliased, ok bool, err error) {
	avail := d.in[d.off:]
	hl := HeaderLen(d.lz4)
	if len(avail) < hl {
		return h, nil, false, false, nil
	}
	h, err = ParseHeader(avail, d.lz4)
	if err != nil {
		return h, nil, false, false, err
	}
	total := h.Len(d.lz4)
	if len(avail) < total {
		return h, nil, false, false, nil
	}
	payload = avail[hl : hl+h.PayloadLen : hl+h.PayloadLen]
	got := binary.LittleEndian.Uint32(avail[hl+h.PayloadLen:])
	if want := CRC32(payload); got != want {
		return h, nil, false, false, &PayloadCRCError{Got: got, Want: want}
	}
	d.off += total
	if d.lz4 && h.UncompressedLen > 0 {
		d.plain, err = compress.LZ4AppendDecompressBlock(d.plain[:0], payload, h.UncompressedLen)
		if err != nil {
			return h, nil, false, false, &DecompressError{Err: err}
		}
		return h, d.plain, false, true, nil
	}
	return h, payload, true, true, nil
}
