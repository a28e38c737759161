// Package cluster is the driver's view of a Cassandra cluster: its hosts
// and their connection pools, the token ring with each keyspace's replicas,
// and the policies that order hosts for a request.
//
// A Cluster connects to the first contact point that answers, reads
// system.local, system.peers_v2 (system.peers before Cassandra 4.0) and the
// keyspaces' replication through a control connection registered for
// topology, status and schema events, and opens a pool per host. Each
// refresh builds a new immutable Topology and swaps it in atomically, so a
// request reads one consistent view without a lock. When the control
// connection's node dies, control moves to another live node.
package cluster

import (
	"context"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Config describes a Cluster.
type Config struct {
	// ContactPoints are host:port addresses to connect through first.
	ContactPoints []string
	// Conn is the template of every connection (Addr and OnClose are set
	// per connection; the protocol version negotiated with the first
	// contact point is pinned for the others).
	Conn conn.Config
	// PoolSize is the number of connections per host (default 1).
	PoolSize int
	// LocalDC is the data centre requests prefer; empty takes the data
	// centre of the contact point connected to first.
	LocalDC string
	// Reconnect paces reconnection to a host that is down (default
	// ExponentialReconnect{}: 1 s doubling up to 8 s, with jitter).
	Reconnect ReconnectPolicy
	// Setup prepares each new connection before it takes requests.
	Setup func(context.Context, *conn.Conn) error
	// NoDiscovery keeps the cluster to its contact points: no system
	// tables read, no events, no ring.
	NoDiscovery bool
	// OnHost receives host changes, in order, on a goroutine of the
	// cluster's.
	OnHost func(HostEvent)
	// OnSchemaChange receives the cluster's schema changes, in order.
	OnSchemaChange func(*frame.SchemaChange)
	// Logger receives host and control-connection news (nil: none).
	Logger *slog.Logger
	// Stagger is the wait before the next contact point is tried while
	// the previous one has not answered (default 300 ms).
	Stagger time.Duration
	// Debounce is how long events are gathered before a refresh (default
	// 200 ms).
	Debounce time.Duration
	// ProbeTimeout bounds a liveness check of a connection whose request
	// timed out or whose node was said to be down (default 2 s).
	ProbeTimeout time.Duration
	// OrphanLimit replaces a connection once more of its streams than this
	// are held by requests given up (default 3/4 of the streams).
	OrphanLimit int
	// Clock makes reconnection timers (tests).
	Clock Clock
}

// HostEventKind says what happened to a host.
type HostEventKind int

// Host events.
const (
	HostAdded HostEventKind = iota
	HostRemoved
	HostWentUp
	HostWentDown
)

func (k HostEventKind) String() string {
	switch k {
	case HostAdded:
		return "added"
	case HostRemoved:
		return "removed"
	case HostWentUp:
		return "up"
	default:
		return "down"
	}
}

// HostEvent is one change to a host.
type HostEvent struct {
	Kind HostEventKind
	Host *Host
	// Err is why a host went down.
	Err error
}

// Cluster is a live view of the cluster and its connection pools. All
// methods are safe for concurrent use.
type Cluster struct {
	cfg    Config
	pcfg   *poolConfig
	log    *slog.Logger
	topo   atomic.Pointer[Topology]
	rr     atomic.Uint32
	notify *notifier

	mu          sync.Mutex // guards what follows and serialises refreshes
	hosts       map[string]*Host
	keyspaces   []Keyspace
	partitioner string
	localDC     string
	contact     *Host
	closed      bool

	control   atomic.Pointer[conn.Conn]
	kick      chan struct{}
	dirtyRing atomic.Bool
	dirtyKS   atomic.Bool
	stop      chan struct{}
	wg        sync.WaitGroup
	version   byte
}

// Connect connects to the first contact point that answers, reads the
// cluster's topology through it and opens a pool per host (the other pools
// open in the background: Connect does not wait for them).
func Connect(ctx context.Context, cfg Config) (*Cluster, error) {
	cfg = cfg.withDefaults()
	cl := &Cluster{
		cfg:    cfg,
		log:    cfg.Logger,
		hosts:  make(map[string]*Host),
		kick:   make(chan struct{}, 1),
		stop:   make(chan struct{}),
		notify: newNotifier(),
	}
	cl.pcfg = &poolConfig{
		conn:        cfg.Conn,
		size:        cfg.PoolSize,
		reconnect:   cfg.Reconnect,
		clock:       cfg.Clock,
		setup:       cfg.Setup,
		onState:     cl.hostState,
		orphanLimit: cfg.OrphanLimit,
	}
	cc, err := dialContacts(ctx, cfg.Conn, cfg.ContactPoints, cfg.Stagger)
	if err != nil {
		cl.notify.close()
		return nil, err
	}
	first := cc.c
	if cfg.Setup != nil {
		if err := cfg.Setup(ctx, first); err != nil {
			first.Close()
			cl.notify.close()
			return nil, &conn.ConnectError{Addr: cc.addr, Err: err}
		}
	}
	cl.version = first.Version()
	cl.pcfg.conn.ProtoVersion = cl.version
	cl.contact = newHost(cc.addr, HostInfo{})
	p := newPool(cl.contact, cl.pcfg)
	cc.pool.Store(p)
	cl.hosts[cc.addr] = cl.contact
	p.start(first)

	cl.localDC = cfg.LocalDC
	discovered := false
	if !cfg.NoDiscovery {
		if err := cl.takeControl(ctx, first); err != nil {
			cl.log.Warn("cluster: cannot read the topology; using the contact points only", "host", cc.addr, "err", err)
		} else {
			discovered = true
		}
	}
	cl.mu.Lock()
	if !discovered {
		cl.addContactPointsLocked()
	}
	cl.rebuildLocked()
	cl.mu.Unlock()
	if !cfg.NoDiscovery {
		cl.wg.Add(1)
		go cl.run()
	}
	return cl, nil
}

func (cfg Config) withDefaults() Config {
	if cfg.PoolSize <= 0 {
		cfg.PoolSize = 1
	}
	if cfg.Reconnect == nil {
		cfg.Reconnect = ExponentialReconnect{}
	}
	if cfg.Clock == nil {
		cfg.Clock = realClock{}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Stagger <= 0 {
		cfg.Stagger = 300 * time.Millisecond
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = 200 * time.Millisecond
	}
	if cfg.ProbeTimeout <= 0 {
		cfg.ProbeTimeout = 2 * time.Second
	}
	if cfg.OrphanLimit == 0 {
		cfg.OrphanLimit = 3 * 32768 / 4
	}
	return cfg
}

// addContactPointsLocked makes hosts of the contact points, when the
// topology could not be read (or is not to be), so they are tried too.
func (cl *Cluster) addContactPointsLocked() {
	for _, addr := range cl.cfg.ContactPoints {
		if cl.hosts[addr] == nil {
			h := newHost(addr, HostInfo{})
			cl.hosts[addr] = h
			newPool(h, cl.pcfg).start(nil)
		}
	}
}

// Topology is the current snapshot.
func (cl *Cluster) Topology() *Topology { return cl.topo.Load() }

// Contact is the host first connected to.
func (cl *Cluster) Contact() *Host { return cl.contact }

// ProtocolVersion is the negotiated protocol version.
func (cl *Cluster) ProtocolVersion() byte { return cl.version }

// ProbeTimeout bounds liveness checks.
func (cl *Cluster) ProbeTimeout() time.Duration { return cl.cfg.ProbeTimeout }

// Control is the connection events arrive on (nil while there is none).
func (cl *Cluster) Control() *conn.Conn { return cl.control.Load() }

// Close closes every pool and stops the control loop.
func (cl *Cluster) Close() {
	cl.mu.Lock()
	if cl.closed {
		cl.mu.Unlock()
		return
	}
	cl.closed = true
	close(cl.stop)
	hosts := make([]*Host, 0, len(cl.hosts))
	for _, h := range cl.hosts {
		hosts = append(hosts, h)
	}
	cl.mu.Unlock()
	cl.wg.Wait()
	var wg sync.WaitGroup
	for _, h := range hosts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.pool.Close()
		}()
	}
	wg.Wait()
	cl.notify.close()
}

// hostState is every pool's onState: it reports the change in order and,
// when a host comes up while there is no control connection, wakes the
// control loop to take one.
func (cl *Cluster) hostState(h *Host, s HostState) {
	kind := HostWentUp
	var err error
	if s == HostDown {
		kind = HostWentDown
		err = h.pool.lastErr // the pool's lock is held
		cl.log.Warn("cluster: host down", "host", h.addr, "err", err)
	} else {
		cl.log.Info("cluster: host up", "host", h.addr)
		if cl.control.Load() == nil {
			cl.wakeLoop()
		}
	}
	cl.post(HostEvent{Kind: kind, Host: h, Err: err})
}

func (cl *Cluster) post(ev HostEvent) {
	if fn := cl.cfg.OnHost; fn != nil {
		cl.notify.post(func() { fn(ev) })
	}
}

func (cl *Cluster) wakeLoop() {
	select {
	case cl.kick <- struct{}{}:
	default:
	}
}

// defaultPort is the port of peers whose table gives none: the port of the
// first contact point.
func (cl *Cluster) defaultPort() int {
	if len(cl.cfg.ContactPoints) > 0 {
		if _, p, err := net.SplitHostPort(cl.cfg.ContactPoints[0]); err == nil {
			if n, err := strconv.Atoi(p); err == nil {
				return n
			}
		}
	}
	return 9042
}

// Refresh reads the hosts and the keyspaces' replication afresh through the
// control connection (a no-op without one, or without discovery).
func (cl *Cluster) Refresh(ctx context.Context) error {
	c := cl.control.Load()
	if c == nil || cl.cfg.NoDiscovery {
		return nil
	}
	return cl.refresh(ctx, c, true)
}
