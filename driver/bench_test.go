package driver

import (
	"context"
	"strconv"
	"testing"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

// BenchmarkInsertConcurrent measures the client side of prepared inserts at
// concurrency 100 against the local node (allocations per op are the
// client's alone; time per op includes the node).
func BenchmarkInsertConcurrent(b *testing.B) {
	ctx := context.Background()
	s, err := Connect(ctx, Config{Hosts: []string{testnode.Addr(b)}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, ddl := range []string{
		"CREATE KEYSPACE IF NOT EXISTS bench_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
		"CREATE TABLE IF NOT EXISTS bench_ks.bench (key text PRIMARY KEY, col0 text, col1 text)",
	} {
		if _, err := s.Execute(ctx, ddl); err != nil {
			b.Fatal(err)
		}
	}
	q := &Query{Statement: "INSERT INTO bench_ks.bench (key, col0, col1) VALUES (?, ?, ?)"}
	tuples := make([][]any, b.N)
	for i := range tuples {
		k := strconv.Itoa(i)
		tuples[i] = []any{"key" + k, "value0-" + k, "value1-" + k}
	}
	b.ReportAllocs()
	b.ResetTimer()
	args := func(yield func([]any) bool) {
		for _, t := range tuples {
			if !yield(t) {
				return
			}
		}
	}
	for r := range s.ExecuteConcurrentStream(ctx, q, args, ConcurrentOptions{Concurrency: 100}) {
		if r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}

// BenchmarkInsertSequential is W1: one prepared insert at a time.
func BenchmarkInsertSequential(b *testing.B) {
	ctx := context.Background()
	s, err := Connect(ctx, Config{Hosts: []string{testnode.Addr(b)}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, ddl := range []string{
		"CREATE KEYSPACE IF NOT EXISTS bench_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
		"CREATE TABLE IF NOT EXISTS bench_ks.bench (key text PRIMARY KEY, col0 text, col1 text)",
	} {
		if _, err := s.Execute(ctx, ddl); err != nil {
			b.Fatal(err)
		}
	}
	q := &Query{Statement: "INSERT INTO bench_ks.bench (key, col0, col1) VALUES (?, ?, ?)", Args: []any{"key", "v0", "v1"}}
	if _, err := s.ExecuteQuery(ctx, q); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.ExecuteQuery(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
