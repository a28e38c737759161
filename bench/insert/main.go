// Command insert measures gocqlsh's driver writing rows: n prepared INSERTs
// run in one of three patterns, reporting throughput, client CPU and
// allocations per insert, and latency percentiles.
//
// Patterns (-mode):
//
//	sequential  one Execute after another, one in flight (W1)
//	concurrent  Session.ExecuteConcurrentStream with c in flight (W2)
//	chains      c chains, each sending its next insert from the previous
//	            one's completion callback (ExecuteQueryAsync + AddCallback, W3)
//
// With -tsv the result is one tab-separated line: workload, tool, protocol,
// ops/s, CPU µs/op, allocs/op, p50 µs, p99 µs.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
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
	mode        string
	tsv         bool
	cpuprofile  string
	policy      string
	idempotent  bool
	timeline    string
}

// insertCQL is the statement every pattern runs, the same text as the
// Python and gocql harnesses beside this one.
const insertCQL = "INSERT INTO bench_ks.bench (key, col0, col1) VALUES (?, ?, ?)"

// workload returns a pattern's workload label and its runner.
func workload(mode string) (label string, run runner, ok bool) {
	switch mode {
	case "sequential":
		return "W1", runSequential, true
	case "concurrent":
		return "W2", runConcurrent, true
	case "chains":
		return "W3", runChains, true
	}
	return "", nil, false
}

// runner executes q once per tuple with c in flight and returns one
// latency per successful insert plus the failure count and first failure.
type runner func(ctx context.Context, s *driver.Session, q *driver.Query, tuples [][]any, c int, tl *timeline) (lat []time.Duration, errs int, first error)

func main() {
	var o options
	flag.StringVar(&o.hosts, "hosts", "127.0.0.1", "comma-separated contact points")
	flag.IntVar(&o.n, "n", 100000, "number of inserts")
	flag.IntVar(&o.c, "c", 100, "inserts in flight (concurrent) or number of chains (chains)")
	flag.IntVar(&o.proto, "proto", 0, "protocol version: 0 (negotiate), 4 or 5")
	flag.StringVar(&o.compression, "compression", "", `compression: "", lz4 or snappy`)
	flag.StringVar(&o.mode, "mode", "concurrent", "pattern: sequential, concurrent or chains")
	flag.BoolVar(&o.tsv, "tsv", false, "print one TSV result line instead of the report")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the timed section to this file")
	flag.StringVar(&o.policy, "policy", "token", "host selection: token (token-aware over DC-aware round robin) or allow (the first host only)")
	flag.BoolVar(&o.idempotent, "idempotent", false, "mark the inserts idempotent (retried on another node when one is lost)")
	flag.StringVar(&o.timeline, "timeline", "", "write the inserts completed in each second to this file (TSV: second, count)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "insert:", err)
		os.Exit(1)
	}
}

// hostPort adds the default port to a host given without one.
func hostPort(h string) string {
	if _, _, err := net.SplitHostPort(h); err == nil {
		return h
	}
	return net.JoinHostPort(h, "9042")
}

func run(o options) error {
	if o.n <= 0 || o.c <= 0 {
		return fmt.Errorf("-n and -c must be positive")
	}
	label, runW, ok := workload(o.mode)
	if !ok {
		return fmt.Errorf("unknown -mode %q (sequential, concurrent or chains)", o.mode)
	}
	ctx := context.Background()
	hosts := strings.Split(o.hosts, ",")
	cfg := driver.Config{Hosts: hosts, ProtoVersion: byte(o.proto), Compression: o.compression}
	switch o.policy {
	case "token":
	case "allow":
		cfg.Policy = driver.AllowList{Addrs: []string{hostPort(hosts[0])}}
	default:
		return fmt.Errorf("unknown -policy %q (token or allow)", o.policy)
	}
	s, err := driver.Connect(ctx, cfg)
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
	q := &driver.Query{Statement: insertCQL, Idempotent: o.idempotent}
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
	var tl *timeline
	if o.timeline != "" {
		tl = &timeline{start: start}
	}
	lat, errs, firstErr := runW(ctx, s, q, tuples, o.c, tl)
	wall := time.Since(start)
	cpu := cpuTime() - cpu0
	if o.cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	runtime.ReadMemStats(&m1)

	if o.timeline != "" {
		if err := tl.write(o.timeline); err != nil {
			return err
		}
	}
	n := float64(o.n)
	slices.Sort(lat)
	pct := func(p int) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, len(lat)*p/100)]
	}
	allocs := float64(m1.Mallocs-m0.Mallocs) / n
	if o.tsv {
		fmt.Printf("%s\tgocqlsh\tv%d\t%.0f\t%.1f\t%.1f\t%d\t%d\n", label, s.ProtocolVersion(),
			n/wall.Seconds(), float64(cpu.Microseconds())/n, allocs, pct(50).Microseconds(), pct(99).Microseconds())
	} else {
		fmt.Printf("%s (%s): protocol v%d, compression %q, %d inserts, c=%d, GOMAXPROCS %d\n",
			label, o.mode, s.ProtocolVersion(), s.Compression(), o.n, o.c, runtime.GOMAXPROCS(0))
		fmt.Printf("wall time     %v\n", wall.Round(time.Millisecond))
		fmt.Printf("throughput    %.0f ops/s\n", n/wall.Seconds())
		if cpu > 0 {
			fmt.Printf("client CPU    %.1f µs/op (user+sys)\n", float64(cpu.Microseconds())/n)
		}
		fmt.Printf("allocations   %.1f allocs/op, %.0f B/op\n", allocs, float64(m1.TotalAlloc-m0.TotalAlloc)/n)
		if len(lat) > 0 {
			fmt.Printf("latency       p50 %v, p99 %v, max %v\n", pct(50).Round(time.Microsecond), pct(99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond))
		}
	}
	if errs > 0 {
		return fmt.Errorf("%d of %d inserts failed; first: %w", errs, o.n, firstErr)
	}
	return nil
}
