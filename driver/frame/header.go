package frame

import (
	"encoding/binary"
	"fmt"
)

// HeaderLen is the size of a frame header in protocol v3 and later.
const HeaderLen = 9

// MaxBodyLen is the largest body length the protocol allows (256 MiB).
const MaxBodyLen = 256 << 20

// Protocol versions this package speaks, and the direction bit that marks a
// response in the header's version byte.
const (
	MinVersion  byte = 3
	MaxVersion  byte = 5
	ResponseBit byte = 0x80
)

// Header flags (spec §2.2).
const (
	FlagCompression   byte = 0x01
	FlagTracing       byte = 0x02
	FlagCustomPayload byte = 0x04
	FlagWarning       byte = 0x08
	FlagUseBeta       byte = 0x10
)

// Header is a decoded frame header. Version is the raw byte, response bit
// included.
type Header struct {
	Version byte
	Flags   byte
	Stream  int16
	Opcode  Opcode
	Length  int32
}

// IsResponse reports whether the frame travels from server to client.
func (h Header) IsResponse() bool { return h.Version&ResponseBit != 0 }

// ProtoVersion is the protocol version without the direction bit.
func (h Header) ProtoVersion() byte { return h.Version &^ ResponseBit }

// AppendHeader appends the 9-byte encoding of h to dst.
func AppendHeader(dst []byte, h Header) []byte {
	dst = append(dst, h.Version, h.Flags)
	dst = binary.BigEndian.AppendUint16(dst, uint16(h.Stream))
	dst = append(dst, byte(h.Opcode))
	return binary.BigEndian.AppendUint32(dst, uint32(h.Length))
}

// ParseHeader decodes the header at the start of b. It rejects protocol
// versions outside 3..5 with *UnsupportedVersionError and body lengths that
// are negative or above MaxBodyLen with *DecodeError.
func ParseHeader(b []byte) (Header, error) {
	if len(b) < HeaderLen {
		return Header{}, &DecodeError{Msg: fmt.Sprintf("header needs %d bytes, have %d", HeaderLen, len(b))}
	}
	h := Header{
		Version: b[0],
		Flags:   b[1],
		Stream:  int16(binary.BigEndian.Uint16(b[2:])),
		Opcode:  Opcode(b[4]),
		Length:  int32(binary.BigEndian.Uint32(b[5:])),
	}
	if v := h.ProtoVersion(); v < MinVersion || v > MaxVersion {
		return h, &UnsupportedVersionError{Version: h.Version}
	}
	if h.Length < 0 || h.Length > MaxBodyLen {
		return h, &DecodeError{Msg: fmt.Sprintf("body length %d outside 0..%d", h.Length, MaxBodyLen)}
	}
	return h, nil
}

// Opcode identifies the message a frame carries (spec §2.4).
type Opcode byte

// Opcodes of protocol v3 to v5. 0x04 (CREDENTIALS) was removed in v2.
const (
	OpError         Opcode = 0x00
	OpStartup       Opcode = 0x01
	OpReady         Opcode = 0x02
	OpAuthenticate  Opcode = 0x03
	OpOptions       Opcode = 0x05
	OpSupported     Opcode = 0x06
	OpQuery         Opcode = 0x07
	OpResult        Opcode = 0x08
	OpPrepare       Opcode = 0x09
	OpExecute       Opcode = 0x0A
	OpRegister      Opcode = 0x0B
	OpEvent         Opcode = 0x0C
	OpBatch         Opcode = 0x0D
	OpAuthChallenge Opcode = 0x0E
	OpAuthResponse  Opcode = 0x0F
	OpAuthSuccess   Opcode = 0x10
)

// String returns the spec's upper-case name of the opcode.
func (o Opcode) String() string {
	switch o {
	case OpError:
		return "ERROR"
	case OpStartup:
		return "STARTUP"
	case OpReady:
		return "READY"
	case OpAuthenticate:
		return "AUTHENTICATE"
	case OpOptions:
		return "OPTIONS"
	case OpSupported:
		return "SUPPORTED"
	case OpQuery:
		return "QUERY"
	case OpResult:
		return "RESULT"
	case OpPrepare:
		return "PREPARE"
	case OpExecute:
		return "EXECUTE"
	case OpRegister:
		return "REGISTER"
	case OpEvent:
		return "EVENT"
	case OpBatch:
		return "BATCH"
	case OpAuthChallenge:
		return "AUTH_CHALLENGE"
	case OpAuthResponse:
		return "AUTH_RESPONSE"
	case OpAuthSuccess:
		return "AUTH_SUCCESS"
	}
	return fmt.Sprintf("Opcode(0x%02x)", byte(o))
}
