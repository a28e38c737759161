package cluster

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// fakeClock hands out timers that fire only when the test says so, and
// records the waits asked for.
type fakeClock struct {
	mu     sync.Mutex
	waits  []time.Duration
	timers []chan time.Time
	asked  chan struct{}
}

func newFakeClock() *fakeClock { return &fakeClock{asked: make(chan struct{}, 100)} }

func (c *fakeClock) After(d time.Duration) (<-chan time.Time, func() bool) {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.timers = append(c.timers, ch)
	c.mu.Unlock()
	c.asked <- struct{}{}
	return ch, func() bool { return true }
}

// fire ends the latest wait.
func (c *fakeClock) fire() {
	c.mu.Lock()
	ch := c.timers[len(c.timers)-1]
	c.mu.Unlock()
	ch <- time.Now()
}

func (c *fakeClock) waited() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// TestReconnectBackoffOnFakeClock: a host whose node goes away is down,
// tried again at once, then after waits that double up to the maximum (on
// a clock the test drives, so nothing sleeps), and up again as soon as an
// attempt after the node's return succeeds.
func TestReconnectBackoffOnFakeClock(t *testing.T) {
	fakeserver.LeakCheck(t)
	srv, err := fakeserver.New(fakeserver.Config{})
	if err != nil {
		t.Fatal(err)
	}
	addr := srv.Addr()
	clock := newFakeClock()
	var mu sync.Mutex
	var events []HostEventKind
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cl, err := Connect(ctx, Config{
		ContactPoints: []string{addr},
		Conn:          conn.Config{HeartbeatInterval: -1, ConnectTimeout: 2 * time.Second},
		Reconnect:     ExponentialReconnect{Base: 100 * time.Millisecond, Max: 400 * time.Millisecond},
		Clock:         clock,
		OnHost: func(ev HostEvent) {
			mu.Lock()
			events = append(events, ev.Kind)
			mu.Unlock()
		},
	})
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	defer cl.Close()
	h := cl.Contact()
	srv.Close() // the node goes away

	// The immediate attempt fails, then five waits: each asked for, fired.
	for i := range 5 {
		select {
		case <-clock.asked:
		case <-time.After(5 * time.Second):
			t.Fatalf("no wait %d was asked for; waits so far %v", i+1, clock.waited())
		}
		if h.Up() {
			t.Fatal("the host is up with its node gone")
		}
		if i < 4 {
			clock.fire()
		}
	}
	waits := clock.waited()
	limits := []time.Duration{100, 200, 400, 400, 400}
	for i, w := range waits {
		hi := limits[i] * time.Millisecond
		if w < hi/2 || w > hi {
			t.Errorf("wait %d: %v, want within [%v, %v]", i+1, w, hi/2, hi)
		}
	}

	// The node comes back; the next attempt succeeds.
	back, err := fakeserver.New(fakeserver.Config{Addr: addr})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	clock.fire()
	deadline := time.Now().Add(5 * time.Second)
	for !h.Up() || len(h.Pool().Conns()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the host did not come back up")
		}
		time.Sleep(5 * time.Millisecond)
	}
	// The news reaches OnHost on the cluster's own goroutine, in order.
	for {
		mu.Lock()
		got := append([]HostEventKind(nil), events...)
		mu.Unlock()
		if n := len(got); n >= 2 && got[n-2] == HostWentDown && got[n-1] == HostWentUp {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("events %v, want ... down, up", got)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
