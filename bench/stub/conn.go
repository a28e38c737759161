package stub

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// bufSize is the size of each connection's read and write buffers: a burst
// of a few hundred requests, or their replies, fits in one.
const bufSize = 64 << 10

// maxColdBody bounds the bodies the stub reads whole (QUERY, STARTUP, and a
// refused frame before its error is sent); EXECUTE, BATCH and PREPARE
// bodies are skipped unread, whatever their size.
const maxColdBody = 1 << 20

// conn is one client connection, served by one goroutine.
type conn struct {
	s  *Server
	nc net.Conn
	br *bufio.Reader
	bw *bufio.Writer

	ready  bool                   // STARTUP answered with READY
	counts [numOpcodes + 1]uint64 // requests since the last flush
	body   []byte                 // reused for the bodies read whole
}

func newConn(s *Server, nc net.Conn) *conn {
	r, w := newRawIO(nc)
	return &conn{s: s, nc: nc, br: bufio.NewReaderSize(r, bufSize), bw: bufio.NewWriterSize(w, bufSize)}
}

// serve reads and answers frames until the client goes away or breaks the
// protocol. The loop flushes the replies only when the input holds no
// complete frame, right before it would block on a read.
func (c *conn) serve() {
	defer c.flush()
	for {
		if c.br.Buffered() < frame.HeaderLen && c.flush() != nil {
			return
		}
		hdr, err := c.br.Peek(frame.HeaderLen)
		if err != nil {
			return
		}
		ver, flags, s0, s1, op := hdr[0], hdr[1], hdr[2], hdr[3], frame.Opcode(hdr[4])
		n := int(binary.BigEndian.Uint32(hdr[5:]))
		stream := int16(s0)<<8 | int16(s1)
		c.counts[min(int(op), numOpcodes)]++
		if ver != Version {
			c.refuse(ver, stream, n)
			return
		}
		c.br.Discard(frame.HeaderLen)
		if n > frame.MaxBodyLen {
			c.fail(stream, fmt.Sprintf("Invalid frame body length %d", n))
			return
		}
		if flags&frame.FlagCompression != 0 {
			c.fail(stream, "Compression was not negotiated on this connection")
			return
		}
		if !c.ready && op != frame.OpOptions && op != frame.OpStartup {
			c.fail(stream, fmt.Sprintf("Unexpected message %v, expecting STARTUP", op))
			return
		}
		switch op {
		case frame.OpExecute:
			if !c.preparedID(stream, n) {
				continue
			}
			c.skip(n)
			c.reply(c.s.replies.void, s0, s1)
		case frame.OpBatch:
			c.skip(n)
			c.reply(c.s.replies.void, s0, s1)
		case frame.OpPrepare:
			c.skip(n)
			c.reply(c.s.replies.prepared, s0, s1)
		case frame.OpRegister:
			c.skip(n)
			c.reply(c.s.replies.ready, s0, s1)
		case frame.OpOptions:
			c.skip(n)
			c.reply(c.s.replies.supported, s0, s1)
		case frame.OpStartup, frame.OpQuery:
			h := frame.Header{Version: ver, Flags: flags, Stream: stream, Opcode: op, Length: int32(n)}
			body, err := c.readBody(n)
			if err != nil {
				return
			}
			if op == frame.OpStartup {
				if !c.startup(h, body) {
					return
				}
				continue
			}
			c.bw.Write(c.s.answerQuery(h, body, c.nc.LocalAddr()))
		default:
			c.fail(stream, fmt.Sprintf("Unexpected message %v", op))
			return
		}
	}
}

// reply appends a canned frame to the write buffer with the request's
// stream id patched in.
func (c *conn) reply(canned []byte, s0, s1 byte) {
	b := c.bw.AvailableBuffer()
	if cap(b) < len(canned) {
		c.flush()
		b = c.bw.AvailableBuffer()
	}
	b = append(b, canned...)
	b[2], b[3] = s0, s1
	c.bw.Write(b)
}

// flush publishes the request counts, then writes the buffered replies, so
// that a client holding its replies finds its requests counted.
func (c *conn) flush() error {
	for op, n := range c.counts {
		if n > 0 {
			c.s.stats.ops[op].Add(n)
			c.counts[op] = 0
		}
	}
	return c.bw.Flush()
}

// need flushes when the next k bytes are not all in the read buffer: the
// read that follows may block, and the client may be waiting for replies.
func (c *conn) need(k int) {
	if c.br.Buffered() < k {
		c.flush()
	}
}

// skip drops a body unread.
func (c *conn) skip(n int) {
	c.need(n)
	c.br.Discard(n)
}

// readBody reads a whole body into the connection's reused buffer.
func (c *conn) readBody(n int) ([]byte, error) {
	if n > maxColdBody {
		return nil, fmt.Errorf("body of %d bytes", n)
	}
	c.need(n)
	if cap(c.body) < n {
		c.body = make([]byte, n)
	}
	b := c.body[:n]
	_, err := io.ReadFull(c.br, b)
	return b, err
}

// preparedID checks that an EXECUTE names the stub's prepared id, the
// [short bytes] that opens its body; otherwise it answers Unprepared (the
// body skipped) and reports false.
func (c *conn) preparedID(stream int16, n int) bool {
	want := len(PreparedID)
	if n >= 2+want {
		c.need(2 + want)
		if b, err := c.br.Peek(2 + want); err == nil && int(binary.BigEndian.Uint16(b)) == want && bytes.Equal(b[2:], PreparedID) {
			return true
		}
	}
	var id []byte
	if n >= 2 {
		c.need(2)
		if b, err := c.br.Peek(2); err == nil {
			if k := int(binary.BigEndian.Uint16(b)); 2+k <= n && 2+k <= bufSize {
				c.need(2 + k)
				if b, err := c.br.Peek(2 + k); err == nil {
					id = b[2:]
				}
			}
		}
	}
	c.bw.Write(unpreparedFrame(stream, id))
	c.skip(n)
	return false
}

// startup answers STARTUP: READY, unless CQL_VERSION is missing or a
// compression is asked for (the stub offers none).
func (c *conn) startup(h frame.Header, body []byte) bool {
	m, _, err := frame.DecodeRequest(h, body)
	st, ok := m.(*frame.Startup)
	switch {
	case err != nil || !ok:
		c.fail(h.Stream, fmt.Sprintf("Invalid STARTUP message: %v", err))
		return false
	case st.Options[frame.StartupCQLVersion] == "":
		c.fail(h.Stream, "CQL_VERSION is mandatory")
		return false
	case st.Options[frame.StartupCompression] != "":
		c.fail(h.Stream, "Unknown compression algorithm: "+st.Options[frame.StartupCompression])
		return false
	}
	c.ready = true
	c.reply(c.s.replies.ready, byte(h.Stream>>8), byte(h.Stream))
	return true
}

// fail sends a protocol error; the caller then closes the connection.
func (c *conn) fail(stream int16, msg string) {
	c.bw.Write(errorFrame(stream, frame.CodeProtocolError, msg))
	c.flush()
}

// refuse answers a frame of another protocol version as Cassandra does: a
// protocol error in the stub's version naming the versions it supports,
// after which the connection closes. The frame's body is read first, so
// that closing does not reset the connection before the client has read
// the error.
func (c *conn) refuse(ver byte, stream int16, n int) {
	if ver&frame.ResponseBit != 0 {
		c.fail(stream, fmt.Sprintf("Invalid message direction: a response frame (version byte 0x%02x)", ver))
		return
	}
	c.br.Discard(frame.HeaderLen)
	if n <= maxColdBody {
		c.need(n)
		c.br.Discard(n)
	}
	c.fail(stream, fmt.Sprintf("Invalid or unsupported protocol version (%d); supported versions are (%d/v%d)", ver, Version, Version))
}
