//go:build (linux || darwin || dragonfly || freebsd || netbsd || openbsd) && race

package rawio

import "syscall"

// Read reads into p (not empty) with one read(2), through syscall.Read.
func Read(fd uintptr, p []byte) (int, syscall.Errno) {
	n, err := syscall.Read(int(fd), p)
	return n, errno(err)
}

// Write writes p (not empty) with one write(2), through syscall.Write.
func Write(fd uintptr, p []byte) (int, syscall.Errno) {
	n, err := syscall.Write(int(fd), p)
	return n, errno(err)
}

func errno(err error) syscall.Errno {
	if err == nil {
		return 0
	}
	if e, ok := err.(syscall.Errno); ok {
		return e
	}
	return syscall.EIO
}
