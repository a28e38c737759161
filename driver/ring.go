package driver

import (
	"context"
	"errors"
	"net"

	"github.com/gocqlsh/gocqlsh/driver/cluster"
)

// Ring is the cluster's token ring with every keyspace's replication, as
// the session's metadata holds it, so that the nodes holding a token's
// replicas can be computed on the client (cqlsh's SHOW REPLICAS).
type Ring struct {
	// Partitioner is the node's partitioner class.
	Partitioner string
	// Hosts are the cluster's nodes, the contact point first.
	Hosts []RingHost

	topo *cluster.Topology
}

// RingHost is one node: its address (without port) and its place.
type RingHost struct {
	Address    string
	DataCenter string
	Rack       string
}

// Ring reads the token ring and the keyspaces' replication afresh and
// returns them.
func (s *Session) Ring(ctx context.Context) (*Ring, error) {
	if err := s.cl.Refresh(ctx); err != nil {
		return nil, err
	}
	t := s.cl.Topology()
	if !t.HasRing() {
		return nil, errors.New("the token ring is unknown: partitioner " + t.Partitioner() + " is not supported")
	}
	r := &Ring{Partitioner: t.Partitioner(), topo: t}
	contact := s.cl.Contact()
	r.Hosts = append(r.Hosts, ringHost(contact))
	for _, h := range t.Hosts() {
		if h != contact {
			r.Hosts = append(r.Hosts, ringHost(h))
		}
	}
	return r, nil
}

func ringHost(h *Host) RingHost {
	info := h.Info()
	addr := info.Address
	if addr == "" {
		addr, _, _ = net.SplitHostPort(h.Addr())
	}
	return RingHost{Address: addr, DataCenter: info.DataCenter, Rack: info.Rack}
}

// Replicas returns the addresses of the nodes holding token's replicas in
// keyspace, in ring order from the token's owner, as the Python driver's
// token map does: none for an unknown keyspace, for LocalStrategy and for
// strategies it does not know.
func (r *Ring) Replicas(keyspace string, token int64) []string {
	return r.ReplicasAt(keyspace, r.RangeIndex(token))
}

// RangeIndex is the position on the ring of the range that holds token:
// that of the first ring token at or after it (a range ends at its token,
// inclusive), wrapping round past the last. Tokens with the same index
// have the same replicas. It is -1 for an empty ring.
func (r *Ring) RangeIndex(token int64) int { return r.topo.RangeIndex(token) }

// ReplicasAt is Replicas for the range at index (from RangeIndex).
func (r *Ring) ReplicasAt(keyspace string, index int) []string {
	var out []string
	for _, h := range r.topo.ReplicasAt(keyspace, index) {
		out = append(out, ringHost(h).Address)
	}
	return out
}

// ReplicaHostsAt is ReplicasAt as hosts, for routing a request there.
func (r *Ring) ReplicaHostsAt(keyspace string, index int) []*Host {
	return r.topo.ReplicasAt(keyspace, index)
}
