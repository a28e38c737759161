//go:build unix

package input

import (
	"os"

	"golang.org/x/sys/unix"
)

// The terminal operations the line readers need, on Unix: raw mode, a
// bounded wait for input, a read, the bytes queued and the window size.

// termState is a terminal's settings, as saved before a change.
type termState = *unix.Termios

// makeRaw switches fd to the raw mode go-prompt expects (no echo, no line
// buffering, no signal keys, 8-bit input) and returns what it was.
func makeRaw(fd int) (termState, error) {
	t, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return nil, err
	}
	saved := *t
	raw := *t
	raw.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	raw.Lflag &^= unix.ECHO | unix.ICANON | unix.IEXTEN | unix.ISIG | unix.ECHONL
	raw.Cflag &^= unix.CSIZE | unix.PARENB
	raw.Cflag |= unix.CS8
	raw.Cc[unix.VMIN], raw.Cc[unix.VTIME] = 1, 0
	return &saved, unix.IoctlSetTermios(fd, ioctlSetTermios, &raw)
}

// restoreTerm puts back settings makeRaw saved.
func restoreTerm(fd int, s termState) error { return unix.IoctlSetTermios(fd, ioctlSetTermios, s) }

// waitInput waits up to ms milliseconds for fd to have input (or to hang
// up); it reports whether a read would not block.
func waitInput(fd, ms int) bool {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, ms)
	if err != nil || n == 0 {
		return false
	}
	return fds[0].Revents&(unix.POLLIN|unix.POLLHUP|unix.POLLERR|unix.POLLNVAL) != 0
}

// readInput reads what fd has; again is true for an interrupted or empty
// non-blocking read, which is not the end of input.
func readInput(fd int, buf []byte) (n int, again bool, err error) {
	n, err = unix.Read(fd, buf)
	if err == unix.EINTR || err == unix.EAGAIN {
		return 0, true, nil
	}
	return n, false, err
}

// lineWaiting reports whether the terminal holds a complete line not read
// yet (in cooked mode the input queue counts only complete lines).
func lineWaiting(fd int) bool {
	n, err := unix.IoctlGetInt(fd, ioctlInputQueued)
	return err == nil && n > 0
}

// windowSize is the terminal's size, 0x0 when it cannot be read.
func windowSize(fd int) (cols, rows int) {
	ws, err := unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ)
	if err != nil {
		return 0, 0
	}
	return int(ws.Col), int(ws.Row)
}

// canOpenTTY reports whether this process has a controlling terminal that
// can be opened: go-prompt's constructor opens /dev/tty and panics without.
func canOpenTTY() bool {
	f, err := os.OpenFile("/dev/tty", os.O_RDONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}
