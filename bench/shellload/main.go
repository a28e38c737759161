// Command shellload fills the tables bench/shell.sh renders: N rows of a
// few typical columns (int, text, double, timestamp, uuid, list) in one
// partition per 1,000 rows, written with the driver's concurrent stream.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:9042", "node address")
	ks := flag.String("ks", "bench_shell", "keyspace")
	table := flag.String("table", "rows100k", "table")
	n := flag.Int("n", 100000, "rows")
	flag.Parse()
	if err := run(*addr, *ks, *table, *n); err != nil {
		fmt.Fprintln(os.Stderr, "shellload:", err)
		os.Exit(1)
	}
}

func run(addr, ks, table string, n int) error {
	ctx := context.Background()
	s, err := driver.Connect(ctx, driver.Config{Hosts: []string{addr}, ConnectTimeout: 10 * time.Second, RequestTimeout: 60 * time.Second})
	if err != nil {
		return err
	}
	defer s.Close()
	for _, stmt := range []string{
		"CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
		"CREATE TABLE IF NOT EXISTS " + ks + "." + table + " (p int, c int, name text, score double, at timestamp, id uuid, tags list<text>, PRIMARY KEY (p, c))",
		"CREATE TABLE IF NOT EXISTS " + ks + ".loaded (name text PRIMARY KEY, n int)",
	} {
		if _, err := s.Execute(ctx, stmt); err != nil {
			return err
		}
	}
	// A finished load leaves a marker, so later runs skip the work.
	if res, err := s.Execute(ctx, "SELECT n FROM "+ks+".loaded WHERE name = ?", table); err == nil && res.NumRows() == 1 {
		if v, _ := res.Value(0, 0); v == int32(n) {
			fmt.Printf("shellload: %s.%s already holds %d rows\n", ks, table, n)
			return nil
		}
	}
	q := &driver.Query{Statement: "INSERT INTO " + ks + "." + table + " (p, c, name, score, at, id, tags) VALUES (?, ?, ?, ?, ?, uuid(), ?)"}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	args := func(yield func([]any) bool) {
		for i := range n {
			row := []any{int32(i / 1000), int32(i), fmt.Sprintf("name-%07d", i), float64(i) / 7, base.Add(time.Duration(i) * time.Second), []string{"a", fmt.Sprint(i % 97)}}
			if !yield(row) {
				return
			}
		}
	}
	failed := 0
	var first error
	for r := range s.ExecuteConcurrentStream(ctx, q, args, driver.ConcurrentOptions{Concurrency: 64}) {
		if r.Err != nil {
			failed++
			if first == nil {
				first = r.Err
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d inserts failed, first: %w", failed, first)
	}
	_, err = s.Execute(ctx, "INSERT INTO "+ks+".loaded (name, n) VALUES (?, ?)", table, int32(n))
	return err
}
