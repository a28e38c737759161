package shell

import (
	"context"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	"github.com/gocqlsh/gocqlsh/shell/input"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// call is one shell command as typed: its statement, the words after the
// command's word, and the line its errors name.
type call struct {
	ctx  context.Context
	in   input.Reader // where ---MORE---, passwords and COPY FROM STDIN read
	st   cql.Statement
	args []string
	line int
}

// handler is what runs one command of cql's table; background, when set,
// runs it as a job (stmt &).
type handler struct {
	run        func(sh *Shell, c *call)
	background func(sh *Shell, c *call)
}

// handlers maps every command of cql's table (by Name) to its handler;
// TestHandlersCoverTheTable keeps the two in step. Adding a command is one
// entry in cql's table and one here.
func handlers() map[string]handler {
	return map[string]handler{
		"COPY":        {run: (*Shell).cmdCopy},
		"CONSISTENCY": {run: (*Shell).cmdConsistency},
		"SERIAL":      {run: (*Shell).cmdSerial},
		"DESCRIBE":    {run: (*Shell).cmdDescribe},
		"SHOW":        {run: (*Shell).cmdShow},
		"SOURCE":      {run: (*Shell).cmdSource},
		"CAPTURE":     {run: (*Shell).cmdCapture},
		"LOGIN":       {run: (*Shell).cmdLogin},
		"TRACING":     {run: func(sh *Shell, c *call) { sh.toggle("TRACING", &sh.tracing, c) }},
		"EXPAND":      {run: (*Shell).cmdExpand},
		"PAGING":      {run: (*Shell).cmdPaging},
		"EXIT":        {run: func(sh *Shell, _ *call) { sh.exit = true }},
		"HELP":        {run: (*Shell).cmdHelp},
		"CLEAR":       {run: (*Shell).cmdClear},
		"HISTORY":     {run: (*Shell).cmdHistory},
		"ELAPSED":     {run: func(sh *Shell, c *call) { sh.toggle("ELAPSED", &sh.elapsed, c) }},
		"FORMAT":      {run: (*Shell).cmdFormat},
		"CONCURRENT":  {run: (*Shell).cmdConcurrent},
		"COUNT":       {run: (*Shell).cmdCount, background: (*Shell).startCountJob},
		"JOBS":        {run: (*Shell).cmdJobs},
		"WAIT":        {run: (*Shell).cmdWait},
		"RESULT":      {run: (*Shell).cmdResult},
		"CANCEL":      {run: (*Shell).cmdCancel},
		"WATCH":       {run: (*Shell).cmdWatch},
		"PAGER":       {run: (*Shell).cmdPager},
		"DEBUG":       {run: func(sh *Shell, c *call) { sh.printErr(c.line, "DEBUG is not available in gocqlsh.") }},
	}
}

// runCommand runs statement st, which starts with command cmd's word; in
// the background when it ends with '&' and the command can.
func (sh *Shell) runCommand(ctx context.Context, in input.Reader, cmd *cql.Command, st cql.Statement, line int) {
	h := sh.handlers[cmd.Name]
	words := strings.Fields(strings.TrimSuffix(strings.TrimSpace(st.Text), ";"))
	c := &call{ctx: ctx, in: in, st: st, line: line}
	if len(words) > 1 {
		c.args = words[1:]
	}
	switch {
	case h.run == nil: // not reached: TestHandlersCoverTheTable
		sh.printErr(line, fmt.Sprintf("Improper %s command.", cmd.Name))
	case st.Background && cmd.Ends == cql.AtSemicolon && h.background == nil:
		sh.printErr(line, cmd.Name+" cannot run in the background.")
	case st.Background && h.background != nil:
		h.background(sh, c)
	default:
		h.run(sh, c)
	}
}

func (sh *Shell) cmdClear(*call) {
	if sh.interactive {
		sh.printInfo("\x1b[H\x1b[2J")
	}
}

func (sh *Shell) cmdShow(c *call) {
	ctx, args, line := c.ctx, c.args, c.line
	if len(args) == 0 {
		sh.printErr(line, "Improper SHOW command.")
		return
	}
	switch strings.ToLower(args[0]) {
	case "version":
		sh.printInfo("%s\n", sh.versionLine(ctx))
	case "host":
		sh.printInfo("%s\n", sh.hostLine(ctx))
	case "session":
		if len(args) != 2 {
			sh.printErr(line, "Improper SHOW command.")
			return
		}
		sh.showSession(ctx, args[1], line)
	case "hosts":
		if len(args) != 1 {
			sh.printErr(line, "Improper SHOW command.")
			return
		}
		sh.showHosts()
	case "replicas":
		if len(args) < 2 || len(args) > 3 {
			sh.printErr(line, "Improper SHOW command.")
			return
		}
		sh.showReplicas(ctx, args[1:], line)
	default:
		sh.printErr(line, "Improper SHOW command.")
	}
}

// showReplicas is SHOW REPLICAS <token> [<keyspace>]: the nodes holding the
// token's replicas in the keyspace (the current one by default), printed as
// cqlsh prints them, a Python list. The keyspace is taken as typed, as cqlsh
// does, so an unknown name (or none) prints [].
func (sh *Shell) showReplicas(ctx context.Context, args []string, line int) {
	token, ok := new(big.Int).SetString(args[0], 10)
	if !ok || strings.HasPrefix(args[0], "+") { // cqlsh's grammar: -?[0-9]+
		sh.printErr(line, "Improper SHOW command.")
		return
	}
	ks := sh.sess.Keyspace()
	if len(args) == 2 {
		ks = args[1]
	}
	ring, err := sh.sess.Ring(ctx)
	if err != nil {
		sh.printErr(line, pyfmt.Error(err))
		return
	}
	quoted := make([]string, 0, 4)
	for _, a := range ring.Replicas(ks, cql.ClampToken(token)) {
		quoted = append(quoted, "'"+a+"'")
	}
	sh.printInfo("[%s]\n", strings.Join(quoted, ", "))
}

// quotedArg reads the argument of SOURCE and CAPTURE: a single-quoted name
// with ” escapes, or a bare word; "~" is expanded.
func quotedArg(text string) (string, bool) {
	_, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	rest = strings.TrimSuffix(strings.TrimSpace(rest), ";")
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return "", false
	}
	if rest[0] == '\'' {
		if len(rest) < 2 || rest[len(rest)-1] != '\'' {
			return "", false
		}
		rest = strings.ReplaceAll(rest[1:len(rest)-1], "''", "'")
	}
	if strings.HasPrefix(rest, "~") {
		if home, err := os.UserHomeDir(); err == nil {
			rest = filepath.Join(home, rest[1:])
		}
	}
	return rest, true
}

func (sh *Shell) cmdCapture(c *call) {
	text, args, line := c.st.Text, c.args, c.line
	if len(args) == 0 {
		if sh.capture != nil {
			sh.printInfo("Currently capturing query output to %s.\n", pyfmt.Repr(sh.capturePath))
		} else {
			sh.printInfo("Currently not capturing query output.\n")
		}
		return
	}
	if len(args) == 1 && strings.EqualFold(strings.TrimSuffix(args[0], ";"), "off") {
		if sh.capture == nil {
			sh.printInfo("Currently not capturing query output.\n")
			return
		}
		sh.capture.Close()
		sh.capture, sh.capturePath = nil, ""
		sh.out = sh.stdout
		return
	}
	path, ok := quotedArg(text)
	if !ok {
		sh.printErr(line, "Improper CAPTURE command.")
		return
	}
	if sh.capture != nil {
		sh.printErr(line, fmt.Sprintf("Already capturing output to %s. Use CAPTURE OFF to disable.", sh.capturePath))
		return
	}
	abs, _ := filepath.Abs(path)
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		sh.printErr(line, fmt.Sprintf("Could not open %s for append: %s", pyfmt.Repr(abs), pyfmt.OSError(err)))
		return
	}
	sh.capture, sh.capturePath = f, abs
	sh.out = f
	sh.printInfo("Now capturing query output to %s.\n", pyfmt.Repr(abs))
}

func (sh *Shell) cmdSource(c *call) {
	ctx, text, line := c.ctx, c.st.Text, c.line
	path, ok := quotedArg(text)
	if !ok {
		sh.printErr(line, "Improper SOURCE command.")
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		sh.printErr(line, fmt.Sprintf("Could not open %s: %s", pyfmt.Repr(path), pyfmt.OSError(err)))
		return
	}
	// A sourced file runs like -f: batch mode, errors prefixed with the
	// file's name; settings are shared with the caller (cqlsh resets some,
	// a divergence listed in the README).
	saveInteractive, saveSource, saveOneLine := sh.interactive, sh.source, sh.oneLine
	sh.interactive, sh.source, sh.oneLine = false, path, false
	sh.runInput(ctx, input.NewStream(strings.NewReader(decodeBOM(data))), 1)
	sh.interactive, sh.source, sh.oneLine = saveInteractive, saveSource, saveOneLine
	sh.exit = false
}

func (sh *Shell) cmdLogin(c *call) {
	ctx, in, args, line := c.ctx, c.in, c.args, c.line
	if len(args) == 0 || len(args) > 2 {
		sh.printErr(line, "Improper LOGIN command.")
		return
	}
	user := args[0]
	var pass string
	if len(args) == 2 {
		p, ok := quotedArg("x " + args[1])
		if !ok {
			p = args[1]
		}
		pass = p
	} else {
		p, err := readPassword(in)
		if err != nil {
			sh.printErr(line, err.Error())
			return
		}
		pass = p
	}
	cfg := sh.conn.cfg
	cfg.Username, cfg.Password = user, pass
	cfg.Keyspace = sh.sess.Keyspace()
	s, err := driver.Connect(ctx, cfg)
	if err != nil {
		sh.printErr(line, pyfmt.Error(err))
		return
	}
	sh.sess.Close()
	sh.sess, sh.conn.cfg = s, cfg
	sh.username = user
	sh.release = ""
	sh.useSchema(schema.NewCache(s, 0))
}
