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
