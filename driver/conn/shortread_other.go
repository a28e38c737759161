//go:build (darwin || freebsd || netbsd || openbsd) && !linux

package conn

// shortReadEmpties is false where the pump has not been measured: it reads
// until EAGAIN before waiting, as net.Conn does.
const shortReadEmpties = false
