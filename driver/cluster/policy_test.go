package cluster

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

// twoDCs is a topology of six hosts, three per data centre, each owning two
// tokens, with keyspaces replicated in one or both data centres.
func twoDCs(localDC string) *Topology {
	var hosts []*Host
	for i := range 6 {
		dc := "dc1"
		if i >= 3 {
			dc = "dc2"
		}
		addr := "10.0.0." + strconv.Itoa(i+1) + ":9042"
		toks := []string{strconv.Itoa(i * 100), strconv.Itoa(i*100 + 600)}
		hosts = append(hosts, newHost(addr, HostInfo{DataCenter: dc, Rack: "r" + strconv.Itoa(i%3), Tokens: toks}))
	}
	kss := []Keyspace{
		{Name: "rf1", Replication: map[string]string{"class": "SimpleStrategy", "replication_factor": "1"}},
		{Name: "nts", Replication: map[string]string{"class": "NetworkTopologyStrategy", "dc1": "2", "dc2": "2"}},
	}
	return NewTopology(hosts, localDC, "org.apache.cassandra.dht.Murmur3Partitioner", kss)
}

// walk returns the addresses a plan yields, in order.
func walk(p Plan) []string {
	var out []string
	for h := p.Next(); h != nil; h = p.Next() {
		out = append(out, h.Addr())
	}
	return out
}

func TestPlanOrder(t *testing.T) {
	t1 := twoDCs("dc1")
	local := []string{"10.0.0.1:9042", "10.0.0.2:9042", "10.0.0.3:9042"}
	remote := []string{"10.0.0.4:9042", "10.0.0.5:9042", "10.0.0.6:9042"}
	isIn := func(list []string) func(string) bool { return func(a string) bool { return slices.Contains(list, a) } }

	t.Run("dc-aware stays local", func(t *testing.T) {
		got := walk(DCAwareRoundRobin{}.Plan(t1, nil))
		if len(got) != 3 || !allOf(got, isIn(local)) {
			t.Errorf("plan %v, want the three dc1 hosts", got)
		}
	})
	t.Run("dc-aware with remote", func(t *testing.T) {
		got := walk(DCAwareRoundRobin{AllowRemote: true}.Plan(t1, nil))
		if len(got) != 6 || !allOf(got[:3], isIn(local)) || !allOf(got[3:], isIn(remote)) {
			t.Errorf("plan %v, want dc1 then dc2", got)
		}
	})
	t.Run("round robin rotates", func(t *testing.T) {
		firsts := map[string]bool{}
		for range 12 {
			got := walk(RoundRobin{}.Plan(t1, nil))
			if len(got) != 6 {
				t.Fatalf("plan %v", got)
			}
			firsts[got[0]] = true
		}
		if len(firsts) != 6 {
			t.Errorf("first hosts over 12 plans: %v, want every host", firsts)
		}
	})
	t.Run("token-aware: the owner first, then the rest once", func(t *testing.T) {
		// Token 150 lies in the range ending at 200, owned by host 3.
		ri := &RoutingInfo{Keyspace: "rf1", Token: 150, HasToken: true}
		got := walk(TokenAware{Fallback: DCAwareRoundRobin{}}.Plan(t1, ri))
		if len(got) != 3 || got[0] != "10.0.0.3:9042" || !allOf(got, isIn(local)) {
			t.Errorf("plan %v, want 10.0.0.3 then the other dc1 hosts", got)
		}
	})
	t.Run("token-aware: local replicas only, spread", func(t *testing.T) {
		ri := &RoutingInfo{Keyspace: "nts", Token: 0, HasToken: true}
		want := walk(Plan{groups: [maxGroups]planGroup{{hosts: t1.localReplicas("nts", 0)}}, n: 1})
		if len(want) != 2 {
			t.Fatalf("local replicas %v, want 2", want)
		}
		firsts := map[string]bool{}
		for range 8 {
			got := walk(TokenAware{Fallback: DCAwareRoundRobin{}}.Plan(t1, ri))
			if len(got) != 3 || !slices.Contains(want, got[0]) || !slices.Contains(want, got[1]) {
				t.Fatalf("plan %v, want the replicas %v first", got, want)
			}
			firsts[got[0]] = true
		}
		if len(firsts) != 2 {
			t.Errorf("first hosts %v: the replicas should take turns", firsts)
		}
	})
	t.Run("down hosts are passed over", func(t *testing.T) {
		h := t1.Host("10.0.0.3:9042")
		h.state.Store(int32(HostDown))
		defer h.state.Store(int32(HostUp))
		ri := &RoutingInfo{Keyspace: "rf1", Token: 150, HasToken: true}
		got := walk(TokenAware{Fallback: DCAwareRoundRobin{}}.Plan(t1, ri))
		if len(got) != 2 || slices.Contains(got, "10.0.0.3:9042") {
			t.Errorf("plan %v, want the two live dc1 hosts", got)
		}
		p := TokenAware{Fallback: DCAwareRoundRobin{}}.Plan(t1, ri)
		if down := p.Down(); len(down) != 1 || down[0] != h {
			t.Errorf("Down() = %v", down)
		}
	})
	t.Run("host first, then the fallback without it", func(t *testing.T) {
		got := walk(HostFirst{Addr: "10.0.0.5:9042", Fallback: DCAwareRoundRobin{AllowRemote: true}}.Plan(t1, nil))
		if len(got) != 6 || got[0] != "10.0.0.5:9042" || slices.Contains(got[1:], "10.0.0.5:9042") {
			t.Errorf("plan %v", got)
		}
	})
	t.Run("allow-list", func(t *testing.T) {
		got := walk(AllowList{Addrs: []string{"10.0.0.6:9042", "10.9.9.9:9042"}}.Plan(t1, nil))
		if !slices.Equal(got, []string{"10.0.0.6:9042"}) {
			t.Errorf("plan %v, want only 10.0.0.6", got)
		}
	})
	t.Run("unknown keyspace or no token: the fallback", func(t *testing.T) {
		for _, ri := range []*RoutingInfo{{Keyspace: "nosuch", Token: 1, HasToken: true}, {Keyspace: "rf1"}} {
			if got := walk(TokenAware{Fallback: DCAwareRoundRobin{}}.Plan(t1, ri)); len(got) != 3 || !allOf(got, isIn(local)) {
				t.Errorf("%+v: plan %v", ri, got)
			}
		}
	})
}

func allOf(list []string, ok func(string) bool) bool {
	for _, s := range list {
		if !ok(s) {
			return false
		}
	}
	return true
}

// TestPlanAllocatesNothing: building and walking a token-aware plan is on
// every request's path.
func TestPlanAllocatesNothing(t *testing.T) {
	topo := twoDCs("dc1")
	pol := Policy(TokenAware{Fallback: DCAwareRoundRobin{}})
	ri := &RoutingInfo{Keyspace: "nts", Token: 4242, HasToken: true}
	n := testing.AllocsPerRun(1000, func() {
		p := pol.Plan(topo, ri)
		for h := p.Next(); h != nil; h = p.Next() {
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per plan", n)
	}
}

func TestReconnectDelays(t *testing.T) {
	e := ExponentialReconnect{Base: 100, Max: 800}
	for n, want := range []int64{100, 100, 200, 400, 800, 800, 800} {
		for range 50 {
			d := int64(e.Delay(n))
			if d < want/2 || d > want {
				t.Fatalf("Delay(%d) = %d, want within [%d, %d]", n, d, want/2, want)
			}
		}
	}
	if d := (ExponentialReconnect{}).Delay(30); d > 8e9 || d < 4e9 {
		t.Errorf("zero value: Delay(30) = %v, want 4-8 s", d)
	}
}

func TestHistogramQuantiles(t *testing.T) {
	var h histogram
	for i := 1; i <= 1000; i++ {
		h.add(durationMicros(i))
	}
	near := func(got, want int64) bool { return got >= want*15/16 && got <= want*17/16 }
	if p50 := h.quantile(0.5).Microseconds(); !near(p50, 500) {
		t.Errorf("p50 = %d µs, want about 500", p50)
	}
	if p99 := h.quantile(0.99).Microseconds(); !near(p99, 990) {
		t.Errorf("p99 = %d µs, want about 990", p99)
	}
	for us := range uint64(1 << 20) {
		if us > 4096 && us%997 != 0 {
			continue
		}
		b := bucketOf(us)
		if m := bucketMid(b); m > us*17/16+1 || m+m/16+1 < us {
			t.Fatalf("%d µs in bucket %d whose middle is %d", us, b, m)
		}
	}
}

func durationMicros(us int) time.Duration { return time.Duration(us) * time.Microsecond }
