package shell

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/cqltype"
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

// copyRun is one COPY command being run: the shell, where its messages go
// and the statement's line for error prefixes.
type copyRun struct {
	sh    *Shell
	line  int
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
}

// say prints one of cqlsh's progress messages on stdout (never captured).
func (r *copyRun) say(msg string) {
	if !r.quiet {
		r.sh.printInfo("%s\n", msg)
	}
}

func (r *copyRun) fail(msg string) { r.sh.printErr(r.line, msg) }

// copy runs a COPY command.
func (sh *Shell) copy(ctx context.Context, in lineReader, st cql.Statement, line int) {
	cmd, err := parseCopy(st.Text)
	if err != nil {
		sh.printErr(line, err.Error())
		return
	}
	ctx, cancel := sh.interruptible(ctx)
	defer cancel()
	r := &copyRun{sh: sh, line: line, cmd: cmd, quiet: !cmd.from && cmd.file == ""}
	ks := cmd.ks
	if ks == "" {
		ks = sh.keyspace
		if ks == "" {
			r.fail("Not in any keyspace.")
			return
		}
	}
	r.table, err = sh.copyTableMeta(ctx, ks, cmd.table)
	if err != nil {
		r.fail(copyErrText(err))
		return
	}
	merged := mergeCopyOptions(cmd, ks, r.sh.cqlshrc, r.say)
	r.opts, err = parseCopyOptions(merged, ks, cmd.table)
	if err != nil {
		r.fail(err.Error())
		return
	}
	r.say(fmt.Sprintf("Using %d child processes", r.opts.numProcesses))
	r.cols = cmd.cols
	if r.cols == nil {
		r.cols = r.table.columns
	}
	if cmd.from {
		r.importRows(ctx, in)
	} else {
		r.exportRows(ctx)
	}
}

// copyErrText is an error as COPY reports it: the driver's errors in the
// shell's form, COPY's own as they are.
func copyErrText(err error) string {
	if _, ok := err.(copyError); ok {
		return err.Error()
	}
	return FormatError(err)
}

// copyError is an error whose text is cqlsh's message.
type copyError string

func (e copyError) Error() string { return string(e) }

// copyTableMeta reads a table's columns from system_schema.
func (sh *Shell) copyTableMeta(ctx context.Context, ks, table string) (*copyTable, error) {
	res, err := sh.sess.ExecuteQuery(ctx, &driver.Query{
		Statement: "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", Args: []any{ks},
		Consistency: driver.One,
	})
	if err != nil {
		return nil, err
	}
	if res.NumRows() == 0 {
		return nil, copyError(fmt.Sprintf("Keyspace %s not found.", pyRepr(ks)))
	}
	res, err = sh.sess.ExecuteQuery(ctx, &driver.Query{
		Statement:   "SELECT column_name, kind, position FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?",
		Args:        []any{ks, table},
		Consistency: driver.One, PageSize: -1,
	})
	if err != nil {
		return nil, err
	}
	if res.NumRows() == 0 {
		return nil, copyError(fmt.Sprintf("Column family %s not found", table))
	}
	t := &copyTable{ks: ks, name: table}
	// Partition key columns, then clustering ones, each by position; the
	// others keep system_schema's (alphabetical) order.
	type column struct {
		name string
		rank int
		pos  int32
	}
	cols := make([]column, 0, res.NumRows())
	for i := range res.NumRows() {
		nv, _ := res.Value(i, 0)
		kv, _ := res.Value(i, 1)
		pv, _ := res.Value(i, 2)
		c := column{rank: 2}
		c.name, _ = nv.(string)
		c.pos, _ = pv.(int32)
		switch kv {
		case "partition_key":
			c.rank = 0
		case "clustering":
			c.rank = 1
		}
		cols = append(cols, c)
	}
	slices.SortStableFunc(cols, func(a, b column) int {
		if a.rank != b.rank || a.rank == 2 {
			return cmp.Compare(a.rank, b.rank)
		}
		return cmp.Compare(a.pos, b.pos)
	})
	for _, c := range cols {
		if c.rank == 0 {
			t.partition = append(t.partition, c.name)
		}
		if c.rank < 2 {
			t.primary = append(t.primary, c.name)
		}
		t.columns = append(t.columns, c.name)
	}
	return t, nil
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
}

func newRateMeter(r *copyRun) *rateMeter {
	now := time.Now()
	tty := false
	if f, ok := r.sh.stdout.(*os.File); ok {
		tty = isTerminal(f)
	}
	return &rateMeter{
		write: func(s string) {
			if !r.quiet {
				r.sh.printInfo("%s", s)
			}
		},
		tty:   tty && !r.quiet,
		start: now, last: now, interval: 250 * time.Millisecond,
	}
}

func (m *rateMeter) add(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pending += int64(n)
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
	m.update(time.Now())
	m.log()
	return m.total
}
