package copy

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/internal/parquet"
	"github.com/gocqlsh/gocqlsh/shell/cqlshrc"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// exportPieces is how many pieces each of the ring's ranges is cut into for
// COPY TO; the pieces are read in parallel, each from a replica of its
// range, and their rows written in ring order, so the output is that of one
// full scan.
const exportPieces = 4

// tokenRange is (lo, hi] on the ring; nil ends are open.
type tokenRange struct {
	lo, hi *big.Int
}

// String is the range as cqlsh names it in errors: a Python tuple.
func (t tokenRange) String() string {
	s := func(b *big.Int) string {
		if b == nil {
			return "None"
		}
		return b.String()
	}
	return "(" + s(t.lo) + ", " + s(t.hi) + ")"
}

// exportChunk is one page of formatted rows (CSV or JSON lines in data,
// Parquet rows in rows), or the error that ended a range.
type exportChunk struct {
	data []byte
	ends []int // offset after each row
	rows [][]parquet.Value
	err  error
}

// rowEncoder turns the rows of a page, as the range's SELECT returns them,
// into a chunk's output. Each range reader has its own.
type rowEncoder interface {
	encode(ch *exportChunk, row [][]byte) error
}

// newRowEncoder returns the encoder of the run's format.
func (r *copyRun) newRowEncoder(types []*cqltype.Type) (rowEncoder, error) {
	switch r.opts.format {
	case formatJSON:
		return newJSONEncoder(types), nil
	case formatParquet:
		return newParquetEncoder(r.cols, types)
	}
	return &csvEncoder{f: newCopyFormatter(r.opts, r.env.TimeFormat), d: r.opts.dialect(), types: types}, nil
}

// selection is what each range's SELECT selects: the columns, or for JSON
// the SELECT JSON list.
func (r *copyRun) selection(types []*cqltype.Type) string {
	if r.opts.format == formatJSON {
		return jsonSelection(r.cols, types)
	}
	return quotedColumns(r.cols)
}

// csvEncoder writes rows as COPY's CSV, cell by cell.
type csvEncoder struct {
	f     *copyFormatter
	d     csvDialect
	types []*cqltype.Type
	cell  []byte
}

func (e *csvEncoder) encode(ch *exportChunk, row [][]byte) error {
	for j, c := range row {
		if j > 0 {
			ch.data = appendRune(ch.data, e.d.delim)
		}
		e.cell = e.f.appendCell(e.cell[:0], e.types[j], c)
		ch.data = e.d.appendField(ch.data, e.cell, len(row) == 1)
	}
	ch.data = append(ch.data, '\r', '\n')
	ch.ends = append(ch.ends, len(ch.data))
	return nil
}

// exportRows runs COPY TO: the ranges to read, the file (or STDOUT), the
// ranges read in parallel and written in ring order, then the summary.
func (r *copyRun) exportRows(ctx context.Context) {
	o := r.opts
	ranges, ok := r.exportRanges(ctx)
	if !ok {
		return
	}
	w, err := newExportWriter(r.cmd.file, o, r.env.Stdout)
	if err != nil {
		r.fail(err.Error())
		return
	}
	r.say("\nStarting copy of " + r.table.ks + "." + r.table.name + " with columns " + columnList(r.cols) + ".")
	if o.header && o.format == formatCSV {
		w.header(r.cols)
	}
	sel, err := r.env.Session.Prepare(ctx, "SELECT "+quotedColumns(r.cols)+" FROM "+r.table.qualified())
	if err != nil {
		w.close()
		r.fail(pyfmt.Error(err))
		return
	}
	types := make([]*cqltype.Type, len(sel.Result()))
	for i, c := range sel.Result() {
		types[i] = c.Type
	}
	if o.format == formatParquet {
		if err := w.startParquet(r.cols, types); err != nil {
			w.close()
			r.fail(err.Error())
			return
		}
	}
	meter := newRateMeter(r, -1)
	done, writeErr := r.readRanges(ctx, ranges, types, w, meter)
	if err := w.close(); writeErr == nil {
		writeErr = err
	}
	if writeErr != nil {
		r.fail(writeErr.Error())
	}
	if done < len(ranges) && ctx.Err() == nil {
		r.fail(fmt.Sprintf("Exported %d ranges out of %d total ranges, some records might be missing", done, len(ranges)))
	}
	total := meter.finish()
	r.say(fmt.Sprintf("\n%d rows exported to %d files in %s.", total, w.files, describeInterval(time.Since(meter.start))))
	if ctx.Err() != nil {
		r.fail("Statement cancelled.")
	}
}

// exportRanges checks COPY TO's options and cuts (BEGINTOKEN, ENDTOKEN]
// into the pieces to read; false when an option is bad (reported).
func (r *copyRun) exportRanges(ctx context.Context) ([]tokenRange, bool) {
	o := r.opts
	var begin, end *big.Int
	for _, t := range []struct {
		s   string
		dst **big.Int
	}{{o.beginToken, &begin}, {o.endToken, &end}} {
		if t.s == "" {
			continue
		}
		v, err := pyfmt.BigInt(t.s)
		if err != nil {
			r.fail(err.Error())
			return nil, false
		}
		*t.dst = v
	}
	if o.maxOutputSize > 0 && r.cmd.file == "" {
		r.fail(fmt.Sprintf("WARNING: maxoutputsize %d ignored when writing to STDOUT", o.maxOutputSize))
	}
	if len(o.unrecognized) > 0 {
		r.fail("Unrecognized COPY TO options: " + strings.Join(o.unrecognized, ", "))
		return nil, false
	}
	if !r.validateColumns() {
		return nil, false
	}
	r.murmur = murmur3(ctx, r.env.Session)
	if minToken := big.NewInt(math.MinInt64); r.murmur && begin != nil && begin.Cmp(minToken) < 0 {
		r.fail(fmt.Sprintf("Begin token %s must be bigger or equal to min token %s", begin, minToken))
		return nil, false
	}
	if begin != nil && end != nil && begin.Cmp(end) > 0 {
		r.fail(fmt.Sprintf("Begin token %s must be smaller than end token %s", begin, end))
		return nil, false
	}
	if !r.murmur {
		return []tokenRange{{begin, end}}, true
	}
	ranges, err := r.ringRanges(ctx, begin, end)
	if err != nil {
		r.fail(pyfmt.Error(err))
		return nil, false
	}
	return ranges, true
}

// readRanges reads the ranges with inFlight (NUMPROCESSES x MAXREQUESTS) at once, as
// cqlsh's workers do, and writes their rows in ring order, so the output
// is that of one full scan. It returns how many ranges were read whole and
// the first write error.
func (r *copyRun) readRanges(ctx context.Context, ranges []tokenRange, types []*cqltype.Type, w *exportWriter, meter *rateMeter) (int, error) {
	chans := make([]chan exportChunk, len(ranges))
	for i := range chans {
		chans[i] = make(chan exportChunk, 4)
	}
	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		stop()
		wg.Wait()
	}()
	next := make(chan int, len(ranges))
	for i := range ranges {
		next <- i
	}
	close(next)
	for range min(r.opts.inFlight, len(ranges)) {
		wg.Go(func() {
			for i := range next {
				r.exportRange(wctx, ranges[i], types, chans[i])
			}
		})
	}
	done := 0
	var writeErr error
	for i := range ranges {
		ok := true
		for ch := range chans[i] {
			if ch.err != nil {
				if !errors.Is(ch.err, context.Canceled) {
					r.fail(ch.err.Error())
				}
				ok = false
				continue
			}
			if writeErr == nil {
				writeErr = w.write(ch)
			}
			meter.add(len(ch.ends) + len(ch.rows))
		}
		if ok && ctx.Err() == nil {
			done++
		}
	}
	return done, writeErr
}

// murmur3 reports whether the cluster uses the Murmur3 partitioner, whose
// ring COPY TO can split.
func murmur3(ctx context.Context, sess *driver.Session) bool {
	res, err := sess.ExecuteQuery(ctx, &driver.Query{Statement: "SELECT partitioner FROM system.local", Consistency: driver.One})
	var p string
	if err == nil && res.NumRows() > 0 {
		err = res.Scan(0, &p)
	}
	return err == nil && strings.HasSuffix(p, "Murmur3Partitioner")
}

// ringRanges cuts (begin, end] (the whole ring when nil) into the pieces of
// the ring's ranges (driver.Ring.RangesWithin, the splitter COUNT uses),
// in ring order; an open end stays open.
func (r *copyRun) ringRanges(ctx context.Context, begin, end *big.Int) ([]tokenRange, error) {
	ring, err := r.env.Session.Ring(ctx)
	if err != nil {
		return nil, err
	}
	bound := driver.FullRing()
	if begin != nil {
		bound.Start = cql.ClampToken(begin)
	}
	if end != nil {
		bound.End = cql.ClampToken(end)
	}
	var out []tokenRange
	for _, p := range ring.RangesWithin(bound, exportPieces) {
		tr := tokenRange{big.NewInt(p.Start), big.NewInt(p.End)}
		if begin == nil && p.Start == math.MinInt64 {
			tr.lo = nil
		}
		if end == nil && p.End == math.MaxInt64 {
			tr.hi = nil
		}
		out = append(out, tr)
	}
	if len(out) == 0 {
		out = []tokenRange{{begin, end}}
	}
	return out, nil
}

// exportRange reads one token range page by page, formatting each page
// into a chunk; a failed page is asked for again up to MAXATTEMPTS times.
func (r *copyRun) exportRange(ctx context.Context, tr tokenRange, types []*cqltype.Type, out chan<- exportChunk) {
	defer close(out)
	stmt := "SELECT " + r.selection(types) + " FROM " + r.table.qualified()
	var where []string
	pk := quotedColumns(r.table.partition)
	if tr.lo != nil {
		where = append(where, fmt.Sprintf("token(%s) > %s", pk, tr.lo))
	}
	if tr.hi != nil {
		where = append(where, fmt.Sprintf("token(%s) <= %s", pk, tr.hi))
	}
	if len(where) > 0 {
		stmt += " WHERE " + strings.Join(where, " AND ")
	}
	q := &driver.Query{Statement: stmt, Consistency: r.env.Consistency, PageSize: max(r.opts.pageSize, 1), Timeout: r.opts.pageTimeout, Policy: r.env.Policy}
	if r.murmur {
		// To a replica of the range: its end's.
		end := int64(math.MaxInt64)
		if tr.hi != nil {
			end = cql.ClampToken(tr.hi)
		}
		q.RoutingToken = &end
	}
	enc, err := r.newRowEncoder(types)
	if err != nil {
		out <- exportChunk{err: err}
		return
	}
	rows := 0
	var state []byte
	pinned := false
	for {
		var res *driver.Result
		var err error
		for attempt := 1; ; attempt++ {
			pq := *q
			pq.PagingState = state
			res, err = r.env.Session.ExecuteQuery(ctx, &pq)
			if err == nil || ctx.Err() != nil {
				break
			}
			if attempt >= max(r.opts.maxAttempts, 1) {
				err = fmt.Errorf("Error for %s: %s (permanently given up after %d rows and %d attempts)", tr, pyfmt.Error(err), rows, attempt)
				break
			}
			r.fail(fmt.Sprintf("Error for %s: %s (will try again later attempt %d of %d)", tr, pyfmt.Error(err), attempt, r.opts.maxAttempts))
			select {
			case <-ctx.Done():
			case <-time.After(time.Duration(attempt) * 100 * time.Millisecond):
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			out <- exportChunk{err: err}
			return
		}
		n := res.NumRows()
		if n > 0 {
			ch := exportChunk{ends: make([]int, 0, n)}
			for i := range n {
				if err := enc.encode(&ch, res.Row(i)); err != nil {
					out <- exportChunk{err: fmt.Errorf("Error for %s: %s", tr, err)}
					return
				}
			}
			rows += n
			select {
			case out <- ch:
			case <-ctx.Done():
				return
			}
		}
		if !res.HasMorePages() {
			return
		}
		state = res.PagingState
		if !pinned && q.Policy != nil && res.Coordinator != "" {
			// The range's next pages to the node that read its first,
			// while it is up: its caches hold the range.
			q.Policy = driver.HostFirst{Addr: res.Coordinator, Fallback: q.Policy}
			pinned = true
		}
	}
}

func appendRune(dst []byte, r rune) []byte {
	if r < 0x80 {
		return append(dst, byte(r))
	}
	return append(dst, string(r)...)
}

// exportWriter writes CSV to STDOUT or to a file, split into file, file.1,
// file.2, ... of at most MAXOUTPUTSIZE rows when that is set.
type exportWriter struct {
	name    string
	max     int
	dialect csvDialect
	out     io.Writer
	f       *os.File
	bw      *bufio.Writer
	inFile  int // rows in the current file
	files   int
	pq      *parquet.Writer // set for Parquet, which writes one file
}

func newExportWriter(name string, o *copyOptions, stdout io.Writer) (*exportWriter, error) {
	w := &exportWriter{name: name, max: o.maxOutputSize, dialect: o.dialect()}
	if name == "" {
		w.bw = bufio.NewWriterSize(stdout, 256<<10)
		w.out = w.bw
		return w, nil
	}
	w.name = cqlshrc.ExpandHome(name)
	if err := w.open(w.name); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *exportWriter) open(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return copyError(fmt.Sprintf("Can't open %s for writing: %s", pyfmt.Repr(path), pyfmt.OSError(err)))
	}
	w.f, w.bw = f, bufio.NewWriterSize(f, 256<<10)
	w.out = w.bw
	w.files++
	w.inFile = 0
	return nil
}

func (w *exportWriter) header(cols []string) {
	w.bw.Write(w.dialect.appendRecord(nil, cols))
}

// write writes a chunk's rows: Parquet rows to the Parquet writer, text
// through writeText.
func (w *exportWriter) write(ch exportChunk) error {
	if w.pq != nil {
		_, err := w.pq.WriteRows(ch.rows)
		return err
	}
	return w.writeText(ch.data, ch.ends)
}

// writeText writes rows (ends are the offsets after each), starting a new
// file when the current one is full.
func (w *exportWriter) writeText(data []byte, ends []int) error {
	if w.max <= 0 || w.f == nil {
		_, err := w.out.Write(data)
		return err
	}
	start := 0
	for _, e := range ends {
		if w.inFile >= w.max {
			if err := w.closeFile(); err != nil {
				return err
			}
			if err := w.open(fmt.Sprintf("%s.%d", w.name, w.files)); err != nil {
				return err
			}
		}
		if _, err := w.out.Write(data[start:e]); err != nil {
			return err
		}
		w.inFile++
		start = e
	}
	return nil
}

func (w *exportWriter) closeFile() error {
	err := w.bw.Flush()
	if w.f != nil {
		if cerr := w.f.Close(); err == nil {
			err = cerr
		}
		w.f = nil
	}
	return err
}

func (w *exportWriter) close() error {
	if w.bw == nil {
		return nil
	}
	var err error
	if w.pq != nil {
		err = w.pq.Close()
		w.pq = nil
	}
	if cerr := w.closeFile(); err == nil {
		err = cerr
	}
	w.bw = nil
	return err
}
