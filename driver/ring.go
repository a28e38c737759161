package driver

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// Ring is the cluster's token ring as the system tables describe it, with
// every keyspace's replication, so that the nodes holding a token's
// replicas can be computed on the client (cqlsh's SHOW REPLICAS).
type Ring struct {
	// Partitioner is the node's partitioner class.
	Partitioner string
	// Hosts are the cluster's nodes, the connected one first.
	Hosts []RingHost

	tokens      []ringToken // sorted by value
	replication map[string]map[string]string
}

// RingHost is one node: the address clients connect to, and its place.
type RingHost struct {
	Address    string
	DataCenter string
	Rack       string
}

type ringToken struct {
	value *big.Int
	host  int // index into Hosts
}

// Ring reads the token ring and the keyspaces' replication from the node in
// use.
func (s *Session) Ring(ctx context.Context) (*Ring, error) {
	r := &Ring{replication: make(map[string]map[string]string)}
	local, err := s.Execute(ctx, "SELECT partitioner, rpc_address, data_center, rack, tokens FROM system.local WHERE key = 'local'")
	if err != nil {
		return nil, err
	}
	if local.NumRows() == 0 {
		return nil, fmt.Errorf("system.local has no row")
	}
	if p, _ := local.Value(0, 0); p != nil {
		r.Partitioner, _ = p.(string)
	}
	if err := r.addHost(local, 0, 1); err != nil {
		return nil, err
	}
	peers, err := s.Execute(ctx, "SELECT native_address, data_center, rack, tokens FROM system.peers_v2")
	if err != nil {
		// Before Cassandra 4.0 there is only system.peers.
		if peers, err = s.Execute(ctx, "SELECT rpc_address, data_center, rack, tokens FROM system.peers"); err != nil {
			return nil, err
		}
	}
	for i := range peers.NumRows() {
		if err := r.addHost(peers, i, 0); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(r.tokens, func(a, b ringToken) int { return a.value.Cmp(b.value) })

	it := s.Iter(ctx, &Query{Statement: "SELECT keyspace_name, replication FROM system_schema.keyspaces"})
	for it.Next() {
		name, _ := it.Value(0)
		repl, _ := it.Value(1)
		ks, _ := name.(string)
		m := make(map[string]string)
		if pairs, ok := repl.([]cqltype.MapEntry); ok {
			for _, p := range pairs {
				k, _ := p.Key.(string)
				v, _ := p.Value.(string)
				m[k] = v
			}
		}
		r.replication[ks] = m
	}
	if err := it.Close(); err != nil {
		return nil, err
	}
	return r, nil
}

// addHost adds row i of res, whose columns from first on are address,
// data centre, rack and tokens.
func (r *Ring) addHost(res *Result, i, first int) error {
	addr, _ := res.Value(i, first)
	dc, _ := res.Value(i, first+1)
	rack, _ := res.Value(i, first+2)
	toks, _ := res.Value(i, first+3)
	var h RingHost
	if addr != nil {
		h.Address = fmt.Sprint(addr)
	}
	h.DataCenter, _ = dc.(string)
	h.Rack, _ = rack.(string)
	idx := len(r.Hosts)
	r.Hosts = append(r.Hosts, h)
	list, _ := toks.([]any)
	for _, t := range list {
		s, _ := t.(string)
		v, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return fmt.Errorf("token %q of %s is not a number: partitioner %s is not supported", s, h.Address, r.Partitioner)
		}
		r.tokens = append(r.tokens, ringToken{value: v, host: idx})
	}
	return nil
}

// Replicas returns the addresses of the nodes holding token's replicas in
// keyspace, in ring order from the token's owner, as the Python driver's
// token map does: none for an unknown keyspace, for LocalStrategy and for
// strategies it does not know.
func (r *Ring) Replicas(keyspace string, token *big.Int) []string {
	return r.ReplicasAt(keyspace, r.RangeIndex(token))
}

// RangeIndex is the position on the ring of the range that holds token:
// that of the first ring token at or after it (a range ends at its token,
// inclusive), wrapping round past the last. Tokens with the same index
// have the same replicas. It is -1 for an empty ring.
func (r *Ring) RangeIndex(token *big.Int) int {
	if len(r.tokens) == 0 {
		return -1
	}
	i, _ := slices.BinarySearchFunc(r.tokens, token, func(t ringToken, v *big.Int) int { return t.value.Cmp(v) })
	if i == len(r.tokens) {
		i = 0
	}
	return i
}

// ReplicasAt is Replicas for the range at index (from RangeIndex).
func (r *Ring) ReplicasAt(keyspace string, index int) []string {
	repl, ok := r.replication[keyspace]
	if !ok || index < 0 || index >= len(r.tokens) {
		return nil
	}
	start := index
	var hosts []int
	switch class := repl["class"]; {
	case strings.HasSuffix(class, "SimpleStrategy"):
		hosts = r.simple(start, replicationFactor(repl["replication_factor"]))
	case strings.HasSuffix(class, "NetworkTopologyStrategy"):
		hosts = r.networkTopology(start, repl)
	case strings.HasSuffix(class, "EverywhereStrategy"):
		hosts = r.simple(start, len(r.Hosts))
	}
	var out []string
	for _, h := range hosts {
		out = append(out, r.Hosts[h].Address)
	}
	return out
}

// replicationFactor reads "3", or "3/1" (replicas/transient), as 3.
func replicationFactor(s string) int {
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// simple walks the ring from start taking the next rf distinct nodes.
func (r *Ring) simple(start, rf int) []int {
	var out []int
	for i := 0; i < len(r.tokens) && len(out) < rf; i++ {
		h := r.tokens[(start+i)%len(r.tokens)].host
		if !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// networkTopology places each data centre's replicas walking the ring from
// start: distinct nodes, on racks not used yet while some remain, nodes
// passed over for their rack filling in once every rack holds one. Data
// centres come in the order the ring first meets them.
func (r *Ring) networkTopology(start int, repl map[string]string) []int {
	var dcs []string
	racks := make(map[string]map[string]bool) // per DC, the racks of its nodes
	nodes := make(map[string]map[int]bool)    // per DC, its nodes with a DC and rack
	for _, t := range r.tokens {
		h := r.Hosts[t.host]
		if !slices.Contains(dcs, h.DataCenter) {
			dcs = append(dcs, h.DataCenter)
			racks[h.DataCenter] = make(map[string]bool)
			nodes[h.DataCenter] = make(map[int]bool)
		}
		if h.DataCenter != "" && h.Rack != "" {
			racks[h.DataCenter][h.Rack] = true
			nodes[h.DataCenter][t.host] = true
		}
	}
	var out []int
	for _, dc := range dcs {
		want := replicationFactor(repl[dc])
		if want <= 0 {
			continue
		}
		placed, used := 0, make(map[string]bool)
		var skipped []int
		for i := 0; i < len(r.tokens) && want > 0 && placed < len(nodes[dc]); i++ {
			h := r.tokens[(start+i)%len(r.tokens)].host
			if r.Hosts[h].DataCenter != dc || slices.Contains(out, h) || slices.Contains(skipped, h) {
				continue
			}
			rack := r.Hosts[h].Rack
			if used[rack] && len(used) < len(racks[dc]) {
				skipped = append(skipped, h)
				continue
			}
			out = append(out, h)
			placed++
			want--
			used[rack] = true
			if len(used) == len(racks[dc]) {
				for _, s := range skipped {
					if want == 0 {
						break
					}
					out = append(out, s)
					placed++
					want--
				}
				skipped = skipped[:0]
			}
		}
	}
	return out
}
