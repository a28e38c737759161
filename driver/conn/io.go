package conn

import (
	"fmt"
	"io"
	"runtime"

	"github.com/gocqlsh/gocqlsh/driver/frame"
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

// frameDecoder turns received bytes into whole frames: bytes are read
// straight into Space and added with Commit, frames come out of Next, each
// valid until the next Space. frame.Decoder cuts the legacy framing,
// segment.Decoder v5 segments.
type frameDecoder interface {
	Space() []byte
	Commit(n int)
	Next() (frame []byte, ok bool, err error)
	Buffered() int
}

// maxEmptyReads is how many successive (0, nil) reads are taken before a
// reader reports io.ErrNoProgress.
const maxEmptyReads = 100

// pullReader reads whole frames through an io.Reader: the start-up
// exchange, and every reply on a connection whose socket cannot be pumped
// (TLS, a custom dialer's connection, a platform without raw sockets).
type pullReader struct {
	r   io.Reader
	d   frameDecoder
	err error // read error to report once the buffered frames are out
}

// ReadFrame returns the next frame, valid until the next call.
func (p *pullReader) ReadFrame() ([]byte, error) {
	empty := 0
	for {
		f, ok, err := p.d.Next()
		if err != nil {
			return nil, &ProtocolError{Err: err}
		}
		if ok {
			return f, nil
		}
		if p.err != nil {
			if p.err == io.EOF && p.d.Buffered() > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, p.err
		}
		n, err := p.r.Read(p.d.Space())
		p.d.Commit(n)
		p.err = err
		if n == 0 && err == nil {
			if empty++; empty == maxEmptyReads {
				p.err = io.ErrNoProgress
			}
		}
	}
}

// pumper is a socket that can feed a decoder for the connection's whole
// life from inside one wait for readability (rawSocket on Unix): no read
// that finds nothing after each reply, which a sequential script would
// otherwise pay for every statement.
type pumper interface {
	pump(d frameDecoder, drain func() error) error
}

// readLoop reads replies and completes their calls until the socket fails,
// then closes the connection with the reason.
func (c *Conn) readLoop(src *pullReader) {
	defer c.wg.Done()
	var err error
	if p, ok := c.nc.(pumper); ok {
		drain := func() error { return c.dispatchAll(src.d) }
		if err = drain(); err == nil {
			err = p.pump(src.d, drain)
		}
	} else {
		for err == nil {
			var raw []byte
			if raw, err = src.ReadFrame(); err == nil {
				err = c.dispatch(raw)
			}
		}
	}
	if _, ok := err.(*ProtocolError); !ok {
		if err == io.EOF {
			err = fmt.Errorf("the node closed the connection")
		} else {
			err = fmt.Errorf("read: %w", err)
		}
	}
	c.closeWith(err)
}

// dispatchAll dispatches every whole frame the decoder holds.
func (c *Conn) dispatchAll(d frameDecoder) error {
	for {
		raw, ok, err := d.Next()
		if err != nil {
			return &ProtocolError{Err: err}
		}
		if !ok {
			return nil
		}
		if err := c.dispatch(raw); err != nil {
			return err
		}
	}
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
