package driver

import (
	"context"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// asyncReq is one ExecuteQueryAsync request sent without a waiting
// goroutine: its Call's handler starts finish when the reply is in, and a
// timer and the context, when they fire first, abandon the call.
type asyncReq struct {
	call  conn.Call
	s     *Session
	ctx   context.Context
	q     *Query
	f     Future
	prep  *Prepared
	coord string
	start time.Time
	sc    scratch

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
	c := s.current()
	if c == nil {
		return nil
	}
	var prep *Prepared
	if len(q.Args) > 0 && !q.NoPrepare {
		if prep = s.cached(q.Statement, s.stmtKeyspace(q)); prep == nil {
			return nil
		}
	}
	a := &asyncReq{s: s, ctx: ctx, q: q, prep: prep, coord: c.Addr(), start: time.Now()}
	a.f.init()
	var req frame.Request
	var err error
	if prep != nil {
		req, err = s.execRequest(c, q, q.Args, &a.sc, prep, s.params(q, c.Version()))
	} else {
		req, _, err = s.request(ctx, c, q, q.Args, &a.sc)
	}
	if err != nil {
		a.f.complete(nil, err)
		return &a.f
	}
	var opts *conn.SendOptions
	if q.Tracing || q.CustomPayload != nil {
		opts = &conn.SendOptions{Tracing: q.Tracing, CustomPayload: q.CustomPayload}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.call.Owner = a
	if err := c.TryStart(&a.call, req, opts, asyncReplied); err != nil {
		return nil // busy or closing: the waiting path sorts it out
	}
	if t := s.timeout(q); t > 0 {
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
	a.call.Abandon(&conn.TimeoutError{Addr: a.coord, After: time.Since(a.start)})
}

func (a *asyncReq) cancelled() {
	err := a.ctx.Err()
	if err == context.DeadlineExceeded {
		err = &conn.TimeoutError{Addr: a.coord, After: time.Since(a.start)}
	}
	a.call.Abandon(err)
}

// finish decodes the reply, as ExecuteQuery would, and completes the
// future; a statement the node forgot is prepared and run again here.
func (a *asyncReq) finish() {
	a.mu.Lock()
	if a.timer != nil {
		a.timer.Stop()
	}
	if a.stopCtx != nil {
		a.stopCtx()
	}
	a.mu.Unlock()
	s, q := a.s, a.q
	reply, err := a.call.Result()
	if err != nil {
		a.f.complete(nil, err)
		return
	}
	res, err := s.decode(reply, a.prep)
	if err != nil {
		if a.prep != nil && IsCode(err, frame.CodeUnprepared) {
			s.forget(q.Statement, s.stmtKeyspace(q))
			res, err = s.run(a.ctx, q, q.Args)
		}
		a.f.complete(res, err)
		return
	}
	res.Coordinator = a.coord
	res.Latency = time.Since(a.start)
	res.query = q
	a.f.complete(res, nil)
}
