package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
)

// runChains starts c chains; each sends its next insert from the completion
// callback of its previous one, so c requests stay in flight without a
// coordinating loop. Latency runs from ExecuteQueryAsync to the callback.
func runChains(ctx context.Context, s *driver.Session, q *driver.Query, tuples [][]any, c int, _ *timeline) ([]time.Duration, int, error) {
	c = min(c, len(tuples))
	var (
		next  atomic.Int64 // index of the next tuple to send
		errs  atomic.Int64
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	perChain := make([][]time.Duration, c)
	wg.Add(c)
	for ch := range c {
		// Each chain owns its Query: only one of its requests is in
		// flight, so Args can be replaced once the previous completed.
		cq := *q
		lat := make([]time.Duration, 0, len(tuples)/c+1)
		var send func()
		send = func() {
			i := next.Add(1) - 1
			if i >= int64(len(tuples)) {
				perChain[ch] = lat
				wg.Done()
				return
			}
			cq.Args = tuples[i]
			t0 := time.Now()
			s.ExecuteQueryAsync(ctx, &cq).AddCallback(func(_ *driver.Result, err error) {
				if err != nil {
					errs.Add(1)
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				} else {
					lat = append(lat, time.Since(t0))
				}
				send()
			})
		}
		send()
	}
	wg.Wait()
	var all []time.Duration
	for _, l := range perChain {
		all = append(all, l...)
	}
	return all, int(errs.Load()), first
}
