package shell

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/completions"
	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/driver"
)

// command runs one special (shell) command.
func (sh *Shell) command(ctx context.Context, in lineReader, st cql.Statement, line int) {
	words := strings.Fields(strings.TrimSuffix(strings.TrimSpace(st.Text), ";"))
	if len(words) == 0 {
		return
	}
	args := words[1:]
	switch st.Command {
	case "consistency":
		sh.cmdConsistency(args, line)
	case "serial":
		sh.cmdSerial(args, line)
	case "expand":
		sh.toggle("EXPAND", &sh.expand, args, line)
	case "tracing":
		sh.toggle("TRACING", &sh.tracing, args, line)
	case "elapsed":
		sh.toggle("ELAPSED", &sh.elapsed, args, line)
	case "paging":
		sh.cmdPaging(args, line)
	case "show":
		sh.cmdShow(ctx, args, line)
	case "help", "?":
		sh.cmdHelp(args, line)
	case "exit", "quit":
		sh.exit = true
	case "clear", "cls":
		if sh.interactive {
			sh.printInfo("\x1b[H\x1b[2J")
		}
	case "history":
		sh.cmdHistory(args, line)
	case "capture":
		sh.cmdCapture(st.Text, args, line)
	case "source":
		sh.cmdSource(ctx, st.Text, line)
	case "login":
		sh.cmdLogin(ctx, in, args, line)
	case "describe", "desc":
		sh.cmdDescribe(ctx, st.Text, line)
	case "format":
		sh.cmdFormat(args, line)
	case "debug":
		sh.printErr(line, "DEBUG is not available in gocqlsh.")
	case "jobs", "wait", "result", "cancel":
		sh.jobCommand(ctx, st.Command, args, line)
	default:
		sh.printErr(line, fmt.Sprintf("Improper %s command.", strings.ToUpper(words[0])))
	}
}

func (sh *Shell) cmdConsistency(args []string, line int) {
	if len(args) == 0 {
		sh.printInfo("Current consistency level is %s.\n", sh.consistency)
		return
	}
	c, err := driver.ParseConsistency(args[0])
	if err != nil || len(args) > 1 {
		sh.printErr(line, "Improper CONSISTENCY command.")
		return
	}
	sh.consistency = c
	sh.printInfo("Consistency level set to %s.\n", c)
}

func (sh *Shell) cmdSerial(args []string, line int) {
	if len(args) == 0 || !strings.EqualFold(args[0], "consistency") {
		sh.printErr(line, "Improper SERIAL command.")
		return
	}
	args = args[1:]
	if len(args) == 0 {
		sh.printInfo("Current serial consistency level is %s.\n", sh.serialConsistency)
		return
	}
	c, err := driver.ParseConsistency(args[0])
	if err != nil || !c.IsSerial() || len(args) > 1 {
		sh.printErr(line, "Improper SERIAL command.")
		return
	}
	sh.serialConsistency = c
	sh.printInfo("Serial consistency level set to %s.\n", c)
}

// toggle implements the ON/OFF switches with cqlsh 6.2's messages.
func (sh *Shell) toggle(name string, v *bool, args []string, line int) {
	state := func(b bool) string {
		if b {
			return "ON"
		}
		return "OFF"
	}
	if len(args) == 0 {
		sh.printInfo("%s is %s\n", name, state(*v))
		return
	}
	var want bool
	switch strings.ToUpper(args[0]) {
	case "ON":
		want = true
	case "OFF":
		want = false
	default:
		sh.printErr(line, fmt.Sprintf("Improper %s command.", name))
		return
	}
	if len(args) > 1 {
		sh.printErr(line, fmt.Sprintf("Improper %s command.", name))
		return
	}
	if *v == want {
		sh.printInfo("%s is already %s\n", name, state(want))
		return
	}
	*v = want
	sh.printInfo("%s set to %s\n", name, state(want))
}

func (sh *Shell) cmdPaging(args []string, line int) {
	if len(args) == 1 {
		if n, err := strconv.Atoi(args[0]); err == nil && n >= 0 {
			sh.paging = true
			sh.pageSize = n
			sh.printInfo("Page size: %d\n", n)
			return
		}
	}
	before := sh.paging
	sh.toggle("PAGING", &sh.paging, args, line)
	if len(args) == 0 && sh.paging {
		sh.printInfo("Page size: %d\n", sh.pageSize)
	}
	if len(args) == 1 && strings.EqualFold(args[0], "off") && before {
		sh.pageSize = defaultPageSize
	}
	if len(args) == 1 && strings.EqualFold(args[0], "on") {
		sh.printInfo("Page size: %d\n", sh.pageSize)
	}
}

const defaultPageSize = 100

func (sh *Shell) cmdShow(ctx context.Context, args []string, line int) {
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
		sh.printErr(line, FormatError(err))
		return
	}
	quoted := make([]string, 0, 4)
	for _, a := range ring.Replicas(ks, clampToken(token)) {
		quoted = append(quoted, "'"+a+"'")
	}
	sh.printInfo("[%s]\n", strings.Join(quoted, ", "))
}

// clampToken brings a token typed beyond the Murmur3 range into it: a
// token above every ring token, or below every one, lands in the range
// that wraps round, as it does in cqlsh's arbitrary-precision token map.
func clampToken(t *big.Int) int64 {
	switch {
	case t.IsInt64():
		return t.Int64()
	case t.Sign() > 0:
		return math.MaxInt64
	default:
		return math.MinInt64
	}
}

func (sh *Shell) cmdHistory(args []string, line int) {
	n := sh.historySize
	if len(args) > 0 {
		v, err := strconv.Atoi(args[0])
		if err != nil || v <= 0 || len(args) > 1 {
			sh.printErr(line, "Improper HISTORY command.")
			return
		}
		n = v
		sh.historySize = v
	}
	h := sh.history
	if len(h) > n {
		h = h[len(h)-n:]
	}
	for _, l := range h {
		sh.printInfo("%s\n", l)
	}
}

func (sh *Shell) cmdFormat(args []string, line int) {
	if len(args) == 0 {
		sh.printInfo("FORMAT is %s\n", strings.ToUpper(sh.formatName()))
		return
	}
	f := strings.ToLower(args[0])
	switch f {
	case "table", "expanded", "csv", "json":
	default:
		sh.printErr(line, "Improper FORMAT command.")
		return
	}
	sh.setFormat(f)
	sh.printInfo("FORMAT set to %s\n", strings.ToUpper(f))
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

func (sh *Shell) cmdCapture(text string, args []string, line int) {
	if len(args) == 0 {
		if sh.capture != nil {
			sh.printInfo("Currently capturing query output to %s.\n", quoteRepr(sh.capturePath))
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
		sh.printErr(line, fmt.Sprintf("Could not open %s for append: %s", quoteRepr(abs), pyOSError(err)))
		return
	}
	sh.capture, sh.capturePath = f, abs
	sh.out = f
	sh.printInfo("Now capturing query output to %s.\n", quoteRepr(abs))
}

// quoteRepr quotes a path as Python's repr does for plain names.
func quoteRepr(s string) string { return pyStr(s) }

func (sh *Shell) cmdSource(ctx context.Context, text string, line int) {
	path, ok := quotedArg(text)
	if !ok {
		sh.printErr(line, "Improper SOURCE command.")
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		sh.printErr(line, fmt.Sprintf("Could not open %s: %s", quoteRepr(path), pyOSError(err)))
		return
	}
	// A sourced file runs like -f: batch mode, errors prefixed with the
	// file's name; settings are shared with the caller (cqlsh resets some,
	// a divergence listed in the README).
	saveInteractive, saveSource, saveOneLine := sh.interactive, sh.source, sh.oneLine
	sh.interactive, sh.source, sh.oneLine = false, path, false
	sh.runInput(ctx, newPlainReader(strings.NewReader(decodeBOM(data))), 1)
	sh.interactive, sh.source, sh.oneLine = saveInteractive, saveSource, saveOneLine
	sh.exit = false
}

func (sh *Shell) cmdLogin(ctx context.Context, in lineReader, args []string, line int) {
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
		sh.printErr(line, FormatError(err))
		return
	}
	sh.sess.Close()
	sh.sess, sh.conn.cfg = s, cfg
	sh.username = user
	sh.release = ""
	if sh.schema != nil {
		sh.schema = completions.NewCache(s, completions.CacheOptions{})
	}
}
