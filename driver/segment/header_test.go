package segment

import (
	"bytes"
	"errors"
	"testing"
)

func TestHeaderVectors(t *testing.T) {
	// Wire bytes as produced by the DataStax drivers for the same headers.
	tests := []struct {
		name string
		lz4  bool
		h    Header
		wire []byte
	}{
		{"plain 1 self-contained", false, Header{PayloadLen: 1, SelfContained: true}, []byte{0x01, 0x00, 0x02, 0x72, 0x56, 0xac}},
		{"plain 1 split", false, Header{PayloadLen: 1}, []byte{0x01, 0x00, 0x00, 0x6f, 0x87, 0x15}},
		{"plain 5 self-contained", false, Header{PayloadLen: 5, SelfContained: true}, []byte{0x05, 0x00, 0x02, 0x19, 0x99, 0x9a}},
		{"plain 10 self-contained", false, Header{PayloadLen: 10, SelfContained: true}, []byte{0x0a, 0x00, 0x02, 0x8c, 0x68, 0x79}},
		{"plain max", false, Header{PayloadLen: MaxPayloadLen, SelfContained: true}, []byte{0xff, 0xff, 0x03, 0x25, 0x40, 0x47}},
		{"lz4 2->1 self-contained", true, Header{PayloadLen: 2, UncompressedLen: 1, SelfContained: true}, []byte{0x02, 0x00, 0x02, 0x00, 0x04, 0x7a, 0x06, 0x9a}},
		{"lz4 2->1 split", true, Header{PayloadLen: 2, UncompressedLen: 1}, []byte{0x02, 0x00, 0x02, 0x00, 0x00, 0x4b, 0xeb, 0x7e}},
		{"lz4 raw 11", true, Header{PayloadLen: 11, SelfContained: true}, []byte{0x0b, 0x00, 0x00, 0x00, 0x04, 0xb3, 0x3f, 0x91}},
		{"lz4 5->12 split", true, Header{PayloadLen: 5, UncompressedLen: 12}, []byte{0x05, 0x00, 0x18, 0x00, 0x00, 0xaf, 0xe5, 0xdc}},
		{"lz4 50000->max", true, Header{PayloadLen: 50000, UncompressedLen: MaxPayloadLen, SelfContained: true}, []byte{0x50, 0xc3, 0xfe, 0xff, 0x07, 0xb4, 0x72, 0xaf}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AppendHeader([]byte{0xee}, tt.h, tt.lz4)
			if !bytes.Equal(got[1:], tt.wire) || got[0] != 0xee {
				t.Errorf("AppendHeader = % x, want % x", got[1:], tt.wire)
			}
			h, err := ParseHeader(append(append([]byte{}, tt.wire...), 0xaa, 0xbb), tt.lz4)
			if err != nil {
				t.Fatal(err)
			}
			if h != tt.h {
				t.Errorf("ParseHeader = %+v, want %+v", h, tt.h)
			}
			put := make([]byte, HeaderLen(tt.lz4))
			putHeader(put, tt.h, tt.lz4)
			if !bytes.Equal(put, tt.wire) {
				t.Errorf("putHeader = % x, want % x", put, tt.wire)
			}
		})
	}
}

func TestHeaderRoundTrip(t *testing.T) {
	for _, lz4 := range []bool{false, true} {
		for _, n := range []int{0, 1, 255, 256, 65535, 65536, 100000, MaxPayloadLen} {
			for _, sc := range []bool{false, true} {
				h := Header{PayloadLen: n, SelfContained: sc}
				if lz4 {
					h.UncompressedLen = MaxPayloadLen - n
				}
				b := AppendHeader(nil, h, lz4)
				if len(b) != HeaderLen(lz4) {
					t.Fatalf("header length %d, want %d", len(b), HeaderLen(lz4))
				}
				got, err := ParseHeader(b, lz4)
				if err != nil || got != h {
					t.Errorf("lz4=%v %+v: got %+v, %v", lz4, h, got, err)
				}
			}
		}
	}
}

func TestHeaderErrors(t *testing.T) {
	for _, lz4 := range []bool{false, true} {
		good := AppendHeader(nil, Header{PayloadLen: 1234, UncompressedLen: 99, SelfContained: true}, lz4)
		for i := range len(good) - 1 {
			var te *TruncatedError
			if _, err := ParseHeader(good[:i], lz4); !errors.As(err, &te) || te.Need != len(good) || te.Have != i {
				t.Errorf("lz4=%v: %d bytes: error %v, want TruncatedError", lz4, i, err)
			}
		}
		// Every single-bit error in header or checksum must be caught.
		for bit := range 8 * len(good) {
			b := append([]byte(nil), good...)
			b[bit/8] ^= 1 << (bit % 8)
			var ce *HeaderCRCError
			if _, err := ParseHeader(b, lz4); !errors.As(err, &ce) {
				t.Errorf("lz4=%v: flipped bit %d: error %v, want HeaderCRCError", lz4, bit, err)
			}
		}
	}
}
