package driver

import (
	"context"
	"iter"
	"time"
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
		f := newFanout(ctx, s, q, opts)
		next, stopInput := iter.Pull(args)
		go f.submit(next)
		var timer *time.Timer
		pos := int64(0)
		defer func() {
			// Normally a no-op; after an early break (or a panic in
			// yield) it stops submitting and waits for what is in flight.
			f.halt()
			<-f.subDone
			for {
				if _, ok := f.next(pos, &timer); !ok {
					break
				}
				pos++
			}
			if timer != nil {
				timer.Stop()
			}
			stopInput()
		}()
		for {
			r, ok := f.next(pos, &timer)
			if !ok {
				return
			}
			pos++
			if !yield(r) {
				return
			}
		}
	}
}
