package conn

import (
	"bufio"
	"fmt"
	"io"
	"runtime"

	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/segment"
)

// maxFrameLen bounds one frame (header and body); Cassandra's own default
// native_transport_max_frame_size is 16 MiB, so 256 MiB leaves room.
const maxFrameLen = 256 << 20

// writeLoop drains everything queued and writes it with one syscall, then
// sleeps until the next kick. While it writes, callers keep queueing into
// the other buffer. A caller that finds no write in progress writes its own
// frame instead (Send), so the writer only serves bursts.
func (c *Conn) writeLoop() {
	defer c.wg.Done()
	for {
		select {
		case <-c.kick:
		case <-c.done:
			return
		}
		// Let goroutines that are already runnable (callers woken by the
		// replies just read) queue their requests first, so a burst leaves
		// in one write. With nothing else runnable this returns at once;
		// it is not a timer and adds no latency to a lone request.
		runtime.Gosched()
		c.wmu.Lock()
		if c.writing || len(c.pending) == 0 {
			// Its owner writes what is queued, or has written it.
			c.wmu.Unlock()
			continue
		}
		c.writing = true
		c.flushLocked()
	}
}

// segmentFrames wraps the queued v5 frames in segments: small frames share
// self-contained segments, a frame above the segment limit is split.
func (c *Conn) segmentFrames(dst, frames []byte) []byte {
	for len(frames) >= frame.HeaderLen {
		n := frame.HeaderLen + int(uint32(frames[5])<<24|uint32(frames[6])<<16|uint32(frames[7])<<8|uint32(frames[8]))
		dst = c.segEnc.AppendFrame(dst, frames[:n])
		frames = frames[n:]
	}
	return c.segEnc.Flush(dst)
}

// frameSource yields whole frames from the socket in either framing.
type frameSource interface {
	ReadFrame() ([]byte, error)
}

// legacyReader reads v3/v4 frames (and v5 frames before the switch to
// segments).
type legacyReader struct {
	r   *bufio.Reader
	buf []byte
}

func (l *legacyReader) ReadFrame() ([]byte, error) {
	if cap(l.buf) < frame.HeaderLen {
		l.buf = make([]byte, frame.HeaderLen, 4096)
	}
	hdr := l.buf[:frame.HeaderLen]
	if _, err := io.ReadFull(l.r, hdr); err != nil {
		return nil, err
	}
	h, err := frame.ParseHeader(hdr)
	if err != nil {
		return nil, &ProtocolError{Err: err}
	}
	n := frame.HeaderLen + int(h.Length)
	if n > maxFrameLen {
		return nil, &ProtocolError{Err: fmt.Errorf("frame of %d bytes exceeds the %d limit", n, maxFrameLen)}
	}
	// Grow with the bytes that actually arrive, so a header that merely
	// claims a huge body cannot make the reader allocate it up front.
	got := frame.HeaderLen
	for got < n {
		if got == cap(l.buf) {
			nb := make([]byte, got, min(n, max(2*cap(l.buf), 64<<10)))
			copy(nb, l.buf[:got])
			l.buf = nb
		}
		m, err := io.ReadFull(l.r, l.buf[got:min(n, cap(l.buf))])
		got += m
		if err != nil {
			return nil, err
		}
	}
	l.buf = l.buf[:n]
	return l.buf, nil
}

// readLoop reads replies and completes their calls until the socket fails.
func (c *Conn) readLoop(src frameSource) {
	defer c.wg.Done()
	for {
		raw, err := src.ReadFrame()
		if err != nil {
			if _, ok := err.(*ProtocolError); !ok {
				if err == io.EOF {
					err = fmt.Errorf("the node closed the connection")
				} else if isSegmentError(err) {
					err = &ProtocolError{Err: err}
				} else {
					err = fmt.Errorf("read: %w", err)
				}
			}
			c.closeWith(err)
			return
		}
		if err := c.dispatch(raw); err != nil {
			c.closeWith(err)
			return
		}
	}
}

func isSegmentError(err error) bool {
	switch err.(type) {
	case *segment.HeaderCRCError, *segment.PayloadCRCError, *segment.MalformedError,
		*segment.FrameTooLargeError, *segment.DecompressError:
		return true
	}
	return false
}

// dispatch routes one raw frame (valid only during the call) to its Call.
func (c *Conn) dispatch(raw []byte) error {
	h, err := frame.ParseHeader(raw)
	if err != nil {
		return &ProtocolError{Err: err}
	}
	if !h.IsResponse() {
		return &ProtocolError{Err: fmt.Errorf("received a request frame (opcode %v)", h.Opcode)}
	}
	if int(h.Length) != len(raw)-frame.HeaderLen {
		return &ProtocolError{Err: fmt.Errorf("frame length %d does not match its %d body bytes", h.Length, len(raw)-frame.HeaderLen)}
	}
	if h.Stream < 0 {
		if h.Opcode == frame.OpEvent {
			body, err := c.body(h, raw, nil)
			if err != nil {
				return err
			}
			if m, _, err := frame.DecodeResponse(h, body); err == nil {
				if ev, ok := m.(*frame.Event); ok {
					c.events.push(ev)
				}
			}
		}
		return nil
	}
	if int(h.Stream) >= len(c.calls) {
		return &ProtocolError{Err: fmt.Errorf("reply on stream %d, which was never used", h.Stream)}
	}
	c.cmu.Lock()
	call := c.calls[h.Stream]
	c.calls[h.Stream] = nil
	c.cmu.Unlock()
	if call == nil {
		return &ProtocolError{Err: fmt.Errorf("reply on stream %d, which has no request in flight", h.Stream)}
	}
	if call == c.abandoned {
		c.orphans.Add(-1)
		c.ids <- h.Stream
		return nil
	}
	body, err := c.body(h, raw, call)
	c.ids <- h.Stream
	if err != nil {
		call.err = err
		c.complete(call)
		return err
	}
	h.Flags &^= frame.FlagCompression
	call.reply = Reply{Header: h, Body: body}
	c.complete(call)
	return nil
}

// body copies (or decompresses) a frame's body out of the reader's buffer.
func (c *Conn) body(h frame.Header, raw []byte, call *Call) ([]byte, error) {
	b := raw[frame.HeaderLen:]
	if h.Flags&frame.FlagCompression != 0 && !c.modern {
		if c.comp == nil {
			return nil, &ProtocolError{Err: fmt.Errorf("compressed frame on a connection without compression")}
		}
		var dst []byte
		if call != nil && call.handler != nil {
			dst = call.buf[:0]
		}
		out, err := c.comp.AppendDecompress(dst, b)
		if err != nil {
			return nil, &ProtocolError{Err: err}
		}
		if call != nil && call.handler != nil {
			call.buf = out
		}
		return out, nil
	}
	if call != nil && call.handler != nil {
		// A call from Start reuses its storage unless its owner kept it.
		call.buf = append(call.buf[:0], b...)
		return call.buf, nil
	}
	return append(make([]byte, 0, len(b)), b...), nil
}
