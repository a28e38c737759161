package main

import (
	"context"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
)

// runSequential sends one insert at a time and waits for each; latency is
// measured around the call. The concurrency argument is ignored.
func runSequential(ctx context.Context, s *driver.Session, q *driver.Query, tuples [][]any, _ int, _ *timeline) ([]time.Duration, int, error) {
	lat := make([]time.Duration, 0, len(tuples))
	errs := 0
	var first error
	for _, t := range tuples {
		q.Args = t
		t0 := time.Now()
		if _, err := s.ExecuteQuery(ctx, q); err != nil {
			errs++
			if first == nil {
				first = err
			}
			continue
		}
		lat = append(lat, time.Since(t0))
	}
	return lat, errs, first
}
