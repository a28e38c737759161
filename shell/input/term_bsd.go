//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package input

import "golang.org/x/sys/unix"

// The BSDs' (and macOS's) terminal ioctls. FIONREAD, _IOR('f', 127, int),
// has the same number on all of them.
const (
	ioctlGetTermios  = unix.TIOCGETA
	ioctlSetTermios  = unix.TIOCSETA
	ioctlInputQueued = 0x4004667f
)
