package conn

import (
	"context"
	"crypto/tls"
	"net"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Config says how to open one connection. The zero value of every field but
// Addr is a sensible default.
type Config struct {
	// Addr is host:port of the node.
	Addr string

	// ProtoVersion pins the protocol version (3, 4 or 5). Zero negotiates:
	// try v5, and on a protocol error fall back to v4, then v3.
	ProtoVersion byte

	// Compression is "", "lz4" or "snappy". snappy exists for v3/v4 only; on
	// v5 it is ignored. The server must list the algorithm in SUPPORTED.
	Compression string

	// TLS, when set, wraps the connection in TLS.
	TLS *tls.Config

	// Auth answers the server's AUTHENTICATE challenge; nil fails the
	// connection if the server asks for authentication.
	Auth Authenticator

	// Dial opens the transport; nil uses a net.Dialer.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)

	// ConnectTimeout bounds dialling plus the handshake (default 5 s) when
	// the context has no earlier deadline.
	ConnectTimeout time.Duration

	// HeartbeatInterval is how long the connection may stay idle before an
	// OPTIONS request checks it (default 30 s; negative disables).
	HeartbeatInterval time.Duration

	// MaxStreams caps concurrent requests (default and maximum 32768).
	MaxStreams int

	// Events, when non-empty, are REGISTERed after start-up
	// (TOPOLOGY_CHANGE, STATUS_CHANGE, SCHEMA_CHANGE); OnEvent receives them
	// on a goroutine of its own, in order. Register does the same later.
	Events  []string
	OnEvent func(*frame.Event)

	// OnClose, when set, is called once the connection has closed and every
	// request in flight has failed, with the error they failed with. It runs
	// on the goroutine that closed the connection and must not block.
	OnClose func(*Conn, error)

	// CQLVersion, when set, is the CQL version asked for in STARTUP; it
	// must be one the node lists. Empty takes the node's first.
	CQLVersion string

	// DriverName and DriverVersion go into STARTUP.
	DriverName, DriverVersion string
}

const (
	defaultConnectTimeout = 5 * time.Second
	defaultHeartbeat      = 30 * time.Second
	maxStreams            = 32768
)

func (c *Config) maxStreams() int {
	if c.MaxStreams <= 0 || c.MaxStreams > maxStreams {
		return maxStreams
	}
	return c.MaxStreams
}
