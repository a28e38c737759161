package cluster

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// replicaPlacer places a keyspace's replicas on the ring: owners[i] owns
// the i-th ring token, and the range ending at that token (inclusive) is
// replicated on placeAt(i).
type replicaPlacer struct {
	owners []*Host
	// Per data centre, the racks its nodes are on and its nodes that have a
	// data centre and rack, and the data centres in the order the ring
	// first meets them: what NetworkTopologyStrategy walks with.
	dcs     []string
	dcRacks map[string]int
	dcNodes map[string]int
	dcOf    map[*Host]string
	rackOf  map[*Host]string
	hosts   int
}

func newReplicaPlacer(owners []*Host) *replicaPlacer {
	p := &replicaPlacer{
		owners:  owners,
		dcRacks: make(map[string]int),
		dcNodes: make(map[string]int),
		dcOf:    make(map[*Host]string),
		rackOf:  make(map[*Host]string),
	}
	racks := make(map[string]map[string]bool)
	for _, h := range owners {
		if _, seen := p.dcOf[h]; seen {
			continue
		}
		info := h.info.Load()
		p.dcOf[h], p.rackOf[h] = info.DataCenter, info.Rack
		p.hosts++
		dc := info.DataCenter
		if !slices.Contains(p.dcs, dc) {
			p.dcs = append(p.dcs, dc)
			racks[dc] = make(map[string]bool)
		}
		if dc != "" && info.Rack != "" {
			racks[dc][info.Rack] = true
			p.dcNodes[dc]++
		}
	}
	for dc, r := range racks {
		p.dcRacks[dc] = len(r)
	}
	return p
}

// placeAt returns the replicas of the range at ring index start, in ring
// order from its owner, as the Python driver's token map computes them:
// none for LocalStrategy and for strategies it does not know.
func (p *replicaPlacer) placeAt(repl map[string]string, start int) []*Host {
	switch class := repl["class"]; {
	case strings.HasSuffix(class, "SimpleStrategy"):
		return p.simple(start, replicationFactor(repl["replication_factor"]))
	case strings.HasSuffix(class, "NetworkTopologyStrategy"):
		return p.networkTopology(start, repl)
	case strings.HasSuffix(class, "EverywhereStrategy"):
		return p.simple(start, p.hosts)
	}
	return nil
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
func (p *replicaPlacer) simple(start, rf int) []*Host {
	var out []*Host
	for i := 0; i < len(p.owners) && len(out) < rf; i++ {
		h := p.owners[(start+i)%len(p.owners)]
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
func (p *replicaPlacer) networkTopology(start int, repl map[string]string) []*Host {
	var out []*Host
	for _, dc := range p.dcs {
		want := replicationFactor(repl[dc])
		if want <= 0 {
			continue
		}
		placed, used := 0, make(map[string]bool)
		var skipped []*Host
		for i := 0; i < len(p.owners) && want > 0 && placed < p.dcNodes[dc]; i++ {
			h := p.owners[(start+i)%len(p.owners)]
			if p.dcOf[h] != dc || slices.Contains(out, h) || slices.Contains(skipped, h) {
				continue
			}
			rack := p.rackOf[h]
			if used[rack] && len(used) < p.dcRacks[dc] {
				skipped = append(skipped, h)
				continue
			}
			out = append(out, h)
			placed++
			want--
			used[rack] = true
			if len(used) == p.dcRacks[dc] {
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

// replicationKey is a canonical text of a replication map, so keyspaces
// replicated alike share one replica table.
func replicationKey(repl map[string]string) string {
	keys := make([]string, 0, len(repl))
	for k := range repl {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(repl[k])
		b.WriteByte(';')
	}
	return b.String()
}
