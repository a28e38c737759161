package driver

import (
	"context"
	"crypto/tls"
	"net"
	"strconv"
	"time"
)

// Config describes a session. Only Hosts is needed.
type Config struct {
	// Hosts are contact points, "host" or "host:port".
	Hosts []string
	// Port is used for hosts without one (default 9042).
	Port int

	// Keyspace, when set, is USEd on every connection.
	Keyspace string

	// Username and Password log in with PasswordAuthenticator.
	Username, Password string

	// TLS, when set, encrypts every connection.
	TLS *tls.Config

	// CQLVersion asks for a CQL version (e.g. "3.4.7"); empty takes the
	// node's.
	CQLVersion string

	// ProtoVersion pins 3, 4 or 5; zero negotiates the highest.
	ProtoVersion byte
	// Compression is "", "lz4" or "snappy" (v3/v4 only).
	Compression string

	// ConnectTimeout bounds dialling and start-up (default 5 s).
	ConnectTimeout time.Duration
	// RequestTimeout is the client-side timeout per request (default 10 s;
	// negative: none). A Query's Timeout overrides it.
	RequestTimeout time.Duration

	// Consistency is the default level (default ONE, as cqlsh).
	Consistency Consistency
	// SerialConsistency is the default serial level (default SERIAL).
	SerialConsistency Consistency
	// PageSize is the default page size (default 5000; negative: no paging).
	PageSize int

	// HeartbeatInterval: idle time before a connection is checked (default
	// 30 s; negative: never).
	HeartbeatInterval time.Duration

	// OnSchemaChange, when set, is called (on a goroutine of its own, in
	// order) for every schema change the cluster announces, including those
	// made by other clients.
	OnSchemaChange func(*SchemaChange)

	// Dial replaces the TCP dialer (tests, proxies).
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

func (c *Config) withDefaults() Config {
	out := *c
	if out.Port == 0 {
		out.Port = 9042
	}
	if out.RequestTimeout == 0 {
		out.RequestTimeout = 10 * time.Second
	}
	if out.ConnectTimeout == 0 {
		out.ConnectTimeout = 5 * time.Second
	}
	if out.Consistency == Default {
		out.Consistency = One
	}
	if out.SerialConsistency == Default {
		out.SerialConsistency = Serial
	}
	if out.PageSize == 0 {
		out.PageSize = 5000
	}
	return out
}

// addrs returns host:port for every contact point.
func (c *Config) addrs() []string {
	out := make([]string, 0, len(c.Hosts))
	for _, h := range c.Hosts {
		if _, _, err := net.SplitHostPort(h); err == nil {
			out = append(out, h)
			continue
		}
		out = append(out, net.JoinHostPort(h, strconv.Itoa(c.Port)))
	}
	return out
}
