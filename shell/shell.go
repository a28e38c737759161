// Package shell is gocqlsh's command interpreter: it reads statements from a
// terminal, a pipe, a file or -e, runs CQL through the driver, handles
// cqlsh's special commands, and prints results through render with cqlsh's
// exact strings and exit codes.
package shell

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
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

// Shell holds one session's state: the connection and every setting the
// special commands change.
type Shell struct {
	sess *driver.Session
	conn connParams

	out    io.Writer // query output (stdout, or stdout + capture)
	stdout io.Writer
	errw   io.Writer

	interactive bool   // prompts, ---MORE---, banner; errors unprefixed
	source      string // name used to prefix errors in batch mode
	cqlshrc     string // the configuration file in use, read again by COPY
	oneLine     bool   // -e: every error is reported on line 1, as cqlsh does
	color       bool

	consistency       driver.Consistency
	serialConsistency driver.Consistency
	paging            bool
	pageSize          int
	expand            bool
	tracing           bool
	elapsed           bool
	format            render.Format
	renderOpts        render.Options
	maxTraceWait      time.Duration
	requestTimeout    time.Duration

	keyspace string // for the prompt
	release  string // the node's release_version, once read
	username string

	capture     *os.File
	capturePath string

	history     []string
	historySize int

	input    input.Reader // for ---MORE--- and password prompts
	hadError bool
	exit     bool

	// mu serialises output blocks: the input loop holds it while it runs
	// a statement (so a background job's block never lands inside a
	// foreground result) and releases it while it waits for input.
	mu         sync.Mutex
	inputDepth int            // nesting of runInput (SOURCE), main goroutine only
	sigs       chan os.Signal // SIGINT/SIGTERM while statements run

	// stdin is where CONCURRENT ... FROM '-' reads CSV: the piped input's
	// own buffered reader when statements come from stdin, so both share it.
	stdin io.Reader

	jobs *jobTable

	splitter *cql.Splitter      // the statement being typed (for completion)
	schema   *schema.Cache      // the schema model: COPY, COUNT, DESCRIBE, colours
	names    *completions.Names // schema names for completion (interactive only)
	tab      *tabCompletion

	handlers map[string]handler // by command name; see handlers()
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

// prompt is cqlsh's prompt: "cqlsh> ", "cqlsh:ks> ", "user@cqlsh:ks> ".
func (sh *Shell) prompt() string {
	p := "cqlsh"
	if sh.keyspace != "" {
		p += ":" + sh.keyspace
	}
	p += "> "
	if sh.username != "" {
		p = sh.username + "@" + p
	}
	return p
}

// continuation is "   ... " padded to the width of the prompt without the
// user name, as cqlsh pads it.
func (sh *Shell) continuation() string {
	w := len("cqlsh> ")
	if sh.keyspace != "" {
		w += len(sh.keyspace) + 1
	}
	return strings.Repeat(" ", w-len("... ")) + "... "
}

// runInput reads statements from in until it ends or EXIT.
func (sh *Shell) runInput(ctx context.Context, in input.Reader, firstLine int) {
	if sh.inputDepth == 0 {
		sh.mu.Lock()
		defer sh.mu.Unlock()
	}
	sh.inputDepth++
	defer func() { sh.inputDepth-- }()
	sp := cql.NewSplitter(firstLine)
	if sh.interactive {
		sh.splitter = sp
	}
	emptyConts := 0
	for !sh.exit {
		p := sh.prompt()
		if sp.Pending() {
			p = sh.continuation()
		}
		sh.mu.Unlock() // background blocks may print while we wait
		sh.yieldToJobs()
		line, err := in.ReadLine(p)
		sh.mu.Lock()
		if err == input.ErrInterrupted {
			sp.Reset()
			emptyConts = 0
			continue
		}
		if err != nil {
			if err != io.EOF {
				sh.printErr(0, err.Error())
			}
			if sh.interactive {
				fmt.Fprintln(sh.stdout)
			}
			break
		}
		if sh.interactive && sp.Pending() && strings.TrimSpace(line) == "" {
			emptyConts++
			if emptyConts == 3 {
				sh.printInfo("Statements are terminated with a ';'.  You can press CTRL-C to cancel an incomplete statement.\n")
				emptyConts = 0
			}
		} else {
			emptyConts = 0
		}
		wasPending := sp.Pending()
		stmts := sp.Feed(line + "\n")
		if sh.interactive && (strings.TrimSpace(line) != "" || wasPending) {
			sh.addHistory(line, wasPending)
		}
		for _, st := range stmts {
			sh.run(ctx, in, st)
			if sh.exit {
				return
			}
		}
	}
	if st, ok := sp.Flush(); ok && !sh.exit {
		if st.Incomplete {
			sh.printErr(st.EndLine+1, "Incomplete statement at end of file")
		} else {
			sh.run(ctx, in, st)
		}
	}
}

// run executes one statement of any kind.
func (sh *Shell) run(ctx context.Context, in input.Reader, st cql.Statement) {
	errLine := st.EndLine + 1
	switch st.Kind {
	case cql.Error:
		sh.printErr(errLine, st.Text)
		return
	case cql.Shell:
		sh.runCommand(ctx, in, cql.Lookup(st.Command), st, errLine)
		return
	}
	if cmd := cql.Lookup(firstWord(st.Text)); cmd != nil && cmd.Ends == cql.AtSemicolon {
		sh.runCommand(ctx, in, cmd, st, errLine)
		return
	}
	if st.Background {
		sh.startJob(ctx, st, errLine)
		return
	}
	// The terminator goes to the server too, as cqlsh sends it: the
	// server's syntax errors quote the tokens that follow ("[x]...").
	sh.execCQL(ctx, st.Text+";", errLine)
}

func firstWord(s string) string {
	s = strings.TrimSpace(s)
	for i, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '(' || r == ';' {
			return s[:i]
		}
	}
	return s
}

func (sh *Shell) addHistory(line string, continued bool) {
	if isSensitive(line) {
		return
	}
	if continued && len(sh.history) > 0 {
		sh.history[len(sh.history)-1] += " " + strings.TrimSpace(line)
		return
	}
	sh.history = append(sh.history, strings.TrimSpace(line))
}

// isSensitive reports lines that must never reach history: LOGIN, and
// statements that carry passwords (CREATE/ALTER ROLE/USER ... PASSWORD).
func isSensitive(line string) bool {
	l := strings.ToLower(line)
	return strings.HasPrefix(strings.TrimSpace(l), "login") || strings.Contains(l, "password")
}
