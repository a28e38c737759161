package shell

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// maxFinishedJobs bounds how many finished jobs are kept for JOBS and
// RESULT; the oldest finished job is forgotten beyond it.
const maxFinishedJobs = 100

// jobState is where a background statement is in its life.
type jobState uint8

const (
	jobRunning jobState = iota
	jobDone
	jobFailed
	jobCancelled
)

func (s jobState) String() string {
	switch s {
	case jobRunning:
		return "running"
	case jobDone:
		return "done"
	case jobFailed:
		return "failed"
	}
	return "cancelled"
}

// job is one background statement (stmt &).
type job struct {
	id    int
	text  string // as typed, for RESULT and the error file
	line  int    // input line, for batch-mode error prefixes
	start time.Time
	sess  *driver.Session // the session it was submitted on
	trace time.Duration   // max trace wait captured at submission
	// columns maps its result's columns for render, with the colours of
	// the key columns when colour is on (Shell.columns at submission).
	columns func(ctx context.Context, cs []driver.Column) []render.Column

	cancel context.CancelFunc
	// printed is closed once the completion block has been written (or
	// discarded, for a cancelled job): WAIT and the exit wait on it.
	printed chan struct{}

	// Set on completion, guarded by jobTable.mu.
	state jobState
	end   time.Time
	res   *driver.Result
	err   error
	// output is the rendered result of a shell command run as a job
	// (COUNT), which has no driver result.
	output []byte
}

// jobTable tracks background statements. Its lock guards the table and each
// job's completion fields; output goes through Shell.mu.
type jobTable struct {
	mu   sync.Mutex
	next int
	jobs []*job // in id order
	// printing counts completions waiting for the output lock; the input
	// loop lets them through before it runs the next statement.
	printing atomic.Int32
}

func newJobTable() *jobTable { return &jobTable{} }

func (t *jobTable) add(j *job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.next++
	j.id = t.next
	t.jobs = append(t.jobs, j)
}

// finish records a job's outcome; it reports false when the job was
// cancelled meanwhile, its reply then being discarded.
func (t *jobTable) finish(j *job, res *driver.Result, err error, end time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if j.state == jobCancelled {
		return false
	}
	j.end, j.res, j.err = end, res, err
	j.state = jobDone
	if err != nil {
		j.state = jobFailed
	}
	t.evict()
	return true
}

// evict forgets the oldest finished jobs beyond maxFinishedJobs.
func (t *jobTable) evict() {
	finished := 0
	for _, j := range t.jobs {
		if j.state != jobRunning {
			finished++
		}
	}
	kept := t.jobs[:0]
	for _, j := range t.jobs {
		if j.state != jobRunning && finished > maxFinishedJobs {
			finished--
			continue
		}
		kept = append(kept, j)
	}
	clear(t.jobs[len(kept):])
	t.jobs = kept
}

func (t *jobTable) get(id int) *job {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, j := range t.jobs {
		if j.id == id {
			return j
		}
	}
	return nil
}

func (t *jobTable) remove(id int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, j := range t.jobs {
		if j.id == id {
			t.jobs = append(t.jobs[:i], t.jobs[i+1:]...)
			return
		}
	}
}

// snapshot returns the jobs in id order.
func (t *jobTable) snapshot() []*job {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]*job(nil), t.jobs...)
}

// jobView is a job's fields copied under the table's lock.
type jobView struct {
	state   jobState
	elapsed time.Duration
	res     *driver.Result
	err     error
}

func (t *jobTable) view(j *job) jobView {
	t.mu.Lock()
	defer t.mu.Unlock()
	v := jobView{state: j.state, res: j.res, err: j.err}
	if j.state == jobRunning || j.end.IsZero() {
		v.elapsed = time.Since(j.start)
	} else {
		v.elapsed = j.end.Sub(j.start)
	}
	return v
}

// startJob submits a statement in the background. The query captures the
// keyspace, consistency, paging and tracing in force now; the completion
// block prints when the reply arrives.
func (sh *Shell) startJob(ctx context.Context, st cql.Statement, line int) {
	q := sh.query(st.Text)
	q.Policy = spreadPolicy()
	q.Keyspace = sh.sess.Keyspace()
	jctx, cancel := context.WithCancel(ctx)
	j := &job{
		text:    st.Text,
		line:    line,
		start:   time.Now(),
		sess:    sh.sess,
		trace:   sh.maxTraceWait,
		columns: sh.jobColumns(),
		cancel:  cancel,
		printed: make(chan struct{}),
	}
	sh.jobs.add(j)
	sh.printInfo("[%d] started\n", j.id)
	fut := sh.sess.ExecuteQueryAsync(jctx, q)
	fut.AddCallback(func(res *driver.Result, err error) { sh.completeJob(jctx, j, res, err) })
}

// completeJob runs on the job's goroutine (the future's, for a CQL job):
// it records the outcome and prints the job's block in one piece, above the
// prompt in a terminal. What needs the network — the trace, which may poll
// for seconds, and the colours of the result's key columns — is fetched
// before the output lock is taken.
func (sh *Shell) completeJob(ctx context.Context, j *job, res *driver.Result, err error) {
	defer close(j.printed)
	defer j.cancel()
	end := time.Now()
	var trace *driver.Trace
	var traceErr error
	var cols []render.Column
	if err == nil && res != nil {
		if res.TracingID != nil {
			trace, traceErr = j.sess.Trace(ctx, res.TracingID, j.trace)
		}
		if res.Kind == driver.KindRows {
			cols = j.columns(ctx, res.Columns)
		}
	}
	sh.jobs.printing.Add(1)
	sh.mu.Lock()
	sh.jobs.printing.Add(-1)
	defer sh.mu.Unlock()
	if !sh.jobs.finish(j, res, err, end) {
		return
	}
	if err != nil {
		sh.jobFailed(j, end, err)
		return
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "[%d] done in %d ms: %s\n", j.id, end.Sub(j.start).Milliseconds(), oneLine(j.text))
	if res == nil { // a shell command's job
		b.Write(j.output)
		sh.emitBlock(sh.out, b.Bytes())
		return
	}
	if res.Kind == driver.KindSetKeyspace {
		sh.keyspace = res.Keyspace
	}
	if res.Kind == driver.KindRows {
		sh.writeFirstPage(&b, res, cols)
		if res.HasMorePages() {
			fmt.Fprintf(&b, "(more rows: RESULT %d)\n", j.id)
		}
	}
	if len(res.Warnings) > 0 {
		render.WriteWarnings(&b, res.Warnings)
	}
	if res.TracingID != nil {
		if traceErr != nil {
			fmt.Fprintf(&b, "Unable to fetch query trace: %s\n", pyfmt.Error(traceErr))
		} else {
			sh.printTrace(&b, trace)
		}
	}
	sh.emitBlock(sh.out, b.Bytes())
}

// jobFailed prints a failed job's one line, as an error. The caller holds
// sh.mu.
func (sh *Shell) jobFailed(j *job, end time.Time, err error) {
	sh.hadError = true
	msg := fmt.Sprintf("[%d] failed in %d ms: %s", j.id, end.Sub(j.start).Milliseconds(), pyfmt.Error(err))
	if !sh.interactive && sh.source != "" {
		msg = fmt.Sprintf("%s:%d:%s", sh.source, j.line, msg)
	}
	if sh.color {
		msg = "\x1b[0;1;31m" + msg + "\x1b[0m"
	}
	sh.emitBlock(sh.errw, []byte(msg+"\n"))
}

// yieldToJobs lets completions already waiting for the output lock print
// their blocks; the caller has just released sh.mu. Without it the input
// loop, re-taking the lock at once, could hold them back until input ends.
func (sh *Shell) yieldToJobs() {
	if sh.jobs == nil {
		return
	}
	for sh.jobs.printing.Load() > 0 {
		runtime.Gosched()
	}
}

// emitBlock writes one job's block with a single write; in a terminal it
// goes above the prompt and the line being typed is redrawn. The caller
// holds sh.mu.
func (sh *Shell) emitBlock(w io.Writer, block []byte) {
	if sh.input != nil && (w == sh.stdout || w == sh.errw) {
		sh.input.PrintAbove(w, block)
		return
	}
	w.Write(block)
}

// writeFirstPage renders one page of rows with its row count; cols are the
// result's columns as render takes them (see Shell.columns).
func (sh *Shell) writeFirstPage(w io.Writer, res *driver.Result, cols []render.Column) int {
	o := sh.outputOptions()
	o.NoRowCount = len(res.Columns) > 0 && res.Columns[0].Name == "[applied]"
	rw := render.New(sh.currentFormat(), w, cols, &o)
	n := res.NumRows()
	rows := make([][][]byte, n)
	for i := range rows {
		rows[i] = res.Row(i)
	}
	if err := rw.WriteRows(rows); err != nil {
		fmt.Fprintln(w, err)
	}
	rw.Close(n)
	return n
}

// oneLine collapses a statement's whitespace for a one-line header.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// jobArgs are a job command's arguments without a ';' of their own.
func jobArgs(c *call) []string {
	args := slices.Clone(c.args)
	for i, a := range args {
		args[i] = strings.TrimSuffix(a, ";")
	}
	return args
}

// cmdJobs is JOBS: the table of background statements.
func (sh *Shell) cmdJobs(c *call) {
	if len(jobArgs(c)) > 0 {
		sh.printErr(c.line, "Improper JOBS command.")
		return
	}
	sh.listJobs()
}

// cmdResult is RESULT <id>.
func (sh *Shell) cmdResult(c *call) {
	if j := sh.jobArg("RESULT", jobArgs(c), c.line); j != nil {
		sh.showResult(c.ctx, j, c.line)
	}
}

// cmdCancel is CANCEL <id>.
func (sh *Shell) cmdCancel(c *call) {
	if j := sh.jobArg("CANCEL", jobArgs(c), c.line); j != nil {
		sh.cancelJob(j)
	}
}

// jobArg reads the single job id RESULT and CANCEL take.
func (sh *Shell) jobArg(cmd string, args []string, line int) *job {
	if len(args) != 1 {
		sh.printErr(line, fmt.Sprintf("Improper %s command.", cmd))
		return nil
	}
	return sh.lookupJob(args[0], line)
}

func (sh *Shell) lookupJob(arg string, line int) *job {
	id, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(arg, "["), "]"), "%"))
	if err != nil {
		sh.printErr(line, fmt.Sprintf("Not a job id: %s", arg))
		return nil
	}
	j := sh.jobs.get(id)
	if j == nil {
		sh.printErr(line, fmt.Sprintf("No job %d.", id))
	}
	return j
}

// cmdWait blocks until the named jobs (default: all) have printed their
// blocks. The output lock is released meanwhile so that they can; Ctrl-C
// stops waiting and leaves the jobs running.
func (sh *Shell) cmdWait(c *call) {
	ctx, args, line := c.ctx, jobArgs(c), c.line
	var jobs []*job
	if len(args) == 0 {
		jobs = sh.jobs.snapshot()
	}
	for _, a := range args {
		j := sh.lookupJob(a, line)
		if j == nil {
			return
		}
		jobs = append(jobs, j)
	}
	ictx, cancel := sh.interruptible(ctx)
	defer cancel()
	sh.mu.Unlock()
	interrupted := waitPrinted(ictx, jobs)
	sh.mu.Lock()
	if interrupted {
		sh.printInfo("Stopped waiting; the jobs keep running.\n")
	}
}

// waitPrinted waits for every job's block; it reports whether ctx ended
// first.
func waitPrinted(ctx context.Context, jobs []*job) bool {
	for _, j := range jobs {
		select {
		case <-j.printed:
		case <-ctx.Done():
			return true
		}
	}
	return false
}

// showResult prints a finished job's whole result with normal paging, then
// forgets the job.
func (sh *Shell) showResult(ctx context.Context, j *job, line int) {
	v := sh.jobs.view(j)
	switch v.state {
	case jobRunning:
		sh.printErr(line, fmt.Sprintf("Job %d is still running; WAIT %d for it.", j.id, j.id))
		return
	case jobCancelled:
		sh.printErr(line, fmt.Sprintf("Job %d was cancelled.", j.id))
		return
	case jobFailed:
		sh.printErr(line, fmt.Sprintf("[%d] failed: %s", j.id, pyfmt.Error(v.err)))
		sh.jobs.remove(j.id)
		return
	}
	sh.printInfo("[%d] %s\n", j.id, oneLine(j.text))
	if v.res == nil { // a shell command's job
		sh.printOut("%s", j.output)
		sh.jobs.remove(j.id)
		return
	}
	if v.res.Kind == driver.KindRows {
		pctx, cancel := sh.interruptible(ctx)
		sh.printRows(pctx, v.res, line)
		cancel()
	}
	if len(v.res.Warnings) > 0 {
		render.WriteWarnings(sh.out, v.res.Warnings)
	}
	sh.jobs.remove(j.id)
}

// cancelJob abandons a job: its context is cancelled, which frees the
// request's stream, and a reply that still arrives is discarded.
func (sh *Shell) cancelJob(j *job) {
	sh.jobs.mu.Lock()
	state := j.state
	if state == jobRunning {
		j.state = jobCancelled
		j.end = time.Now()
	}
	sh.jobs.mu.Unlock()
	j.cancel()
	sh.jobs.remove(j.id)
	if state == jobRunning {
		sh.printInfo("[%d] cancelled\n", j.id)
		return
	}
	sh.printInfo("[%d] had already finished; its result is discarded\n", j.id)
}

// waitJobsAtExit waits, when input has ended, for every job still running
// to print its block, so that nothing is lost; a job that failed makes the
// exit code 2 in batch mode. It runs without the output lock held.
func (sh *Shell) waitJobsAtExit(ctx context.Context) {
	if sh.jobs == nil {
		return
	}
	waitPrinted(ctx, sh.jobs.snapshot())
}
