package driver

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/conn"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// fanout runs one statement over a sequence of argument tuples with at most
// width requests in flight, without a goroutine per request: one submitter
// goroutine encodes each request and queues it on a reused conn.Call, the
// connection's reader completes it through a handler that only records that
// it is done, and the consumer — the caller's goroutine — decodes outcomes
// in input order. A completion wakes each side at most once per batch of
// replies, so the scheduler's cost is paid per batch, not per request.
//
// Positions index the input from 0; position p lives in slot p % len(slots)
// from when it is taken until the consumer has released it. The ring holds
// twice the width, so up to width finished outcomes can wait behind an
// earlier one that is still running.
type fanout struct {
	s       *Session
	ctx     context.Context
	q       *Query
	opts    ConcurrentOptions
	width   int64
	timeout time.Duration
	handle  func(*conn.Call) // f.complete, bound once
	prep    *Prepared        // the statement, once prepared (the submitter's)
	retrySC scratch          // where the consumer encodes retries

	slots []fanSlot

	yielded atomic.Int64 // positions the consumer has released
	total   atomic.Int64 // positions taken, once the submitter has ended; -1 before
	running atomic.Int64 // requests sent and not yet complete
	halted  atomic.Bool  // no more submissions

	subWait atomic.Bool // the submitter sleeps on subWake
	subWake chan struct{}
	conWant atomic.Int64 // the slot the consumer sleeps on (conWake), or -1
	conWake chan struct{}
	subDone chan struct{} // closed when the submitter has returned
}

// Slot states. A slot goes free → sending (the submitter is queueing it) →
// running (queued; only now may the consumer abandon it) → done (the reply,
// or a failure, is recorded) → free (released by the consumer). A reply can
// arrive before the submitter marks the slot running: done then wins.
const (
	slotFree uint32 = iota
	slotSending
	slotRunning
	slotDone
)

// fanSlot is one position's request and outcome.
type fanSlot struct {
	call  conn.Call
	state atomic.Uint32
	req   request
	args  []any
	start time.Time
	err   error // failure before the request was sent
}

func newFanout(ctx context.Context, s *Session, q *Query, opts ConcurrentOptions) *fanout {
	width := opts.Concurrency
	if width <= 0 {
		width = 100
	}
	f := &fanout{
		s: s, ctx: ctx, q: q, opts: opts,
		width:   int64(width),
		timeout: s.timeout(q),
		slots:   make([]fanSlot, 2*width),
		subWake: make(chan struct{}, 1),
		conWake: make(chan struct{}, 1),
		subDone: make(chan struct{}),
	}
	f.total.Store(-1)
	f.conWant.Store(-1)
	f.handle = f.complete
	for i := range f.slots {
		f.slots[i].call.Tag = i
	}
	return f
}

// submit takes tuples from next while the window admits them and sends
// each; it runs on its own goroutine so a slow input (stdin) never delays
// outcomes that are ready.
func (f *fanout) submit(next func() ([]any, bool)) {
	defer close(f.subDone)
	var sc scratch
	pos := int64(0)
	for f.admit(pos) {
		a, ok := next()
		if !ok || f.halted.Load() {
			break
		}
		sl := &f.slots[pos%int64(len(f.slots))]
		sl.args = a
		sl.start = time.Now()
		sl.state.Store(slotSending)
		f.running.Add(1)
		f.send(sl, &sc)
		pos++
	}
	f.halted.Store(true)
	f.total.Store(pos)
	f.wakeConsumer(-1)
}

// admit waits until position pos may be sent: fewer than width requests
// running and its slot released. It reports false once submission stops.
func (f *fanout) admit(pos int64) bool {
	size := int64(len(f.slots))
	for {
		if f.halted.Load() || f.stopRequested() {
			return false
		}
		if f.running.Load() < f.width && pos-f.yielded.Load() < size {
			return true
		}
		f.subWait.Store(true)
		if f.halted.Load() || (f.running.Load() < f.width && pos-f.yielded.Load() < size) {
			f.subWait.Store(false)
			continue
		}
		select {
		case <-f.subWake:
		case <-f.ctx.Done():
			return false
		case <-f.opts.Stop:
			return false
		}
	}
}

func (f *fanout) stopRequested() bool {
	select {
	case <-f.opts.Stop:
		return true
	case <-f.ctx.Done():
		return true
	default:
		return false
	}
}

// send routes, encodes and queues one request; a failure to do so
// completes the slot at once with the error.
func (f *fanout) send(sl *fanSlot, sc *scratch) {
	r := &sl.req
	r.initQuery(f.s, f.ctx, f.q, sl.args, f.prep, sc)
	for {
		req, err := r.next(true)
		if err != nil {
			f.failEarly(sl, err)
			return
		}
		// Once started, the slot may complete at once and belong to the
		// consumer: what the request records comes first.
		f.prep = r.prep
		r.began(time.Now())
		if err := r.c.Start(f.ctx, &sl.call, req, r.opts, f.handle); err != nil {
			r.attempts--
			if r.notSent(err) {
				continue
			}
			f.failEarly(sl, err)
			return
		}
		break
	}
	if sl.state.CompareAndSwap(slotSending, slotRunning) {
		// The consumer may be waiting on this slot with no deadline yet.
		f.wakeConsumer(int64(sl.call.Tag))
	}
}

func (f *fanout) failEarly(sl *fanSlot, err error) {
	sl.err = err
	if f.opts.StopOnError {
		f.halt()
	}
	f.finished(sl)
}

// complete is the Calls' handler: on the reader goroutine, or on the
// consumer's when it abandons a call. It records nothing but the fact —
// decoding is the consumer's work — and must not block.
func (f *fanout) complete(call *conn.Call) {
	sl := &f.slots[call.Tag]
	if f.opts.StopOnError {
		reply, err := call.Result()
		if err != nil {
			f.halt()
		} else if code, isErr := frame.PeekErrorCode(reply.Header, reply.Body); isErr && code != frame.CodeUnprepared {
			f.halt()
		}
	}
	f.finished(sl)
}

func (f *fanout) finished(sl *fanSlot) {
	sl.state.Store(slotDone)
	f.running.Add(-1)
	f.wakeSubmitter()
	f.wakeConsumer(int64(sl.call.Tag))
}

// halt stops submission.
func (f *fanout) halt() {
	f.halted.Store(true)
	f.wakeSubmitter()
}

func (f *fanout) wakeSubmitter() {
	if f.subWait.Load() && f.subWait.Swap(false) {
		select {
		case f.subWake <- struct{}{}:
		default:
		}
	}
}

// wakeConsumer wakes the consumer if it sleeps on slot (any slot for -1).
func (f *fanout) wakeConsumer(slot int64) {
	w := f.conWant.Load()
	if w < 0 || (slot >= 0 && w != slot) {
		return
	}
	if f.conWant.CompareAndSwap(w, -1) {
		select {
		case f.conWake <- struct{}{}:
		default:
		}
	}
}

// next waits for the outcome at position pos and returns it, decoded; ok
// is false when pos is past the last position taken.
func (f *fanout) next(pos int64, timer **time.Timer) (ExecResult, bool) {
	idx := pos % int64(len(f.slots))
	sl := &f.slots[idx]
	for {
		st := sl.state.Load()
		if st == slotDone {
			break
		}
		if st == slotFree {
			if t := f.total.Load(); t >= 0 && pos >= t {
				return ExecResult{}, false
			}
		}
		f.conWant.Store(idx)
		if st2 := sl.state.Load(); st2 != st || (st == slotFree && f.total.Load() >= 0) {
			f.conWant.Store(-1)
			continue
		}
		f.sleep(sl, st, timer)
		f.conWant.Store(-1)
	}
	res, err := f.outcome(sl)
	r := ExecResult{Index: int(pos), Args: sl.args, Result: res, Err: err}
	sl.args, sl.err = nil, nil
	sl.req.args, sl.req.prep, sl.req.errs = nil, nil, nil
	sl.state.Store(slotFree)
	f.yielded.Store(pos + 1)
	f.wakeSubmitter()
	return r, true
}

// sleep waits for a wake-up while slot sl, in state st, is not done. A
// running slot has a deadline (the request timeout from its start) and is
// abandoned when it passes or when ctx ends; the later slots need no timer
// of their own, since they started no earlier.
func (f *fanout) sleep(sl *fanSlot, st uint32, timer **time.Timer) {
	if st != slotRunning {
		<-f.conWake
		return
	}
	var expired <-chan time.Time
	if f.timeout > 0 {
		left := f.timeout - time.Since(sl.start)
		if left <= 0 {
			sl.call.Abandon(f.timedOut(sl))
			return
		}
		if *timer == nil {
			*timer = time.NewTimer(left)
		} else {
			(*timer).Reset(left)
		}
		expired = (*timer).C
	}
	select {
	case <-f.conWake:
	case <-expired:
		sl.call.Abandon(f.timedOut(sl))
	case <-f.ctx.Done():
		f.halt()
		err := f.ctx.Err()
		if err == context.DeadlineExceeded {
			err = f.timedOut(sl)
		}
		sl.call.Abandon(err)
	}
	if *timer != nil {
		(*timer).Stop()
	}
}

func (f *fanout) timedOut(sl *fanSlot) error {
	return &conn.TimeoutError{Addr: sl.req.c.Addr(), After: time.Since(sl.start)}
}

// outcome settles a finished slot's attempt. Any further attempt (a
// retry, a statement prepared again on its node) runs here, in order, on
// the consumer's own scratch.
func (f *fanout) outcome(sl *fanSlot) (*Result, error) {
	if sl.err != nil {
		return nil, sl.err
	}
	reply, err := sl.call.Result()
	res, err, again := sl.req.settle(reply, err)
	if again {
		sl.call.KeepBody()
		sl.req.sc = &f.retrySC
		res, err = sl.req.run()
	} else if err != nil || res.Kind != KindVoid || res.TracingID != nil || res.CustomPayload != nil {
		// Rows, paging state, payloads and server errors reference the
		// reply's body: the next use of the call must not overwrite it.
		sl.call.KeepBody()
	}
	return res, err
}
