package driver

import (
	"crypto/md5"
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// These tests run the driver's cluster behaviour — discovery, plans,
// retries, re-preparing, nodes lost and back — against fake nodes that list
// each other as peers: what a real cluster will not do on demand.

// fakeNode is one node of a fake cluster: its server, and a count of the
// statements it executed, by their first value.
type fakeNode struct {
	srv  *fakeserver.Server
	node fakeserver.Node
	mu   sync.Mutex
	seen map[string]int // QUERY/EXECUTE first values (or statements) → times
	n    atomic.Int64   // user QUERY/EXECUTE/BATCH requests
}

func (n *fakeNode) count(v string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.seen[v]
}

// fakeCluster starts n fake nodes that know each other, each owning one
// token, with keyspace ks replicated rf times (SimpleStrategy). handle
// chooses the reply to each user request on node i (nil: the built-in).
func fakeCluster(t *testing.T, n, rf int, handle func(i int, r *fakeserver.Request, v string) fakeserver.Action) []*fakeNode {
	t.Helper()
	nodes := make([]*fakeNode, n)
	for i := range nodes {
		fn := &fakeNode{seen: make(map[string]int)}
		nodes[i] = fn
		fn.srv = fakeserver.Start(t, fakeserver.Config{Handler: func(r *fakeserver.Request) fakeserver.Action {
			var v string
			switch m := r.Message.(type) {
			case *frame.Query:
				if isDiscovery(m.Statement) {
					return fakeserver.Default()
				}
				v = m.Statement
				if len(m.Params.Values) > 0 {
					v = string(m.Params.Values[0])
				}
			case *frame.Execute:
				if len(m.Params.Values) > 0 {
					v = string(m.Params.Values[0])
				}
			case *frame.Batch:
				v = "batch"
			default:
				return fakeserver.Default()
			}
			fn.n.Add(1)
			fn.mu.Lock()
			fn.seen[v]++
			fn.mu.Unlock()
			if handle != nil {
				return handle(i, r, v)
			}
			return fakeserver.Default()
		}})
	}
	for i, fn := range nodes {
		id := md5.Sum([]byte("node" + strconv.Itoa(i)))
		id[6] = id[6]&0x0f | 0x40
		fn.node = fakeserver.Node{
			HostID: id, Addr: fn.srv.Addr(), DataCenter: "datacenter1", Rack: "rack1",
			Tokens: []string{strconv.FormatInt(-6e18+int64(i)*(6e18/int64(n))*2, 10)},
		}
	}
	for i, fn := range nodes {
		fn.srv.SetNode(fn.node)
		var peers []fakeserver.Node
		for j, o := range nodes {
			if j != i {
				peers = append(peers, o.node)
			}
		}
		fn.srv.SetPeers(peers)
		fn.srv.SetKeyspaces(map[string]map[string]string{
			"ks": {"class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": strconv.Itoa(rf)},
		})
	}
	return nodes
}

// connectFake connects to the first node and waits until every node's pool
// has a connection.
func connectFake(t *testing.T, nodes []*fakeNode, cfg Config) *Session {
	t.Helper()
	cfg.Hosts = []string{nodes[0].srv.Addr()}
	if cfg.HeartbeatInterval == 0 {
		cfg.HeartbeatInterval = -1
	}
	s, err := Connect(fanCtx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	waitFor(t, 2*time.Second, "every node's pool to open", func() bool {
		hs := s.Hosts()
		if len(hs) != len(nodes) {
			return false
		}
		for _, h := range hs {
			if h.Connections == 0 {
				return false
			}
		}
		return true
	})
	return s
}

func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", d, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestFakeClusterDiscovery(t *testing.T) {
	fakeserver.LeakCheck(t)
	nodes := fakeCluster(t, 3, 1, nil)
	start := time.Now()
	s := connectFake(t, nodes, Config{})
	t.Logf("3 nodes discovered and connected in %v", time.Since(start))
	hs := s.Hosts()
	if hs[0].Host.Addr() != nodes[0].srv.Addr() {
		t.Errorf("first host %s, want the contact point", hs[0].Host.Addr())
	}
	for _, h := range hs {
		if h.State.String() != "UP" || h.Host.DataCenter() != "datacenter1" || h.Host.ID() == ([16]byte{}) {
			t.Errorf("host %s: %v, dc %q, id %v", h.Host.Addr(), h.State, h.Host.DataCenter(), h.Host.ID())
		}
	}
}

// TestFakeTokenAware: with RF 1 every prepared insert goes to the one node
// that owns its key.
func TestFakeTokenAware(t *testing.T) {
	fakeserver.LeakCheck(t)
	nodes := fakeCluster(t, 3, 1, nil)
	s := connectFake(t, nodes, Config{})
	q := &Query{Statement: "INSERT INTO ks.t (k, v) VALUES (?, ?)"}
	const total = 3000
	out := s.ExecuteConcurrent(fanCtx(t), q, func(yield func([]any) bool) {
		for i := range total {
			if !yield([]any{"key" + strconv.Itoa(i), "v"}) {
				return
			}
		}
	}, ConcurrentOptions{Concurrency: 50})
	for _, r := range out {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	ring, err := s.Ring(fanCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	owners := map[string]int{}
	for i := range total {
		k := "key" + strconv.Itoa(i)
		reps := ring.ReplicaHostsAt("ks", ring.RangeIndex(Murmur3Token([]byte(k))))
		if len(reps) != 1 {
			t.Fatalf("%s: replicas %v", k, reps)
		}
		owners[reps[0].Addr()]++
		for _, n := range nodes {
			if got, want := n.count(k), map[bool]int{true: 1}[n.srv.Addr() == reps[0].Addr()]; got != want {
				t.Fatalf("%s executed %d times on %s (owner %s)", k, got, n.srv.Addr(), reps[0].Addr())
			}
		}
	}
	for _, h := range s.Hosts() {
		if int(h.Requests) != owners[h.Host.Addr()] {
			t.Errorf("%s: %d requests counted, owns %d keys", h.Host.Addr(), h.Requests, owners[h.Host.Addr()])
		}
	}
}

// TestFakeBusyReplicaAvoided: with RF 3, a replica that answers slowly
// piles up requests in flight, and of the two replicas a plan weighs the one
// with fewer goes first, so the slow node gets far less than its third.
func TestFakeBusyReplicaAvoided(t *testing.T) {
	fakeserver.LeakCheck(t)
	nodes := fakeCluster(t, 3, 3, func(i int, r *fakeserver.Request, v string) fakeserver.Action {
		if i == 1 {
			return fakeserver.Default().After(20 * time.Millisecond)
		}
		return fakeserver.Default()
	})
	s := connectFake(t, nodes, Config{})
	q := &Query{Statement: "INSERT INTO ks.t (k, v) VALUES (?, ?)"}
	const workers, each = 30, 100
	const total = workers * each
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				if _, err := s.execute(fanCtx(t), q, []any{"key" + strconv.Itoa(w*each+i), "v"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	slow := nodes[1].n.Load()
	t.Logf("requests per node: %d, %d (slow), %d", nodes[0].n.Load(), slow, nodes[2].n.Load())
	if slow > total/6 {
		t.Errorf("the slow replica served %d of %d inserts, want under a sixth", slow, total)
	}
}

// TestFakeRetryRules checks each retry rule by what the nodes saw: how
// many times, and where, a statement was sent.
func TestFakeRetryRules(t *testing.T) {
	type step func(first bool) fakeserver.Action
	fail := func(e *frame.Error) step {
		return func(first bool) fakeserver.Action {
			if first {
				return fakeserver.Reply(e)
			}
			return fakeserver.Default()
		}
	}
	for _, tc := range []struct {
		name       string
		idempotent bool
		first      step
		ok         bool
		sent       int // executions in all
		sameNode   bool
		wantCode   frame.ErrorCode
	}{
		{"unavailable: next host", false, fail(&frame.Error{Code: frame.CodeUnavailable, Message: "u", Required: 1}), true, 2, false, 0},
		{"read timeout, data missing: same host", true, fail(&frame.Error{Code: frame.CodeReadTimeout, Message: "r", Received: 1, BlockFor: 1}), true, 2, true, 0},
		{"read timeout, too few replies: rethrow", true, fail(&frame.Error{Code: frame.CodeReadTimeout, Message: "r", Received: 0, BlockFor: 1}), false, 1, false, frame.CodeReadTimeout},
		{"write timeout: rethrow", true, fail(&frame.Error{Code: frame.CodeWriteTimeout, Message: "w", WriteType: "SIMPLE"}), false, 1, false, frame.CodeWriteTimeout},
		{"batch log write timeout: same host", false, fail(&frame.Error{Code: frame.CodeWriteTimeout, Message: "w", WriteType: "BATCH_LOG"}), true, 2, true, 0},
		{"overloaded, not idempotent: rethrow", false, fail(&frame.Error{Code: frame.CodeOverloaded, Message: "o"}), false, 1, false, frame.CodeOverloaded},
		{"overloaded, idempotent: next host", true, fail(&frame.Error{Code: frame.CodeOverloaded, Message: "o"}), true, 2, false, 0},
		{"bootstrapping, idempotent: next host", true, fail(&frame.Error{Code: frame.CodeIsBootstrapping, Message: "b"}), true, 2, false, 0},
		{"invalid: rethrow", true, fail(&frame.Error{Code: frame.CodeInvalid, Message: "i"}), false, 1, false, frame.CodeInvalid},
		{"connection lost, not idempotent: never twice", false, func(first bool) fakeserver.Action {
			if first {
				return fakeserver.CloseConn()
			}
			return fakeserver.Default()
		}, false, 1, false, 0},
		{"connection lost, idempotent: next host", true, func(first bool) fakeserver.Action {
			if first {
				return fakeserver.CloseConn()
			}
			return fakeserver.Default()
		}, true, 2, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fakeserver.LeakCheck(t)
			var calls atomic.Int64
			nodes := fakeCluster(t, 3, 3, func(i int, r *fakeserver.Request, v string) fakeserver.Action {
				if v != "k1" {
					return fakeserver.Default()
				}
				return tc.first(calls.Add(1) == 1)
			})
			s := connectFake(t, nodes, Config{RequestTimeout: 2 * time.Second})
			q := &Query{Statement: "UPDATE ks.t SET v = ? WHERE k = ?", Args: []any{"k1", "x"}, Idempotent: tc.idempotent}
			_, err := s.ExecuteQuery(fanCtx(t), q)
			if tc.ok != (err == nil) {
				t.Fatalf("err = %v, want success %v", err, tc.ok)
			}
			if tc.wantCode != 0 && !IsCode(err, tc.wantCode) {
				t.Errorf("err = %v, want code %v", err, tc.wantCode)
			}
			var where []int
			for i, n := range nodes {
				for range n.count("k1") {
					where = append(where, i)
				}
			}
			if len(where) != tc.sent {
				t.Fatalf("sent %d times (to nodes %v), want %d", len(where), where, tc.sent)
			}
			if tc.sent == 2 && (where[0] == where[len(where)-1]) != tc.sameNode {
				t.Errorf("sent to nodes %v, same node wanted: %v", where, tc.sameNode)
			}
			if tc.sent == 2 && s.Stats().Retries != 1 {
				t.Errorf("%d retries counted", s.Stats().Retries)
			}
		})
	}
}

// TestFakeClientTimeoutRetry: a node that does not answer costs an
// idempotent request one timeout, then the next host answers; a
// non-idempotent one fails with the timeout and is never sent again. The
// connection whose request timed out is checked, and replaced when its
// node does not answer the check either.
func TestFakeClientTimeoutRetry(t *testing.T) {
	fakeserver.LeakCheck(t)
	var hung atomic.Int64
	hung.Store(-1)
	nodes := fakeCluster(t, 3, 3, func(i int, r *fakeserver.Request, v string) fakeserver.Action {
		if int64(i) == hung.Load() {
			return fakeserver.NoReply()
		}
		return fakeserver.Default()
	})
	s := connectFake(t, nodes, Config{RequestTimeout: 300 * time.Millisecond, Policy: RoundRobin{}})
	hung.Store(1)
	for _, idem := range []bool{true, false} {
		for i := range 6 {
			key := "t" + strconv.FormatBool(idem) + strconv.Itoa(i)
			_, err := s.ExecuteQuery(fanCtx(t), &Query{Statement: "UPDATE ks.t SET v = ? WHERE k = 1", Args: []any{key}, Idempotent: idem})
			sent := 0
			for _, n := range nodes {
				sent += n.count(key)
			}
			var te *TimeoutError
			switch {
			case idem && err != nil:
				t.Errorf("%s: %v", key, err)
			case !idem && err != nil && (!errors.As(err, &te) || sent != 1):
				t.Errorf("%s: %v after %d sends, want one timeout", key, err, sent)
			case !idem && err == nil && sent != 1:
				t.Errorf("%s sent %d times", key, sent)
			}
		}
	}
	if nodes[1].count("ttrue0")+nodes[1].count("ttrue1")+nodes[1].count("ttrue2") == 0 {
		t.Error("round robin never reached the hung node")
	}
}

// TestFakeReprepareOnThatNode: a node that lost its prepared statements
// answers UNPREPARED; the driver prepares the statement there and sends it
// again, and the caller never sees the error.
func TestFakeReprepareOnThatNode(t *testing.T) {
	fakeserver.LeakCheck(t)
	nodes := fakeCluster(t, 3, 3, nil)
	s := connectFake(t, nodes, Config{})
	const stmt = "INSERT INTO ks.t (k, v) VALUES (?, ?)"
	if _, err := s.Execute(fanCtx(t), stmt, "a", "b"); err != nil {
		t.Fatal(err)
	}
	for i, n := range nodes {
		if p := n.srv.Count(frame.OpPrepare); p != 1 {
			t.Errorf("node %d saw %d PREPAREs, want 1 (prepared everywhere)", i, p)
		}
	}
	nodes[2].srv.Forget()
	pinned := &Query{Statement: stmt, Args: []any{"c", "d"}, Policy: AllowList{Addrs: []string{nodes[2].srv.Addr()}}}
	if _, err := s.ExecuteQuery(fanCtx(t), pinned); err != nil {
		t.Fatalf("after the node forgot: %v", err)
	}
	if p := nodes[2].srv.Count(frame.OpPrepare); p != 2 {
		t.Errorf("node 2 saw %d PREPAREs, want 2", p)
	}
	if p := nodes[0].srv.Count(frame.OpPrepare) + nodes[1].srv.Count(frame.OpPrepare); p != 2 {
		t.Errorf("the other nodes saw %d PREPAREs, want 2", p)
	}
	if nodes[2].count("c") != 2 {
		t.Errorf("node 2 executed %d times, want 2 (UNPREPARED, then the retry)", nodes[2].count("c"))
	}
}

// TestFakeNodeLostMidFanout: a node closing every connection in the middle
// of a fan-out loses nothing for idempotent writes, and sends no
// non-idempotent write twice.
func TestFakeNodeLostMidFanout(t *testing.T) {
	for _, idem := range []bool{true, false} {
		t.Run("idempotent="+strconv.FormatBool(idem), func(t *testing.T) {
			fakeserver.LeakCheck(t)
			var total atomic.Int64
			var nodes []*fakeNode
			nodes = fakeCluster(t, 3, 3, func(i int, r *fakeserver.Request, v string) fakeserver.Action {
				if total.Add(1) == 2000 {
					go nodes[1].srv.Close()
				}
				return fakeserver.Default()
			})
			s := connectFake(t, nodes, Config{})
			q := &Query{Statement: "INSERT INTO ks.t (k, v) VALUES (?, ?)", Idempotent: idem}
			const n = 6000
			out := s.ExecuteConcurrent(fanCtx(t), q, func(yield func([]any) bool) {
				for i := range n {
					if !yield([]any{"k" + strconv.Itoa(i), "v"}) {
						return
					}
				}
			}, ConcurrentOptions{Concurrency: 64})
			failed := 0
			for _, r := range out {
				if r.Err != nil {
					failed++
					if !errors.Is(r.Err, conn.ErrClosed) {
						t.Errorf("tuple %d: %v", r.Index, r.Err)
					}
				}
			}
			twice := 0
			for i := range n {
				k := "k" + strconv.Itoa(i)
				c := nodes[0].count(k) + nodes[1].count(k) + nodes[2].count(k)
				if c > 1 {
					twice++
				}
			}
			t.Logf("%d failed, %d sent twice, %d retries", failed, twice, s.Stats().Retries)
			if idem && failed != 0 {
				t.Errorf("%d idempotent writes failed", failed)
			}
			if !idem && twice != 0 {
				t.Errorf("%d non-idempotent writes were sent twice", twice)
			}
			if !idem && failed > 64 {
				t.Errorf("%d failed, more than were in flight", failed)
			}
		})
	}
}

// TestFakeAllNodesDown: with every node gone a request fails at once with
// each node's error; a node coming back serves the next request, in the
// same session.
func TestFakeAllNodesDown(t *testing.T) {
	fakeserver.LeakCheck(t)
	nodes := fakeCluster(t, 3, 3, nil)
	s := connectFake(t, nodes, Config{Reconnect: ExponentialReconnect{Base: time.Minute, Max: time.Minute}})
	addr0 := nodes[0].srv.Addr()
	for _, n := range nodes {
		n.srv.Close()
	}
	waitFor(t, 2*time.Second, "every node to be seen down", func() bool {
		for _, h := range s.Hosts() {
			if h.State.String() == "UP" {
				return false
			}
		}
		return true
	})
	start := time.Now()
	_, err := s.Execute(fanCtx(t), "SELECT * FROM ks.t")
	var nh *NoHostsError
	if !errors.As(err, &nh) || len(nh.Errors) != 3 {
		t.Fatalf("err = %v, want every node's error", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("failing took %v", took)
	}
	for a, e := range nh.Errors {
		if !strings.Contains(e.Error(), "refused") {
			t.Errorf("%s: %v", a, e)
		}
	}
	back := fakeserver.Start(t, fakeserver.Config{Addr: addr0})
	back.SetNode(nodes[0].node)
	if _, err := s.Execute(fanCtx(t), "SELECT * FROM ks.t"); err != nil {
		t.Fatalf("after a node came back: %v", err)
	}
}

// TestFakeSpeculative: a node that answers slowly costs an idempotent
// request the speculative delay, not the node's delay.
func TestFakeSpeculative(t *testing.T) {
	fakeserver.LeakCheck(t)
	nodes := fakeCluster(t, 3, 3, func(i int, r *fakeserver.Request, v string) fakeserver.Action {
		if i == 0 {
			return fakeserver.Reply(&frame.Void{}).After(2 * time.Second)
		}
		return fakeserver.Default()
	})
	s := connectFake(t, nodes, Config{SpeculativeDelay: 30 * time.Millisecond, Policy: HostFirst{Addr: nodes[0].srv.Addr(), Fallback: RoundRobin{}}})
	var slowest time.Duration
	for i := range 10 {
		start := time.Now()
		if _, err := s.Execute(fanCtx(t), "SELECT * FROM ks.t WHERE k = "+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
		slowest = max(slowest, time.Since(start))
	}
	if slowest > time.Second {
		t.Errorf("slowest request %v with a 30ms speculative delay", slowest)
	}
	if sp := s.Stats().Speculative; sp < 10 {
		t.Errorf("%d speculative attempts, want 10", sp)
	}
	// Not idempotent: no second attempt, the slow node's answer is awaited.
	start := time.Now()
	if _, err := s.Execute(fanCtx(t), "INSERT INTO ks.t (k) VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < 2*time.Second {
		t.Errorf("a non-idempotent insert took %v: it was sent speculatively", took)
	}
}

// TestFakeStatusEvents: a DOWN event for a host whose connections work
// does not take it down; a new node announced by TOPOLOGY_CHANGE is
// discovered.
func TestFakeStatusEvents(t *testing.T) {
	fakeserver.LeakCheck(t)
	nodes := fakeCluster(t, 3, 3, nil)
	var mu sync.Mutex
	var events []string
	s := connectFake(t, nodes, Config{OnHostEvent: func(ev HostEvent) {
		mu.Lock()
		events = append(events, ev.Kind.String()+" "+ev.Host.Addr())
		mu.Unlock()
	}})
	ip, port := splitHostPort(t, nodes[1].srv.Addr())
	nodes[0].srv.Push(&frame.Event{Type: frame.EventStatusChange, Change: "DOWN", Addr: addrPort(ip, port)})
	time.Sleep(300 * time.Millisecond)
	for _, h := range s.Hosts() {
		if h.State.String() != "UP" {
			t.Errorf("%s is %v after a DOWN event while its connection works", h.Host.Addr(), h.State)
		}
	}

	extra := fakeCluster(t, 1, 3, nil)[0]
	id := md5.Sum([]byte("node3"))
	extra.node = fakeserver.Node{HostID: id, Addr: extra.srv.Addr(), DataCenter: "datacenter1", Rack: "rack1", Tokens: []string{"42"}}
	extra.srv.SetNode(extra.node)
	var all []fakeserver.Node
	for _, n := range nodes {
		all = append(all, n.node)
	}
	nodes[0].srv.SetPeers(append(all[1:], extra.node))
	ip, port = splitHostPort(t, extra.srv.Addr())
	nodes[0].srv.Push(&frame.Event{Type: frame.EventTopologyChange, Change: "NEW_NODE", Addr: addrPort(ip, port)})
	waitFor(t, 3*time.Second, "the new node to be discovered and connected", func() bool {
		hs := s.Hosts()
		return len(hs) == 4 && hs[3].Connections+hs[2].Connections+hs[1].Connections == 3
	})
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(strings.Join(events, ","), "added "+extra.srv.Addr()) {
		t.Errorf("events %v: no 'added' for the new node", events)
	}
}

func splitHostPort(t *testing.T, addr string) (string, uint16) {
	t.Helper()
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	return ap.Addr().String(), ap.Port()
}

func addrPort(ip string, port uint16) netip.AddrPort {
	return netip.AddrPortFrom(netip.MustParseAddr(ip), port)
}
