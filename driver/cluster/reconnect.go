package cluster

import (
	"math/rand/v2"
	"time"
)

// ReconnectPolicy says how long a pool with no connection waits before its
// next attempt.
type ReconnectPolicy interface {
	// Delay is the wait before attempt n (n ≥ 1: the first retry after the
	// immediate attempt failed).
	Delay(n int) time.Duration
}

// ExponentialReconnect doubles the wait from Base up to Max, with jitter: a
// wait of d is drawn from [d/2, d], so a fleet of clients does not knock on
// a recovering node in step, and no wait exceeds Max. The zero value waits
// 1 s, 2 s, 4 s, then 8 s: a node back from a restart takes traffic within
// seconds, and a node gone for good costs a dial every few seconds. A
// status event saying the node is up, or a request that finds every host
// down, tries at once whatever the wait.
type ExponentialReconnect struct {
	Base, Max time.Duration
}

// Delay implements ReconnectPolicy.
func (e ExponentialReconnect) Delay(n int) time.Duration {
	base, most := e.Base, e.Max
	if base <= 0 {
		base = time.Second
	}
	if most <= 0 {
		most = 8 * time.Second
	}
	if most < base {
		most = base
	}
	d := base
	for i := 1; i < n && d < most; i++ {
		d *= 2
	}
	d = min(d, most)
	half := d / 2
	return half + rand.N(d-half+1)
}

// Clock makes the timers a pool waits on between reconnection attempts;
// tests replace it to drive reconnection without waiting.
type Clock interface {
	// After returns a channel that receives after d, and a function that
	// stops the timer.
	After(d time.Duration) (<-chan time.Time, func() bool)
}

type realClock struct{}

func (realClock) After(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}
