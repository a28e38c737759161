package driver

import (
	"context"
	"sync"
)

// Future is a statement running in the background. Its result arrives once;
// callbacks registered with AddCallback run exactly once each, in order of
// registration, on the future's own goroutine — never on a connection's
// reader — or at once, on the caller's goroutine, if it has already
// completed.
type Future struct {
	ready chan struct{} // closed once res and err are set
	done  chan struct{} // closed once the callbacks have run too
	res   *Result
	err   error

	mu        sync.Mutex
	completed bool
	first     func(*Result, error)   // the first callback, kept apart: most futures have one
	callbacks []func(*Result, error) // the others, in order
}

func newFuture() *Future {
	f := new(Future)
	f.init()
	return f
}

// init readies a Future embedded in another value.
func (f *Future) init() {
	f.ready = make(chan struct{})
	f.done = make(chan struct{})
}

// Done is closed when the result is available and the callbacks registered
// until then have run, so a callback added after Done runs at once, after
// them.
func (f *Future) Done() <-chan struct{} { return f.done }

// Result waits for the result, or for ctx to end (the statement keeps
// running; only the wait stops). It does not wait for callbacks, so a
// callback may call it.
func (f *Future) Result(ctx context.Context) (*Result, error) {
	select {
	case <-f.ready:
		return f.res, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// AddCallback registers fn to run once with the result.
func (f *Future) AddCallback(fn func(*Result, error)) {
	f.mu.Lock()
	if f.completed {
		f.mu.Unlock()
		fn(f.res, f.err)
		return
	}
	if f.first == nil && len(f.callbacks) == 0 {
		f.first = fn
	} else {
		f.callbacks = append(f.callbacks, fn)
	}
	f.mu.Unlock()
}

// complete records the result, wakes waiters and runs the callbacks in
// order of registration, including any a callback registers; it runs on the
// future's goroutine.
func (f *Future) complete(res *Result, err error) {
	f.res, f.err = res, err
	close(f.ready)
	for {
		f.mu.Lock()
		first, cbs := f.first, f.callbacks
		f.first, f.callbacks = nil, nil
		if first == nil && len(cbs) == 0 {
			f.completed = true
			f.mu.Unlock()
			break
		}
		f.mu.Unlock()
		if first != nil {
			first(res, err)
		}
		for _, cb := range cbs {
			cb(res, err)
		}
	}
	close(f.done)
}

// ExecuteAsync starts stmt with args and returns its Future at once.
func (s *Session) ExecuteAsync(ctx context.Context, stmt string, args ...any) *Future {
	return s.ExecuteQueryAsync(ctx, &Query{Statement: stmt, Args: args})
}

// ExecuteQueryAsync starts q and returns its Future at once. Cancelling ctx
// abandons the request.
//
// When sending cannot block — the connection is open, the statement (if it
// has arguments) is already prepared and a stream is free — the request is
// queued from the caller's goroutine and no goroutine waits for the reply:
// one is started when the reply is in, to decode it and run the callbacks.
// Otherwise a goroutine of its own connects, prepares and sends it.
func (s *Session) ExecuteQueryAsync(ctx context.Context, q *Query) *Future {
	if f := s.startAsync(ctx, q); f != nil {
		return f
	}
	f := newFuture()
	go func() {
		res, err := s.ExecuteQuery(ctx, q)
		f.complete(res, err)
	}()
	return f
}
