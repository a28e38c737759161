package concurrent

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/progress"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// CONCURRENT fans one statement out over many argument tuples:
//
//	CONCURRENT [<n>] <statement with ? markers> WITH ARGS <source>
//	           [STOP ON ERROR] [SUMMARY];
//	source: (v1, v2), (v3, v4), ...      CQL literals
//	      | FROM '<file.csv>' [WITH HEADER] ('-': the rest of stdin)
//	      | RANGE <a> TO <b>              a, a+1, ..., b-1 bound to every marker
//	      | FROM (<SELECT ...>)           the rows of a query, page by page

const (
	defaultConcurrency = 100
	maxConcurrency     = 10000
	shownFailures      = 5
	concurrentPageSize = 5000
	rowsPerWrite       = 1000 // rows handed to the renderer at once
)

// failure is one tuple that failed, for the report.
type failure struct {
	pos  int
	args string
	msg  string
}

// fanout is the bookkeeping of one CONCURRENT run, shared by the goroutine
// reading the source and the loop consuming outcomes.
type fanout struct {
	label string
	mu    sync.Mutex
	queue []failure // positions of submitted tuples, oldest first
	head  int
	fail  int
	first []failure
	file  *os.File
	fileW *bufio.Writer
	path  string
	fErr  error
}

// push records a submitted tuple's position; outcomes pop them in order.
func (f *fanout) push(pos int, raw []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.head > 0 && f.head*2 >= len(f.queue) {
		n := copy(f.queue, f.queue[f.head:])
		clear(f.queue[n:])
		f.queue, f.head = f.queue[:n], 0
	}
	e := failure{pos: pos}
	if raw != nil {
		e.args = showArgs(raw, nil)
	}
	f.queue = append(f.queue, e)
}

func (f *fanout) pop() failure {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.head >= len(f.queue) {
		return failure{pos: -1}
	}
	e := f.queue[f.head]
	f.queue[f.head] = failure{}
	f.head++
	return e
}

// failed records a failure: counted, kept when among the first, and
// written to the error file.
func (f *fanout) failed(pos int, args, msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail++
	if len(f.first) < shownFailures {
		f.first = append(f.first, failure{pos: pos, args: args, msg: msg})
	}
	if f.file == nil && f.fErr == nil {
		f.file, f.path, f.fErr = createErrorFile(time.Now())
		if f.fErr == nil {
			f.fileW = bufio.NewWriter(f.file)
		}
	}
	if f.fileW != nil {
		fmt.Fprintf(f.fileW, "%s %d\t%s\t%s\n", f.label, pos, args, msg)
	}
}

func (f *fanout) failures() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fail
}

func (f *fanout) close() {
	if f.file != nil {
		if err := f.fileW.Flush(); err != nil && f.fErr == nil {
			f.fErr = err
		}
		f.file.Close()
	}
}

// createErrorFile opens concurrent_<time>.err in the working directory
// (the temporary directory when that is not writable), never overwriting.
func createErrorFile(now time.Time) (*os.File, string, error) {
	base := "concurrent_" + now.Format("20060102-150405")
	var lastErr error
	for _, dir := range []string{".", os.TempDir()} {
		for i := 1; i <= 100; i++ {
			name := base + ".err"
			if i > 1 {
				name = fmt.Sprintf("%s_%d.err", base, i)
			}
			path := filepath.Join(dir, name)
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err == nil {
				abs, _ := filepath.Abs(path)
				return f, abs, nil
			}
			lastErr = err
			if !errors.Is(err, os.ErrExist) {
				break
			}
		}
	}
	return nil, "", lastErr
}

// Env is what CONCURRENT needs from the shell: the session and the
// settings in force, where its output goes, and Ctrl-C.
type Env struct {
	Session                        *driver.Session
	Consistency, SerialConsistency driver.Consistency
	// Policy routes the statements (each to its partition's replicas).
	Policy driver.HostSelectionPolicy
	// Stdin is FROM '-': the rest of the input, up to a line holding only
	// "\.".
	Stdin io.Reader
	// Out takes a SELECT's rows (or their count with SUMMARY), Info the
	// summary line, Stderr the progress bar and the error file's name.
	Out, Info, Stderr io.Writer
	// Rows returns the renderer of a SELECT's rows in the output format.
	Rows func(cols []driver.Column) render.RowWriter
	// Stop is closed by Ctrl-C: nothing more is submitted, requests in
	// flight finish and are counted.
	Stop <-chan struct{}
	// Fail reports one error line (the shell adds its prefix and colour
	// and remembers it for the exit code).
	Fail func(msg string)
}

// Run runs one CONCURRENT command, text from the word CONCURRENT on.
func Run(ctx context.Context, env *Env, text string) {
	spec, err := parseConcurrent(text)
	if err != nil {
		env.Fail(err.Error())
		return
	}
	prep, err := env.Session.Prepare(ctx, spec.stmt)
	if err != nil {
		env.Fail(pyfmt.Error(err))
		return
	}
	if len(prep.Params) == 0 {
		env.Fail("Improper CONCURRENT command: the statement has no ? markers. See HELP CONCURRENT.")
		return
	}
	src, total, srcErr, err := argSource(ctx, env, spec, prep.Params)
	if err != nil {
		env.Fail(pyfmt.Error(err))
		return
	}
	r := &run{env: env, spec: spec, f: &fanout{label: spec.kind.label()}}
	ok, elapsed := r.execute(ctx, prep, src, total)
	r.f.close()
	r.report(ok, elapsed, srcErr())
}

// run is one CONCURRENT command being run.
type run struct {
	env  *Env
	spec *concurrentSpec
	f    *fanout
}

// stopped reports whether Ctrl-C asked to stop submitting.
func (r *run) stopped() bool {
	select {
	case <-r.env.Stop:
		return true
	default:
		return false
	}
}

// args feeds the typed tuples of src to the fan-out; a tuple that cannot
// be typed is counted as failed and skipped (or ends the run, with STOP ON
// ERROR).
func (r *run) args(src iter.Seq[argTuple]) iter.Seq[[]any] {
	return func(yield func([]any) bool) {
		for t := range src {
			if t.err != nil {
				r.f.failed(t.pos, t.show(), t.err.Error())
				if r.spec.stopOnError || r.stopped() {
					return
				}
				continue
			}
			r.f.push(t.pos, t.raw)
			if !yield(t.args) {
				return
			}
		}
	}
}

// execute runs the statement over every tuple and returns how many
// succeeded and how long it took.
func (r *run) execute(ctx context.Context, prep *driver.Prepared, src iter.Seq[argTuple], total int64) (int, time.Duration) {
	spec := r.spec
	q := &driver.Query{
		Statement: spec.stmt, Consistency: r.env.Consistency, SerialConsistency: r.env.SerialConsistency,
		PageSize: concurrentPageSize,
		// Fan-outs go to each partition's replicas, over every node, and
		// may be retried on another node when that cannot apply a write
		// twice.
		Policy: r.env.Policy, Idempotent: cql.Idempotent(spec.stmt),
	}
	isSelect := startsWith(spec.stmt, "select")
	rows := &rowSink{env: r.env, ctx: ctx, count: spec.summary, cols: prep.Result()}
	var bar *progress.Bar
	if !isSelect || spec.summary {
		bar = progress.New(r.env.Stderr, total, "CONCURRENT", "stmt")
	}
	start := time.Now()
	ok := 0
	for res := range r.env.Session.ExecuteConcurrentStream(ctx, q, r.args(src), driver.ConcurrentOptions{
		Concurrency: spec.n, StopOnError: spec.stopOnError, Stop: r.env.Stop,
	}) {
		p := r.f.pop()
		if p.args == "" {
			p.args = showArgs(nil, res.Args)
		}
		switch {
		case res.Err != nil:
			r.f.failed(p.pos, p.args, pyfmt.Error(res.Err))
		case isSelect:
			ok++
			if err := rows.add(res.Result); err != nil {
				r.f.failed(p.pos, p.args, pyfmt.Error(err))
			}
		default:
			ok++
		}
		bar.Add(1)
	}
	elapsed := time.Since(start)
	bar.Finish()
	if isSelect {
		rows.close()
	}
	return ok, elapsed
}

// report prints the summary, why the run stopped early, and the first
// failures, and names the file holding them all.
func (r *run) report(ok int, elapsed time.Duration, srcErr error) {
	failed := r.f.failures()
	n := ok + failed
	secs := elapsed.Seconds()
	rate := 0
	if secs > 0 {
		rate = int(float64(n) / secs)
	}
	fmt.Fprintf(r.env.Info, "%d statements: %d ok, %d failed in %.2f s (%d/s), concurrency %d\n", n, ok, failed, secs, rate, r.spec.n)
	switch {
	case r.stopped():
		fmt.Fprint(r.env.Info, "Interrupted: no further statements were submitted.\n")
	case r.spec.stopOnError && failed > 0:
		fmt.Fprint(r.env.Info, "Stopped at the first error: no further statements were submitted.\n")
	}
	if srcErr != nil {
		r.env.Fail("Reading the arguments failed: " + pyfmt.Error(srcErr))
	}
	if failed == 0 {
		return
	}
	for _, fl := range r.f.first {
		r.env.Fail(fmt.Sprintf("%s %d %s: %s", r.f.label, fl.pos, fl.args, fl.msg))
	}
	if r.f.fErr != nil {
		fmt.Fprintf(r.env.Stderr, "Could not write the failures to a file: %v\n", r.f.fErr)
		return
	}
	fmt.Fprintf(r.env.Stderr, "%d failures written to %s\n", failed, r.f.path)
}

// startsWith reports whether statement text starts with keyword w.
func startsWith(text, w string) bool {
	toks := cql.Significant(text)
	return len(toks) > 0 && toks[0].Is(w)
}

// rowSink renders the rows of CONCURRENT SELECTs in input order as one
// result, or only counts them (SUMMARY).
type rowSink struct {
	env   *Env
	ctx   context.Context
	count bool
	cols  []driver.Column
	w     render.RowWriter
	batch [][][]byte
	total int
}

// add takes one statement's result, fetching its further pages.
func (s *rowSink) add(res *driver.Result) error {
	for page := res; page != nil; {
		if s.w == nil && !s.count {
			s.open(page.Columns)
		}
		n := page.NumRows()
		s.total += n
		if !s.count {
			for i := range n {
				s.batch = append(s.batch, page.Row(i))
				if len(s.batch) >= rowsPerWrite {
					s.flush()
				}
			}
		}
		if !page.HasMorePages() {
			return nil
		}
		next, err := page.NextPage(s.ctx)
		if err != nil {
			return err
		}
		page = next
	}
	return nil
}

func (s *rowSink) open(cols []driver.Column) {
	if len(s.cols) > 0 {
		cols = s.cols
	}
	s.w = s.env.Rows(cols)
}

func (s *rowSink) flush() {
	if len(s.batch) == 0 {
		return
	}
	s.w.WriteRows(s.batch)
	clear(s.batch)
	s.batch = s.batch[:0]
}

func (s *rowSink) close() {
	if s.count {
		fmt.Fprintf(s.env.Out, "(%d rows)\n", s.total)
		return
	}
	if s.w == nil {
		s.open(nil)
	}
	s.flush()
	s.w.Close(s.total)
}
