//go:build linux || darwin || freebsd || netbsd || openbsd

package conn

import (
	"io"
	"net"
	"os"
	"syscall"

	"github.com/gocqlsh/gocqlsh/internal/rawio"
)

// rawSocket reads and writes a TCP socket with raw system calls, which Go
// lets a program make on a non-blocking descriptor through its RawConn: a
// read that finds nothing parks the goroutine in the network poller, as
// net.Conn's does, but a read or write that goes through does not enter the
// scheduler's syscall state. That state is what costs a request/response
// client the most after the syscalls themselves: entering it after an idle
// moment wakes the runtime's monitor thread, which then sleeps again — two
// more context switches for every request a sequential script sends.
//
// One goroutine reads at a time (the connection's reader) and one writes
// at a time (whoever owns the write side), so each direction keeps its
// buffer and result in the struct, and the callbacks are bound once: a
// read or write allocates nothing.
type rawSocket struct {
	net.Conn
	rc syscall.RawConn

	rbuf  []byte
	rn    int
	rerr  syscall.Errno
	readF func(uintptr) bool

	wbuf   []byte
	wn     int
	werr   syscall.Errno
	writeF func(uintptr) bool
}

// newRawSocket wraps a TCP connection; any other is returned as it is.
func newRawSocket(nc net.Conn) net.Conn {
	tc, ok := nc.(*net.TCPConn)
	if !ok {
		return nc
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nc
	}
	s := &rawSocket{Conn: nc, rc: rc}
	s.readF, s.writeF = s.readOnce, s.writeOnce
	return s
}

func (s *rawSocket) readOnce(fd uintptr) bool {
	for {
		r, e := rawio.Read(fd, s.rbuf)
		switch e {
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false // wait until readable, then try again
		}
		s.rn, s.rerr = r, e
		return true
	}
}

func (s *rawSocket) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.rbuf, s.rn, s.rerr = p, 0, 0
	err := s.rc.Read(s.readF)
	s.rbuf = nil
	switch {
	case err != nil:
		return 0, s.opError("read", err)
	case s.rerr != 0:
		return 0, s.opError("read", os.NewSyscallError("read", s.rerr))
	case s.rn == 0:
		return 0, io.EOF
	}
	return s.rn, nil
}

func (s *rawSocket) writeOnce(fd uintptr) bool {
	for s.wn < len(s.wbuf) {
		r, e := rawio.Write(fd, s.wbuf[s.wn:])
		switch e {
		case 0:
			s.wn += r
		case syscall.EINTR:
		case syscall.EAGAIN:
			return false // wait until writable, then go on
		default:
			s.werr = e
			return true
		}
	}
	return true
}

func (s *rawSocket) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	s.wbuf, s.wn, s.werr = p, 0, 0
	err := s.rc.Write(s.writeF)
	s.wbuf = nil
	switch {
	case err != nil:
		return s.wn, s.opError("write", err)
	case s.werr != 0:
		return s.wn, s.opError("write", os.NewSyscallError("write", s.werr))
	}
	return s.wn, nil
}

// pump reads into d and drains it, inside one RawRead for the connection's
// life, until the socket fails, the node closes it or drain returns an
// error. A read that fills less than the space offered has emptied the
// socket's receive queue (on Linux), so the pump waits for readability at
// once instead of reading again to see EAGAIN: each reply costs one read.
// Elsewhere it reads until EAGAIN, as net.Conn does.
//
// drain runs while the descriptor's read lock is held, so it must not
// close the socket; whatever closes the connection from another goroutine
// waits until the drain in progress returns.
func (s *rawSocket) pump(d frameDecoder, drain func() error) error {
	var perr error
	f := func(fd uintptr) bool {
		for {
			buf := d.Space()
			r, e := rawio.Read(fd, buf)
			switch e {
			case 0:
			case syscall.EINTR:
				continue
			case syscall.EAGAIN:
				return false // wait until readable
			default:
				perr = s.opError("read", os.NewSyscallError("read", e))
				return true
			}
			if r == 0 {
				perr = io.EOF
				if d.Buffered() > 0 {
					perr = io.ErrUnexpectedEOF
				}
				return true
			}
			d.Commit(r)
			if perr = drain(); perr != nil {
				return true
			}
			if shortReadEmpties && r < len(buf) {
				return false
			}
		}
	}
	if err := s.rc.Read(f); err != nil {
		return s.opError("read", err)
	}
	return perr
}

func (s *rawSocket) opError(op string, err error) error {
	return &net.OpError{Op: op, Net: "tcp", Source: s.LocalAddr(), Addr: s.RemoteAddr(), Err: err}
}
