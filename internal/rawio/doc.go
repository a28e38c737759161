// Package rawio reads and writes a file descriptor with one system call
// each, for code that runs inside a syscall.RawConn callback: on a
// non-blocking socket a call that goes through need not enter the
// scheduler's syscall state. Under the race detector the calls go through
// package syscall instead, so that every read and write stays the
// synchronisation point it is for net.Conn (what one goroutine writes
// before sending bytes happens before what the goroutine that reads them
// does next).
package rawio
