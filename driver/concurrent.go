package driver

import (
	"context"
	"iter"
	"sync"
)

// ConcurrentOptions tune ExecuteConcurrent.
type ConcurrentOptions struct {
	// Concurrency is the most requests in flight at once (default 100).
	Concurrency int
	// StopOnError stops submitting new requests after the first failure;
	// requests already in flight finish and are reported.
	StopOnError bool
	// Stop, when closed, stops submitting; requests in flight finish
	// normally (an interrupt that loses nothing).
	Stop <-chan struct{}
}

// ExecResult is the outcome of one argument tuple.
type ExecResult struct {
	// Index is the tuple's position in the input, from 0.
	Index  int
	Args   []any
	Result *Result
	Err    error
}

// ExecuteConcurrent runs q once per argument tuple with at most
// opts.Concurrency requests in flight — a sliding window: each completion
// admits the next tuple — and returns every outcome in input order.
func (s *Session) ExecuteConcurrent(ctx context.Context, q *Query, args iter.Seq[[]any], opts ConcurrentOptions) []ExecResult {
	var out []ExecResult
	for r := range s.ExecuteConcurrentStream(ctx, q, args, opts) {
		out = append(out, r)
	}
	return out
}

// ExecuteConcurrentStream is ExecuteConcurrent yielding outcomes in input
// order as they become available, with memory bounded by the concurrency:
// arguments are pulled from args only as the window admits them, and at most
// twice the concurrency of finished outcomes wait for an earlier one.
// Breaking out of the loop stops submitting and waits for requests in
// flight.
func (s *Session) ExecuteConcurrentStream(ctx context.Context, q *Query, args iter.Seq[[]any], opts ConcurrentOptions) iter.Seq[ExecResult] {
	return func(yield func(ExecResult) bool) {
		n := opts.Concurrency
		if n <= 0 {
			n = 100
		}
		w := &window{limit: 2 * n, ready: make(map[int]ExecResult)}
		w.cond = sync.NewCond(&w.mu)
		next, stopInput := iter.Pull(args)
		defer stopInput()

		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					idx, a, ok := w.take(next, opts.Stop)
					if !ok {
						return
					}
					res, err := s.execute(ctx, q, a)
					if err != nil && opts.StopOnError {
						w.halt()
					}
					w.put(ExecResult{Index: idx, Args: a, Result: res, Err: err})
				}
			}()
		}
		go func() {
			wg.Wait()
			w.finish()
		}()

		for {
			r, ok := w.pop()
			if !ok {
				return
			}
			if !yield(r) {
				w.halt()
				w.drain()
				wg.Wait()
				return
			}
		}
	}
}

// window hands out input positions and releases outcomes in order.
type window struct {
	inMu    sync.Mutex // serialises reads of the input
	mu      sync.Mutex
	cond    *sync.Cond
	taken   int // tuples handed to workers
	yielded int // outcomes released in order
	limit   int // how far taken may run ahead of yielded
	ready   map[int]ExecResult
	halted  bool
	done    bool // every worker has exited
}

// take returns the next tuple and its position, waiting while the reorder
// window is full; ok is false once the input ends or submission stops. The
// input is read outside the window's lock, so a slow source (stdin) never
// delays outcomes already waiting to be released.
func (w *window) take(next func() ([]any, bool), stop <-chan struct{}) (int, []any, bool) {
	w.mu.Lock()
	for !w.halted && w.taken-w.yielded >= w.limit {
		w.cond.Wait()
	}
	halted := w.halted
	w.mu.Unlock()
	if halted {
		return 0, nil, false
	}

	w.inMu.Lock()
	defer w.inMu.Unlock()
	stopped := false
	if stop != nil {
		select {
		case <-stop:
			stopped = true
		default:
		}
	}
	var a []any
	ok := false
	w.mu.Lock()
	halted = w.halted
	w.mu.Unlock()
	if !stopped && !halted {
		a, ok = next()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !ok || w.halted {
		w.halted = true
		w.cond.Broadcast()
		return 0, nil, false
	}
	idx := w.taken
	w.taken++
	return idx, a, true
}

func (w *window) put(r ExecResult) {
	w.mu.Lock()
	w.ready[r.Index] = r
	w.cond.Broadcast()
	w.mu.Unlock()
}

func (w *window) halt() {
	w.mu.Lock()
	w.halted = true
	w.cond.Broadcast()
	w.mu.Unlock()
}

func (w *window) finish() {
	w.mu.Lock()
	w.done = true
	w.cond.Broadcast()
	w.mu.Unlock()
}

// pop returns the next outcome in input order; ok is false when all have
// been returned.
func (w *window) pop() (ExecResult, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for {
		if r, ok := w.ready[w.yielded]; ok {
			delete(w.ready, w.yielded)
			w.yielded++
			w.cond.Broadcast()
			return r, true
		}
		if w.done && w.yielded >= w.taken {
			return ExecResult{}, false
		}
		w.cond.Wait()
	}
}

// drain discards outcomes still arriving after the consumer stopped, so no
// worker waits on a full window.
func (w *window) drain() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for !w.done {
		for k := range w.ready {
			delete(w.ready, k)
		}
		w.yielded = w.taken
		w.cond.Broadcast()
		w.cond.Wait()
	}
}
