package main

import (
	"sync"
	"time"

	gocql "github.com/apache/cassandra-gocql-driver/v2"
)

// fanOut runs c workers, each taking tuples from one shared channel and
// executing them synchronously; c = 1 is the sequential workload. It returns
// every successful insert's latency, the failure count and the first failure.
func fanOut(s *gocql.Session, tuples [][]any, c int) ([]time.Duration, int, error) {
	work := make(chan []any, c)
	go func() {
		for _, t := range tuples {
			work <- t
		}
		close(work)
	}()
	type tally struct {
		lat   []time.Duration
		errs  int
		first error
	}
	tallies := make([]tally, c)
	var wg sync.WaitGroup
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := &tallies[w]
			t.lat = make([]time.Duration, 0, len(tuples)/c+1)
			for args := range work {
				t0 := time.Now()
				if err := s.Query(insertCQL, args...).Exec(); err != nil {
					t.errs++
					if t.first == nil {
						t.first = err
					}
					continue
				}
				t.lat = append(t.lat, time.Since(t0))
			}
		}()
	}
	wg.Wait()
	var lat []time.Duration
	errs := 0
	var first error
	for _, t := range tallies {
		lat = append(lat, t.lat...)
		errs += t.errs
		if first == nil {
			first = t.first
		}
	}
	return lat, errs, first
}
