package cluster

import (
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
)

// Topology is one immutable snapshot of the cluster: its hosts, grouped by
// data centre, the token ring and, per keyspace, each token range's
// replicas, computed once when the snapshot is built. The cluster swaps
// snapshots atomically, so a request reads one consistent view without a
// lock, and a lookup is a binary search.
type Topology struct {
	hosts  []*Host // sorted by address
	byAddr map[string]*Host

	localDC string
	local   []*Host // hosts in the local data centre (every host when it is unknown)
	remote  []*Host // the others

	partitioner string
	ring        []int64 // sorted Murmur3 tokens; empty without a usable ring
	owners      []*Host // owners[i] owns ring[i]

	keyspaces map[string]*replicaTable

	rr *atomic.Uint32 // rotation shared by the snapshots of one cluster
}

// replicaTable holds a replication's replicas for every ring range.
type replicaTable struct {
	replication map[string]string
	all         [][]*Host // by ring index, in ring order from the owner
	local       [][]*Host // the same, only those in the local data centre
}

// Keyspace is a keyspace's replication, as system_schema.keyspaces says.
type Keyspace struct {
	Name        string
	Replication map[string]string
}

// NewTopology builds a snapshot. localDC "" means every host is local.
// Tokens are used only for the Murmur3 partitioner; with another, or when
// a token does not parse, the snapshot has no ring and routing falls back
// to the policies' order.
func NewTopology(hosts []*Host, localDC, partitioner string, keyspaces []Keyspace) *Topology {
	return newTopology(hosts, localDC, partitioner, keyspaces, new(atomic.Uint32))
}

func newTopology(hosts []*Host, localDC, partitioner string, keyspaces []Keyspace, rr *atomic.Uint32) *Topology {
	t := &Topology{
		hosts:       slices.Clone(hosts),
		byAddr:      make(map[string]*Host, len(hosts)),
		localDC:     localDC,
		partitioner: partitioner,
		keyspaces:   make(map[string]*replicaTable, len(keyspaces)),
		rr:          rr,
	}
	slices.SortFunc(t.hosts, func(a, b *Host) int { return strings.Compare(a.addr, b.addr) })
	for _, h := range t.hosts {
		t.byAddr[h.addr] = h
		if localDC == "" || h.DataCenter() == localDC {
			t.local = append(t.local, h)
		} else {
			t.remote = append(t.remote, h)
		}
	}
	t.buildRing()
	if len(t.ring) == 0 {
		return t
	}
	placer := newReplicaPlacer(t.owners)
	shared := make(map[string]*replicaTable)
	for _, ks := range keyspaces {
		key := replicationKey(ks.Replication)
		tab := shared[key]
		if tab == nil {
			tab = t.replicaTable(placer, ks.Replication)
			shared[key] = tab
		}
		t.keyspaces[ks.Name] = tab
	}
	return t
}

// buildRing sorts every host's tokens into the ring.
func (t *Topology) buildRing() {
	if t.partitioner != "" && !strings.HasSuffix(t.partitioner, "Murmur3Partitioner") {
		return
	}
	type entry struct {
		token int64
		host  *Host
	}
	var entries []entry
	for _, h := range t.hosts {
		for _, s := range h.info.Load().Tokens {
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return
			}
			entries = append(entries, entry{v, h})
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		switch {
		case a.token < b.token:
			return -1
		case a.token > b.token:
			return 1
		}
		return 0
	})
	t.ring = make([]int64, len(entries))
	t.owners = make([]*Host, len(entries))
	for i, e := range entries {
		t.ring[i], t.owners[i] = e.token, e.host
	}
}

func (t *Topology) replicaTable(p *replicaPlacer, repl map[string]string) *replicaTable {
	tab := &replicaTable{
		replication: repl,
		all:         make([][]*Host, len(t.ring)),
		local:       make([][]*Host, len(t.ring)),
	}
	for i := range t.ring {
		reps := p.placeAt(repl, i)
		tab.all[i] = reps
		if t.localDC == "" {
			tab.local[i] = reps
			continue
		}
		for _, h := range reps {
			if p.dcOf[h] == t.localDC {
				tab.local[i] = append(tab.local[i], h)
			}
		}
	}
	return tab
}

// Hosts are every known host, sorted by address. The slice is shared.
func (t *Topology) Hosts() []*Host { return t.hosts }

// Host is the host at addr (host:port), or nil.
func (t *Topology) Host(addr string) *Host { return t.byAddr[addr] }

// LocalDC is the data centre requests prefer ("" when every host is local).
func (t *Topology) LocalDC() string { return t.localDC }

// Partitioner is the cluster's partitioner class.
func (t *Topology) Partitioner() string { return t.partitioner }

// HasRing reports whether tokens can be mapped to replicas.
func (t *Topology) HasRing() bool { return len(t.ring) > 0 }

// RangeIndex is the position on the ring of the range that holds token:
// that of the first ring token at or after it (a range ends at its token,
// inclusive), wrapping round past the last. Tokens with the same index have
// the same replicas. It is -1 without a ring.
func (t *Topology) RangeIndex(token int64) int {
	if len(t.ring) == 0 {
		return -1
	}
	i, _ := slices.BinarySearch(t.ring, token)
	if i == len(t.ring) {
		i = 0
	}
	return i
}

// Ranges is the number of ranges on the ring.
func (t *Topology) Ranges() int { return len(t.ring) }

// RangeEnd is the token that ends the range at index i (inclusive).
func (t *Topology) RangeEnd(i int) int64 { return t.ring[i] }

// Replicas returns the hosts holding token's replicas in keyspace, in ring
// order from the token's owner: none for an unknown keyspace, LocalStrategy
// or a strategy the driver does not know. The slice is shared.
func (t *Topology) Replicas(keyspace string, token int64) []*Host {
	return t.ReplicasAt(keyspace, t.RangeIndex(token))
}

// ReplicasAt is Replicas for the range at index (from RangeIndex).
func (t *Topology) ReplicasAt(keyspace string, index int) []*Host {
	tab := t.keyspaces[keyspace]
	if tab == nil || index < 0 || index >= len(tab.all) {
		return nil
	}
	return tab.all[index]
}

// localReplicas is Replicas restricted to the local data centre.
func (t *Topology) localReplicas(keyspace string, token int64) []*Host {
	tab := t.keyspaces[keyspace]
	if tab == nil {
		return nil
	}
	i := t.RangeIndex(token)
	if i < 0 || i >= len(tab.local) {
		return nil
	}
	return tab.local[i]
}

// Replication is keyspace's replication map, or nil when unknown.
func (t *Topology) Replication(keyspace string) map[string]string {
	if tab := t.keyspaces[keyspace]; tab != nil {
		return tab.replication
	}
	return nil
}

// rotation advances the shared round-robin counter.
func (t *Topology) rotation() int { return int(t.rr.Add(1) & 0x7fffffff) }
