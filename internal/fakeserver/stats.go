package fakeserver

import (
	"fmt"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Stats are the server's counters at one moment.
type Stats struct {
	// Total counts every request received, handshake included.
	Total int
	// Outstanding counts requests not answered yet: delayed, held, or
	// never to be answered while their connection stays open.
	Outstanding int
	// MaxOutstanding is the highest Outstanding has been.
	MaxOutstanding int
	// Held counts actions waiting for Release.
	Held int
	// Conns counts connections accepted; Open, those still open.
	Conns, Open int

	byOpcode [int(frame.OpAuthSuccess) + 1]int
}

// Count is the number of requests received with opcode op.
func (s Stats) Count(op frame.Opcode) int {
	if int(op) >= len(s.byOpcode) {
		return 0
	}
	return s.byOpcode[op]
}

func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "total=%d outstanding=%d max=%d held=%d conns=%d open=%d", s.Total, s.Outstanding, s.MaxOutstanding, s.Held, s.Conns, s.Open)
	for op, n := range s.byOpcode {
		if n > 0 {
			fmt.Fprintf(&b, " %v=%d", frame.Opcode(op), n)
		}
	}
	return b.String()
}
