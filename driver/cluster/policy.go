package cluster

import "slices"

// RoutingInfo is what a policy knows of a request: the keyspace and, when
// the partition key is known, its token.
type RoutingInfo struct {
	Keyspace string
	Token    int64
	HasToken bool
}

// Policy orders the hosts a request may try. It is the one host-selection
// interface every request path calls; Plan must not allocate.
type Policy interface {
	Plan(t *Topology, ri *RoutingInfo) Plan
}

// RoundRobin spreads requests over every host in turn.
type RoundRobin struct{}

// Plan implements Policy.
func (RoundRobin) Plan(t *Topology, _ *RoutingInfo) Plan {
	p := Plan{rot: t.rotation()}
	p.add(t.hosts, p.rot)
	return p
}

// DCAwareRoundRobin spreads requests over the local data centre's hosts in
// turn and, only when AllowRemote is set, falls back to the other data
// centres'. The local data centre is the topology's (Config.LocalDC, else
// the first contact point's).
type DCAwareRoundRobin struct {
	AllowRemote bool
}

// Plan implements Policy.
func (d DCAwareRoundRobin) Plan(t *Topology, _ *RoutingInfo) Plan {
	p := Plan{rot: t.rotation()}
	p.add(t.local, p.rot)
	if d.AllowRemote {
		p.add(t.remote, p.rot)
	}
	return p
}

// TokenAware sends a request whose token is known to the replicas of its
// partition first — those in the local data centre, from a rotating start
// so that load spreads over them — then to what Fallback plans. Of the
// rotation's replica and the next one, the one with fewer requests in
// flight goes first, so a replica that falls behind (a GC pause, a busy
// or distant node) is given less until it catches up.
type TokenAware struct {
	Fallback Policy
}

// Plan implements Policy.
func (ta TokenAware) Plan(t *Topology, ri *RoutingInfo) Plan {
	p := ta.Fallback.Plan(t, ri)
	if ri == nil || !ri.HasToken {
		return p
	}
	var reps []*Host
	if t.localDC != "" {
		reps = t.localReplicas(ri.Keyspace, ri.Token)
	} else {
		reps = t.Replicas(ri.Keyspace, ri.Token)
	}
	if len(reps) > 0 {
		start := p.rot % len(reps)
		if len(reps) > 1 {
			next := (start + 1) % len(reps)
			if reps[next].inFlight() < reps[start].inFlight() {
				start = next
			}
		}
		p.prepend(planGroup{hosts: reps, start: start})
	}
	return p
}

// AllowList sends requests only to the listed hosts (host:port), in turn:
// cqlsh's policy, under which every statement goes to the host named on
// the command line.
type AllowList struct {
	Addrs []string
}

// Plan implements Policy.
func (a AllowList) Plan(t *Topology, _ *RoutingInfo) Plan {
	p := Plan{rot: t.rotation(), addrs: a.Addrs, topo: t}
	p.start = p.rot
	return p
}

// HostFirst sends every request to Addr (host:port) while it is up, and to
// what Fallback plans otherwise: the shell's interactive policy, which keeps
// statements on the named host as cqlsh does but carries on through another
// node when that host is down.
type HostFirst struct {
	Addr     string
	Fallback Policy
}

// Plan implements Policy.
func (hf HostFirst) Plan(t *Topology, ri *RoutingInfo) Plan {
	p := hf.Fallback.Plan(t, ri)
	if h := t.byAddr[hf.Addr]; h != nil {
		p.prepend(planGroup{one: h})
	}
	return p
}

// Plan is the order in which one request tries hosts: up to three groups,
// each walked from its own rotating start, down hosts passed over, and a
// host of a group put first (replicas, a preferred host) never repeated by a
// later one. It is a value that references the topology's shared slices,
// so building and walking it allocates nothing.
type Plan struct {
	groups [maxGroups]planGroup
	n      int
	g, i   int
	rot    int // the rotation drawn for this plan, shared by its groups

	// An allow-list plan names its hosts by address instead.
	addrs []string
	start int
	topo  *Topology
}

const maxGroups = 3

// planGroup is a slice of hosts, or one host (one != nil). A prepended
// group is exclusive: later groups skip its hosts.
type planGroup struct {
	hosts     []*Host
	one       *Host
	start     int
	exclusive bool
}

func (g *planGroup) len() int {
	if g.one != nil {
		return 1
	}
	return len(g.hosts)
}

func (g *planGroup) at(i int) *Host {
	if g.one != nil {
		return g.one
	}
	return g.hosts[(g.start+i)%len(g.hosts)]
}

func (g *planGroup) has(h *Host) bool {
	if g.one != nil {
		return g.one == h
	}
	return slices.Contains(g.hosts, h)
}

func (p *Plan) add(hosts []*Host, start int) {
	if len(hosts) == 0 || p.n == maxGroups {
		return
	}
	p.groups[p.n] = planGroup{hosts: hosts, start: start}
	p.n++
}

// prepend puts g first; a plan with every group taken drops its last.
func (p *Plan) prepend(g planGroup) {
	if p.n == maxGroups {
		p.n--
	}
	copy(p.groups[1:p.n+1], p.groups[:p.n])
	g.exclusive = true
	p.groups[0] = g
	p.n++
}

// Next returns the next up host to try, or nil when the plan is spent.
func (p *Plan) Next() *Host {
	if p.addrs != nil {
		return p.nextAddr()
	}
	for p.g < p.n {
		grp := &p.groups[p.g]
		for p.i < grp.len() {
			h := grp.at(p.i)
			p.i++
			if h.Up() && !p.tried(h) {
				return h
			}
		}
		p.g++
		p.i = 0
	}
	return nil
}

// tried reports whether an exclusive group before the current one holds h.
func (p *Plan) tried(h *Host) bool {
	for g := 0; g < p.g; g++ {
		if p.groups[g].exclusive && p.groups[g].has(h) {
			return true
		}
	}
	return false
}

func (p *Plan) nextAddr() *Host {
	for p.i < len(p.addrs) {
		a := p.addrs[(p.start+p.i)%len(p.addrs)]
		p.i++
		if h := p.topo.byAddr[a]; h != nil && h.Up() {
			return h
		}
	}
	return nil
}

// Down returns the hosts of the plan that are down, for a request that
// found no up host and may wake their reconnection. It allocates; it is off
// the common path.
func (p Plan) Down() []*Host {
	var out []*Host
	note := func(h *Host) {
		if h != nil && !h.Up() && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	if p.addrs != nil {
		for _, a := range p.addrs {
			note(p.topo.byAddr[a])
		}
		return out
	}
	for g := range p.n {
		for i := range p.groups[g].len() {
			note(p.groups[g].at(i))
		}
	}
	return out
}
