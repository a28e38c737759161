// Command gocql runs the insert workloads of gocqlsh's driver benchmark with
// the gocql driver (github.com/apache/cassandra-gocql-driver/v2), so both Go
// drivers face the same statement, rows, node and measurement.
//
//	-mode sequential  one Exec after another, one in flight (W1)
//	-mode concurrent  c goroutines each running synchronous Execs over a
//	                  shared channel of work, gocql's idiomatic fan-out (W2)
//
// With -tsv the result is one tab-separated line: workload, tool, protocol,
// ops/s, CPU µs/op, allocs/op, p50 µs, p99 µs.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	gocql "github.com/apache/cassandra-gocql-driver/v2"
)

// insertCQL is the statement of every harness in bench/.
const insertCQL = "INSERT INTO bench_ks.bench (key, col0, col1) VALUES (?, ?, ?)"

// options are the command-line flags.
type options struct {
	hosts string
	port  int
	n, c  int
	proto int
	mode  string
	tsv   bool

	tokenAware bool
}

func main() {
	var o options
	flag.StringVar(&o.hosts, "hosts", "127.0.0.1", "comma-separated contact points")
	flag.IntVar(&o.port, "port", 9042, "port of the contact points and of the nodes they report (bench/stub listens on another)")
	flag.IntVar(&o.n, "n", 100000, "number of inserts")
	flag.IntVar(&o.c, "c", 100, "goroutines (concurrent mode)")
	flag.IntVar(&o.proto, "proto", 4, "protocol version: 3, 4 or 5")
	flag.StringVar(&o.mode, "mode", "concurrent", "pattern: sequential or concurrent")
	flag.BoolVar(&o.tsv, "tsv", false, "print one TSV result line instead of the report")
	flag.BoolVar(&o.tokenAware, "tokenaware", false, "route each insert to a replica (TokenAwareHostPolicy over round robin)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "gocql:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	if o.n <= 0 || o.c <= 0 {
		return fmt.Errorf("-n and -c must be positive")
	}
	var label string
	switch o.mode {
	case "sequential":
		label, o.c = "W1", 1
	case "concurrent":
		label = "W2"
	default:
		return fmt.Errorf("unknown -mode %q (sequential or concurrent)", o.mode)
	}

	cluster := gocql.NewCluster(strings.Split(o.hosts, ",")...)
	// gocql connects to every node it discovers on this port, the contact
	// point's own included, whatever port a host:port contact names.
	cluster.Port = o.port
	cluster.ProtoVersion = o.proto
	cluster.Consistency = gocql.One
	// One connection, as the other drivers in the comparison use.
	cluster.NumConns = 1
	if o.tokenAware {
		cluster.PoolConfig.HostSelectionPolicy = gocql.TokenAwareHostPolicy(gocql.RoundRobinHostPolicy())
	}
	s, err := cluster.CreateSession()
	if err != nil {
		return err
	}
	defer s.Close()
	for _, ddl := range []string{
		"CREATE KEYSPACE IF NOT EXISTS bench_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
		"CREATE TABLE IF NOT EXISTS bench_ks.bench (key text PRIMARY KEY, col0 text, col1 text)",
	} {
		if err := s.Query(ddl).Exec(); err != nil {
			return err
		}
	}
	// One insert before timing prepares the statement into gocql's cache,
	// as the other harnesses prepare before their timed section.
	if err := s.Query(insertCQL, "key-warm", "v0", "v1").Exec(); err != nil {
		return err
	}

	tuples := make([][]any, o.n)
	for i := range tuples {
		k := strconv.Itoa(i)
		tuples[i] = []any{"key" + k, "value0-" + k, "value1-" + k}
	}

	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	cpu0 := cpuTime()
	start := time.Now()
	lat, errs, first := fanOut(s, tuples, o.c)
	wall := time.Since(start)
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&m1)

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
		fmt.Printf("%s\tgocql\tv%d\t%.0f\t%.1f\t%.1f\t%d\t%d\n", label, o.proto,
			n/wall.Seconds(), float64(cpu.Microseconds())/n, allocs, pct(50).Microseconds(), pct(99).Microseconds())
	} else {
		fmt.Printf("%s (%s, gocql): protocol v%d, %d inserts, c=%d, GOMAXPROCS %d\n", label, o.mode, o.proto, o.n, o.c, runtime.GOMAXPROCS(0))
		fmt.Printf("wall time     %v\n", wall.Round(time.Millisecond))
		fmt.Printf("throughput    %.0f ops/s\n", n/wall.Seconds())
		fmt.Printf("client CPU    %.1f µs/op (user+sys)\n", float64(cpu.Microseconds())/n)
		fmt.Printf("allocations   %.1f allocs/op, %.0f B/op\n", allocs, float64(m1.TotalAlloc-m0.TotalAlloc)/n)
		fmt.Printf("latency       p50 %v, p99 %v\n", pct(50).Round(time.Microsecond), pct(99).Round(time.Microsecond))
	}
	if errs > 0 {
		return fmt.Errorf("%d of %d inserts failed; first: %w", errs, o.n, first)
	}
	return nil
}
