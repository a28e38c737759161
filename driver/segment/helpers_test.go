package segment

import (
	"encoding/binary"
	"math/rand/v2"
)

// makeFrame builds a v5 QUERY-like frame with the given stream id and body.
func makeFrame(stream int, body []byte) []byte {
	f := []byte{0x05, 0x00, byte(stream >> 8), byte(stream), 0x07}
	f = binary.BigEndian.AppendUint32(f, uint32(len(body)))
	return append(f, body...)
}

func randomBody(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, ^seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func textBody(n int) []byte {
	b := make([]byte, 0, n+64)
	for len(b) < n {
		b = append(b, "SELECT key, value FROM ks.tbl WHERE key = 'k';"...)
	}
	return b[:n]
}

// decodeAll feeds data in chunks of chunk bytes (all at once when chunk <= 0)
// and collects copies of every frame until the decoder needs more input or
// fails.
func decodeAll(data []byte, lz4 bool, maxFrame, chunk int) ([][]byte, error) {
	d := NewDecoder(lz4, maxFrame)
	var out [][]byte
	if chunk <= 0 {
		chunk = len(data) + 1
	}
	for {
		for {
			f, ok, err := d.Next()
			if err != nil {
				return out, err
			}
			if !ok {
				break
			}
			out = append(out, append([]byte(nil), f...))
		}
		if len(data) == 0 {
			return out, nil
		}
		n := min(chunk, len(data))
		d.Feed(data[:n])
		data = data[n:]
	}
}
