package shell

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	prompt "github.com/c-bata/go-prompt"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/internal/version"
	"github.com/gocqlsh/gocqlsh/shell/cqlshrc"
	"github.com/gocqlsh/gocqlsh/shell/input"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// Version is gocqlsh's version.
const Version = "0.1.0"

// Main runs gocqlsh with cqlsh's command line and returns the exit code:
// 0, 1 for a connection failure, 2 for bad options or (in batch mode) any
// statement that failed, 70 for an internal error.
func Main(args []string, stdin, stdout, stderr *os.File) (code int) {
	var sh *Shell
	defer func() {
		// A bug must not leave a raw terminal or a stack trace behind.
		if p := recover(); p != nil {
			if sh != nil && sh.input != nil {
				sh.input.Restore()
			}
			fmt.Fprintf(stderr, "gocqlsh: internal error: %v\n", p)
			code = 70
		}
	}()
	opts, code, done := parseCommandLine(args, stdout, stderr)
	if done {
		return code
	}
	rc, rcPath := loadCqlshrc(opts, stdout)
	sh = newShellFor(opts, rc, rcPath, stdin, stdout, stderr)
	cfg, err := sh.driverConfig(opts, rc, stdin, stderr)
	if err != nil {
		return 2
	}
	// cqlsh opens -f's file before it connects.
	script, err := readScript(opts.File)
	if err != nil {
		fmt.Fprintf(stderr, "Can't open %s: %s\n", pyfmt.Repr(opts.File), pyfmt.OSError(err))
		return 1
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	if err := sh.connect(ctx, cfg); err != nil {
		fmt.Fprintf(stderr, "Connection error: %s\n", connectionError(cfg, err))
		return 1
	}
	defer func() { sh.sess.Close() }()
	sh.runInputs(ctx, opts, rc, script, stdin, stdout)
	return sh.finish(ctx)
}

// parseCommandLine reads the options; done is set when Main must return
// code at once (--help, --version, a usage error).
func parseCommandLine(args []string, stdout, stderr io.Writer) (opts *Options, code int, done bool) {
	const prog = "gocqlsh"
	opts, err := ParseArgs(args)
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "%s\n%s: error: %v\n", UsageLine(prog), prog, err)
		return nil, 2, true
	case opts.Help:
		fmt.Fprint(stdout, Usage(prog))
		return nil, 0, true
	case opts.Version:
		v := version.Get(Version)
		fmt.Fprintf(stdout, "gocqlsh %s (cqlsh %s compatible)\n%s\n", v.Version, CqlshVersion, v)
		return nil, 0, true
	}
	return opts, 0, false
}

// loadCqlshrc reads ~/.cassandra/cqlshrc, or the file --cqlshrc names
// (with cqlsh's warning when it does not exist); a missing file is empty.
func loadCqlshrc(opts *Options, stdout io.Writer) (cqlshrc.INI, string) {
	home, _ := os.UserHomeDir()
	path := filepath.Join(home, ".cassandra", "cqlshrc")
	if opts.Cqlshrc != "" {
		p := cqlshrc.ExpandHome(opts.Cqlshrc)
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(stdout, "\nWarning: Specified cqlshrc location `%s` does not exist.  Using `%s` instead.\n\n", p, path)
		} else {
			path = p
		}
	}
	rc, _ := cqlshrc.Read(path)
	if rc == nil {
		rc = cqlshrc.INI{}
	}
	return rc, path
}

// newShellFor makes the shell the options and cqlshrc describe: its input
// mode, colours, output format and trace wait.
func newShellFor(opts *Options, rc cqlshrc.INI, rcPath string, stdin, stdout, stderr *os.File) *Shell {
	// Input mode: a terminal only when stdin is one and neither -f nor -e
	// is given (or -t forces it).
	batch := opts.File != "" || opts.executeSet
	interactive := input.IsTerminal(stdin) && !batch
	if opts.Tty || strings.EqualFold(rc.Get("ui", "tty"), "true") {
		interactive = !batch
	}
	// Colour: flag, cqlshrc, else a colour-capable terminal.
	var color bool
	switch {
	case opts.Color != nil:
		color = *opts.Color
	case rc.Has("ui", "color"):
		color = isTrue(rc.Get("ui", "color"))
	default:
		t := os.Getenv("TERM")
		color = input.IsTerminal(stdout) && interactive && t != "" && t != "dumb" && t != "vt100" && os.Getenv("NO_COLOR") == ""
	}
	cfg := Config{
		Stdin: stdin, Stdout: stdout, Stderr: stderr,
		Interactive: interactive, Color: color, Cqlshrc: rcPath, Format: opts.Format,
		Expand: rc.Get("ui", "expand"), Pager: rc.Get("ui", "pager"),
		Render: renderOptions(rc, color, interactive, stderr),
	}
	if opts.Pager {
		cfg.Pager = "on"
	}
	if v := rc.Get("tracing", "max_trace_wait"); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 {
			cfg.MaxTraceWait = time.Duration(f * float64(time.Second))
		}
	}
	return NewShell(cfg)
}

// driverConfig resolves the connection's settings, printing cqlsh's
// warnings and, for bad ones, its errors.
func (sh *Shell) driverConfig(opts *Options, rc cqlshrc.INI, stdin *os.File, stderr io.Writer) (driver.Config, error) {
	const prog = "gocqlsh"
	cfg, warn, err := connectionConfig(opts, rc, stdin)
	fmt.Fprint(stderr, warn)
	var ue *UsageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s\n%s: error: %v\n", UsageLine(prog), prog, err)
		return cfg, err
	case err != nil:
		fmt.Fprintln(stderr, err)
		return cfg, err
	}
	sh.requestTimeout = cfg.RequestTimeout
	if opts.Debug {
		fmt.Fprintf(stderr, "Using CQL driver: gocqlsh driver %s\nUsing connect timeout: %d seconds\nUsing '%s' encoding\nUsing ssl: %v\n",
			driver.Version, int(cfg.ConnectTimeout/time.Second), opts.Encoding, cfg.TLS != nil)
	}
	return cfg, nil
}

// readScript reads -f's file ("" reads nothing).
func readScript(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	return os.ReadFile(path)
}

// connect opens the session: host notices and schema-change events wired,
// the named host remembered for LOGIN and the notices.
func (sh *Shell) connect(ctx context.Context, cfg driver.Config) error {
	cfg.OnHostEvent = sh.hostNotice
	// The schema model is kept fresh by schema-change events, ours and
	// other clients'.
	cfg.OnSchemaChange = func(sc *driver.SchemaChange) {
		if c := sh.conn.events.Load(); c != nil {
			c.OnSchemaChange(sc)
		}
	}
	sh.conn.cfg, sh.conn.named = cfg, cfg.Hosts[0]
	sess, err := driver.Connect(ctx, cfg)
	if err != nil {
		return err
	}
	sh.attach(sess)
	sh.username = cfg.Username
	return nil
}

// runInputs runs the statements of the input the options name: -e's text,
// -f's file, the terminal, or piped stdin.
func (sh *Shell) runInputs(ctx context.Context, opts *Options, rc cqlshrc.INI, script []byte, stdin, stdout *os.File) {
	switch {
	case opts.executeSet:
		sh.source, sh.oneLine = "<stdin>", true
		text := opts.Execute
		if !strings.HasSuffix(strings.TrimSpace(text), ";") {
			text += ";"
		}
		sh.runWithSignals(ctx, input.NewString(text), 0)
	case opts.File != "":
		sh.source = opts.File
		sh.runWithSignals(ctx, input.NewStream(strings.NewReader(decodeBOM(script))), 1)
	case sh.interactive && input.IsTerminal(stdin) && input.IsTerminal(stdout):
		sh.runTerminal(ctx, opts, rc, stdin, stdout)
	default:
		sh.source = "<stdin>"
		in := input.NewStream(stdin)
		sh.stdin = in.Buffered()
		if sh.interactive {
			sh.banner(ctx)
		}
		sh.runWithSignals(ctx, in, 1)
	}
}

// runTerminal runs statements typed at a terminal: history loaded and
// saved, the banner, the line editor or cooked mode, the terminal put back.
func (sh *Shell) runTerminal(ctx context.Context, opts *Options, rc cqlshrc.INI, stdin, stdout *os.File) {
	sh.source = ""
	sh.loadHistory(opts.DisableHistory)
	t := input.NewTerminal(input.TerminalConfig{
		In:      stdin,
		Out:     stdout,
		Simple:  opts.SimplePrompt || isTrue(rc.Get("ui", "simple_prompt")),
		History: sh.history,
		// Ctrl-R runs on the input loop's goroutine, while it waits for
		// the line: the history is not being changed meanwhile.
		SearchHistory: func() []string { return sh.history },
		Completer:     sh.completer(),
		Keys:          []prompt.KeyBind{sh.tabKey()},
		Interrupts:    func() chan os.Signal { return sh.sigs },
	})
	defer t.Restore()
	sh.input = t
	sh.termSize = t.Size
	defer sh.saveHistory(opts.DisableHistory)
	sh.banner(ctx)
	sh.runWithSignals(ctx, t, 1)
}

// finish waits for the background jobs, closes CAPTURE's file and returns
// the exit code.
func (sh *Shell) finish(ctx context.Context) int {
	sh.waitJobsAtExit(ctx)
	if sh.capture != nil {
		sh.capture.Close()
	}
	if sh.hadError && !sh.interactive {
		return 2
	}
	return 0
}

func (sh *Shell) banner(ctx context.Context) {
	sh.printInfo("%s\n%s\nUse HELP for help.\n", sh.hostLine(ctx), sh.versionLine(ctx))
}

// hostLine is cqlsh's "Connected to <cluster> at <host>", the cluster's
// name in blue when colour is on (the banner and SHOW HOST).
func (sh *Shell) hostLine(ctx context.Context) string {
	name := sh.clusterName(ctx)
	if sh.color {
		name = "\x1b[0;1;34m" + name + "\x1b[0m"
	}
	return fmt.Sprintf("Connected to %s at %s", name, sh.sess.Host())
}
