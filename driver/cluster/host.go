package cluster

import (
	"sync/atomic"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// HostState says whether requests may go to a host.
type HostState int32

// Host states. A host is up while its pool has a connection (or is opening
// its first); down once the pool has lost every connection, until a
// reconnection succeeds. Status events from the cluster are hints that
// trigger a check, never the verdict.
const (
	HostUp HostState = iota
	HostDown
)

func (s HostState) String() string {
	if s == HostUp {
		return "UP"
	}
	return "DOWN"
}

// HostInfo is what the system tables say of a node.
type HostInfo struct {
	// Address is the node's address as the system tables give it
	// (rpc_address, native_address), without the port.
	Address        string
	ID             cqltype.UUIDValue
	DataCenter     string
	Rack           string
	Tokens         []string
	ReleaseVersion string
	SchemaVersion  cqltype.UUIDValue
}

// Host is one node of the cluster: its address, its place in the ring, its
// state, its connection pool and its counters. A Host lives as long as the
// node is part of the cluster; topology snapshots share it.
type Host struct {
	addr  string // host:port clients connect to
	info  atomic.Pointer[HostInfo]
	state atomic.Int32
	pool  *Pool
	stats Stats
}

// NewHost makes a host that is not part of a cluster's table, for a
// topology built by hand (NewTopology): tests, tools.
func NewHost(addr string, info HostInfo) *Host { return newHost(addr, info) }

func newHost(addr string, info HostInfo) *Host {
	h := &Host{addr: addr}
	h.info.Store(&info)
	return h
}

// Addr is the host:port the driver connects to.
func (h *Host) Addr() string { return h.addr }

// Info is what the system tables said of the node at the last refresh.
func (h *Host) Info() HostInfo { return *h.info.Load() }

// ID is the node's host id (zero until the system tables have been read).
func (h *Host) ID() cqltype.UUIDValue { return h.info.Load().ID }

// DataCenter is the node's data centre ("" when unknown).
func (h *Host) DataCenter() string { return h.info.Load().DataCenter }

// Rack is the node's rack ("" when unknown).
func (h *Host) Rack() string { return h.info.Load().Rack }

// State is whether requests may go to the host.
func (h *Host) State() HostState { return HostState(h.state.Load()) }

// Up reports whether the host takes requests.
func (h *Host) Up() bool { return h.state.Load() == int32(HostUp) }

// Pool is the host's connection pool.
func (h *Host) Pool() *Pool { return h.pool }

// Stats is the host's request counters.
func (h *Host) Stats() *Stats { return &h.stats }

func (h *Host) String() string { return h.addr }

// inFlight counts the requests awaiting replies on the host's connections.
func (h *Host) inFlight() int {
	if h.pool == nil {
		return 0
	}
	return h.pool.InFlight()
}
