//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package conn

import "net"

// newRawSocket keeps the connection as it is where raw socket calls are not
// available.
func newRawSocket(nc net.Conn) net.Conn { return nc }
