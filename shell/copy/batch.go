package copy

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// inserter writes COPY FROM's rows as cqlsh does: a chunk at a time
// (CHUNKSIZE rows), grouped into UNLOGGED batches (COUNTER for counter
// tables) of at most MAXBATCHSIZE rows that share a token range, or, for a
// range with MINBATCHSIZE rows or fewer in the chunk, share their first
// replica; batches run with a bounded number in flight. One batch carries
// many rows to one set of replicas, which costs the node far less than a
// request per row.
type inserter struct {
	r        *copyRun
	prep     *driver.Prepared
	kind     driver.BatchType
	idem     bool         // the statement may run twice (cql.Idempotent)
	ring     *driver.Ring // nil: rows are batched in arrival order
	inFlight int          // batches at once
	active   atomic.Int64 // batches in flight now
	errs     *importErrors
	meter    *rateMeter
}

func (r *copyRun) newInserter(ctx context.Context, prep *driver.Prepared, counter bool, errs *importErrors, meter *rateMeter) *inserter {
	in := &inserter{r: r, prep: prep, kind: driver.UnloggedBatch, idem: cql.Idempotent(prep.Statement), errs: errs, meter: meter}
	if counter {
		in.kind = driver.CounterBatch
	}
	in.inFlight = r.opts.inFlight
	if ring, err := r.env.Session.Ring(ctx); err == nil {
		in.ring = ring
	}
	return in
}

// insertAll inserts rows and returns how many succeeded and the rows to
// try again (their attempt counted).
func (in *inserter) insertAll(ctx context.Context, rows func(func(importRow) bool)) (int, []importRow) {
	o := in.r.opts
	var (
		mu    sync.Mutex
		ok    int
		retry []importRow
		wg    sync.WaitGroup
	)
	work := make(chan []importRow)
	for range in.inFlight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				n, again := in.run(ctx, b)
				mu.Lock()
				ok += n
				retry = append(retry, again...)
				mu.Unlock()
			}
		}()
	}
	send := func(batches [][]importRow) bool {
		for _, b := range batches {
			select {
			case work <- b:
			case <-ctx.Done():
				return false
			}
		}
		return true
	}
	chunk := make([]importRow, 0, min(max(o.chunkSize, 1), 1<<16))
	for row := range rows {
		if in.errs.stopped() || ctx.Err() != nil {
			break
		}
		chunk = append(chunk, row)
		if len(chunk) >= max(o.chunkSize, 1) {
			if !send(in.split(chunk)) {
				break
			}
			chunk = make([]importRow, 0, cap(chunk))
		}
	}
	if len(chunk) > 0 && !in.errs.stopped() && ctx.Err() == nil {
		send(in.split(chunk))
	}
	close(work)
	wg.Wait()
	return ok, retry
}

// split groups a chunk's rows into batches: by token range when a range
// has more than MINBATCHSIZE rows, the rest by first replica, each group
// cut into batches of MAXBATCHSIZE, groups in the order first seen.
func (in *inserter) split(chunk []importRow) [][]importRow {
	o := in.r.opts
	cut := func(out [][]importRow, rows []importRow) [][]importRow {
		for len(rows) > 0 {
			n := min(len(rows), o.maxBatch)
			out = append(out, rows[:n:n])
			rows = rows[n:]
		}
		return out
	}
	if in.ring == nil {
		return cut(nil, chunk)
	}
	var ranges []int
	byRange := map[int][]importRow{}
	for _, row := range chunk {
		idx := -1 // no routing key: grouped on its own
		if key, err := in.prep.RoutingKey(row.args); err == nil {
			idx = in.ring.RangeIndex(driver.Murmur3Token(key))
		}
		if _, seen := byRange[idx]; !seen {
			ranges = append(ranges, idx)
		}
		byRange[idx] = append(byRange[idx], row)
	}
	var out [][]importRow
	var replicas []string
	byReplica := map[string][]importRow{}
	ks := in.r.table.ks
	for _, idx := range ranges {
		rows := byRange[idx]
		if len(rows) > o.minBatch || idx < 0 {
			out = cut(out, rows)
			continue
		}
		first := ""
		if reps := in.ring.ReplicasAt(ks, idx); len(reps) > 0 {
			first = reps[0]
		}
		if _, seen := byReplica[first]; !seen {
			replicas = append(replicas, first)
		}
		byReplica[first] = append(byReplica[first], rows...)
	}
	for _, rep := range replicas {
		out = cut(out, byReplica[rep])
	}
	return out
}

// raisePeak makes peak at least n.
func raisePeak(peak *atomic.Int64, n int64) {
	for {
		p := peak.Load()
		if n <= p || peak.CompareAndSwap(p, n) {
			return
		}
	}
}

// run sends one batch and accounts for its rows: imported, to retry, or
// given up after MAXATTEMPTS, with cqlsh's messages.
func (in *inserter) run(ctx context.Context, rows []importRow) (int, []importRow) {
	o := in.r.opts
	b := &driver.Batch{
		Type: in.kind, Consistency: in.r.env.Consistency, Entries: make([]driver.BatchEntry, len(rows)),
		Policy: in.r.env.Policy, Idempotent: in.idem,
	}
	for i, row := range rows {
		b.Entries[i] = driver.BatchEntry{Statement: in.prep.Statement, Args: row.args}
	}
	raisePeak(&in.r.peakInFlight, in.active.Add(1))
	_, err := in.r.env.Session.ExecuteBatch(ctx, b)
	in.active.Add(-1)
	if err == nil {
		in.meter.add(len(rows))
		return len(rows), nil
	}
	if ctx.Err() != nil {
		return 0, nil
	}
	name, msg := splitErrName(pyfmt.Error(err))
	attempts := rows[0].attempts
	if attempts < o.maxAttempts {
		in.errs.report(fmt.Sprintf("Failed to import %d rows: %s - %s,  will retry later, attempt %d of %d", len(rows), name, msg, attempts, o.maxAttempts))
		again := make([]importRow, len(rows))
		for i, row := range rows {
			row.attempts++
			again[i] = row
		}
		return 0, again
	}
	raws := make([][]string, len(rows))
	for i, row := range rows {
		raws[i] = row.raw
	}
	in.errs.failRows(raws, false, fmt.Sprintf("Failed to import %d rows: %s - %s,  given up after %d attempts", len(rows), name, msg, attempts))
	in.meter.add(len(rows))
	return 0, nil
}
