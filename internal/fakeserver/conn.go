package fakeserver

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/compress"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/driver/segment"
)

var errConnClosed = errors.New("fakeserver: connection closed")

// serverConn is one client connection. Its goroutine reads requests, runs
// the handler and performs immediate actions; delayed and released actions
// write from other goroutines, serialised by wmu.
type serverConn struct {
	srv  *Server
	id   int
	nc   net.Conn
	done chan struct{} // closed by close

	// Owned by the serve goroutine.
	fr          frameReader
	started     bool // STARTUP accepted
	established bool // STARTUP and authentication done
	compName    string

	registered atomic.Bool
	pending    map[*pending]struct{} // under srv.mu

	wmu     sync.Mutex
	closed  bool
	version byte // of the first frame; 0 before it
	modern  bool
	lz4     bool
	comp    compress.Compressor
	wbuf    []byte
	wout    []byte
}

func newServerConn(s *Server, id int, nc net.Conn) *serverConn {
	return &serverConn{
		srv:     s,
		id:      id,
		nc:      nc,
		done:    make(chan struct{}),
		fr:      frameReader{br: bufio.NewReaderSize(nc, 64<<10), versions: s.cfg.Versions},
		pending: make(map[*pending]struct{}),
	}
}

func (c *serverConn) close() {
	c.wmu.Lock()
	if c.closed {
		c.wmu.Unlock()
		return
	}
	c.closed = true
	close(c.done)
	c.wmu.Unlock()
	c.nc.Close()
}

func (c *serverConn) serve() {
	defer c.srv.wg.Done()
	defer c.srv.connDone(c)
	defer c.close()
	for {
		h, body, err := c.fr.next()
		if err != nil {
			var ve *versionError
			if errors.As(err, &ve) {
				c.refuseVersion(ve)
			}
			return
		}
		c.wmu.Lock()
		if c.version == 0 {
			c.version = h.ProtoVersion()
		}
		same := c.version == h.ProtoVersion()
		c.wmu.Unlock()
		if !same {
			c.writeMessage(h.Stream, frame.Envelope{}, &frame.Error{Code: frame.CodeProtocolError,
				Message: fmt.Sprintf("Invalid message version. Got %d but previous messages on this connection had version %d", h.ProtoVersion(), c.version)})
			return
		}
		c.handle(h, body)
	}
}

// refuseVersion answers a frame of an unsupported version as Cassandra does:
// a protocol ERROR in the server's highest version, then the connection
// closes.
func (c *serverConn) refuseVersion(ve *versionError) {
	vs := c.srv.cfg.Versions
	list := ""
	for i, v := range vs {
		if i > 0 {
			list += ", "
		}
		list += fmt.Sprintf("%d/v%d", v, v)
	}
	c.wmu.Lock()
	c.version = slices.Max(vs)
	c.wmu.Unlock()
	msg := fmt.Sprintf("Invalid or unsupported protocol version (%d); supported versions are (%s)", ve.version&^frame.ResponseBit, list)
	c.writeMessage(ve.stream, frame.Envelope{}, &frame.Error{Code: frame.CodeProtocolError, Message: msg})
}

// handle counts one request, asks the handler what to do and schedules it.
func (c *serverConn) handle(h frame.Header, body []byte) {
	req := &Request{Conn: c.id, Header: h, Established: c.established, Compression: c.compName}
	msg, env, err := frame.DecodeRequest(h, body)
	req.Message, req.Envelope = msg, env
	switch m := msg.(type) {
	case *frame.Query:
		req.Statement = m.Statement
	case *frame.Prepare:
		req.Statement = m.Statement
	case *frame.Execute:
		c.srv.mu.Lock()
		req.Statement = c.srv.prepared[string(m.ID)]
		c.srv.mu.Unlock()
	}
	pr := c.srv.begin(c, req)
	if err != nil {
		c.perform(pr, Fail(frame.CodeProtocolError, fmt.Sprintf("Invalid %v message: %v", h.Opcode, err)))
		return
	}
	var a Action
	if c.srv.cfg.Handler != nil {
		a = c.srv.cfg.Handler(req)
	}
	if a.kind == kindDefault {
		a = a.resolve(c.builtin(req))
	}
	if h.Opcode == frame.OpStartup || h.Opcode == frame.OpAuthResponse {
		// The handshake is sequential and changes how the next frame is
		// read, so it is answered before reading on.
		if a.delay > 0 {
			t := time.NewTimer(a.delay)
			select {
			case <-t.C:
			case <-c.done:
				t.Stop()
				return
			}
		}
		c.perform(pr, a)
		return
	}
	c.srv.schedule(c, pr, a)
}

// perform carries out a for the request pr. The request stops counting as
// outstanding before anything is written, so a client that sees the outcome
// also sees the counters updated.
func (c *serverConn) perform(pr *pending, a Action) {
	if a.kind == kindNoReply {
		return // outstanding until the connection closes
	}
	c.srv.finish(c, pr)
	switch a.kind {
	case kindReply:
		stream := pr.req.Header.Stream
		if a.restream {
			stream = a.stream
		}
		if c.writeMessage(stream, a.env, a.msg) == nil {
			c.afterReply(pr.req, a.msg)
		}
	case kindClose:
		c.close()
	case kindRaw:
		c.writeRaw(a.raw, false)
	case kindRawFrame:
		c.writeRaw(a.raw, true)
	}
}

// afterReply advances the handshake once its reply is out: compression and,
// on v5, segments start after the reply to STARTUP.
func (c *serverConn) afterReply(req *Request, m frame.Response) {
	switch req.Opcode() {
	case frame.OpStartup:
		if m.Opcode() != frame.OpReady && m.Opcode() != frame.OpAuthenticate {
			return
		}
		c.started = true
		c.established = m.Opcode() == frame.OpReady
		st, _ := req.Message.(*frame.Startup)
		name := ""
		if st != nil {
			name = st.Options[frame.StartupCompression]
		}
		c.wmu.Lock()
		defer c.wmu.Unlock()
		c.compName = name
		if c.version >= 5 {
			c.modern = true
			c.lz4 = name == compress.NameLZ4
			c.fr.useSegments(c.lz4)
			return
		}
		if name != "" {
			c.comp, _ = compress.New(name)
			c.fr.comp, _ = compress.New(name)
		}
	case frame.OpAuthResponse:
		if m.Opcode() == frame.OpAuthSuccess {
			c.established = true
		}
	}
}

// writeMessage writes one response frame in the connection's framing and
// compression.
func (c *serverConn) writeMessage(stream int16, env frame.Envelope, m frame.Response) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return errConnClosed
	}
	v := c.version
	if v == 0 {
		v = slices.Max(c.srv.cfg.Versions)
	}
	c.wbuf = frame.AppendResponseFrame(c.wbuf[:0], v, stream, env, m)
	wire := c.wbuf
	switch {
	case c.modern:
		c.wout = segment.AppendFrames(c.wout[:0], c.wbuf, c.lz4)
		wire = c.wout
	case c.comp != nil && len(c.wbuf) > frame.HeaderLen:
		out := append(c.wout[:0], c.wbuf[:frame.HeaderLen]...)
		out, err := c.comp.AppendCompress(out, c.wbuf[frame.HeaderLen:])
		if err != nil {
			return err
		}
		out[1] |= frame.FlagCompression
		n := len(out) - frame.HeaderLen
		out[5], out[6], out[7], out[8] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
		c.wout = out
		wire = out
	}
	return c.writeLocked(wire)
}

// writeRaw writes b as is, or as one frame in the connection's framing.
func (c *serverConn) writeRaw(b []byte, framed bool) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return errConnClosed
	}
	if framed && c.modern {
		b = segment.AppendFrames(nil, b, c.lz4)
	}
	return c.writeLocked(b)
}

func (c *serverConn) writeLocked(b []byte) error {
	if _, err := c.nc.Write(b); err != nil {
		c.closed = true
		close(c.done)
		c.nc.Close()
		return err
	}
	return nil
}
