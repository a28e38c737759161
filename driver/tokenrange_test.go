package driver

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cluster"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// contiguous checks that ranges cover want exactly, in order, with no gap
// and no overlap.
func contiguous(t *testing.T, ranges []TokenRange, want TokenRange) {
	t.Helper()
	if len(ranges) == 0 {
		t.Fatal("no ranges")
	}
	if ranges[0].Start != want.Start || ranges[len(ranges)-1].End != want.End {
		t.Fatalf("ranges span (%d, %d], want (%d, %d]", ranges[0].Start, ranges[len(ranges)-1].End, want.Start, want.End)
	}
	var total uint64
	for i, r := range ranges {
		if r.Width() == 0 && want.Width() > 0 {
			t.Fatalf("range %d is empty: %+v", i, r)
		}
		if i > 0 && r.Start != ranges[i-1].End {
			t.Fatalf("range %d starts at %d, the previous ends at %d", i, r.Start, ranges[i-1].End)
		}
		total += r.Width()
	}
	if total != want.Width() {
		t.Fatalf("widths add up to %d, want %d", total, want.Width())
	}
}

func TestTokenRangeSplit(t *testing.T) {
	for _, tc := range []struct {
		r TokenRange
		n int
	}{
		{FullRing(), 1}, {FullRing(), 7}, {FullRing(), 256},
		{TokenRange{-10, 10}, 3}, {TokenRange{-10, 10}, 20}, {TokenRange{0, 1}, 4},
		{TokenRange{math.MaxInt64 - 5, math.MaxInt64}, 2},
	} {
		parts := tc.r.Split(tc.n)
		contiguous(t, parts, tc.r)
		if want := min(tc.n, int(min(tc.r.Width(), 1<<20))); tc.r.Width() >= uint64(tc.n) && len(parts) != want {
			t.Errorf("%+v split %d: %d parts", tc.r, tc.n, len(parts))
		}
	}
}

func TestRingRanges(t *testing.T) {
	for _, tokens := range [][]int64{{0}, {-100, 5, 900}, {math.MinInt64 + 1, math.MaxInt64}} {
		r := fakeRing(tokens)
		for _, per := range []int{1, 4} {
			ranges := r.Ranges(per)
			contiguous(t, ranges, FullRing())
			// Every piece lies within one owned range: its replicas are
			// the same for all its tokens.
			for _, tr := range ranges {
				if r.RangeIndex(tr.Start+1) != r.RangeIndex(tr.End) {
					t.Errorf("tokens %v: piece %+v spans two owned ranges", tokens, tr)
				}
			}
		}
	}
}

// fakeRing is a one-host-per-token ring.
func fakeRing(tokens []int64) *Ring {
	var hosts []*Host
	for i, tk := range tokens {
		hosts = append(hosts, cluster.NewHost("10.0.0."+strconv.Itoa(i+1)+":9042", cluster.HostInfo{Tokens: []string{strconv.FormatInt(tk, 10)}}))
	}
	return &Ring{topo: cluster.NewTopology(hosts, "", "", nil)}
}

// TestScanRangesSplitsOnTimeout: ranges wider than the "server" can scan
// time out and are cut until they fit; every token is covered exactly once
// and no more than the concurrency run at once.
func TestScanRangesSplitsOnTimeout(t *testing.T) {
	const limit = uint64(1) << 60 // widest range that does not time out
	var (
		mu      sync.Mutex
		covered []TokenRange
		running atomic.Int32
		most    atomic.Int32
		splits  atomic.Int32
	)
	err := ScanRanges(context.Background(), FullRing().Split(3), RangeScanOptions{
		Concurrency: 4,
		OnSplit:     func(TokenRange, error) { splits.Add(1) },
	}, func(ctx context.Context, r TokenRange) error {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(time.Millisecond)
		if r.Width() > limit {
			if r.Width()%2 == 0 {
				return &TimeoutError{Addr: "x", After: time.Second}
			}
			return &frame.Error{Code: frame.CodeReadTimeout, Message: "timeout"}
		}
		mu.Lock()
		covered = append(covered, r)
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(covered, func(a, b TokenRange) int {
		switch {
		case a.Start < b.Start:
			return -1
		case a.Start > b.Start:
			return 1
		}
		return 0
	})
	contiguous(t, covered, FullRing())
	if most.Load() > 4 {
		t.Errorf("%d ranges ran at once, concurrency 4", most.Load())
	}
	if splits.Load() == 0 {
		t.Error("no range was split")
	}
}

func TestScanRangesErrors(t *testing.T) {
	boom := errors.New("boom")
	var ran atomic.Int32
	ranges := FullRing().Split(100)
	err := ScanRanges(context.Background(), ranges, RangeScanOptions{Concurrency: 2}, func(ctx context.Context, r TokenRange) error {
		ran.Add(1)
		switch {
		case r.Start == ranges[10].Start:
			return boom
		case r.Start > ranges[10].Start:
			// Hold the other slot until the scan gives up, so that
			// what starts after the failure does not depend on how
			// the two goroutines happen to be scheduled.
			select {
			case <-ctx.Done():
			case <-time.After(5 * time.Second):
			}
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if n := ran.Load(); n > 12 {
		t.Errorf("%d ranges ran; the 11th failed while at most one other ran beside it", n)
	}
	// A timeout that splitting cannot cure is returned.
	err = ScanRanges(context.Background(), []TokenRange{{0, 4}}, RangeScanOptions{}, func(ctx context.Context, r TokenRange) error {
		return &TimeoutError{Addr: "x"}
	})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want the timeout", err)
	}
	// A cancelled context ends the scan.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = ScanRanges(ctx, FullRing().Split(10), RangeScanOptions{}, func(ctx context.Context, r TokenRange) error { return ctx.Err() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func TestRingRangesWithin(t *testing.T) {
	r := fakeRing([]int64{-100, 5, 900})
	for _, b := range []TokenRange{FullRing(), {-50, 50}, {-1000, -100}, {900, 901}, {math.MinInt64, 0}} {
		got := r.RangesWithin(b, 3)
		contiguous(t, got, b)
		for _, tr := range got {
			if r.RangeIndex(tr.Start+1) != r.RangeIndex(tr.End) {
				t.Errorf("bound %+v: piece %+v spans two owned ranges", b, tr)
			}
		}
	}
	if got := r.RangesWithin(TokenRange{10, 10}, 3); len(got) != 0 {
		t.Errorf("empty bound: %v", got)
	}
}
