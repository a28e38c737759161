package conn

import (
	"context"
	"time"
)

// Call is one request in flight. Its reply arrives on the reader goroutine;
// then Done is closed (calls from Send) or the handler runs (calls from
// Start).
type Call struct {
	conn    *Conn
	stream  int16
	done    chan struct{}
	handler func(*Call)
	reply   Reply
	err     error
	sent    time.Time
	buf     []byte // reply storage reused across Starts unless kept

	// Tag and Owner are free for the owner of a Call passed to Start, to
	// tell its handler which request completed without a closure per call.
	Tag   int
	Owner any
}

// Done is closed when the reply (or the connection's failure) has arrived.
// It is nil for a call passed to Start, whose handler says so instead.
func (c *Call) Done() <-chan struct{} { return c.done }

// Result returns the reply; call it after Done is closed or in the handler.
func (c *Call) Result() (Reply, error) { return c.reply, c.err }

// Sent is when the request was queued.
func (c *Call) Sent() time.Time { return c.sent }

// KeepBody hands the current reply's body to the caller for good: the next
// Start on this call stores its reply elsewhere. Without it, a reused call
// overwrites the previous body, which is right for replies decoded and
// dropped before the call is reused.
func (c *Call) KeepBody() { c.buf = nil }

// Abandon completes a call started with Start and still awaiting its reply
// with err, running its handler on the caller's goroutine. The stream stays
// reserved until the late reply arrives, which is then dropped, so the call
// itself may be reused at once. It reports false, and does nothing, when
// the call has already completed (or is completing on another goroutine).
func (c *Call) Abandon(err error) bool {
	cn := c.conn
	if cn == nil {
		return false
	}
	cn.cmu.Lock()
	if cn.closed || cn.calls[c.stream] != c {
		cn.cmu.Unlock()
		return false
	}
	cn.calls[c.stream] = cn.abandoned
	cn.orphans.Add(1)
	cn.cmu.Unlock()
	c.err = err
	cn.complete(c)
	return true
}

// orphan gives up a call from Send whose caller stops waiting: its stream
// stays reserved, counted as orphaned, until the late reply is dropped.
func (c *Call) orphan() {
	cn := c.conn
	cn.cmu.Lock()
	if !cn.closed && cn.calls[c.stream] == c {
		cn.calls[c.stream] = cn.abandoned
		cn.orphans.Add(1)
	}
	cn.cmu.Unlock()
}

// Wait blocks until the reply arrives or ctx ends. When ctx ends first the
// request is abandoned: Wait returns a *TimeoutError (deadline) or ctx's
// error, and the stream id stays reserved until the late reply arrives.
func (c *Call) Wait(ctx context.Context) (Reply, error) {
	select {
	case <-c.done:
		return c.reply, c.err
	default:
	}
	select {
	case <-c.done:
		return c.reply, c.err
	case <-ctx.Done():
		c.orphan()
		return Reply{}, c.conn.timeoutError(ctx, c.sent)
	}
}

// WaitTimeout is Wait with a timeout of its own (none when d <= 0). It
// reuses timers, so the request path allocates no context and no timer.
func (c *Call) WaitTimeout(ctx context.Context, d time.Duration) (Reply, error) {
	select {
	case <-c.done:
		return c.reply, c.err
	default:
	}
	if d <= 0 {
		return c.Wait(ctx)
	}
	t, _ := c.conn.timers.Get().(*time.Timer)
	if t == nil {
		t = time.NewTimer(d)
	} else {
		t.Reset(d)
	}
	defer func() {
		t.Stop()
		c.conn.timers.Put(t)
	}()
	select {
	case <-c.done:
		return c.reply, c.err
	case <-ctx.Done():
		c.orphan()
		return Reply{}, c.conn.timeoutError(ctx, c.sent)
	case <-t.C:
		c.orphan()
		return Reply{}, &TimeoutError{Addr: c.conn.cfg.Addr, After: time.Since(c.sent)}
	}
}
