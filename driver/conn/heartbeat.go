package conn

import (
	"context"
	"fmt"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// heartbeatLoop sends OPTIONS when nothing was sent for HeartbeatInterval and
// closes the connection if that goes unanswered. It is a timer off the
// request path: requests never wait for it.
func (c *Conn) heartbeatLoop() {
	defer c.wg.Done()
	every := c.cfg.HeartbeatInterval
	if every == 0 {
		every = defaultHeartbeat
	}
	if every < 0 {
		<-c.done
		return
	}
	t := time.NewTicker(every / 2)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
		}
		if time.Since(time.Unix(0, c.lastSend.Load())) < every {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), every)
		_, err := c.expect(ctx, &frame.Options{}, frame.OpSupported)
		cancel()
		if err != nil && c.Err() == nil {
			c.closeWith(fmt.Errorf("heartbeat failed: %w", err))
			return
		}
	}
}

// CheckAlive sends OPTIONS and closes the connection when no reply comes
// within d: a request that timed out may mean the node hangs (a paused
// process still accepts bytes), which heartbeats on idle connections never
// notice under load. At most one check runs at a time; CheckAlive returns at
// once.
func (c *Conn) CheckAlive(d time.Duration) {
	if !c.checking.CompareAndSwap(false, true) {
		return
	}
	c.cmu.Lock()
	if c.closed {
		c.cmu.Unlock()
		c.checking.Store(false)
		return
	}
	c.wg.Add(1) // under cmu, so never after Close has begun waiting
	c.cmu.Unlock()
	go func() {
		defer c.wg.Done()
		defer c.checking.Store(false)
		// A close fails the OPTIONS at once, so only the timeout bounds it.
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		if _, err := c.expect(ctx, &frame.Options{}, frame.OpSupported); err != nil && c.Err() == nil {
			c.closeWith(fmt.Errorf("no reply to a liveness check within %v: %w", d, err))
		}
	}()
}
