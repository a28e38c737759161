package driver

import (
	"context"
	"crypto/tls"
	"log/slog"
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

	// The cluster.

	// ConnectionsPerHost is the pool size per node (default 1: one
	// connection carries 32768 requests at once).
	ConnectionsPerHost int
	// LocalDC is the data centre requests prefer; empty takes the first
	// contact point's.
	LocalDC string
	// Policy orders the hosts each request tries (default
	// TokenAware{Fallback: DCAwareRoundRobin{}}: the partition's replicas
	// in the local data centre first, then the local data centre's other
	// nodes; remote data centres only with AllowRemote).
	Policy HostSelectionPolicy
	// RetryPolicy decides what a failed attempt leads to (default
	// DefaultRetryPolicy).
	RetryPolicy RetryPolicy
	// SpeculativeDelay, when positive, also sends an idempotent request
	// that has had no reply for this long to the next host of its plan;
	// the first reply wins (synchronous requests only).
	SpeculativeDelay time.Duration
	// Reconnect paces reconnection to a node that is down (default: 1 s
	// doubling up to 8 s, with jitter).
	Reconnect ReconnectPolicy
	// NoDiscovery keeps the session to its contact points: no system
	// tables read, no events, no token-aware routing.
	NoDiscovery bool
	// MaxSchemaAgreementWait bounds the wait after DDL for every node that
	// is up to run the same schema version (default 10 s; negative: do not
	// wait).
	MaxSchemaAgreementWait time.Duration
	// ProbeTimeout bounds the liveness check of a connection whose request
	// timed out (default 2 s).
	ProbeTimeout time.Duration

	// OnHostEvent, when set, is told of nodes added, removed, going down
	// and coming back, in order, on a goroutine of the session's.
	OnHostEvent func(HostEvent)
	// Observer, when set, sees every attempt of every request.
	Observer RequestObserver
	// Logger, when set, receives news of hosts and of the control
	// connection.
	Logger *slog.Logger
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
	if out.Policy == nil {
		out.Policy = TokenAware{Fallback: DCAwareRoundRobin{}}
	}
	if out.RetryPolicy == nil {
		out.RetryPolicy = DefaultRetryPolicy{}
	}
	if out.MaxSchemaAgreementWait == 0 {
		out.MaxSchemaAgreementWait = 10 * time.Second
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
