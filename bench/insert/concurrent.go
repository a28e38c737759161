package main

import (
	"context"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
)

// runConcurrent streams the tuples through ExecuteConcurrentStream, the
// engine of ExecuteConcurrent and of the shell's CONCURRENT, with c in
// flight. Latency is the driver's own per-request figure.
func runConcurrent(ctx context.Context, s *driver.Session, q *driver.Query, tuples [][]any, c int, tl *timeline) ([]time.Duration, int, error) {
	args := func(yield func([]any) bool) {
		for _, t := range tuples {
			if !yield(t) {
				return
			}
		}
	}
	lat := make([]time.Duration, 0, len(tuples))
	errs := 0
	var first error
	for r := range s.ExecuteConcurrentStream(ctx, q, args, driver.ConcurrentOptions{Concurrency: c}) {
		if r.Err != nil {
			errs++
			if first == nil {
				first = r.Err
			}
			continue
		}
		lat = append(lat, r.Result.Latency)
		tl.add()
	}
	return lat, errs, first
}
