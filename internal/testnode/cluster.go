package testnode

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Env variables that name the multi-node clusters and the script that runs
// them (testenv/node env prints them all).
const (
	EnvCluster = "GOCQLSH_TEST_CLUSTER"
	EnvTwoDC   = "GOCQLSH_TEST_TWODC"
	EnvScript  = "GOCQLSH_TEST_NODE_SCRIPT"
	envOffset  = "GOCQLSH_NODE_IP_OFFSET"
)

// Profile names a multi-node cluster that testenv/node runs beside the plain
// and the secure node.
type Profile string

const (
	// Cluster: 3 nodes in one DC, "datacenter1", with SimpleSnitch, on
	// 127.0.0.51..53 (plus GOCQLSH_NODE_IP_OFFSET).
	Cluster Profile = "cluster"
	// TwoDC: 3 nodes with GossipingPropertyFileSnitch, nodes 1 and 2 in dc1
	// (racks rack1 and rack2), node 3 in dc2 (rack1), on 127.0.0.61..63.
	TwoDC Profile = "twodc"
)

// ClusterAddrs returns host:port of the cluster profile's nodes, node 1
// first.
func ClusterAddrs(t testing.TB) []string {
	t.Helper()
	return Addrs(t, Cluster)
}

// TwoDCAddrs returns host:port of the twodc profile's nodes, node 1 first
// (nodes 1 and 2 are in dc1, node 3 in dc2).
func TwoDCAddrs(t testing.TB) []string {
	t.Helper()
	return Addrs(t, TwoDC)
}

// Addrs returns host:port of each node of profile p, node 1 first. Every
// node must answer; otherwise the test is skipped, or fails when CI is set.
// Until the test ends, tests in other processes (other packages) do not
// kill, stop or pause nodes of p; tests in the same process that run in
// parallel must keep out of each other's way themselves.
func Addrs(t testing.TB, p Profile) []string {
	t.Helper()
	env, base := p.env()
	var addrs []string
	if v := os.Getenv(env); v != "" {
		addrs = strings.Split(v, ",")
	} else {
		offset, _ := strconv.Atoi(os.Getenv(envOffset))
		for i := 1; i <= 3; i++ {
			addrs = append(addrs, fmt.Sprintf("127.0.0.%d:9042", offset+base+i))
		}
	}
	hold(t, p, false)
	for i, a := range addrs {
		c, err := net.DialTimeout("tcp", a, 2*time.Second)
		if err != nil {
			unavailable(t, fmt.Sprintf("node %d of the %s cluster (%s, %s) does not answer: %v; start it with `testenv/node --profile %s start`", i+1, p, a, env, err, p))
			return nil
		}
		c.Close()
	}
	return addrs
}

// Kill sends SIGKILL to node i (1-based) of profile p. The node is started
// again, with its data, when the test ends, unless the test did so itself.
//
// Kill, Stop, Pause, Start and Resume run testenv/node (Script) and fail the
// test when it fails; call Addrs first, which skips the test when the nodes
// are not there. While a test disturbs a profile's nodes, tests in other
// processes neither use nor disturb them.
func Kill(t testing.TB, p Profile, i int) {
	t.Helper()
	disturb(t, p, i, "kill")
}

// Stop stops node i of profile p gracefully; it is started again when the
// test ends, unless the test did so itself.
func Stop(t testing.TB, p Profile, i int) {
	t.Helper()
	disturb(t, p, i, "stop")
}

// Pause stops node i of profile p with SIGSTOP: it keeps its connections
// open and answers nothing. It is resumed when the test ends, unless the
// test did so itself.
func Pause(t testing.TB, p Profile, i int) {
	t.Helper()
	disturb(t, p, i, "pause")
}

// Start starts node i of profile p again after Kill or Stop, with its data,
// config and token, and returns once it answers and the cluster's nodes all
// see each other up. A paused node is resumed; a running one left alone.
func Start(t testing.TB, p Profile, i int) {
	t.Helper()
	disturb(t, p, i, "start", "--node")
}

// Resume sends SIGCONT to node i of profile p after Pause and returns once
// it answers and the cluster's nodes all see each other up.
func Resume(t testing.TB, p Profile, i int) {
	t.Helper()
	disturb(t, p, i, "resume")
}

// Script returns the path of testenv/node.
func Script() string {
	if s := os.Getenv(EnvScript); s != "" {
		return s
	}
	return filepath.Join(moduleRoot(), "testenv", "node")
}

func (p Profile) env() (name string, base int) {
	switch p {
	case Cluster:
		return EnvCluster, 50
	case TwoDC:
		return EnvTwoDC, 60
	}
	panic("testnode: unknown profile " + string(p))
}

// restoring records, per test, the nodes whose restoration is registered.
var restoring = struct {
	sync.Mutex
	m map[restoreKey]bool
}{m: map[restoreKey]bool{}}

type restoreKey struct {
	t    testing.TB
	p    Profile
	node int
}

// disturb runs testenv/node for node i under the exclusive hold on p and
// makes sure, once per test and node, that the node runs again when the test
// ends.
func disturb(t testing.TB, p Profile, i int, cmd ...string) {
	t.Helper()
	p.env() // a known profile
	if i < 1 || i > 3 {
		t.Fatalf("testnode: %s has nodes 1..3, not %d", p, i)
	}
	hold(t, p, true)
	k := restoreKey{t, p, i}
	restoring.Lock()
	registered := restoring.m[k]
	restoring.m[k] = true
	restoring.Unlock()
	if !registered {
		t.Cleanup(func() {
			restoring.Lock()
			delete(restoring.m, k)
			restoring.Unlock()
			out, err := runScript(p, "start", "--node", strconv.Itoa(i))
			if err != nil {
				t.Errorf("testnode: restoring node %d of %s: %v\n%s", i, p, err, out)
				return
			}
			t.Logf("testnode: restored: %s", strings.TrimSpace(out))
		})
	}
	out, err := runScript(p, append(cmd, strconv.Itoa(i))...)
	if err != nil {
		t.Fatalf("testnode: %s node %d of %s: %v\n%s", strings.Join(cmd, " "), i, p, err, out)
	}
	t.Logf("testnode: %s", strings.TrimSpace(out))
}

// runScript runs testenv/node --profile p with args and returns its output.
func runScript(p Profile, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, Script(), append([]string{"--profile", string(p)}, args...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// holds is this process's hold on each profile: a shared flock while tests
// use the nodes, an exclusive one while a test disturbs them.
var holds = struct {
	sync.Mutex
	m map[Profile]*holdState
}{m: map[Profile]*holdState{}}

type holdState struct {
	lock      *fileLock
	shared    map[testing.TB]bool
	exclusive map[testing.TB]bool
}

// hold takes (or keeps) test t's hold on p and releases it when t ends.
func hold(t testing.TB, p Profile, exclusive bool) {
	t.Helper()
	holds.Lock()
	defer holds.Unlock()
	h := holds.m[p]
	if h == nil {
		env, base := p.env()
		// One lock per cluster on this machine, named after node 1's host.
		first := strings.Split(os.Getenv(env), ",")[0]
		if h, _, err := net.SplitHostPort(first); err == nil {
			first = h
		}
		if first == "" {
			offset, _ := strconv.Atoi(os.Getenv(envOffset))
			first = fmt.Sprintf("127.0.0.%d", offset+base+1)
		}
		name := "gocqlsh-testnode-" + string(p) + "-" + strings.NewReplacer(":", "_", "/", "_").Replace(first) + ".lock"
		l, err := openLock(filepath.Join(os.TempDir(), name))
		if err != nil {
			t.Fatalf("testnode: %v", err)
		}
		h = &holdState{lock: l, shared: map[testing.TB]bool{}, exclusive: map[testing.TB]bool{}}
		holds.m[p] = h
	}
	if h.exclusive[t] || !exclusive && h.shared[t] {
		return
	}
	wasHeld, wasExclusive := len(h.shared)+len(h.exclusive) > 0, len(h.exclusive) > 0
	if exclusive && !wasExclusive || !wasHeld {
		waitLock(t, h.lock, exclusive, p)
	}
	if exclusive {
		h.exclusive[t] = true
	} else {
		h.shared[t] = true
	}
	t.Cleanup(func() {
		holds.Lock()
		defer holds.Unlock()
		if exclusive {
			delete(h.exclusive, t)
		} else {
			delete(h.shared, t)
		}
		switch {
		case len(h.shared)+len(h.exclusive) == 0:
			h.lock.unlock()
		case exclusive && len(h.exclusive) == 0:
			// Back to shared for the tests still using the nodes.
			if err := h.lock.lock(false); err != nil {
				t.Errorf("testnode: %v", err)
			}
		}
	})
}

// waitLock takes l, saying so in the test log while another process holds it.
func waitLock(t testing.TB, l *fileLock, exclusive bool, p Profile) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- l.lock(exclusive) }()
	start := time.Now()
	tick := time.NewTicker(10 * time.Second)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("testnode: %v", err)
			}
			return
		case <-tick.C:
			t.Logf("testnode: waited %s for tests in other packages to finish with the %s nodes", time.Since(start).Round(time.Second), p)
		}
	}
}
