package input

import "golang.org/x/sys/unix"

// Linux's terminal ioctls.
const (
	ioctlGetTermios  = unix.TCGETS
	ioctlSetTermios  = unix.TCSETS
	ioctlInputQueued = unix.TIOCINQ
)
