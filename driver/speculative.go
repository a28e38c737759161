package driver

import (
	"errors"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
)

// errSuperseded abandons the slower of two speculative attempts.
var errSuperseded = errors.New("superseded by a speculative attempt")

// waitSpeculative waits for call; when no reply has come after delay, the
// request also goes to the next host of its plan, and whichever attempt
// completes first is the outcome — the other is abandoned (its late reply
// dropped). A node that hangs then costs a request delay, not a timeout.
// Only idempotent requests get here.
func (r *request) waitSpeculative(call *conn.Call, delay time.Duration) (conn.Reply, error) {
	r.spec = false
	deadline := r.sent.Add(r.timeout)
	if r.timeout > 0 && delay >= r.timeout {
		return call.WaitTimeout(r.ctx, r.timeout)
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-call.Done():
		return call.Result()
	case <-r.ctx.Done():
		call.Abandon(r.ctx.Err())
		return call.Result()
	case <-t.C:
	}

	firstHost, firstConn, firstSent := r.host, r.c, r.sent
	restore := func() { r.host, r.c, r.sent = firstHost, firstConn, firstSent }
	req, err := r.next(true)
	if err != nil {
		restore()
		return r.waitRest(call, deadline)
	}
	second, err := r.c.Send(r.ctx, req, r.opts)
	if err != nil {
		restore()
		return r.waitRest(call, deadline)
	}
	secondHost, secondConn := r.host, r.c
	secondHost.Stats().Speculated()
	r.attempts++

	var expired <-chan time.Time
	if r.timeout > 0 {
		t.Reset(time.Until(deadline))
		expired = t.C
	}
	var winner, loser *conn.Call
	select {
	case <-call.Done():
		winner, loser = call, second
	case <-second.Done():
		winner, loser = second, call
	case <-expired:
		call.Abandon(&TimeoutError{Addr: firstConn.Addr(), After: time.Since(firstSent)})
		second.Abandon(errSuperseded)
		restore()
		return call.Result()
	case <-r.ctx.Done():
		call.Abandon(r.ctx.Err())
		second.Abandon(r.ctx.Err())
		restore()
		return call.Result()
	}
	loser.Abandon(errSuperseded)
	if winner == call {
		restore()
	} else {
		// The first node was slower than a whole second attempt: check
		// that its connection still answers, so a hung node is found
		// even though no request times out on it.
		firstHost.Pool().TimedOut(firstConn, r.s.cl.ProbeTimeout())
		r.host, r.c, r.spec = secondHost, secondConn, true
	}
	return winner.Result()
}

// waitRest waits for call until deadline (none for a zero timeout).
func (r *request) waitRest(call *conn.Call, deadline time.Time) (conn.Reply, error) {
	if r.timeout <= 0 {
		return call.Wait(r.ctx)
	}
	left := time.Until(deadline)
	if left <= 0 {
		left = time.Nanosecond
	}
	return call.WaitTimeout(r.ctx, left)
}
