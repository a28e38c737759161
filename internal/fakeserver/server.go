package fakeserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/compress"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Config scripts a Server. The zero value is a v3-v5 server without
// authentication that offers lz4 and snappy.
type Config struct {
	// Versions lists the protocol versions accepted (3 to 5); default all
	// three. A frame of another version gets a protocol ERROR in the
	// highest accepted version and the connection closes.
	Versions []byte

	// Compression lists the algorithms offered in SUPPORTED and accepted in
	// STARTUP. nil offers lz4 and snappy; an empty non-nil slice, none.
	Compression []string

	// Username, when set, makes the server require PasswordAuthenticator
	// with these credentials.
	Username, Password string

	// Addr is the address to listen on (default 127.0.0.1:0, a free
	// port); a test restarts a node by starting a server on its old Addr.
	Addr string

	// Handler chooses the action for every request, handshake included. It
	// runs on the connection's goroutine, one request at a time in arrival
	// order, so it must not block; use Action.After or Action.Hold to
	// answer later. nil, or a zero Action, selects the built-in behaviour.
	Handler func(*Request) Action
}

// PasswordAuthenticator is the authenticator class the server names in
// AUTHENTICATE when credentials are configured.
const PasswordAuthenticator = "org.apache.cassandra.auth.PasswordAuthenticator"

// Server is a running fake node. Its methods are safe for concurrent use.
type Server struct {
	cfg Config
	ln  net.Listener

	mu       sync.Mutex
	closed   bool
	conns    map[*serverConn]struct{}
	stats    Stats
	changed  chan struct{} // closed and replaced on every change of stats
	held     []heldAction
	timers   map[*time.Timer]struct{}
	prepared map[string]string // prepared id → statement

	self      *Node                        // system.local (nil: made up)
	peers     []Node                       // system.peers_v2
	keyspaces map[string]map[string]string // system_schema.keyspaces

	wg sync.WaitGroup
}

type heldAction struct {
	c  *serverConn
	pr *pending
	a  Action
}

// pending is a request the server has not answered yet.
type pending struct {
	req  *Request
	done bool // under Server.mu
}

// New starts a server on a loopback port.
func New(cfg Config) (*Server, error) {
	if cfg.Versions == nil {
		cfg.Versions = []byte{3, 4, 5}
	}
	for _, v := range cfg.Versions {
		if v < frame.MinVersion || v > frame.MaxVersion {
			return nil, fmt.Errorf("fakeserver: protocol version %d is outside %d..%d", v, frame.MinVersion, frame.MaxVersion)
		}
	}
	if len(cfg.Versions) == 0 {
		return nil, errors.New("fakeserver: no protocol version accepted")
	}
	if cfg.Compression == nil {
		cfg.Compression = []string{compress.NameLZ4, compress.NameSnappy}
	}
	addr := cfg.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		ln:       ln,
		conns:    make(map[*serverConn]struct{}),
		changed:  make(chan struct{}),
		timers:   make(map[*time.Timer]struct{}),
		prepared: make(map[string]string),
	}
	s.wg.Add(1)
	go s.acceptLoop()
	return s, nil
}

// Start is New for tests: it fails tb on error and closes the server when
// the test ends.
func Start(tb testing.TB, cfg Config) *Server {
	tb.Helper()
	s, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

func (s *Server) acceptLoop() {
	defer s.wg.Done()
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			nc.Close()
			return
		}
		s.stats.Conns++
		s.stats.Open++
		c := newServerConn(s, s.stats.Conns, nc)
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.broadcastLocked()
		s.mu.Unlock()
		go c.serve()
	}
}

// Close stops the listener, closes every connection, drops held and delayed
// actions and waits for all the server's goroutines to end.
func (s *Server) Close() error {
	s.mu.Lock()
	first := !s.closed
	s.closed = true
	conns := make([]*serverConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	timers := make([]*time.Timer, 0, len(s.timers))
	for t := range s.timers {
		timers = append(timers, t)
	}
	clear(s.timers)
	s.held = nil
	s.stats.Held = 0
	s.mu.Unlock()
	if first {
		s.ln.Close()
	}
	for _, c := range conns {
		c.close()
	}
	for _, t := range timers {
		if t.Stop() {
			s.wg.Done()
		}
	}
	s.wg.Wait()
	return nil
}

// DropConns closes every open connection, as a node going away would, and
// returns how many it closed. The server keeps accepting new ones.
func (s *Server) DropConns() int {
	s.mu.Lock()
	conns := make([]*serverConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
	return len(conns)
}

// Push sends m (normally a *frame.Event) on stream -1 to every connection
// that has REGISTERed, and returns to how many.
func (s *Server) Push(m frame.Response) int {
	s.mu.Lock()
	conns := make([]*serverConn, 0, len(s.conns))
	for c := range s.conns {
		if c.registered.Load() {
			conns = append(conns, c)
		}
	}
	s.mu.Unlock()
	n := 0
	for _, c := range conns {
		if c.writeMessage(-1, frame.Envelope{}, m) == nil {
			n++
		}
	}
	return n
}

// Release runs up to n held actions, oldest first, and returns how many it
// released. Actions of connections closed meanwhile are released to no
// effect.
func (s *Server) Release(n int) int {
	s.mu.Lock()
	n = min(n, len(s.held))
	batch := slices.Clone(s.held[:n])
	s.held = slices.Delete(s.held, 0, n)
	s.stats.Held -= n
	s.broadcastLocked()
	s.mu.Unlock()
	for _, h := range batch {
		h.a.hold = false
		s.schedule(h.c, h.pr, h.a)
	}
	return n
}

// Forget empties the prepared statement cache, as a restarted node has, so
// the next EXECUTE of a known id gets UNPREPARED.
func (s *Server) Forget() {
	s.mu.Lock()
	clear(s.prepared)
	s.mu.Unlock()
}

// schedule runs a for the request pr now, after its delay or when released.
func (s *Server) schedule(c *serverConn, pr *pending, a Action) {
	switch {
	case a.hold:
		s.mu.Lock()
		if !s.closed {
			s.held = append(s.held, heldAction{c: c, pr: pr, a: a})
			s.stats.Held++
			s.broadcastLocked()
		}
		s.mu.Unlock()
	case a.delay > 0:
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return
		}
		s.wg.Add(1)
		var t *time.Timer
		t = time.AfterFunc(a.delay, func() {
			defer s.wg.Done()
			s.mu.Lock()
			_, live := s.timers[t]
			delete(s.timers, t)
			s.mu.Unlock()
			if live {
				c.perform(pr, a)
			}
		})
		s.timers[t] = struct{}{}
		s.mu.Unlock()
	default:
		c.perform(pr, a)
	}
}

// begin counts a newly received request.
func (s *Server) begin(c *serverConn, req *Request) *pending {
	pr := &pending{req: req}
	s.mu.Lock()
	s.stats.Total++
	if int(req.Header.Opcode) < len(s.stats.byOpcode) {
		s.stats.byOpcode[req.Header.Opcode]++
	}
	s.stats.Outstanding++
	s.stats.MaxOutstanding = max(s.stats.MaxOutstanding, s.stats.Outstanding)
	c.pending[pr] = struct{}{}
	s.broadcastLocked()
	s.mu.Unlock()
	return pr
}

// finish marks pr answered; only the first call counts.
func (s *Server) finish(c *serverConn, pr *pending) {
	s.mu.Lock()
	if !pr.done {
		pr.done = true
		s.stats.Outstanding--
		delete(c.pending, pr)
		s.broadcastLocked()
	}
	s.mu.Unlock()
}

// connDone forgets a closed connection and the requests it left unanswered.
func (s *Server) connDone(c *serverConn) {
	s.mu.Lock()
	for pr := range c.pending {
		pr.done = true
		s.stats.Outstanding--
	}
	clear(c.pending)
	delete(s.conns, c)
	s.stats.Open--
	s.broadcastLocked()
	s.mu.Unlock()
}

func (s *Server) broadcastLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Count is the number of requests received with opcode op.
func (s *Server) Count(op frame.Opcode) int { return s.Stats().Count(op) }

// WaitFor blocks until cond holds for the counters or ctx ends; cond runs on
// every change of them.
func (s *Server) WaitFor(ctx context.Context, cond func(Stats) bool) error {
	for {
		s.mu.Lock()
		st, ch := s.stats, s.changed
		s.mu.Unlock()
		if cond(st) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("fakeserver: condition not met (%v): %w", st, ctx.Err())
		}
	}
}

// WaitCount blocks until n requests with opcode op have arrived or ctx ends.
func (s *Server) WaitCount(ctx context.Context, op frame.Opcode, n int) error {
	return s.WaitFor(ctx, func(st Stats) bool { return st.Count(op) >= n })
}
