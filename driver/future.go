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
	callbacks []func(*Result, error)
}

func newFuture() *Future { return &Future{ready: make(chan struct{}), done: make(chan struct{})} }

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
	f.callbacks = append(f.callbacks, fn)
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
		cbs := f.callbacks
		f.callbacks = nil
		if len(cbs) == 0 {
			f.completed = true
			f.mu.Unlock()
			break
		}
		f.mu.Unlock()
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
	f := newFuture()
	if !s.startAsync(ctx, q, f) {
		go func() {
			res, err := s.ExecuteQuery(ctx, q)
			f.complete(res, err)
		}()
	}
	return f
}
