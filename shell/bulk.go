package shell

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/concurrent"
	copycmd "github.com/gocqlsh/gocqlsh/shell/copy" // not "copy": the builtin is used here
	"github.com/gocqlsh/gocqlsh/shell/count"
	"github.com/gocqlsh/gocqlsh/shell/input"
	"github.com/gocqlsh/gocqlsh/shell/progress"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// The bulk commands — COPY, CONCURRENT, COUNT — are packages of their own,
// none of which knows the Shell: each runs in an environment (its Env) of
// the shell's session and schema, the settings in force, where output goes,
// Ctrl-C and how an error is reported. This file builds those environments.

// failer reports an error line for a command that may report from several
// goroutines at once.
func (sh *Shell) failer(line int) func(string) {
	var mu sync.Mutex
	return func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		sh.printErr(line, msg)
	}
}

// bulkGC lets the heap grow to four times what is live while a bulk
// command runs (GOGC 300 instead of 100) and returns what puts it back. Their
// garbage is short-lived rows; collecting it less often cut COPY FROM's CPU
// by a sixth for about 10 MB more memory (200,000 CSV rows: 0.57-0.60 s ->
// 0.45-0.50 s, peak RSS 23 -> 32-35 MB; memory stays flat however many rows).
// A GOGC the user set is left alone.
func bulkGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(300)
	return func() { debug.SetGCPercent(old) }
}

// stdoutIsTerminal reports whether shell messages go to a terminal.
func (sh *Shell) stdoutIsTerminal() bool {
	f, ok := sh.stdout.(*os.File)
	return ok && input.IsTerminal(f)
}

// cmdCopy is COPY: CSV between a table and files or the terminal.
func (sh *Shell) cmdCopy(c *call) {
	ctx, cancel := sh.interruptible(c.ctx)
	defer cancel()
	defer bulkGC()()
	copycmd.Run(ctx, &copycmd.Env{
		Session:     sh.sess,
		Schema:      sh.schema,
		Keyspace:    sh.keyspace,
		Consistency: sh.consistency,
		Policy:      spreadPolicy(),
		Cqlshrc:     sh.cqlshrc,
		TimeFormat:  sh.renderOpts.TimeFormat,
		Stdout:      sh.stdout,
		Tty:         sh.stdoutIsTerminal(),
		Stdin:       copyStdin(c.in),
		Interactive: sh.interactive,
		Fail:        sh.failer(c.line),
	}, c.st.Text)
}

// cmdConcurrent is CONCURRENT: one statement over many argument tuples.
// Ctrl-C stops the submitting, not the requests in flight.
func (sh *Shell) cmdConcurrent(c *call) {
	defer bulkGC()()
	stop := make(chan struct{})
	release := sh.onInterrupt(func() { close(stop) })
	defer release()
	concurrent.Run(c.ctx, &concurrent.Env{
		Session:           sh.sess,
		Consistency:       sh.consistency,
		SerialConsistency: sh.serialConsistency,
		Policy:            spreadPolicy(),
		Stdin:             stdinData(sh.stdinReader()),
		Out:               sh.out,
		Info:              sh.stdout,
		Stderr:            sh.errw,
		Rows: func(cols []driver.Column) render.RowWriter {
			o := sh.outputOptions()
			// One result, one header: the terminal's per-page layout would
			// repeat it every few rows.
			o.Tty = false
			return render.New(sh.currentFormat(), sh.out, sh.columns(c.ctx, cols), &o)
		},
		Stop: stop,
		Fail: sh.failer(c.line),
	}, c.st.Text)
}

// stdinReader is the buffered reader of the shell's standard input, shared
// with the input loop when statements come from it.
func (sh *Shell) stdinReader() *bufio.Reader {
	if br, ok := sh.stdin.(*bufio.Reader); ok {
		return br
	}
	return bufio.NewReader(sh.stdin)
}

// outputOptions are the render options in force: colour only when output
// is not captured.
func (sh *Shell) outputOptions() render.Options {
	o := sh.renderOpts
	o.Color = sh.color && sh.capture == nil
	o.ExpandWiderThan = sh.autoExpandWidth()
	return o
}

// cmdCount is COUNT in the foreground: a progress bar on a terminal, then
// the result in the output format in force.
func (sh *Shell) cmdCount(c *call) {
	req, err := count.Parse(c.st.Text)
	if err != nil {
		sh.printErr(c.line, err.Error())
		return
	}
	ctx, cancel := sh.interruptible(c.ctx)
	defer cancel()
	bar := progress.New(sh.errw, -1, "COUNT", "range")
	env := sh.countEnv()
	env.Progress = func(done, total int, rows int64) {
		bar.Update(int64(done), int64(total), fmt.Sprintf("COUNT %d rows", rows))
	}
	res, err := count.Run(ctx, env, req)
	bar.Finish()
	switch {
	case errors.Is(err, context.Canceled):
		sh.printErr(c.line, "Statement cancelled.")
	case err != nil:
		sh.printErr(c.line, countErrText(err))
	default:
		var b bytes.Buffer
		writeCount(&b, sh.currentFormat(), sh.outputOptions(), req, res)
		sh.printOut("%s", b.Bytes())
	}
}

// startCountJob runs COUNT in the background with the settings in force
// now: no progress bar; its table prints above the prompt when it is done,
// and RESULT shows it again.
func (sh *Shell) startCountJob(c *call) {
	req, err := count.Parse(c.st.Text)
	if err != nil {
		sh.printErr(c.line, err.Error())
		return
	}
	jctx, cancel := context.WithCancel(c.ctx)
	j := &job{text: c.st.Text, line: c.line, start: time.Now(), sess: sh.sess, trace: sh.maxTraceWait, columns: sh.jobColumns(), cancel: cancel, printed: make(chan struct{})}
	sh.jobs.add(j)
	sh.printInfo("[%d] started\n", j.id)
	env, format, opts := sh.countEnv(), sh.currentFormat(), sh.outputOptions()
	go func() {
		res, err := count.Run(jctx, env, req)
		if err == nil {
			var b bytes.Buffer
			writeCount(&b, format, opts, req, res)
			j.output = b.Bytes()
		}
		sh.completeJob(jctx, j, nil, err)
	}()
}

// countEnv is COUNT's environment: the session, consistency and request
// timeout in force, and the tables' partition keys from the schema model.
func (sh *Shell) countEnv() count.Env {
	sch := sh.schema
	return count.Env{
		Session:     sh.sess,
		Consistency: sh.consistency,
		Timeout:     sh.requestTimeout,
		PartitionKey: func(ctx context.Context, ks, table string) ([]string, error) {
			t, err := sch.Table(ctx, ks, table)
			var nf *schema.NotFoundError
			if errors.As(err, &nf) {
				return nil, &count.NoTableError{Keyspace: ks, Table: table}
			}
			if err != nil {
				return nil, err
			}
			var out []string
			for _, c := range t.PartitionKey() {
				out = append(out, cqltype.QuoteIdentifier(c.Name))
			}
			return out, nil
		},
	}
}

// countErrText words COUNT's errors: its own as they are, the server's in
// the shell's form.
func countErrText(err error) string {
	var ue *count.UsageError
	var nt *count.NoTableError
	if errors.As(err, &ue) || errors.As(err, &nt) {
		return err.Error()
	}
	return pyfmt.Error(err)
}

// writeCount prints a COUNT's result as a table of the output format.
func writeCount(w io.Writer, format render.Format, o render.Options, req count.Request, res *count.Result) {
	cols, rows, footer := res.Table(req)
	rw := render.New(format, w, cols, &o)
	if err := rw.WriteRows(rows); err != nil {
		fmt.Fprintln(w, err)
	}
	rw.Close(len(rows))
	io.WriteString(w, footer)
}

// linesUntil is an io.Reader over lines pulled one at a time from next,
// ending at the end of input or at a line that is exactly end (line break
// aside), which is consumed, so that a script can go on after its data.
// CONCURRENT's '-' source and COPY FROM STDIN read stdin this way.
type linesUntil struct {
	next func() ([]byte, error) // one line with its line break; io.EOF at the end
	end  string
	buf  []byte
	done bool
}

func (l *linesUntil) Read(p []byte) (int, error) {
	for len(l.buf) == 0 {
		if l.done {
			return 0, io.EOF
		}
		line, err := l.next()
		if err != nil {
			l.done = true
			if err != io.EOF {
				return 0, err
			}
		}
		if string(trimEOL(line)) == l.end {
			l.done = true
			return 0, io.EOF
		}
		l.buf = line
	}
	n := copy(p, l.buf)
	l.buf = l.buf[n:]
	return n, nil
}

// stdinData is the rest of r up to its end or a line holding only "\.".
func stdinData(r *bufio.Reader) io.Reader {
	return &linesUntil{next: func() ([]byte, error) { return r.ReadBytes('\n') }, end: `\.`}
}

// copyStdin is COPY FROM STDIN's input: lines read with the "[copy] "
// prompt up to a line holding only "." or the end of input (an
// interrupted read ends it too).
func copyStdin(in input.Reader) io.Reader {
	var line []byte
	return &linesUntil{next: func() ([]byte, error) {
		s, err := in.ReadLine("[copy] ")
		if err != nil {
			return nil, io.EOF
		}
		line = append(append(line[:0], s...), '\n')
		return line, nil
	}, end: "."}
}

func trimEOL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
