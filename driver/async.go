package driver

import (
	"context"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
)

// asyncReq is one ExecuteQueryAsync request sent without a waiting
// goroutine: its Call's handler starts finish when the reply is in, and a
// timer and the context, when they fire first, abandon the call.
type asyncReq struct {
	call conn.Call
	r    request
	f    Future
	sc   scratch

	mu      sync.Mutex // orders the set-up in startAsync before finish
	timer   *time.Timer
	stopCtx func() bool
}

// startAsync sends q from the caller's goroutine if nothing on the way can
// block, and returns its future; nil means it did not, and sent nothing.
func (s *Session) startAsync(ctx context.Context, q *Query) *Future {
	if s.closed.Load() || ctx.Err() != nil {
		return nil
	}
	var prep *Prepared
	if len(q.Args) > 0 && !q.NoPrepare {
		if prep = s.cached(q.Statement, s.stmtKeyspace(q)); prep == nil {
			return nil
		}
	}
	a := &asyncReq{}
	a.f.init()
	r := &a.r
	r.initQuery(s, ctx, q, q.Args, prep, &a.sc)
	req, err := r.next(false)
	if err == errWouldBlock {
		return nil
	}
	if err != nil {
		a.f.complete(nil, err)
		return &a.f
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.call.Owner = a
	if err := r.c.TryStart(&a.call, req, r.opts, asyncReplied); err != nil {
		return nil // busy or closing: the waiting path sorts it out
	}
	r.began(a.call.Sent())
	if t := r.timeout; t > 0 {
		a.timer = time.AfterFunc(t, a.expire)
	}
	if ctx.Done() != nil {
		a.stopCtx = context.AfterFunc(ctx, a.cancelled)
	}
	return &a.f
}

// asyncReplied is every async Call's handler, on the reader goroutine (or
// the one that abandoned the call): it only starts finish. Being one
// function, not a closure per request, it costs no allocation.
func asyncReplied(c *conn.Call) { go c.Owner.(*asyncReq).finish() }

func (a *asyncReq) expire() {
	a.call.Abandon(&conn.TimeoutError{Addr: a.r.c.Addr(), After: time.Since(a.r.sent)})
}

func (a *asyncReq) cancelled() {
	err := a.r.ctx.Err()
	if err == context.DeadlineExceeded {
		err = &conn.TimeoutError{Addr: a.r.c.Addr(), After: time.Since(a.r.sent)}
	}
	a.call.Abandon(err)
}

// finish settles the attempt, as ExecuteQuery would, and completes the
// future; any further attempt (a retry, a statement prepared again) runs
// here, synchronously.
func (a *asyncReq) finish() {
	a.mu.Lock()
	if a.timer != nil {
		a.timer.Stop()
	}
	if a.stopCtx != nil {
		a.stopCtx()
	}
	a.mu.Unlock()
	res, err, again := a.r.settle(a.call.Result())
	if again {
		res, err = a.r.run()
	}
	a.f.complete(res, err)
}
