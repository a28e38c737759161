// Package conn is one connection to one Cassandra node: it dials, negotiates
// the protocol version, compression and authentication, then multiplexes up
// to 32768 concurrent requests over the socket.
//
// One reader goroutine reads every reply and hands it to the waiting Call; one
// writer goroutine drains everything queued since its last write and writes it
// with one syscall, woken by a signal rather than a timer, so a lone request
// goes out at once and a burst goes out together. When the connection dies,
// every request in flight fails at once with a *ClosedError.
package conn

import (
	"context"
	"encoding/binary"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/compress"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/segment"
)

// Conn is an open connection. All methods are safe for concurrent use.
type Conn struct {
	cfg     Config
	nc      net.Conn
	version byte
	comp    compress.Compressor // v3/v4 body compression, nil when off
	lz4Seg  bool                // v5: segments compressed with lz4
	modern  bool                // v5 framing (segments) after start-up
	options map[string][]string // what the node said in SUPPORTED

	ids chan int16 // free stream ids

	cmu       sync.Mutex
	calls     []*Call      // by stream id
	abandoned *Call        // marks a stream whose call was abandoned: its late reply is dropped
	orphans   atomic.Int32 // streams held by abandoned calls
	closed    bool
	closeErr  error
	done      chan struct{} // closed once the connection is closed

	wmu      sync.Mutex
	pending  []byte // frames queued for the writer
	wclosed  bool
	writing  bool   // someone (the writer, or a caller writing its own frame) owns the socket's write side
	spare    []byte // the other queue buffer, owned by whoever writes
	out      []byte // v5: segments being written, owned by whoever writes
	kick     chan struct{}
	segEnc   *segment.Encoder
	lastSend atomic.Int64 // unix nanos of the last queued request

	events   *eventQueue
	timers   sync.Pool   // *time.Timer for WaitTimeout
	checking atomic.Bool // a liveness check is running
	keyspace atomic.Pointer[string]

	wg sync.WaitGroup
}

// Reply is one response frame: its header and its body, decompressed. The
// body belongs to whoever receives the Reply.
type Reply struct {
	Header frame.Header
	Body   []byte
}

func (c *Conn) ctxError(ctx context.Context) error { return c.timeoutError(ctx, time.Time{}) }

// timeoutError turns a context's end into the error a caller sees: a
// deadline becomes a *TimeoutError that says how long the request waited
// (from WithStart, else from when it was sent).
func (c *Conn) timeoutError(ctx context.Context, sent time.Time) error {
	if ctx.Err() == context.DeadlineExceeded {
		after := time.Duration(0)
		if d, ok := ctx.Value(startKey{}).(time.Time); ok {
			after = time.Since(d)
		} else if !sent.IsZero() {
			after = time.Since(sent)
		}
		return &TimeoutError{Addr: c.cfg.Addr, After: after}
	}
	return ctx.Err()
}

// startKey lets a caller record when its request began, for timeout messages.
type startKey struct{}

// WithStart records t as the start of the request that ctx governs.
func WithStart(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, startKey{}, t)
}

// Version is the negotiated protocol version.
func (c *Conn) Version() byte { return c.version }

// Addr is the node's address.
func (c *Conn) Addr() string { return c.cfg.Addr }

// Supported returns the options the node listed in SUPPORTED.
func (c *Conn) Supported() map[string][]string { return c.options }

// Compression names the compression in use ("" when none).
func (c *Conn) Compression() string {
	switch {
	case c.comp != nil:
		return c.comp.Name()
	case c.lz4Seg:
		return compress.NameLZ4
	}
	return ""
}

// Closed is closed when the connection is.
func (c *Conn) Closed() <-chan struct{} { return c.done }

// Err returns why the connection closed, or nil while it is open.
func (c *Conn) Err() error {
	c.cmu.Lock()
	defer c.cmu.Unlock()
	if !c.closed {
		return nil
	}
	return c.closeErr
}

// InFlight counts requests awaiting a reply (abandoned ones included).
func (c *Conn) InFlight() int { return cap(c.ids) - len(c.ids) }

// Orphaned counts streams held by requests given up (timed out or
// cancelled) whose late replies have not arrived yet.
func (c *Conn) Orphaned() int { return int(c.orphans.Load()) }

// Keyspace is what SetKeyspace last recorded: the keyspace its user has
// USEd on this connection (nil when none).
func (c *Conn) Keyspace() *string { return c.keyspace.Load() }

// SetKeyspace records the keyspace USEd on the connection, so that a user
// sharing connections can tell which still need a USE.
func (c *Conn) SetKeyspace(ks *string) { c.keyspace.Store(ks) }

// MaxStreams is the number of requests the connection can carry at once.
func (c *Conn) MaxStreams() int { return cap(c.ids) }

// SendOptions are per-request frame options.
type SendOptions struct {
	Tracing       bool
	CustomPayload map[string][]byte
}

// Send queues req and returns its Call. It blocks only while all stream ids
// are in use (until one frees or ctx ends), never for the reply.
//
// A request sent while no other is in flight goes out from the caller's
// goroutine, in its own write: a lone synchronous request costs one
// syscall to send and no hand-off to the writer goroutine.
func (c *Conn) Send(ctx context.Context, req frame.Request, opts *SendOptions) (*Call, error) {
	call := &Call{done: make(chan struct{})}
	if err := c.start(ctx, call, req, opts, true); err != nil {
		return nil, err
	}
	return call, nil
}

// Start queues req on call, a Call the caller owns and may reuse once
// handler has run. handler runs exactly once per Start, with the call
// complete (Result gives its reply or error): on the reader goroutine when
// the reply arrives, or on the goroutine that fails or abandons the call. It
// must not block, nor close the connection (the reader may be holding its
// socket's read lock). Start allocates nothing per request, which is what lets a
// fan-out keep thousands of requests a second in flight cheaply. Start
// returns an error, without running handler, when the request could not be
// queued.
func (c *Conn) Start(ctx context.Context, call *Call, req frame.Request, opts *SendOptions, handler func(*Call)) error {
	call.done = nil
	call.handler = handler
	return c.start(ctx, call, req, opts, false)
}

// TryStart is Start for a caller that must not block: when every stream id
// is in use it returns ErrBusy at once, queueing nothing.
func (c *Conn) TryStart(call *Call, req frame.Request, opts *SendOptions, handler func(*Call)) error {
	call.done = nil
	call.handler = handler
	return c.start(nil, call, req, opts, false)
}

// start queues req on call; a nil ctx means "do not wait for a stream id".
// With direct, the caller writes the frame itself when no write is in
// progress (a synchronous request); otherwise the writer goroutine does,
// gathering what callers queue meanwhile into one write (fan-outs).
func (c *Conn) start(ctx context.Context, call *Call, req frame.Request, opts *SendOptions, direct bool) error {
	var id int16
	select {
	case id = <-c.ids:
	default:
		if ctx == nil {
			return ErrBusy
		}
		select {
		case id = <-c.ids:
		case <-c.done:
			return c.Err()
		case <-ctx.Done():
			return c.ctxError(ctx)
		}
	}
	now := time.Now()
	call.conn, call.stream, call.sent = c, id, now
	call.reply, call.err = Reply{}, nil
	var flags byte
	var payload map[string][]byte
	if opts != nil {
		if opts.Tracing {
			flags |= frame.FlagTracing
		}
		if opts.CustomPayload != nil {
			flags |= frame.FlagCustomPayload
			payload = opts.CustomPayload
		}
	}
	c.cmu.Lock()
	if c.closed {
		err := c.closeErr
		c.cmu.Unlock()
		c.ids <- id
		return err
	}
	c.calls[id] = call
	c.cmu.Unlock()

	if err := c.enqueue(flags, id, payload, req, now, direct); err != nil {
		// The writer is gone: close has failed (or will fail) every call,
		// this one included, and run its handler.
		if call.done != nil {
			<-call.done
			return call.err
		}
		return nil
	}
	return nil
}

// Do sends req and waits for its reply.
func (c *Conn) Do(ctx context.Context, req frame.Request, opts *SendOptions) (Reply, error) {
	call, err := c.Send(ctx, req, opts)
	if err != nil {
		return Reply{}, err
	}
	return call.Wait(ctx)
}

// enqueue encodes one frame into the writer's queue; then it writes the
// queue itself (direct, and no write in progress) or wakes the writer.
func (c *Conn) enqueue(flags byte, stream int16, payload map[string][]byte, req frame.Request, now time.Time, direct bool) error {
	var m frame.Message = req
	if payload != nil {
		m = payloadMessage{payload: payload, Message: req}
	}
	c.wmu.Lock()
	if c.wclosed {
		c.wmu.Unlock()
		return ErrClosed
	}
	start := len(c.pending)
	c.pending = frame.AppendFrame(c.pending, c.version, flags, stream, m)
	if c.comp != nil {
		if err := c.compressLast(start); err != nil {
			c.pending = c.pending[:start]
			c.wmu.Unlock()
			c.fail(stream, err)
			return nil
		}
	}
	c.lastSend.Store(now.UnixNano())
	// Only a lone request writes itself: with others in flight, the
	// writer gathers the burst into fewer writes.
	if direct && !c.writing && c.InFlight() == 1 {
		c.writing = true
		c.flushLocked()
		return nil
	}
	c.wmu.Unlock()
	select {
	case c.kick <- struct{}{}:
	default:
	}
	return nil
}

// flushLocked writes what is queued, as the owner of the write side: it is
// called with wmu held and c.writing set by the caller, releases wmu while
// writing, writes again whatever was queued meanwhile, and returns with
// both released once the queue is empty.
func (c *Conn) flushLocked() {
	for {
		buf := c.pending
		c.pending = c.spare[:0]
		c.wmu.Unlock()
		err := c.write(buf)
		c.wmu.Lock()
		if cap(buf) > 4<<20 { // do not keep a huge buffer after a burst
			buf = nil
		}
		c.spare = buf[:0]
		if err != nil {
			c.writing = false
			c.wmu.Unlock()
			c.closeWith(fmt.Errorf("write: %w", err))
			return
		}
		if len(c.pending) == 0 || c.wclosed {
			c.writing = false
			c.wmu.Unlock()
			return
		}
	}
}

// write sends queued frames, wrapped in segments on v5. Only the owner of
// the write side calls it.
func (c *Conn) write(frames []byte) error {
	wire := frames
	if c.modern {
		c.out = c.segmentFrames(c.out[:0], frames)
		wire = c.out
		if cap(c.out) > 4<<20 {
			defer func() { c.out = nil }()
		}
	}
	_, err := c.nc.Write(wire)
	return err
}

// compressLast compresses the body of the frame that starts at pending[start:]
// in place (through a scratch copy) and sets its compression flag.
func (c *Conn) compressLast(start int) error {
	body := c.pending[start+frame.HeaderLen:]
	if len(body) == 0 {
		return nil
	}
	scratch := append([]byte(nil), body...)
	out, err := c.comp.AppendCompress(c.pending[:start+frame.HeaderLen], scratch)
	if err != nil {
		return err
	}
	c.pending = out
	c.pending[start+1] |= frame.FlagCompression
	binary.BigEndian.PutUint32(c.pending[start+5:], uint32(len(out)-start-frame.HeaderLen))
	return nil
}

// fail completes one call with err and frees its stream.
func (c *Conn) fail(stream int16, err error) {
	c.cmu.Lock()
	call := c.calls[stream]
	c.calls[stream] = nil
	c.cmu.Unlock()
	if call == c.abandoned {
		c.ids <- stream
	} else if call != nil {
		call.err = err
		c.ids <- stream
		c.complete(call)
	}
}

// complete wakes whoever waits for call. For a call from Start, the handler
// is the last use of call here: its owner may reuse it at once.
func (c *Conn) complete(call *Call) {
	if call.done != nil {
		close(call.done)
	}
	if call.handler != nil {
		call.handler(call)
	}
}

// Close closes the connection; requests in flight fail with a *ClosedError.
// It waits for the connection's goroutines to end.
func (c *Conn) Close() error {
	c.closeWith(nil)
	c.wg.Wait()
	return nil
}

// closeWith marks the connection closed with cause, closes the socket and
// fails every call in flight. Only the first call has an effect.
func (c *Conn) closeWith(cause error) {
	c.cmu.Lock()
	if c.closed {
		c.cmu.Unlock()
		return
	}
	c.closed = true
	c.closeErr = &ClosedError{Addr: c.cfg.Addr, Cause: cause}
	calls := make([]*Call, 0, c.InFlight())
	for i, call := range c.calls {
		if call != nil && call != c.abandoned {
			calls = append(calls, call)
		}
		c.calls[i] = nil
	}
	err := c.closeErr
	close(c.done)
	c.cmu.Unlock()

	c.wmu.Lock()
	c.wclosed = true
	c.wmu.Unlock()
	_ = c.nc.Close()
	for _, call := range calls {
		call.err = err
		c.complete(call)
	}
	c.events.close()
	if c.cfg.OnClose != nil {
		c.cfg.OnClose(c, err)
	}
}

// payloadMessage puts a custom payload ([bytes map]) ahead of a request's
// body; the header's FlagCustomPayload announces it.
type payloadMessage struct {
	payload map[string][]byte
	frame.Message
}

func (m payloadMessage) AppendBody(dst []byte, version byte) []byte {
	dst = binary.BigEndian.AppendUint16(dst, uint16(len(m.payload)))
	for k, v := range m.payload {
		dst = binary.BigEndian.AppendUint16(dst, uint16(len(k)))
		dst = append(dst, k...)
		if v == nil {
			dst = binary.BigEndian.AppendUint32(dst, 0xFFFFFFFF)
		} else {
			dst = binary.BigEndian.AppendUint32(dst, uint32(len(v)))
			dst = append(dst, v...)
		}
	}
	return m.Message.AppendBody(dst, version)
}
