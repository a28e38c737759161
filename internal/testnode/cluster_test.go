package testnode

import (
	"io"
	"net"
	"testing"
	"time"
)

// options sends OPTIONS (protocol v4) to addr and reports whether SUPPORTED
// came back within wait.
func options(addr string, wait time.Duration) error {
	c, err := net.DialTimeout("tcp", addr, wait)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(wait))
	if _, err := c.Write([]byte{0x04, 0, 0, 0, 0x05, 0, 0, 0, 0}); err != nil {
		return err
	}
	var h [9]byte
	if _, err := io.ReadFull(c, h[:]); err != nil {
		return err
	}
	if h[4] != 0x06 {
		return &net.AddrError{Err: "OPTIONS not answered with SUPPORTED", Addr: addr}
	}
	return nil
}

func TestClusterProfiles(t *testing.T) {
	for _, p := range []Profile{Cluster, TwoDC} {
		addrs := Addrs(t, p)
		if len(addrs) != 3 {
			t.Fatalf("%s: %d addresses, want 3: %v", p, len(addrs), addrs)
		}
		for i, a := range addrs {
			if err := options(a, 5*time.Second); err != nil {
				t.Errorf("%s node %d (%s): %v", p, i+1, a, err)
			}
		}
		t.Logf("%s nodes: %v", p, addrs)
	}
}

func TestKillStartPauseResume(t *testing.T) {
	addrs := ClusterAddrs(t)
	node2, node3 := addrs[1], addrs[2]

	Kill(t, Cluster, 2)
	if err := options(node2, 2*time.Second); err == nil {
		t.Fatalf("node 2 (%s) still answers after Kill", node2)
	}
	Start(t, Cluster, 2)
	if err := options(node2, 5*time.Second); err != nil {
		t.Fatalf("node 2 (%s) after Start: %v", node2, err)
	}

	Pause(t, Cluster, 3)
	// A paused node accepts connections (the kernel does) but answers nothing.
	if err := options(node3, 2*time.Second); err == nil {
		t.Fatalf("node 3 (%s) answered OPTIONS while paused", node3)
	}
	Resume(t, Cluster, 3)
	if err := options(node3, 5*time.Second); err != nil {
		t.Fatalf("node 3 (%s) after Resume: %v", node3, err)
	}
}

// A test that leaves a node down or paused finds it restored by its cleanup.
func TestDisturbedNodeIsRestored(t *testing.T) {
	addrs := ClusterAddrs(t)
	t.Run("stop", func(t *testing.T) {
		Stop(t, Cluster, 1)
		if err := options(addrs[0], 2*time.Second); err == nil {
			t.Fatalf("node 1 (%s) still answers after Stop", addrs[0])
		}
	})
	t.Run("pause", func(t *testing.T) {
		Pause(t, Cluster, 3)
	})
	for i, a := range addrs {
		if err := options(a, 5*time.Second); err != nil {
			t.Errorf("node %d (%s) after the subtests ended: %v", i+1, a, err)
		}
	}
}
