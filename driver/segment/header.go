// Package segment implements the framing layer of CQL native protocol v5
// ("modern framing"). After the STARTUP/READY exchange every frame travels
// inside segments: a CRC24-protected header, a payload of at most
// MaxPayloadLen bytes (optionally LZ4-compressed) and a CRC32 trailer. A
// self-contained segment carries one or more whole frames; a frame too large
// for one segment is split over several segments that are not self-contained.
package segment

import "encoding/binary"

// Sizes of the segment layout.
const (
	// MaxPayloadLen is the largest payload one segment carries (2^17 - 1),
	// before or after compression.
	MaxPayloadLen = 1<<17 - 1
	// HeaderLenPlain is the header size of an uncompressed connection:
	// 3 bytes of length and flag plus a 3-byte CRC24.
	HeaderLenPlain = 6
	// HeaderLenLZ4 is the header size of an lz4 connection: 5 bytes of
	// lengths and flag plus a 3-byte CRC24.
	HeaderLenLZ4 = 8
	// TrailerLen is the size of the CRC32 that follows every payload.
	TrailerLen = 4
	// FrameHeaderLen is the size of a v5 frame header, whose last four bytes
	// hold the big-endian body length.
	FrameHeaderLen = 9
	// DefaultMaxFrameLen bounds a reassembled frame: the protocol's 256 MiB
	// body limit plus the frame header.
	DefaultMaxFrameLen = 256<<20 + FrameHeaderLen
)

const (
	lenMask         = 1<<17 - 1
	flagPlain       = 1 << 17
	flagLZ4         = 1 << 34
	uncompressedPos = 17
)

// Header describes one segment.
type Header struct {
	// PayloadLen is the number of payload bytes on the wire.
	PayloadLen int
	// UncompressedLen is, on an lz4 connection, the payload length after
	// decompression; 0 means the payload was sent uncompressed because it
	// did not shrink. It is always 0 on an uncompressed connection.
	UncompressedLen int
	// SelfContained is set when the payload holds only whole frames.
	SelfContained bool
}

// HeaderLen returns the header size for the connection's compression mode.
func HeaderLen(lz4 bool) int {
	if lz4 {
		return HeaderLenLZ4
	}
	return HeaderLenPlain
}

// Len returns the total wire size of the segment: header, payload, trailer.
func (h Header) Len(lz4 bool) int { return HeaderLen(lz4) + h.PayloadLen + TrailerLen }

// packed returns the header's little-endian integer form and its byte count.
// Lengths are masked to 17 bits; callers validate them beforehand.
func (h Header) packed(lz4 bool) (uint64, int) {
	v := uint64(h.PayloadLen) & lenMask
	if lz4 {
		v |= (uint64(h.UncompressedLen) & lenMask) << uncompressedPos
		if h.SelfContained {
			v |= flagLZ4
		}
		return v, 5
	}
	if h.SelfContained {
		v |= flagPlain
	}
	return v, 3
}

// AppendHeader appends the encoded header, CRC24 included, to dst. Lengths
// above MaxPayloadLen are truncated to 17 bits; AppendSegment never produces
// them.
func AppendHeader(dst []byte, h Header, lz4 bool) []byte {
	v, n := h.packed(lz4)
	for i := range n {
		dst = append(dst, byte(v>>(8*i)))
	}
	crc := CRC24(v, n)
	return append(dst, byte(crc), byte(crc>>8), byte(crc>>16))
}

// putHeader writes the header into b, which has HeaderLen(lz4) bytes.
func putHeader(b []byte, h Header, lz4 bool) {
	v, n := h.packed(lz4)
	for i := range n {
		b[i] = byte(v >> (8 * i))
	}
	crc := CRC24(v, n)
	b[n], b[n+1], b[n+2] = byte(crc), byte(crc>>8), byte(crc>>16)
}

// ParseHeader decodes and verifies the segment header at the start of b.
// It returns a *TruncatedError if b is too short and a *HeaderCRCError if the
// checksum does not match. Padding bits are ignored, as the server does.
func ParseHeader(b []byte, lz4 bool) (Header, error) {
	hl := HeaderLen(lz4)
	if len(b) < hl {
		return Header{}, &TruncatedError{Need: hl, Have: len(b)}
	}
	n := hl - 3
	var v uint64
	for i := range n {
		v |= uint64(b[i]) << (8 * i)
	}
	got := uint32(b[n]) | uint32(b[n+1])<<8 | uint32(b[n+2])<<16
	if want := CRC24(v, n); got != want {
		return Header{}, &HeaderCRCError{Got: got, Want: want}
	}
	h := Header{PayloadLen: int(v & lenMask)}
	if lz4 {
		h.UncompressedLen = int(v >> uncompressedPos & lenMask)
		h.SelfContained = v&flagLZ4 != 0
	} else {
		h.SelfContained = v&flagPlain != 0
	}
	return h, nil
}

// frameLen returns the total length of the v5 frame whose 9-byte header is
// hdr, checked against max.
func frameLen(hdr []byte, max int) (int, error) {
	body := int32(binary.BigEndian.Uint32(hdr[5:FrameHeaderLen]))
	if body < 0 {
		return 0, &MalformedError{Reason: "negative frame body length"}
	}
	total := int64(body) + FrameHeaderLen
	if total > int64(max) {
		return 0, &FrameTooLargeError{Len: total, Max: max}
	}
	return int(total), nil
}
