package driver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// These tests run against the three-node clusters testenv/node starts
// (profiles cluster and twodc): discovery, routing, and what happens to a
// run when a node is killed, paused or restarted under it.

// connectCluster opens a session through the given contact points of
// profile p and waits until every node's pool has a connection.
func connectCluster(t *testing.T, contacts []string, edit func(*Config)) *Session {
	t.Helper()
	cfg := Config{Hosts: contacts, RequestTimeout: 30 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	s, err := Connect(testCtx(t), cfg)
	if err != nil {
		t.Fatalf("connect %v: %v", contacts, err)
	}
	t.Cleanup(s.Close)
	waitUntil(t, 10*time.Second, "every node's pool to open", func() bool { return allConnected(s, 3) })
	return s
}

func allConnected(s *Session, n int) bool {
	hs := s.Hosts()
	if len(hs) != n {
		return false
	}
	for _, h := range hs {
		if h.Connections == 0 {
			return false
		}
	}
	return true
}

func waitUntil(t *testing.T, d time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > d {
			t.Fatalf("waited %v for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start)
}

// clusterKeyspace creates a keyspace of its own with the given replication
// and table t (k int PRIMARY KEY, v int, c counter-less), dropped at the end.
func clusterKeyspace(t *testing.T, s *Session, replication, table string) string {
	t.Helper()
	ks := randomName("itc_")
	mustExec(t, s, "CREATE KEYSPACE "+ks+" WITH replication = "+replication)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := s.Execute(ctx, "DROP KEYSPACE IF EXISTS "+ks); err != nil {
			t.Logf("drop keyspace %s: %v", ks, err)
		}
	})
	mustExec(t, s, "CREATE TABLE "+ks+"."+table)
	return ks
}

func rangeArgs(n int, row func(i int) []any) func(func([]any) bool) {
	return func(yield func([]any) bool) {
		for i := range n {
			if !yield(row(i)) {
				return
			}
		}
	}
}

// countAll counts a table's rows page by page at ALL. A node just
// restarted can answer INCOMPATIBLE_SCHEMA or time out until it has caught
// up with the others, so a failed pass is read again for up to two minutes.
func countAll(t *testing.T, s *Session, table string) int {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		it := s.Iter(testCtx(t), &Query{Statement: "SELECT k FROM " + table, Consistency: All, PageSize: 5000, Timeout: time.Minute})
		n := 0
		for it.Next() {
			n++
		}
		err := it.Close()
		if err == nil {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("count %s at ALL: %v", table, err)
		}
		t.Logf("count %s at ALL: %v", table, err)
		time.Sleep(2 * time.Second)
	}
}

func TestIntegrationClusterDiscovery(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	start := time.Now()
	s, err := Connect(testCtx(t), Config{Hosts: addrs[:1]})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	took := waitUntil(t, 10*time.Second, "three open pools", func() bool { return allConnected(s, 3) })
	t.Logf("node %s: the cluster's 3 nodes discovered and connected %v after connecting (%v in all)", addrs[0], took, time.Since(start))
	if took > 2*time.Second {
		t.Errorf("pools opened %v after connecting, want within 2 s", took)
	}
	var got []string
	for _, h := range s.Hosts() {
		got = append(got, h.Host.Addr())
	}
	sort.Strings(got)
	if want := slices.Sorted(slices.Values(addrs)); !slices.Equal(got, want) {
		t.Errorf("hosts %v, want %v", got, want)
	}
	ks := clusterKeyspace(t, s, "{'class': 'SimpleStrategy', 'replication_factor': 3}", "t (k int PRIMARY KEY)")
	ring, err := s.Ring(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if reps := ring.Replicas(ks, 42); len(reps) != 3 {
		t.Errorf("RF 3 replicas of token 42: %v", reps)
	}
}

// TestIntegrationClusterContactPointDown: a contact point that hangs (it
// accepts connections and never answers) and one that refuses them cost
// well under a connect timeout before a live one is used.
func TestIntegrationClusterContactPointDown(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	hung, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer hung.Close()
	go func() {
		for {
			c, err := hung.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	refused, _ := net.Listen("tcp", "127.0.0.1:0")
	refusedAddr := refused.Addr().String()
	refused.Close()

	start := time.Now()
	s, err := Connect(testCtx(t), Config{Hosts: []string{hung.Addr().String(), refusedAddr, addrs[1]}, ConnectTimeout: 10 * time.Second})
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Logf("connected through %s in %v past a hung and a refusing contact point", s.Host(), took)
	if took > time.Second || s.Host() != addrs[1] {
		t.Errorf("connected to %s after %v, want %s within 1 s", s.Host(), took, addrs[1])
	}
	if _, err := s.Execute(testCtx(t), "SELECT release_version FROM system.local"); err != nil {
		t.Error(err)
	}
}

// TestIntegrationClusterKillDuringFanout kills a node with SIGKILL in the
// middle of 100,000 idempotent inserts at QUORUM with RF 3: the contact
// point, then another node. Nothing fails, the retries are counted, and once
// the node is back every row is there at ALL. (At ONE the node killed can
// take with it writes it coordinated and acknowledged alone in the last
// moments of its commit log's sync period — Cassandra's durability at ONE,
// not the driver's to prevent: one run counted 99,621 rows.)
func TestIntegrationClusterKillDuringFanout(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	for _, victim := range []int{1, 2} {
		t.Run(fmt.Sprintf("node %d", victim), func(t *testing.T) {
			s := connectCluster(t, addrs[:1], nil)
			ks := clusterKeyspace(t, s, "{'class': 'SimpleStrategy', 'replication_factor': 3}", "t (k int PRIMARY KEY, v int)")
			table := ks + ".t"
			q := &Query{Statement: "INSERT INTO " + table + " (k, v) VALUES (?, ?)", Idempotent: true, Consistency: Quorum}
			const n = 100000
			failed, ok := 0, 0
			var firstErr error
			start := time.Now()
			for r := range s.ExecuteConcurrentStream(testCtx(t), q, rangeArgs(n, func(i int) []any { return []any{int32(i), int32(i)} }), ConcurrentOptions{Concurrency: 100}) {
				if r.Index == 20000 {
					testnode.Kill(t, testnode.Cluster, victim)
				}
				if r.Err != nil {
					if failed++; firstErr == nil {
						firstErr = r.Err
					}
				} else {
					ok++
				}
			}
			st := s.Stats()
			t.Logf("node %d killed after 20,000: %d ok, %d failed in %v, %d retries", victim, ok, failed, time.Since(start).Round(time.Millisecond), st.Retries)
			if failed != 0 {
				t.Errorf("%d inserts failed, first: %v", failed, firstErr)
			}
			if st.Retries == 0 {
				t.Error("no retry was counted")
			}
			testnode.Start(t, testnode.Cluster, victim)
			up := waitUntil(t, 30*time.Second, "the node back in the session", func() bool { return allConnected(s, 3) })
			t.Logf("node %d taking traffic %v after it accepted connections again", victim, up)
			if up > 10*time.Second {
				t.Errorf("node back in the session after %v, want within 10 s", up)
			}
			if got := countAll(t, s, table); got != n {
				t.Errorf("%d rows at ALL, want %d", got, n)
			}
			// Prepared statements work on the restarted node without an
			// UNPREPARED reaching the caller.
			pin := &Query{Statement: "SELECT v FROM " + table + " WHERE k = ?", Policy: AllowList{Addrs: []string{addrs[victim-1]}}}
			for i := range 20 {
				res, err := s.execute(testCtx(t), pin, []any{int32(i)})
				if err != nil {
					t.Fatalf("on the restarted node: %v", err)
				}
				if res.Coordinator != addrs[victim-1] || res.NumRows() != 1 {
					t.Fatalf("answered by %s with %d rows", res.Coordinator, res.NumRows())
				}
			}
		})
	}
}

// TestIntegrationClusterKillDuringCounters: counter updates are not
// idempotent: a node killed mid-run makes some fail, none is retried, and
// the final sum lies between the updates that succeeded and those tried.
func TestIntegrationClusterKillDuringCounters(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	s := connectCluster(t, addrs[:1], nil)
	ks := clusterKeyspace(t, s, "{'class': 'SimpleStrategy', 'replication_factor': 3}", "c (k int PRIMARY KEY, n counter)")
	table := ks + ".c"
	q := &Query{Statement: "UPDATE " + table + " SET n = n + 1 WHERE k = ?"}
	const n, keys = 40000, 100
	ok, failed := 0, 0
	for r := range s.ExecuteConcurrentStream(testCtx(t), q, rangeArgs(n, func(i int) []any { return []any{int32(i % keys)} }), ConcurrentOptions{Concurrency: 100}) {
		if r.Index == 8000 {
			testnode.Kill(t, testnode.Cluster, 2)
		}
		if r.Err != nil {
			failed++
		} else {
			ok++
		}
	}
	st := s.Stats()
	t.Logf("%d ok, %d failed, %d retries", ok, failed, st.Retries)
	if st.Retries != 0 {
		t.Errorf("%d retries of counter updates", st.Retries)
	}
	testnode.Start(t, testnode.Cluster, 2)
	waitUntil(t, 30*time.Second, "the node back", func() bool { return allConnected(s, 3) })
	it := s.Iter(testCtx(t), &Query{Statement: "SELECT n FROM " + table, Consistency: All, Timeout: time.Minute})
	sum := int64(0)
	for it.Next() {
		v, _ := it.Value(0)
		sum += v.(int64)
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("sum %d, between %d and %d", sum, ok, ok+failed)
	if sum < int64(ok) || sum > int64(ok+failed) {
		t.Errorf("sum %d outside [%d, %d]", sum, ok, ok+failed)
	}
}

// TestIntegrationClusterTokenAware: with RF 1, every insert goes to the one
// node that owns its key, so each node's request count equals its keys.
func TestIntegrationClusterTokenAware(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	setup := connectCluster(t, addrs[:1], nil)
	ks := clusterKeyspace(t, setup, "{'class': 'SimpleStrategy', 'replication_factor': 1}", "t (k int PRIMARY KEY, v text)")
	s := connectCluster(t, addrs[:1], nil) // counters from zero
	q := &Query{Statement: "INSERT INTO " + ks + ".t (k, v) VALUES (?, ?)"}
	if _, err := s.Prepare(testCtx(t), q.Statement); err != nil {
		t.Fatal(err)
	}
	const n = 30000
	for _, r := range s.ExecuteConcurrent(testCtx(t), q, rangeArgs(n, func(i int) []any { return []any{int32(i), "v"} }), ConcurrentOptions{Concurrency: 100}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	ring, err := s.Ring(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	owned := map[string]int{}
	for i := range n {
		key := []byte{byte(i >> 24), byte(i >> 16), byte(i >> 8), byte(i)}
		reps := ring.ReplicaHostsAt(ks, ring.RangeIndex(Murmur3Token(key)))
		if len(reps) != 1 {
			t.Fatalf("key %d: replicas %v", i, reps)
		}
		owned[reps[0].Addr()]++
	}
	for _, h := range s.Hosts() {
		t.Logf("%s: %d requests, owns %d of the keys", h.Host.Addr(), h.Requests, owned[h.Host.Addr()])
		if int(h.Requests) != owned[h.Host.Addr()] {
			t.Errorf("%s: %d requests, owns %d keys", h.Host.Addr(), h.Requests, owned[h.Host.Addr()])
		}
	}
}

// TestIntegrationTwoDCLocal: with dc1 local (the contact point's), the
// node of dc2 gets no request while dc1 is up, although it holds replicas.
func TestIntegrationTwoDCLocal(t *testing.T) {
	addrs := testnode.TwoDCAddrs(t)
	s := connectCluster(t, addrs[:1], nil)
	ks := clusterKeyspace(t, s, "{'class': 'NetworkTopologyStrategy', 'dc1': 2, 'dc2': 1}", "t (k int PRIMARY KEY, v int)")
	q := &Query{Statement: "INSERT INTO " + ks + ".t (k, v) VALUES (?, ?)"}
	for _, r := range s.ExecuteConcurrent(testCtx(t), q, rangeArgs(5000, func(i int) []any { return []any{int32(i), int32(i)} }), ConcurrentOptions{Concurrency: 50}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	for i := range 200 {
		if _, err := s.Execute(testCtx(t), "SELECT v FROM "+ks+".t WHERE k = ?", int32(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, h := range s.Hosts() {
		t.Logf("%s (%s): %d requests", h.Host.Addr(), h.Host.DataCenter(), h.Requests)
		switch dc := h.Host.DataCenter(); {
		case dc == "dc2" && h.Requests != 0:
			t.Errorf("%s in dc2 got %d requests", h.Host.Addr(), h.Requests)
		case dc == "dc1" && h.Requests == 0:
			t.Errorf("%s in dc1 got none", h.Host.Addr())
		case dc != "dc1" && dc != "dc2":
			t.Errorf("%s in data centre %q", h.Host.Addr(), dc)
		}
	}
}

// TestIntegrationClusterPausedNode: a node stopped with SIGSTOP keeps its
// sockets open and answers nothing. Reads with speculative execution keep
// their p99 under 200 ms, the hung connection is found and closed, and
// after SIGCONT the node serves again.
func TestIntegrationClusterPausedNode(t *testing.T) {
	addrs := testnode.ClusterAddrs(t)
	s := connectCluster(t, addrs[:1], func(c *Config) {
		c.SpeculativeDelay = 50 * time.Millisecond
		c.RequestTimeout = 5 * time.Second
	})
	ks := clusterKeyspace(t, s, "{'class': 'SimpleStrategy', 'replication_factor': 3}", "t (k int PRIMARY KEY, v int)")
	table := ks + ".t"
	for _, r := range s.ExecuteConcurrent(testCtx(t), &Query{Statement: "INSERT INTO " + table + " (k, v) VALUES (?, ?)"},
		rangeArgs(1000, func(i int) []any { return []any{int32(i), int32(i)} }), ConcurrentOptions{Concurrency: 50}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	read := &Query{Statement: "SELECT v FROM " + table + " WHERE k = ?"}
	if _, err := s.Prepare(testCtx(t), read.Statement); err != nil {
		t.Fatal(err)
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      []error
		stop      atomic.Bool
		wg        sync.WaitGroup
	)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; !stop.Load(); i += 8 {
				start := time.Now()
				_, err := s.execute(context.Background(), read, []any{int32(i % 1000)})
				mu.Lock()
				latencies = append(latencies, time.Since(start))
				if err != nil {
					errs = append(errs, err)
				}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(time.Second)
	testnode.Pause(t, testnode.Cluster, 2)
	paused := time.Now()
	mu.Lock()
	before := len(latencies)
	mu.Unlock()
	down := waitUntil(t, 15*time.Second, "the paused node to be seen down", func() bool {
		for _, h := range s.Hosts() {
			if h.Host.Addr() == addrs[1] {
				return h.State.String() == "DOWN"
			}
		}
		return false
	})
	time.Sleep(3 * time.Second)
	stop.Store(true)
	wg.Wait()
	during := slices.Clone(latencies[before:])
	slices.Sort(during)
	p99 := during[len(during)*99/100]
	t.Logf("paused node seen down after %v; %d reads while paused, p50 %v, p99 %v, max %v; %d errors; %d speculative",
		down, len(during), during[len(during)/2], p99, during[len(during)-1], len(errs), s.Stats().Speculative)
	if p99 > 200*time.Millisecond {
		t.Errorf("p99 %v while a node is paused", p99)
	}
	if len(errs) > 0 {
		t.Errorf("%d reads failed, first: %v", len(errs), errs[0])
	}
	if time.Since(paused) < time.Second {
		t.Fatal("the pause did not last")
	}
	testnode.Resume(t, testnode.Cluster, 2)
	back := waitUntil(t, 20*time.Second, "the node back after SIGCONT", func() bool { return allConnected(s, 3) })
	t.Logf("node back %v after SIGCONT", back)
	pin := &Query{Statement: read.Statement, Policy: AllowList{Addrs: []string{addrs[1]}}}
	if _, err := s.execute(testCtx(t), pin, []any{int32(7)}); err != nil {
		t.Errorf("on the resumed node: %v", err)
	}
}

// TestIntegrationClusterNoHostsError: a session whose only contact point
// is gone reports it by address.
func TestIntegrationClusterNoHostsError(t *testing.T) {
	refused, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := refused.Addr().String()
	refused.Close()
	_, err := Connect(testCtx(t), Config{Hosts: []string{addr, "127.0.0.1:" + strconv.Itoa(1)}})
	var nh *NoHostsError
	if !errors.As(err, &nh) || len(nh.Errors) != 2 {
		t.Fatalf("err = %v", err)
	}
}
