// Package shell is gocqlsh's command interpreter: it reads statements from a
// terminal, a pipe, a file or -e (shell/input), runs CQL through the
// driver, runs the shell's own commands (cql's command table names them,
// handlers() here runs them; COPY, CONCURRENT and COUNT are packages of
// their own), and prints results through render with cqlsh's exact strings
// and exit codes.
//
// # State
//
// A Shell is made by NewShell, which holds every default, and holds its
// state in three parts: settings (what CONSISTENCY, PAGING, FORMAT... change),
// output (where and how it writes, CAPTURE, the exit status) and session (the
// connection, the schema model and the keyspace in use). Only the input
// loop's goroutine changes them, except as the locking model says.
//
// # Locking
//
// Shell.mu is the output lock: whoever holds it owns stdout and stderr and
// may change the shell's state. The input loop holds it while it runs a
// foreground statement — the statement's own requests included, since the
// statement is what the user waits for — and releases it while it waits for
// a line, so that background work can print. Background work (a job
// completing, a host notice) prepares its block first, network calls
// included, and takes the lock only to print it and record its outcome; it
// never makes a request under the lock. jobTable.mu guards the job table
// and each job's outcome; it is never held while taking Shell.mu. Signals
// are described in signals.go: their goroutines cancel a context, close a
// channel or end the process, and write no shared state.
package shell

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocqlsh/gocqlsh/completions"
	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/render"
	"github.com/gocqlsh/gocqlsh/shell/input"
)

// Shell is one interactive or batch run of the interpreter.
type Shell struct {
	settings
	output
	session

	cqlshrc string   // the configuration file in use, read again by COPY
	history []string // lines typed, oldest first

	input input.Reader // the terminal, for ---MORE--- and passwords (nil in batch mode)
	// stdin is where CONCURRENT ... FROM '-' reads CSV: the piped input's
	// own buffered reader when statements come from stdin, so both share it.
	stdin io.Reader
	exit  bool // EXIT: the input loop stops

	mu         sync.Mutex     // the output lock; see the package doc
	inputDepth int            // nesting of runInput (SOURCE)
	sigs       chan os.Signal // SIGINT while statements run; see signals.go

	jobs     *jobTable
	splitter *cql.Splitter // the statement being typed (for completion)
	tab      *tabCompletion
	handlers map[string]handler // by command name; see handlers()
}

// settings are what the shell's commands and options change, each with
// the default NewShell gives it.
type settings struct {
	consistency       driver.Consistency // CONSISTENCY (ONE)
	serialConsistency driver.Consistency // SERIAL CONSISTENCY (SERIAL)
	paging            bool               // PAGING (on)
	pageSize          int                // PAGING <n> (100)
	expand            expandMode         // EXPAND (OFF), [ui] expand
	pager             string             // PAGER: "" (OFF), "on" or a command; --pager, [ui] pager
	tracing           bool               // TRACING
	elapsed           bool               // ELAPSED
	format            render.Format      // FORMAT, --format (table)
	renderOpts        render.Options     // [ui] and the environment
	maxTraceWait      time.Duration      // [tracing] max_trace_wait (10 s)
	requestTimeout    time.Duration      // --request-timeout, for COUNT's ranges
	historySize       int                // HISTORY <n> (50)
}

// output is where the shell writes, how, and whether anything failed.
type output struct {
	out         io.Writer // query output: stdout, or the CAPTURE file
	stdout      io.Writer // shell messages, never captured
	errw        io.Writer
	interactive bool   // prompts, ---MORE---, banner; errors unprefixed
	source      string // name used to prefix errors in batch mode
	oneLine     bool   // -e: every error is reported on line 1, as cqlsh does
	color       bool
	capture     *os.File // CAPTURE's file, nil when off
	capturePath string
	hadError    bool // a statement failed: exit code 2 in batch mode
	// termSize is the terminal's size now (columns, rows), 0 when unknown;
	// nil when statements are not typed at a terminal.
	termSize func() (cols, rows int)
}

// session is the connection and what the shell keeps about it.
type session struct {
	sess     *driver.Session
	conn     connParams
	schema   *schema.Cache      // the schema model: COPY, COUNT, DESCRIBE, colours
	names    *completions.Names // the schema's names for completion
	keyspace string             // for the prompt
	release  string             // the node's release_version, once read
	username string
}

// connParams is what LOGIN needs to open a new session like this one.
type connParams struct {
	cfg driver.Config
	// named is the host given on the command line (its first one), which
	// interactive statements go to while it is up.
	named     string
	namedDown atomic.Bool // a notice said it is down
	nmu       sync.Mutex
	notices   []string // host notices waiting for the output lock
	// events is the schema cache that schema-change events invalidate: the
	// driver calls OnSchemaChange on a goroutine of its own, from before
	// Connect returns, and LOGIN replaces the cache.
	events atomic.Pointer[schema.Cache]
}

// Config is what a Shell is made of: where it reads and writes, and what
// the command line and cqlshrc chose. Zero values take the defaults.
type Config struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Interactive: statements are typed at a terminal (prompts, banner,
	// errors without a line prefix).
	Interactive bool
	Color       bool
	// Source names the input in error prefixes ("<stdin>", the -f file).
	Source string
	// Cqlshrc is the configuration file in use.
	Cqlshrc string
	// Format is the output format (table, expanded, csv, json).
	Format string
	// Expand is EXPAND's starting mode ("on", "off", "auto"; "" is off),
	// from cqlshrc's [ui] expand.
	Expand string
	// Pager is PAGER's starting setting ("on", "off", a command; "" is
	// off), from --pager or cqlshrc's [ui] pager.
	Pager string
	// Render holds the [ui] options (precision, time format, time zone).
	Render render.Options
	// MaxTraceWait bounds how long a trace is waited for.
	MaxTraceWait time.Duration
	// RequestTimeout is the driver's, which COUNT's ranges keep.
	RequestTimeout time.Duration
}

// Defaults of the settings.
const (
	defaultPageSize     = 100
	defaultHistorySize  = 50
	defaultMaxTraceWait = 10 * time.Second
)

// NewShell returns a shell with cfg's choices and every other setting at
// its default, not yet connected (see connect and attach).
func NewShell(cfg Config) *Shell {
	sh := &Shell{
		settings: settings{
			consistency:       driver.One,
			serialConsistency: driver.Serial,
			paging:            true,
			pageSize:          defaultPageSize,
			renderOpts:        cfg.Render,
			maxTraceWait:      cfg.MaxTraceWait,
			requestTimeout:    cfg.RequestTimeout,
			historySize:       defaultHistorySize,
		},
		output: output{
			out: cfg.Stdout, stdout: cfg.Stdout, errw: cfg.Stderr,
			interactive: cfg.Interactive, source: cfg.Source, color: cfg.Color,
		},
		cqlshrc:  cfg.Cqlshrc,
		stdin:    cfg.Stdin,
		jobs:     newJobTable(),
		handlers: handlers(),
	}
	if sh.maxTraceWait <= 0 {
		sh.maxTraceWait = defaultMaxTraceWait
	}
	if sh.renderOpts.Location == nil {
		sh.renderOpts.Location = time.UTC
	}
	sh.expand, _ = parseExpand(cfg.Expand)
	sh.setPager(cfg.Pager)
	if !sh.setFormat(cfg.Format) {
		sh.setFormat("table")
	}
	return sh
}

// attach makes sess the shell's session, with a schema model of its own.
func (sh *Shell) attach(sess *driver.Session) {
	sh.sess = sess
	sh.useSchema(schema.NewCache(sess, 0))
	sh.keyspace = sess.Keyspace()
}

// printOut writes query output (captured when CAPTURE is on).
func (sh *Shell) printOut(format string, args ...any) {
	fmt.Fprintf(sh.out, format, args...)
}

// printInfo writes shell messages that are never captured (stdout).
func (sh *Shell) printInfo(format string, args ...any) {
	fmt.Fprintf(sh.stdout, format, args...)
}

// printErr reports an error as cqlsh does: prefixed with <source>:<line>:
// in batch mode, red when colour is on, and remembered for the exit code.
func (sh *Shell) printErr(line int, msg string) {
	sh.hadError = true
	prefix := ""
	if sh.oneLine {
		line = 1
	}
	if !sh.interactive && sh.source != "" {
		prefix = fmt.Sprintf("%s:%d:", sh.source, line)
	}
	text := prefix + msg
	if sh.color {
		text = "\x1b[0;1;31m" + text + "\x1b[0m"
	}
	fmt.Fprintln(sh.errw, text)
}
