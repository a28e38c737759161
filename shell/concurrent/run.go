package shell

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/render"
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

// concurrent runs a CONCURRENT command.
func (sh *Shell) concurrent(ctx context.Context, st cql.Statement, line int) {
	spec, err := parseConcurrent(st.Text)
	if err != nil {
		sh.printErr(line, err.Error())
		return
	}
	prep, err := sh.sess.Prepare(ctx, spec.stmt)
	if err != nil {
		sh.printErr(line, FormatError(err))
		return
	}
	if len(prep.Params) == 0 {
		sh.printErr(line, "Improper CONCURRENT command: the statement has no ? markers. See HELP CONCURRENT.")
		return
	}
	src, total, srcErr, err := sh.argSource(ctx, spec, prep.Params)
	if err != nil {
		sh.printErr(line, FormatError(err))
		return
	}

	// Ctrl-C stops submitting; requests in flight finish and are counted.
	stop := make(chan struct{})
	var interrupted os.Signal
	watchDone := make(chan struct{})
	watchExit := make(chan struct{})
	go func() {
		defer close(watchExit)
		if sh.sigs == nil {
			<-watchDone
			return
		}
		select {
		case s := <-sh.sigs:
			interrupted = s
			close(stop)
		case <-watchDone:
		}
	}()

	f := &fanout{label: spec.kind.label()}
	args := func(yield func([]any) bool) {
		for t := range src {
			if t.err != nil {
				f.failed(t.pos, t.show(), t.err.Error())
				if spec.stopOnError {
					return
				}
				select {
				case <-stop:
					return
				default:
				}
				continue
			}
			f.push(t.pos, t.raw)
			if !yield(t.args) {
				return
			}
		}
	}

	q := sh.query(spec.stmt)
	q.PageSize, q.Tracing = concurrentPageSize, false
	// Fan-outs go to each partition's replicas, over every node, and may be
	// retried on another node when that cannot apply a write twice.
	q.Policy, q.Idempotent = spreadPolicy(), cql.Idempotent(spec.stmt)
	isSelect := strings.EqualFold(firstWord(spec.stmt), "select")
	rows := &rowSink{sh: sh, ctx: ctx, count: spec.summary, cols: prep.Result()}

	var bar *progress
	if !isSelect || spec.summary {
		bar = newProgress(sh.errw, total, "CONCURRENT", "stmt")
	}
	start := time.Now()
	ok := 0
	for r := range sh.sess.ExecuteConcurrentStream(ctx, q, args, driver.ConcurrentOptions{
		Concurrency: spec.n, StopOnError: spec.stopOnError, Stop: stop,
	}) {
		p := f.pop()
		if p.args == "" {
			p.args = showArgs(nil, r.Args)
		}
		if r.Err != nil {
			f.failed(p.pos, p.args, FormatError(r.Err))
		} else {
			ok++
			if isSelect {
				if err := rows.add(r.Result); err != nil {
					f.failed(p.pos, p.args, FormatError(err))
				}
			}
		}
		bar.add(1)
	}
	elapsed := time.Since(start)
	bar.finish()
	close(watchDone)
	<-watchExit
	f.close()

	if isSelect {
		rows.close()
	}
	failed := f.failures()
	n := ok + failed
	secs := elapsed.Seconds()
	rate := 0
	if secs > 0 {
		rate = int(float64(n) / secs)
	}
	sh.printInfo("%d statements: %d ok, %d failed in %.2f s (%d/s), concurrency %d\n", n, ok, failed, secs, rate, spec.n)
	switch {
	case interrupted != nil:
		sh.printInfo("Interrupted: no further statements were submitted.\n")
		if interrupted != os.Interrupt {
			sh.exit = true
		}
	case spec.stopOnError && failed > 0:
		sh.printInfo("Stopped at the first error: no further statements were submitted.\n")
	}
	if err := srcErr(); err != nil {
		sh.printErr(line, "Reading the arguments failed: "+FormatError(err))
	}
	if failed == 0 {
		return
	}
	for _, fl := range f.first {
		sh.printErr(line, fmt.Sprintf("%s %d %s: %s", f.label, fl.pos, fl.args, fl.msg))
	}
	if f.fErr != nil {
		fmt.Fprintf(sh.errw, "Could not write the failures to a file: %v\n", f.fErr)
		return
	}
	fmt.Fprintf(sh.errw, "%d failures written to %s\n", failed, f.path)
}

// rowSink renders the rows of CONCURRENT SELECTs in input order as one
// result, or only counts them (SUMMARY).
type rowSink struct {
	sh    *Shell
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
	o := s.sh.renderOpts
	o.Color = s.sh.color && s.sh.capture == nil
	// One result, one header: the terminal's per-page layout would repeat
	// it every few rows.
	o.Tty = false
	s.w = render.New(s.sh.currentFormat(), s.sh.out, s.sh.columns(s.ctx, cols), &o)
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
		s.sh.printOut("(%d rows)\n", s.total)
		return
	}
	if s.w == nil {
		s.open(nil)
	}
	s.flush()
	s.w.Close(s.total)
}
