//go:build (linux || darwin || dragonfly || freebsd || netbsd || openbsd) && !race

package rawio

import (
	"syscall"
	"unsafe"
)

// Read reads into p (not empty) with one read(2).
func Read(fd uintptr, p []byte) (int, syscall.Errno) {
	r, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
	return int(r), e
}

// Write writes p (not empty) with one write(2).
func Write(fd uintptr, p []byte) (int, syscall.Errno) {
	r, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
	return int(r), e
}
