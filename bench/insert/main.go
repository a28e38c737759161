// Command insert measures gocqlsh's driver writing rows: n prepared INSERTs
// run through Session.ExecuteConcurrentStream (the engine of
// ExecuteConcurrent) with c in flight, reporting throughput, client CPU and
// allocations per insert, and latency percentiles.
package main

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
)

// options are the command-line flags.
type options struct {
	hosts       string
	n, c        int
	proto       int
	compression string
	cpuprofile  string
}

func main() {
	var o options
	flag.StringVar(&o.hosts, "hosts", "127.0.0.1", "comma-separated contact points")
	flag.IntVar(&o.n, "n", 100000, "number of inserts")
	flag.IntVar(&o.c, "c", 100, "inserts in flight")
	flag.IntVar(&o.proto, "proto", 0, "protocol version: 0 (negotiate), 4 or 5")
	flag.StringVar(&o.compression, "compression", "", `compression: "", lz4 or snappy`)
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the timed section to this file")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "insert:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if o.n <= 0 || o.c <= 0 {
		return fmt.Errorf("-n and -c must be positive")
	}
	ctx := context.Background()
	s, err := driver.Connect(ctx, driver.Config{
		Hosts:        strings.Split(o.hosts, ","),
		ProtoVersion: byte(o.proto),
		Compression:  o.compression,
	})
	if err != nil {
		return err
	}
	defer s.Close()
	for _, ddl := range []string{
		"CREATE KEYSPACE IF NOT EXISTS bench_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
		"CREATE TABLE IF NOT EXISTS bench_ks.bench (key text PRIMARY KEY, col0 text, col1 text)",
	} {
		if _, err := s.Execute(ctx, ddl); err != nil {
			return err
		}
	}
	q := &driver.Query{Statement: "INSERT INTO bench_ks.bench (key, col0, col1) VALUES (?, ?, ?)"}
	if _, err := s.Prepare(ctx, q.Statement); err != nil {
		return err
	}

	// Arguments are built before timing so that the figures are the
	// driver's alone.
	tuples := make([][]any, o.n)
	for i := range tuples {
		k := strconv.Itoa(i)
		tuples[i] = []any{"key" + k, "value0-" + k, "value1-" + k}
	}
	args := iter.Seq[[]any](func(yield func([]any) bool) {
		for _, t := range tuples {
			if !yield(t) {
				return
			}
		}
	})
	lat := make([]time.Duration, 0, o.n)
	errs := 0
	var firstErr error

	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	cpu0 := cpuTime()
	start := time.Now()
	for r := range s.ExecuteConcurrentStream(ctx, q, args, driver.ConcurrentOptions{Concurrency: o.c}) {
		if r.Err != nil {
			errs++
			if firstErr == nil {
				firstErr = r.Err
			}
			continue
		}
		lat = append(lat, r.Result.Latency)
	}
	wall := time.Since(start)
	cpu := cpuTime() - cpu0
	if o.cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	runtime.ReadMemStats(&m1)

	n := float64(o.n)
	fmt.Printf("protocol v%d, compression %q, %d inserts, %d in flight, GOMAXPROCS %d\n",
		s.ProtocolVersion(), s.Compression(), o.n, o.c, runtime.GOMAXPROCS(0))
	fmt.Printf("wall time     %v\n", wall.Round(time.Millisecond))
	fmt.Printf("throughput    %.0f ops/s\n", n/wall.Seconds())
	if cpu > 0 {
		fmt.Printf("client CPU    %.1f µs/op (user+sys)\n", float64(cpu.Microseconds())/n)
	}
	fmt.Printf("allocations   %.1f allocs/op, %.0f B/op\n", float64(m1.Mallocs-m0.Mallocs)/n, float64(m1.TotalAlloc-m0.TotalAlloc)/n)
	if len(lat) > 0 {
		slices.Sort(lat)
		pct := func(p int) time.Duration { return lat[min(len(lat)-1, len(lat)*p/100)] }
		fmt.Printf("latency       p50 %v, p99 %v, max %v\n", pct(50).Round(time.Microsecond), pct(99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
	}
	if errs > 0 {
		return fmt.Errorf("%d of %d inserts failed; first: %w", errs, o.n, firstErr)
	}
	return nil
}
