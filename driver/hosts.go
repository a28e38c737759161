package driver

import (
	"github.com/gocqlsh/gocqlsh/driver/cluster"
)

// Host is one node of the cluster, with its state and counters.
type Host = cluster.Host

// HostEvent is a node added, removed, going down or coming back.
type HostEvent = cluster.HostEvent

// Host event kinds.
const (
	HostAdded    = cluster.HostAdded
	HostRemoved  = cluster.HostRemoved
	HostWentUp   = cluster.HostWentUp
	HostWentDown = cluster.HostWentDown
)

// HostSelectionPolicy orders the hosts a request tries.
type HostSelectionPolicy = cluster.Policy

// The host-selection policies (see package cluster).
type (
	TokenAware        = cluster.TokenAware
	DCAwareRoundRobin = cluster.DCAwareRoundRobin
	RoundRobin        = cluster.RoundRobin
	AllowList         = cluster.AllowList
	HostFirst         = cluster.HostFirst
)

// ReconnectPolicy paces reconnection to a node that is down.
type ReconnectPolicy = cluster.ReconnectPolicy

// ExponentialReconnect doubles the wait between attempts, with jitter.
type ExponentialReconnect = cluster.ExponentialReconnect

// HostStats are one node's request counters.
type HostStats = cluster.StatsSnapshot

// HostStatus is one node as the session sees it.
type HostStatus struct {
	Host  *Host
	State cluster.HostState
	HostStats
}

// Hosts lists the cluster's nodes as the session sees them, the contact
// point first, with their counters (SHOW HOSTS).
func (s *Session) Hosts() []HostStatus {
	t := s.cl.Topology()
	out := make([]HostStatus, 0, len(t.Hosts()))
	add := func(h *Host) {
		st := HostStatus{Host: h, State: h.State(), HostStats: h.Stats().Snapshot()}
		for _, c := range h.Pool().Conns() {
			st.Connections++
			st.InFlight += c.InFlight() - c.Orphaned()
		}
		out = append(out, st)
	}
	contact := s.cl.Contact()
	add(contact)
	for _, h := range t.Hosts() {
		if h != contact {
			add(h)
		}
	}
	return out
}

// Stats sums every node's counters.
func (s *Session) Stats() HostStats {
	var sum HostStats
	for _, h := range s.Hosts() {
		sum.Requests += h.Requests
		sum.Errors += h.Errors
		sum.Retries += h.Retries
		sum.Speculative += h.Speculative
		sum.InFlight += h.InFlight
		sum.Connections += h.Connections
		sum.P50 = max(sum.P50, h.P50)
		sum.P99 = max(sum.P99, h.P99)
	}
	return sum
}
