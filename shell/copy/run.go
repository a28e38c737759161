package copy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/shell/progress"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// copyTable is what COPY needs to know of a table: its columns in cqlsh's
// order (partition key, clustering key, then the rest by name) and its keys.
type copyTable struct {
	ks, name  string
	columns   []string
	partition []string
	primary   []string // partition key then clustering key
}

func (t *copyTable) has(col string) bool {
	for _, c := range t.columns {
		if c == col {
			return true
		}
	}
	return false
}

// qualified is ks.table quoted for CQL.
func (t *copyTable) qualified() string {
	return cqltype.QuoteIdentifier(t.ks) + "." + cqltype.QuoteIdentifier(t.name)
}

// Env is what COPY needs from the shell: the session and schema, the
// settings in force, where its output and messages go, and how it reports
// an error.
type Env struct {
	Session     *driver.Session
	Schema      *schema.Cache
	Keyspace    string // the keyspace in use, "" for none
	Consistency driver.Consistency
	// Policy routes COPY's requests (each range or batch to its replicas).
	Policy driver.HostSelectionPolicy
	// Cqlshrc is the configuration file whose [copy] sections apply.
	Cqlshrc string
	// TimeFormat is the shell's time_format, COPY TO's default
	// DATETIMEFORMAT.
	TimeFormat string
	// Stdout takes COPY TO STDOUT's CSV and COPY's messages (never
	// captured); Tty says it is a terminal, where the progress line is
	// redrawn as rows go.
	Stdout io.Writer
	Tty    bool
	// Stdin is COPY FROM STDIN's input, up to a line holding only ".".
	Stdin io.Reader
	// Interactive is set when statements are typed at a terminal.
	Interactive bool
	// Fail reports one error line (the shell adds its prefix and colour
	// and remembers it for the exit code).
	Fail func(msg string)
}

// Run runs one COPY command, text from the word COPY on. Cancelling ctx
// (Ctrl-C) stops it: what was written stays, and it says so.
func Run(ctx context.Context, env *Env, text string) { run(ctx, env, text) }

// run is Run, returning the run (nil when the command did not parse) for
// tests to look into.
func run(ctx context.Context, env *Env, text string) *copyRun {
	cmd, err := parseCopy(text)
	if err != nil {
		env.Fail(err.Error())
		return nil
	}
	r := &copyRun{env: env, cmd: cmd, quiet: !cmd.from && cmd.file == ""}
	r.start(ctx)
	return r
}

// start runs a parsed command: its table, options and direction.
func (r *copyRun) start(ctx context.Context) {
	env, cmd := r.env, r.cmd
	var err error
	ks := cmd.ks
	if ks == "" {
		if ks = env.Keyspace; ks == "" {
			r.fail("Not in any keyspace.")
			return
		}
	}
	if r.table, err = tableMeta(ctx, env.Schema, ks, cmd.table); err != nil {
		r.fail(copyErrText(err))
		return
	}
	merged := mergeCopyOptions(cmd, ks, env.Cqlshrc, r.say)
	if r.opts, err = parseCopyOptions(merged, ks, cmd.table); err != nil {
		r.fail(err.Error())
		return
	}
	r.resolveFormat()
	r.say(fmt.Sprintf("Using %d child processes", r.opts.numProcesses))
	r.cols = cmd.cols
	if r.cols == nil {
		r.cols = r.table.columns
	}
	if cmd.from {
		r.importRows(ctx)
	} else {
		r.exportRows(ctx)
	}
}

// copyRun is one COPY command being run.
type copyRun struct {
	env   *Env
	cmd   *copyCmd
	opts  *copyOptions
	table *copyTable
	cols  []string
	quiet bool // COPY TO STDOUT prints no messages
	// murmur: the ring can be cut into token ranges (COPY TO)
	murmur bool
	// numRead counts the records COPY FROM has read from every source,
	// for SKIPROWS and MAXROWS.
	numRead int
	// limiter paces COPY FROM's rows at INGESTRATE across its files.
	limiter *ingestLimiter
	// peakInFlight is the most COPY FROM batches that were in flight at
	// once (at most NUMPROCESSES x MAXREQUESTS).
	peakInFlight atomic.Int64
}

// say prints one of cqlsh's progress messages on stdout (never captured).
func (r *copyRun) say(msg string) {
	if !r.quiet {
		io.WriteString(r.env.Stdout, msg+"\n")
	}
}

func (r *copyRun) fail(msg string) { r.env.Fail(msg) }

// copyErrText is an error as COPY reports it: the driver's errors in the
// shell's form, COPY's own as they are.
func copyErrText(err error) string {
	if _, ok := err.(copyError); ok {
		return err.Error()
	}
	return pyfmt.Error(err)
}

// copyError is an error whose text is cqlsh's message.
type copyError string

func (e copyError) Error() string { return string(e) }

// tableMeta reads a table's columns from the schema model, in cqlsh's
// order: partition key, clustering key, then the others by name.
func tableMeta(ctx context.Context, sch *schema.Cache, ks, table string) (*copyTable, error) {
	t, err := sch.Table(ctx, ks, table)
	var nf *schema.NotFoundError
	switch {
	case errors.As(err, &nf) && nf.Table == "":
		return nil, copyError(fmt.Sprintf("Keyspace %s not found.", pyfmt.Repr(ks)))
	case errors.As(err, &nf):
		return nil, copyError(fmt.Sprintf("Column family %s not found", table))
	case err != nil:
		return nil, err
	}
	ct := &copyTable{ks: ks, name: table}
	var others []string
	for _, c := range t.Columns {
		switch {
		case c.Kind == "partition_key":
			ct.partition = append(ct.partition, c.Name)
			ct.primary = append(ct.primary, c.Name)
		case c.Kind == "clustering":
			ct.primary = append(ct.primary, c.Name)
		default:
			others = append(others, c.Name)
		}
	}
	slices.Sort(others)
	ct.columns = append(slices.Clone(ct.primary), others...)
	return ct, nil
}

// validateColumns checks the named columns as cqlsh does.
func (r *copyRun) validateColumns() bool {
	if len(r.cols) == 0 {
		r.fail("No column specified")
		return false
	}
	for _, c := range r.cols {
		if !r.table.has(c) {
			r.fail("Invalid column name " + c)
			return false
		}
	}
	return true
}

// columnList is "[a, b, c]" as the Starting message shows it.
func columnList(cols []string) string { return "[" + strings.Join(cols, ", ") + "]" }

// quotedColumns is the columns quoted for CQL, comma-separated.
func quotedColumns(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = cqltype.QuoteIdentifier(c)
	}
	return strings.Join(q, ", ")
}

// describeInterval is a duration as COPY's summary shows it: seconds to
// the millisecond, preceded by whole days, hours and minutes when there
// are any ("1 minute and 15.500 seconds").
func describeInterval(d time.Duration) string {
	secs := d.Seconds()
	var parts []string
	whole := int64(secs)
	for _, u := range []struct {
		n    int64
		name string
	}{{86400, "day"}, {3600, "hour"}, {60, "minute"}} {
		if n := whole / u.n; n > 0 {
			p := fmt.Sprintf("%d %s", n, u.name)
			if n > 1 {
				p += "s"
			}
			parts = append(parts, p)
			whole %= u.n
			secs -= float64(n * u.n)
		}
	}
	words := fmt.Sprintf("%.3f seconds", secs)
	switch len(parts) {
	case 0:
		return words
	case 1:
		return parts[0] + " and " + words
	}
	return strings.Join(parts, ", ") + ", and " + words
}

// rateMeter reports progress as cqlsh does: "Processed: N rows; Rate: ...;
// Avg. rate: ..." redrawn with carriage returns. Periodic updates are
// drawn only on a terminal; the final one is always printed.
type rateMeter struct {
	mu       sync.Mutex   // rows are counted by the reader and the inserter
	write    func(string) // without a line end
	tty      bool
	start    time.Time
	last     time.Time
	interval time.Duration
	rate     float64
	pending  int64
	total    int64
	bar      *progress.Bar // nil: not a terminal
}

// newRateMeter starts the meter. On a terminal it draws a progress bar
// with rows/s and, when total (-1: unknown) is known, the ETA, instead of
// cqlsh's redrawn lines; the final line is printed either way.
func newRateMeter(r *copyRun, total int64) *rateMeter {
	now := time.Now()
	var bar *progress.Bar
	if r.env.Tty && !r.quiet {
		desc := "COPY TO"
		if r.cmd.from {
			desc = "COPY FROM"
		}
		bar = progress.New(r.env.Stdout, total, desc, "rows")
	}
	return &rateMeter{
		bar: bar,
		write: func(s string) {
			if !r.quiet {
				io.WriteString(r.env.Stdout, s)
			}
		},
		tty:   r.env.Tty && !r.quiet,
		start: now, last: now, interval: 250 * time.Millisecond,
	}
}

func (m *rateMeter) add(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pending += int64(n)
	if m.bar != nil {
		m.bar.Add(n)
		return
	}
	if m.tty {
		if now := time.Now(); now.Sub(m.last) >= m.interval {
			m.update(now)
			m.log()
		}
	}
}

func (m *rateMeter) update(now time.Time) {
	if dt := now.Sub(m.last).Seconds(); dt >= 1e-9 {
		r := float64(m.pending) / dt
		if m.rate == 0 {
			m.rate = r
		} else {
			m.rate = (m.rate + r) / 2
		}
	}
	m.last = now
	m.total += m.pending
	m.pending = 0
}

func (m *rateMeter) log() {
	avg := 0.0
	if dt := time.Since(m.start).Seconds(); dt >= 1e-9 {
		avg = float64(m.total) / dt
	}
	m.write(fmt.Sprintf("Processed: %d rows; Rate: %7.0f rows/s; Avg. rate: %7.0f rows/s\r\r", m.total, m.rate, avg))
}

// finish prints the final progress line and returns the total.
func (m *rateMeter) finish() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.bar.Finish()
	m.update(time.Now())
	m.log()
	return m.total
}
