package cluster

import (
	"math/bits"
	"sync/atomic"
	"time"
)

// Stats counts the requests sent to one host. Every field is updated with
// atomic operations, so recording costs a few nanoseconds and no lock.
type Stats struct {
	requests    atomic.Uint64
	errors      atomic.Uint64
	retries     atomic.Uint64
	speculative atomic.Uint64
	latency     histogram
}

// Record counts one attempt that got an outcome after d: failed says it
// failed, retry that it was itself a retry.
func (s *Stats) Record(d time.Duration, failed, retry bool) {
	s.requests.Add(1)
	if failed {
		s.errors.Add(1)
	}
	if retry {
		s.retries.Add(1)
	}
	s.latency.add(d)
}

// Speculated counts an attempt sent while an earlier one still waited.
func (s *Stats) Speculated() { s.speculative.Add(1) }

// StatsSnapshot is a host's counters at one moment.
type StatsSnapshot struct {
	Requests    uint64 // attempts answered or failed
	Errors      uint64 // of which failed (server error, timeout, connection lost)
	Retries     uint64 // attempts that were retries
	Speculative uint64 // attempts sent speculatively
	InFlight    int    // requests awaiting a reply now
	Connections int    // open connections
	P50, P99    time.Duration
}

// Snapshot reads the counters (latency percentiles are bucket estimates,
// within 1/16 of the value).
func (s *Stats) Snapshot() StatsSnapshot {
	return StatsSnapshot{
		Requests:    s.requests.Load(),
		Errors:      s.errors.Load(),
		Retries:     s.retries.Load(),
		Speculative: s.speculative.Load(),
		P50:         s.latency.quantile(0.50),
		P99:         s.latency.quantile(0.99),
	}
}

// histogram is a log-linear latency histogram in microseconds: values under
// 16 µs get a bucket each, and every power of two above is split in 16.
type histogram struct {
	buckets [histBuckets]atomic.Uint64
}

const (
	histSub     = 16
	histBuckets = histSub + 44*histSub
)

func bucketOf(us uint64) int {
	if us < histSub {
		return int(us)
	}
	msb := bits.Len64(us) - 1 // ≥ 4
	shift := msb - 4
	i := histSub + shift*histSub + int((us>>shift)&(histSub-1))
	return min(i, histBuckets-1)
}

// bucketMid is a representative value of bucket i, in microseconds.
func bucketMid(i int) uint64 {
	if i < histSub {
		return uint64(i)
	}
	shift := (i - histSub) / histSub
	sub := uint64((i - histSub) % histSub)
	lo := (histSub + sub) << shift
	return lo + (uint64(1)<<shift)/2
}

func (h *histogram) add(d time.Duration) {
	us := d.Microseconds()
	if us < 0 {
		us = 0
	}
	h.buckets[bucketOf(uint64(us))].Add(1)
}

// quantile estimates the q-th quantile (0 with no samples).
func (h *histogram) quantile(q float64) time.Duration {
	var counts [histBuckets]uint64
	var total uint64
	for i := range h.buckets {
		counts[i] = h.buckets[i].Load()
		total += counts[i]
	}
	if total == 0 {
		return 0
	}
	rank := uint64(q*float64(total-1)) + 1
	var seen uint64
	for i, c := range counts {
		seen += c
		if seen >= rank {
			return time.Duration(bucketMid(i)) * time.Microsecond
		}
	}
	return 0
}
