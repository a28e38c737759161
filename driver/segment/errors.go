package segment

import "fmt"

// HeaderCRCError reports a segment header whose CRC24 does not match its
// contents. The stream cannot be resynchronised after it.
type HeaderCRCError struct {
	Got, Want uint32 // Got is read from the wire, Want is computed
}

func (e *HeaderCRCError) Error() string {
	return fmt.Sprintf("segment: header crc24 mismatch: read %06x, computed %06x", e.Got, e.Want)
}

// PayloadCRCError reports a segment payload whose CRC32 does not match.
type PayloadCRCError struct {
	Got, Want uint32 // Got is read from the wire, Want is computed
}

func (e *PayloadCRCError) Error() string {
	return fmt.Sprintf("segment: payload crc32 mismatch: read %08x, computed %08x", e.Got, e.Want)
}

// TruncatedError reports input shorter than the structure being parsed.
type TruncatedError struct {
	Need, Have int
}

func (e *TruncatedError) Error() string {
	return fmt.Sprintf("segment: truncated input: need %d bytes, have %d", e.Need, e.Have)
}

// MalformedError reports segments that are individually valid but do not
// carry frames the way the protocol requires.
type MalformedError struct {
	Reason string
}

func (e *MalformedError) Error() string { return "segment: malformed stream: " + e.Reason }

// FrameTooLargeError reports a frame whose header declares more bytes than
// the decoder accepts.
type FrameTooLargeError struct {
	Len int64 // total frame length, header included
	Max int
}

func (e *FrameTooLargeError) Error() string {
	return fmt.Sprintf("segment: frame of %d bytes exceeds limit of %d", e.Len, e.Max)
}

// DecompressError reports an lz4 segment payload that failed to decompress.
type DecompressError struct {
	Err error
}

func (e *DecompressError) Error() string { return "segment: " + e.Err.Error() }

func (e *DecompressError) Unwrap() error { return e.Err }
