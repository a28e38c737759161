package copy

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/shell/cqlshrc"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// importRow is one CSV record bound for the table: its fields as read
// (after SKIPCOLS) and its converted values.
type importRow struct {
	raw      []string
	args     []any
	attempts int
}

// importErrors counts failed rows, reports them with cqlsh's messages and
// appends them to the error file. It is shared by the reading and the
// inserting goroutines.
type importErrors struct {
	mu          sync.Mutex
	r           *copyRun
	path        string
	f           *os.File
	w           *bufio.Writer
	parse       int
	insert      int
	failed      int
	exceeded    bool
	exceededMsg string
}

// report prints one group of failed rows.
func (e *importErrors) report(msg string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.r.fail(msg)
}

// failRows records rows that will not be imported: parse errors (never
// retried) or inserts that used up their attempts.
func (e *importErrors) failRows(rows [][]string, parse bool, msg string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if parse {
		e.parse += len(rows)
	} else {
		e.insert += len(rows)
	}
	e.failed += len(rows)
	if e.f == nil && e.path != "" {
		f, err := os.OpenFile(e.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err == nil {
			e.f, e.w = f, bufio.NewWriter(f)
		}
	}
	if e.w != nil {
		d := e.r.opts.dialect()
		for _, row := range rows {
			if e.r.opts.format == formatCSV || len(row) != 1 {
				e.w.Write(d.appendRecord(nil, row))
				continue
			}
			e.w.WriteString(row[0] + "\n") // a JSON line as read, a Parquet row as JSON
		}
	}
	e.r.fail(msg)
	o := e.r.opts
	switch {
	case e.exceeded:
	case o.maxInsertErrors >= 0 && e.insert > o.maxInsertErrors:
		e.exceeded, e.exceededMsg = true, fmt.Sprintf("Exceeded maximum number of insert errors %d", o.maxInsertErrors)
		e.r.fail(e.exceededMsg)
	case o.maxParseErrors >= 0 && e.parse > o.maxParseErrors:
		e.exceeded, e.exceededMsg = true, fmt.Sprintf("Exceeded maximum number of parse errors %d", o.maxParseErrors)
		e.r.fail(e.exceededMsg)
	}
}

func (e *importErrors) stopped() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.exceeded
}

func (e *importErrors) close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.f != nil {
		e.w.Flush()
		e.f.Close()
		e.f = nil
	}
}

// importRows runs COPY FROM: the columns to fill, the statement rows are
// bound to, the rows read and inserted in batches, failed batches tried
// again up to MAXATTEMPTS, then the summary.
func (r *copyRun) importRows(ctx context.Context) {
	o := r.opts
	if o.errFile != "" {
		if st, err := os.Stat(o.errFile); err == nil && st.Mode().IsRegular() {
			os.Rename(o.errFile, o.errFile+time.Now().Format(".20060102_150405"))
		}
	}
	valid, skipIdx, ok := r.importColumns()
	if !ok {
		return
	}
	r.say("\nStarting copy of " + r.table.ks + "." + r.table.name + " with columns " + columnList(valid) + ".")
	prep, conv, err := r.importStatement(ctx, valid, skipIdx)
	if err != nil {
		r.fail(pyfmt.Error(err))
		return
	}
	errs := &importErrors{r: r, path: o.errFile}
	defer errs.close()
	meter := newRateMeter(r, r.expectedRows())
	sources := 0
	feed := func(yield func(importRow) bool) { sources = r.readSources(ctx, conv, errs, meter, yield) }
	if r.cmd.file == "" {
		r.say("[Use . on a line by itself to end input]")
	}
	ins := r.newInserter(ctx, prep, conv.counter, errs, meter)
	imported, pending := ins.insertAll(ctx, feed)
	if r.cmd.file == "" && r.env.Interactive {
		io.WriteString(r.env.Stdout, "\n")
	}
	for attempt := 2; len(pending) > 0 && attempt <= o.maxAttempts && ctx.Err() == nil && !errs.stopped(); attempt++ {
		var n int
		n, pending = ins.insertAll(ctx, slices.Values(pending))
		imported += n
	}
	errs.mu.Lock()
	failed := errs.failed
	errs.mu.Unlock()
	if failed > 0 {
		r.fail(fmt.Sprintf("Failed to process %d rows; failed rows written to %s", failed, o.errFile))
	}
	meter.finish()
	r.say(fmt.Sprintf("\n%d rows imported from %d files in %s (%d skipped).", imported, sources, describeInterval(time.Since(meter.start)), o.skipRows))
	if ctx.Err() != nil {
		r.fail("Statement cancelled.")
	}
}

// expectedRows estimates the rows COPY FROM will read, for the progress
// bar's ETA on a terminal: the lines of CSV and JSON files (a quoted field
// spanning lines counts more than once), the row count in Parquet's
// metadata; -1 for STDIN, off a terminal, or when a file cannot be read.
func (r *copyRun) expectedRows() int64 {
	if !r.env.Tty || r.cmd.file == "" {
		return -1
	}
	paths, err := copySources(r.cmd.file)
	if err != nil {
		return -1
	}
	var total int64
	for _, p := range paths {
		n, err := countRows(p, r.opts.format)
		if err != nil {
			return -1
		}
		total += n
	}
	if r.opts.header && r.opts.format == formatCSV {
		total -= int64(len(paths))
	}
	return max(total, 0)
}

// importColumns checks COPY FROM's options and columns: the columns filled
// (SKIPCOLS left out, every primary key column present) and, per COPY
// column, whether it is skipped; false when they are bad (reported).
func (r *copyRun) importColumns() (valid []string, skipIdx []bool, ok bool) {
	o := r.opts
	if len(o.unrecognized) > 0 {
		r.fail("Unrecognized COPY FROM options: " + strings.Join(o.unrecognized, ", "))
		return nil, nil, false
	}
	if !r.validateColumns() {
		return nil, nil, false
	}
	for _, c := range r.cols {
		skip := slices.Contains(o.skipCols, c)
		skipIdx = append(skipIdx, skip)
		if !skip {
			valid = append(valid, c)
		}
	}
	if len(valid) == 0 {
		r.fail("No valid column specified")
		return nil, nil, false
	}
	for _, pk := range r.table.primary {
		if !contains(valid, pk) {
			r.fail(fmt.Sprintf("Primary key column '%s' missing or skipped", pk))
			return nil, nil, false
		}
	}
	return valid, skipIdx, true
}

// importStatement prepares the statement rows are bound to and the
// converter of a CSV record into its values.
func (r *copyRun) importStatement(ctx context.Context, valid []string, skipIdx []bool) (*driver.Prepared, *rowConverter, error) {
	o := r.opts
	stmt, order, counter, err := r.insertStatement(ctx, valid)
	if err != nil {
		return nil, nil, err
	}
	prep, err := r.env.Session.Prepare(ctx, stmt)
	if err != nil {
		return nil, nil, err
	}
	convs := make([]fieldConv, len(valid))
	for i, p := range prep.Params {
		convs[order[i]] = copyConverter(p.Type, o, o.timeFormat, time.Local)
	}
	pkIdx := make([]int, 0, len(r.table.primary))
	for _, pk := range r.table.primary {
		pkIdx = append(pkIdx, indexOf(valid, pk))
	}
	types := make([]*cqltype.Type, len(valid))
	for i, p := range prep.Params {
		types[order[i]] = p.Type
	}
	var skipped []string
	for i, c := range r.cols {
		if skipIdx[i] {
			skipped = append(skipped, c)
		}
	}
	return prep, &rowConverter{valid: valid, skip: skipIdx, skippedCols: skipped, convs: convs, types: types, pk: pkIdx, null: o.null, counter: counter, order: order}, nil
}

// readSources yields the good rows of every source — STDIN, or FROM's
// files and patterns in order — and returns how many sources were read.
func (r *copyRun) readSources(ctx context.Context, conv *rowConverter, errs *importErrors, meter *rateMeter, yield func(importRow) bool) int {
	if r.cmd.file == "" {
		r.readSource(ctx, r.env.Stdin, conv, errs, meter, yield)
		return 1
	}
	sources := 0
	paths, err := copySources(r.cmd.file)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			errs.failRows(nil, false, fmt.Sprintf("Failed to import 0 rows: OSError - Can't open %s for reading: %s,  given up after 1 attempts", pyfmt.Repr(p), pyfmt.OSError(err)))
			return sources
		}
		sources++
		more := r.readSource(ctx, f, conv, errs, meter, yield)
		f.Close()
		if !more {
			return sources
		}
	}
	if err != nil {
		errs.failRows(nil, false, "Failed to import 0 rows: OSError - "+err.Error()+",  given up after 1 attempts")
	}
	return sources
}

func contains(s []string, v string) bool { return indexOf(s, v) >= 0 }

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// insertStatement is the prepared statement COPY FROM binds each row to:
// an INSERT (USING TTL when TTL is set), or for a counter table an UPDATE
// adding each counter column. order[i] is the column of marker i.
func (r *copyRun) insertStatement(ctx context.Context, valid []string) (string, []int, bool, error) {
	meta, err := r.env.Session.Prepare(ctx, "SELECT "+quotedColumns(valid)+" FROM "+r.table.qualified())
	if err != nil {
		return "", nil, false, err
	}
	counter := false
	for _, c := range meta.Result() {
		if c.Type != nil && c.Type.Kind == cqltype.Counter {
			counter = true
		}
	}
	if !counter {
		stmt := "INSERT INTO " + r.table.qualified() + " (" + quotedColumns(valid) + ") VALUES (" + strings.TrimSuffix(strings.Repeat("?, ", len(valid)), ", ") + ")"
		if r.opts.ttl >= 0 {
			stmt += fmt.Sprintf(" USING TTL %d", r.opts.ttl)
		}
		order := make([]int, len(valid))
		for i := range order {
			order[i] = i
		}
		return stmt, order, false, nil
	}
	var set, where []string
	var order []int
	for i, c := range valid {
		if !contains(r.table.primary, c) {
			q := quotedColumns([]string{c})
			set = append(set, q+" = "+q+" + ?")
			order = append(order, i)
		}
	}
	for i, c := range valid {
		if contains(r.table.primary, c) {
			where = append(where, quotedColumns([]string{c})+" = ?")
			order = append(order, i)
		}
	}
	return "UPDATE " + r.table.qualified() + " SET " + strings.Join(set, ", ") + " WHERE " + strings.Join(where, " AND "), order, true, nil
}

// copySources expands FROM's comma-separated file names and patterns, in
// order; a pattern that matches nothing is an error after the files before
// it.
func copySources(spec string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(spec, ",") {
		p = filepath.Clean(cqlshrc.ExpandHome(strings.TrimSpace(p)))
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			out = append(out, p)
			continue
		}
		m, _ := filepath.Glob(p)
		if len(m) == 0 {
			return out, fmt.Errorf("Can't open %s for reading: no matching file found", pyfmt.Repr(p))
		}
		sort.Strings(m)
		out = append(out, m...)
	}
	return out, nil
}

// rowConverter turns CSV records into bound values as cqlsh does.
type rowConverter struct {
	valid       []string
	skip        []bool   // per COPY column: dropped by SKIPCOLS
	skippedCols []string // the columns SKIPCOLS drops
	convs       []fieldConv
	types       []*cqltype.Type // per valid column
	pk          []int
	null        string
	counter     bool
	order       []int // marker i takes column order[i]
}

// convert checks and converts one record; the error is cqlsh's message.
func (c *rowConverter) convert(rec []string) ([]string, []any, error) {
	if len(c.skip) > 0 && len(rec) > 0 {
		kept := rec[:0:0]
		for i, f := range rec {
			if i < len(c.skip) && c.skip[i] {
				continue
			}
			kept = append(kept, f)
		}
		rec = kept
	}
	if len(rec) != len(c.valid) {
		return rec, nil, fmt.Errorf("Invalid row length %d should be %d", len(rec), len(c.valid))
	}
	for _, i := range c.pk {
		if rec[i] == c.null {
			msg := fmt.Sprintf("Cannot insert null value for primary key column '%s'.", c.valid[i])
			if c.null == "" {
				msg += " If you want to insert empty strings, consider using the WITH NULL=<marker> option for COPY."
			}
			return rec, nil, errors.New(msg)
		}
	}
	args := make([]any, len(c.order))
	for m, i := range c.order {
		v := rec[i]
		if v == c.null {
			if c.counter {
				args[m] = int64(0)
			}
			continue
		}
		x, err := c.convs[i](v)
		if err != nil {
			if v == "" {
				continue
			}
			return rec, nil, fmt.Errorf("Failed to parse %s : %s", v, err)
		}
		args[m] = x
	}
	return rec, args, nil
}

// skipped reports whether col is one SKIPCOLS drops.
func (c *rowConverter) skipped(col string) bool { return contains(c.skippedCols, col) }

// bind checks values already converted (JSON, Parquet), one per valid
// column with nil for null, and orders them as the statement's markers.
func (c *rowConverter) bind(vals []any) ([]any, error) {
	for _, i := range c.pk {
		if vals[i] == nil {
			return nil, fmt.Errorf("Cannot insert null value for primary key column '%s'.", c.valid[i])
		}
	}
	args := make([]any, len(c.order))
	for m, i := range c.order {
		args[m] = vals[i]
		if vals[i] == nil && c.counter {
			args[m] = int64(0)
		}
	}
	return args, nil
}

// readSource reads one file's rows in the run's format, honouring SKIPROWS
// and MAXROWS (and HEADER for CSV), converts them and yields the good
// ones; bad rows are reported a chunk (CHUNKSIZE) at a time, grouped by
// message, as cqlsh groups them. It returns false when reading must stop.
func (r *copyRun) readSource(ctx context.Context, in io.Reader, conv *rowConverter, errs *importErrors, meter *rateMeter, yield func(importRow) bool) bool {
	o := r.opts
	src, err := r.newRowSource(in, conv)
	if err != nil {
		errs.failRows(nil, false, "Failed to import 0 rows: ReadError - "+err.Error()+",  given up after 1 attempts")
		return true
	}
	chunk := max(o.chunkSize, 1)
	if r.limiter == nil && o.ingestRate > 0 {
		r.limiter = newIngestLimiter(o.ingestRate)
	}
	bad := &badRows{errs: errs, meter: meter, byMsg: map[string]*badGroup{}}
	defer bad.flush()
	for inChunk := 1; ; inChunk++ {
		if ctx.Err() != nil || errs.stopped() {
			return false
		}
		if o.maxRows >= 0 && r.numRead >= o.maxRows {
			return false
		}
		raw, args, err := src.next(r.numRead >= o.skipRows)
		var badRow *badRowError
		switch {
		case errors.As(err, &badRow):
			bad.add(badRow.msg, raw)
		case errors.Is(err, io.EOF):
			return true
		case err != nil:
			errs.failRows(nil, false, "Failed to import 0 rows: ReadError - "+err.Error()+",  given up after 1 attempts")
			return true
		}
		r.numRead++
		if err == nil && args != nil {
			r.limiter.wait(ctx)
			if !yield(importRow{raw: raw, args: args, attempts: 1}) {
				return false
			}
		}
		if inChunk >= chunk {
			bad.flush()
			inChunk = 0
		}
	}
}

// badRows gathers a chunk's bad rows by message until they are reported.
type badRows struct {
	errs   *importErrors
	meter  *rateMeter
	groups []*badGroup
	byMsg  map[string]*badGroup
}

type badGroup struct {
	msg  string
	rows [][]string
}

func (b *badRows) add(msg string, raw []string) {
	g := b.byMsg[msg]
	if g == nil {
		g = &badGroup{msg: msg}
		b.byMsg[msg] = g
		b.groups = append(b.groups, g)
	}
	g.rows = append(g.rows, raw)
}

func (b *badRows) flush() {
	for _, g := range b.groups {
		b.errs.failRows(g.rows, true, fmt.Sprintf("Failed to import %d rows: ParseError - %s,  given up without retries", len(g.rows), g.msg))
		b.meter.add(len(g.rows))
	}
	b.groups = b.groups[:0]
	clear(b.byMsg)
}

// ingestLimiter holds COPY FROM's reading to INGESTRATE rows per second
// over the whole run: row n may go no sooner than n/rate seconds after the
// first. It sleeps only once it is a few milliseconds ahead, so a high rate
// costs a clock read per row.
type ingestLimiter struct {
	rate  float64
	start time.Time
	sent  int64
}

func newIngestLimiter(rate int) *ingestLimiter {
	return &ingestLimiter{rate: float64(rate), start: time.Now()}
}

// wait counts one row and waits until it is due, or ctx is done.
func (l *ingestLimiter) wait(ctx context.Context) {
	if l == nil {
		return
	}
	l.sent++
	due := l.start.Add(time.Duration(float64(l.sent) / l.rate * float64(time.Second)))
	d := time.Until(due)
	if d < 2*time.Millisecond {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// splitErrName splits "Name: message" into the error's class name and
// its message, as cqlsh prints them apart.
func splitErrName(s string) (string, string) {
	if i := strings.Index(s, ": "); i > 0 && !strings.Contains(s[:i], " ") {
		return s[:i], s[i+2:]
	}
	return "Error", s
}
