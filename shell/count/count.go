// Package count is gocqlsh's COUNT command: a table's rows counted by
// parallel scans of its token ranges, each sent to a replica of the range,
// so that a count that times out as one SELECT count(*) completes — and
// the largest partitions, or the rows per node or per range, on the way.
//
// The ring's owned ranges are cut into pieces (several per node, so every
// node stays busy); each piece runs `SELECT count(*) ... WHERE token(pk) >
// ? AND token(pk) <= ?` at the session's consistency, a piece that times
// out is cut in two and counted again (driver.ScanRanges), and idempotent
// retries carry a piece past a node that dies. On a live table each piece
// is a snapshot of its range at its own moment, not the table at one
// point in time.
package count

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// Mode says what COUNT reports.
type Mode int

// Modes.
const (
	Total       Mode = iota // COUNT t
	ByPartition             // COUNT t BY PARTITION [TOP n]
	ByHost                  // COUNT t BY HOST
	ByRange                 // COUNT t BY RANGE
)

// Request is one COUNT command.
type Request struct {
	Keyspace string // "" for the session's keyspace
	Table    string
	// Where is a condition on columns outside the partition key (the text
	// after WHERE, ALLOW FILTERING excluded), or "".
	Where string
	Mode  Mode
	// Top is how many partitions BY PARTITION reports (default 10).
	Top int
}

// Env is what COUNT needs from the shell.
type Env struct {
	Session     *driver.Session
	Consistency driver.Consistency
	// Timeout bounds each range's request (0: the session's).
	Timeout time.Duration
	// PartitionKey returns the partition key columns of keyspace.table in
	// order, as CQL identifiers ready to use in a statement, or an error
	// for a table that does not exist.
	PartitionKey func(ctx context.Context, keyspace, table string) ([]string, error)
	// Progress, when set, is told after each piece of the ring: pieces
	// done, pieces in all (growing when a piece is split), rows so far.
	Progress func(done, total int, rows int64)
	// Pieces is how many pieces the ring is cut into (default 32 per
	// node); Concurrency how many are counted at once (default 4 per node,
	// at most 32).
	Pieces, Concurrency int
}

// Result is what a COUNT found.
type Result struct {
	Total        int64
	PartitionKey []string
	Partitions   []Partition // BY PARTITION: the largest, largest first
	Hosts        []HostRows  // BY HOST
	Ranges       []RangeRows // BY RANGE, in ring order
	Pieces       int         // pieces counted, splits included
	Splits       int         // pieces cut in two after a timeout
	Elapsed      time.Duration
}

// Partition is one partition and its rows: Key holds the raw cells of the
// partition key columns, typed by KeyTypes.
type Partition struct {
	Key      [][]byte
	KeyTypes []*cqltype.Type
	Rows     int64
}

// HostRows is the rows of the ranges one node owns (as their first
// replica), so that the nodes' counts add up to the total.
type HostRows struct {
	Addr, DataCenter, Rack string
	Rows                   int64
}

// RangeRows is the rows of one owned range of the ring.
type RangeRows struct {
	Range    driver.TokenRange
	Replicas []string
	Rows     int64
}

// UsageError is a COUNT that cannot run as asked.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Run counts as req asks.
func Run(ctx context.Context, env Env, req Request) (*Result, error) {
	start := time.Now()
	if req.Mode == ByPartition && req.Top == 0 {
		req.Top = 10
	}
	if req.Top < 0 || (req.Mode == ByPartition && req.Top == 0) {
		return nil, &UsageError{Msg: "TOP must be a positive number of partitions"}
	}
	ks := req.Keyspace
	if ks == "" {
		ks = env.Session.Keyspace()
	}
	if ks == "" {
		return nil, &UsageError{Msg: "No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename"}
	}
	pk, err := env.PartitionKey(ctx, ks, req.Table)
	if err != nil {
		return nil, err
	}
	if err := checkWhere(req.Where, pk); err != nil {
		return nil, err
	}
	ring, err := env.Session.Ring(ctx)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(ring.Partitioner, "Murmur3Partitioner") {
		return nil, &UsageError{Msg: "COUNT scans token ranges of the Murmur3 partitioner; this cluster uses " + ring.Partitioner}
	}
	nodes := max(len(ring.Hosts), 1)
	owned := ring.Ranges(1)
	pieces := env.Pieces
	if pieces <= 0 {
		pieces = 32 * nodes
	}
	per := max(1, (pieces+len(owned)-1)/len(owned))
	width := env.Concurrency
	if width <= 0 {
		width = min(4*nodes, 32)
	}

	c := &counter{env: env, req: req, ks: ks, pk: pk, ring: ring, owned: owned, top: newTopN(req.Top)}
	if err := c.prepare(ctx); err != nil {
		return nil, err
	}
	all := ring.Ranges(per)
	c.total.Store(int64(len(all)))
	err = driver.ScanRanges(ctx, all, driver.RangeScanOptions{
		Concurrency: width,
		OnSplit: func(driver.TokenRange, error) {
			c.splits.Add(1)
			c.total.Add(1) // one piece became two
		},
	}, c.countRange)
	if err != nil {
		return nil, err
	}
	return c.result(start), nil
}

// counter is one COUNT in progress.
type counter struct {
	env   Env
	req   Request
	ks    string
	pk    []string
	ring  *driver.Ring
	owned []driver.TokenRange
	stmt  string

	rows   atomic.Int64
	done   atomic.Int64
	total  atomic.Int64
	splits atomic.Int64

	mu      sync.Mutex
	byOwned map[int]int64 // owned range index → rows
	top     *topN
	keyType []*cqltype.Type
}

// prepare builds and prepares the per-range statement.
func (c *counter) prepare(ctx context.Context) error {
	tok := "token(" + strings.Join(c.pk, ", ") + ")"
	table := cqltype.QuoteIdentifier(c.ks) + "." + cqltype.QuoteIdentifier(c.req.Table)
	sel := "count(*)"
	if c.req.Mode == ByPartition {
		sel = strings.Join(c.pk, ", ") + ", count(*)"
	}
	c.stmt = "SELECT " + sel + " FROM " + table + " WHERE " + tok + " > ? AND " + tok + " <= ?"
	if c.req.Where != "" {
		c.stmt += " AND " + c.req.Where
	}
	if c.req.Mode == ByPartition {
		c.stmt += " GROUP BY " + strings.Join(c.pk, ", ")
	}
	if c.req.Where != "" {
		c.stmt += " ALLOW FILTERING"
	}
	p, err := c.env.Session.Prepare(ctx, c.stmt)
	if err != nil {
		return err
	}
	if c.req.Mode == ByPartition {
		for _, col := range p.Result()[:len(c.pk)] {
			c.keyType = append(c.keyType, col.Type)
		}
	}
	c.byOwned = make(map[int]int64)
	return nil
}

// countRange counts one piece of the ring, on a replica of it.
func (c *counter) countRange(ctx context.Context, r driver.TokenRange) error {
	end := r.End
	q := &driver.Query{
		Statement:    c.stmt,
		Args:         []any{r.Start, r.End},
		Consistency:  c.env.Consistency,
		RoutingToken: &end,
		Idempotent:   true,
		Timeout:      c.env.Timeout,
	}
	var n int64
	var parts []Partition
	if c.req.Mode == ByPartition {
		it := c.env.Session.Iter(ctx, q)
		keys := len(c.pk)
		for it.Next() {
			row := it.Row()
			rows, err := countCell(row[keys])
			if err != nil {
				it.Close()
				return err
			}
			n += rows
			key := make([][]byte, keys)
			for i := range key {
				key[i] = append([]byte(nil), row[i]...)
			}
			parts = append(parts, Partition{Key: key, KeyTypes: c.keyType, Rows: rows})
		}
		if err := it.Close(); err != nil {
			return err
		}
	} else {
		res, err := c.env.Session.ExecuteQuery(ctx, q)
		if err != nil {
			return err
		}
		if res.NumRows() != 1 {
			return fmt.Errorf("count of range (%d, %d]: %d rows", r.Start, r.End, res.NumRows())
		}
		if n, err = countCell(res.Row(0)[0]); err != nil {
			return err
		}
	}
	owner := c.ring.RangeIndex(r.End)
	c.mu.Lock()
	c.byOwned[owner] += n
	for _, p := range parts {
		c.top.add(p)
	}
	c.mu.Unlock()
	rows := c.rows.Add(n)
	done := c.done.Add(1)
	if fn := c.env.Progress; fn != nil {
		fn(int(done), int(c.total.Load()), rows)
	}
	return nil
}

// countCell reads a count(*) cell, a bigint.
func countCell(b []byte) (int64, error) {
	var n int64
	if err := cqltype.Scan(&cqltype.Type{Kind: cqltype.Bigint}, b, &n); err != nil {
		return 0, fmt.Errorf("count(*): %w", err)
	}
	return n, nil
}

func (c *counter) result(start time.Time) *Result {
	res := &Result{
		Total:        c.rows.Load(),
		PartitionKey: c.pk,
		Pieces:       int(c.done.Load()),
		Splits:       int(c.splits.Load()),
		Elapsed:      time.Since(start),
	}
	switch c.req.Mode {
	case ByPartition:
		res.Partitions = c.top.sorted()
	case ByRange:
		for _, r := range c.owned {
			res.Ranges = append(res.Ranges, RangeRows{Range: r, Replicas: c.ring.ReplicasOf(c.ks, r), Rows: c.byOwned[c.ring.RangeIndex(r.End)]})
		}
		res.Ranges = mergeWrap(res.Ranges)
	case ByHost:
		byHost := map[*driver.Host]int64{}
		var orphan int64
		for idx, n := range c.byOwned {
			if reps := c.ring.ReplicaHostsAt(c.ks, idx); len(reps) > 0 {
				byHost[reps[0]] += n
			} else {
				orphan += n
			}
		}
		for h, n := range byHost {
			res.Hosts = append(res.Hosts, HostRows{Addr: h.Addr(), DataCenter: h.DataCenter(), Rack: h.Rack(), Rows: n})
		}
		slices.SortFunc(res.Hosts, func(a, b HostRows) int { return strings.Compare(a.Addr, b.Addr) })
		if orphan > 0 {
			res.Hosts = append(res.Hosts, HostRows{Addr: "(no replica)", Rows: orphan})
		}
	}
	return res
}

// mergeWrap joins the two pieces of the range that wraps round the ring
// ((last, max] and (min, first]) counted under one owner: both report the
// same rows, so the second is dropped.
func mergeWrap(rs []RangeRows) []RangeRows {
	if len(rs) < 2 {
		return rs
	}
	first, last := rs[0], rs[len(rs)-1]
	if first.Range.Start == math.MinInt64 && last.Range.End == math.MaxInt64 {
		first.Range.Start = last.Range.Start
		rs[0] = first
		return rs[:len(rs)-1]
	}
	return rs
}

// checkWhere refuses a condition on the partition key (the token ranges
// restrict it) or on token().
func checkWhere(where string, pk []string) error {
	if where == "" {
		return nil
	}
	for _, w := range identifiers(where) {
		if strings.EqualFold(w, "token") {
			return &UsageError{Msg: "COUNT's WHERE cannot use token(): COUNT scans the token ranges itself"}
		}
		for _, k := range pk {
			if w == cql.Unquote(k) {
				return &UsageError{Msg: "COUNT's WHERE cannot restrict the partition key column " + k + "; the token ranges do"}
			}
		}
	}
	return nil
}

// NoTableError is what a PartitionKey lookup returns for a table that
// does not exist.
type NoTableError struct{ Keyspace, Table string }

func (e *NoTableError) Error() string {
	return fmt.Sprintf("Table '%s.%s' does not exist", e.Keyspace, e.Table)
}

// identifiers lists the names a condition uses: unquoted identifiers in
// lower case, quoted ones as written.
func identifiers(cond string) []string {
	var out []string
	for _, t := range cql.Tokens(cond) {
		if name, ok := t.Name(); ok {
			out = append(out, name)
		}
	}
	return out
}
