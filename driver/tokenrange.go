package driver

import (
	"context"
	"errors"
	"math"
	"sync"

	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// TokenRange is the range of Murmur3 tokens (Start, End]: Start excluded,
// End included. The whole ring is (math.MinInt64, math.MaxInt64], since no
// key hashes to the smallest token. A range never wraps round: the ring's
// last range is cut in two at the ends.
type TokenRange struct {
	Start, End int64
}

// FullRing is the range of every token.
func FullRing() TokenRange { return TokenRange{Start: math.MinInt64, End: math.MaxInt64} }

// Width is the number of tokens in r.
func (r TokenRange) Width() uint64 { return uint64(r.End) - uint64(r.Start) }

// Split cuts r into up to n contiguous ranges of near-equal width, in
// ring order (fewer when r holds fewer than n tokens).
func (r TokenRange) Split(n int) []TokenRange {
	w := r.Width()
	if n <= 1 || w < uint64(n) {
		return []TokenRange{r}
	}
	step := w / uint64(n)
	out := make([]TokenRange, n)
	start := r.Start
	for i := range n {
		end := r.End
		if i < n-1 {
			end = int64(uint64(r.Start) + step*uint64(i+1))
		}
		out[i] = TokenRange{Start: start, End: end}
		start = end
	}
	return out
}

// Ranges returns the ring's token ranges in ring order, each owned range
// cut into per pieces, so that each piece's replicas are those of its End
// (ReplicasOf). The range that wraps round past the largest token is cut
// in two at the ring's ends.
func (r *Ring) Ranges(per int) []TokenRange {
	t := r.topo
	n := t.Ranges()
	if n == 0 {
		return FullRing().Split(per)
	}
	var out []TokenRange
	first, last := t.RangeEnd(0), t.RangeEnd(n-1)
	// (MinInt64, first]: the part of the wrapping range before the first
	// token, owned by the first token's host.
	if first != math.MinInt64 {
		out = append(out, TokenRange{Start: math.MinInt64, End: first}.Split(per)...)
	}
	for i := 1; i < n; i++ {
		out = append(out, TokenRange{Start: t.RangeEnd(i - 1), End: t.RangeEnd(i)}.Split(per)...)
	}
	// (last, MaxInt64]: the rest of the wrapping range, owned, as tokens
	// past the last wrap round, by the first token's host.
	if last != math.MaxInt64 {
		out = append(out, TokenRange{Start: last, End: math.MaxInt64}.Split(per)...)
	}
	return out
}

// ReplicasOf lists the addresses of the hosts holding range tr's replicas
// in keyspace (those of its End).
func (r *Ring) ReplicasOf(keyspace string, tr TokenRange) []string {
	return r.Replicas(keyspace, tr.End)
}

// RangeScanOptions tune ScanRanges.
type RangeScanOptions struct {
	// Concurrency is the most ranges scanned at once (default 8).
	Concurrency int
	// MaxSplits is how many times a range that timed out is cut in two
	// and scanned again (default 8: down to 1/256 of the range).
	MaxSplits int
	// OnSplit, when set, is told of each range cut after a timeout.
	OnSplit func(TokenRange, error)
}

// ScanRanges runs fn once for every range, at most opts.Concurrency at
// once, until every token has been covered: a range whose fn fails with a
// timeout (the server's ReadTimeout, or no reply in time) is cut in two and
// each half run again, so a range too big to scan in one request still
// completes. fn runs concurrently and must cover exactly the range it is
// given (e.g. token(pk) > Start AND token(pk) <= End). The first other
// error — or a timeout on a range that can no longer be split — stops the
// scan and is returned; ranges already running finish first.
func ScanRanges(ctx context.Context, ranges []TokenRange, opts RangeScanOptions, fn func(context.Context, TokenRange) error) error {
	width := opts.Concurrency
	if width <= 0 {
		width = 8
	}
	maxSplits := opts.MaxSplits
	if maxSplits == 0 {
		maxSplits = 8
	}
	type task struct {
		r     TokenRange
		depth int
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		queue    = make([]task, 0, len(ranges))
		running  int
		firstErr error
		wake     = make(chan struct{}, 1)
	)
	for _, r := range ranges {
		queue = append(queue, task{r, 0})
	}
	signal := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	var wg sync.WaitGroup
	for {
		mu.Lock()
		for firstErr == nil && running < width && len(queue) > 0 {
			t := queue[0]
			queue = queue[1:]
			running++
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := fn(ctx, t.r)
				mu.Lock()
				defer mu.Unlock()
				defer signal()
				running--
				switch {
				case err == nil:
				case isScanTimeout(err) && t.depth < maxSplits && t.r.Width() > 1:
					halves := t.r.Split(2)
					if opts.OnSplit != nil {
						opts.OnSplit(t.r, err)
					}
					queue = append([]task{{halves[0], t.depth + 1}, {halves[1], t.depth + 1}}, queue...)
				case firstErr == nil:
					firstErr = err
					cancel()
				}
			}()
		}
		done := running == 0 && (len(queue) == 0 || firstErr != nil)
		mu.Unlock()
		if done {
			break
		}
		<-wake
	}
	wg.Wait()
	return firstErr
}

// isScanTimeout reports a failure that a smaller range may avoid.
func isScanTimeout(err error) bool {
	var te *TimeoutError
	return IsCode(err, frame.CodeReadTimeout) || errors.As(err, &te)
}

// RangesWithin is Ranges(per) clipped to bound: the pieces of the ring that
// lie in bound, cut where bound cuts them, in ring order.
func (r *Ring) RangesWithin(bound TokenRange, per int) []TokenRange {
	var out []TokenRange
	for _, p := range r.Ranges(per) {
		lo, hi := max(p.Start, bound.Start), min(p.End, bound.End)
		if hi > lo {
			out = append(out, TokenRange{Start: lo, End: hi})
		}
	}
	return out
}
