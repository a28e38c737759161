package stub

import (
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Server is a running stub: a listener and one goroutine per connection.
type Server struct {
	ln      net.Listener
	replies *canned
	stats   counters

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

// New listens on addr (host:port; port 0 picks a free one) and serves
// until Close.
func New(addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, replies: newCanned(), conns: make(map[net.Conn]struct{})}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Start runs a stub on a free loopback port for the duration of a test or
// benchmark.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := New("127.0.0.1:0")
	if err != nil {
		tb.Fatalf("stub: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Addr is the host:port clients connect to.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops accepting, closes every connection and waits for their
// goroutines.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.ln.Close()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			nc.Close()
			return
		}
		s.conns[nc] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		s.stats.conns.Add(1)
		go func() {
			defer s.wg.Done()
			newConn(s, nc).serve()
			nc.Close()
			s.mu.Lock()
			delete(s.conns, nc)
			s.mu.Unlock()
		}()
	}
}

// Stats counts what the stub has served so far.
type Stats struct {
	Connections uint64
	// Requests counts every request frame, refused versions included.
	Requests uint64
	// ByOpcode counts the requests of each opcode (EXECUTE, BATCH, ...).
	ByOpcode map[frame.Opcode]uint64
}

// Stats returns the counts so far. A connection adds its counts each time
// it flushes its replies, so a client that has its replies is counted.
func (s *Server) Stats() Stats {
	st := Stats{Connections: s.stats.conns.Load(), ByOpcode: make(map[frame.Opcode]uint64)}
	for op := range s.stats.ops {
		if n := s.stats.ops[op].Load(); n > 0 {
			st.ByOpcode[frame.Opcode(op)] = n
			st.Requests += n
		}
	}
	return st
}

// numOpcodes bounds the opcodes counted; request opcodes are all below it.
const numOpcodes = 0x10

// counters are the server-wide counts; a connection counts locally and adds
// its counts here when it flushes, so the hot path touches no shared memory.
type counters struct {
	conns atomic.Uint64
	ops   [numOpcodes + 1]atomic.Uint64 // the last slot: other opcodes
}
