//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package stub

import (
	"io"
	"net"
	"syscall"

	"github.com/gocqlsh/gocqlsh/internal/rawio"
)

// rawIO reads and writes a socket with raw read and write system calls
// inside the runtime's poller (syscall.RawConn): a call on the non-blocking
// socket never blocks, so it needs none of the runtime's bookkeeping around
// a system call that might (handing the processor over, waking the monitor
// thread), which on a one-core stub costs more than the call itself. When
// the socket is not ready the goroutine waits in the poller as net.Conn's
// would.
type rawIO struct {
	rc syscall.RawConn
}

// newRawIO wraps a TCP connection; other connections keep net.Conn's
// methods.
func newRawIO(nc net.Conn) (io.Reader, io.Writer) {
	tc, ok := nc.(*net.TCPConn)
	if !ok {
		return nc, nc
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nc, nc
	}
	r := &rawIO{rc: rc}
	return r, r
}

func (r *rawIO) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	var errno syscall.Errno
	err := r.rc.Read(func(fd uintptr) bool {
		for {
			n, errno = rawio.Read(fd, p)
			if errno != syscall.EINTR {
				return errno != syscall.EAGAIN
			}
		}
	})
	switch {
	case err != nil:
		return 0, err
	case errno != 0:
		return 0, errno
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

func (r *rawIO) Write(p []byte) (int, error) {
	written := 0
	for written < len(p) {
		var n int
		var errno syscall.Errno
		err := r.rc.Write(func(fd uintptr) bool {
			for {
				n, errno = rawio.Write(fd, p[written:])
				if errno != syscall.EINTR {
					return errno != syscall.EAGAIN
				}
			}
		})
		if err != nil {
			return written, err
		}
		if errno != 0 {
			return written, errno
		}
		written += n
	}
	return written, nil
}
