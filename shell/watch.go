package shell

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/shell/pyfmt"
)

// watchSpec is what WATCH <seconds> [TIMES <n>] <statement> asks for.
type watchSpec struct {
	every time.Duration
	times int    // runs at most; 0 means until Ctrl-C
	text  string // the statement, without its ';'
}

// parseWatch reads WATCH's text (the whole statement, its ';' already
// gone). The statement must be CQL or a shell command that ends at its
// line: COPY, CONCURRENT, COUNT and WATCH itself run too long to repeat.
func parseWatch(text string) (watchSpec, error) {
	var w watchSpec
	words := strings.Fields(text)
	if len(words) < 3 || !strings.EqualFold(words[0], "WATCH") {
		return w, errors.New("Improper WATCH command.")
	}
	secs, err := strconv.ParseFloat(words[1], 64)
	if err != nil || secs <= 0 || secs > 86400 {
		return w, fmt.Errorf("WATCH needs an interval in seconds, more than 0 and at most 86400: %s", words[1])
	}
	w.every = time.Duration(secs * float64(time.Second))
	rest := afterWords(text, 2)
	if strings.EqualFold(words[2], "TIMES") {
		n, err := strconv.Atoi(words[min(3, len(words)-1)])
		if len(words) < 5 || err != nil || n <= 0 {
			return w, errors.New("Improper WATCH command.")
		}
		w.times = n
		rest = afterWords(text, 4)
	}
	w.text = strings.TrimSpace(rest)
	if c := cql.Lookup(firstWord(w.text)); c != nil && c.Ends == cql.AtSemicolon {
		return w, fmt.Errorf("%s cannot be watched.", c.Name)
	}
	return w, nil
}

// afterWords returns text after its first n whitespace-separated words,
// with the statement's own spacing and line breaks kept.
func afterWords(text string, n int) string {
	for ; n > 0; n-- {
		text = strings.TrimLeft(text, " \t\r\n")
		i := strings.IndexAny(text, " \t\r\n")
		if i < 0 {
			return ""
		}
		text = text[i:]
	}
	return text
}

// cmdWatch is WATCH: the statement runs every interval, as psql's \watch
// runs a query. On a terminal each run clears the screen and draws a header
// line (the interval, the statement, the time, the time since the first
// run) above the result; elsewhere runs follow one another, each after its
// header. It stops on Ctrl-C, after TIMES runs, or when a run fails.
func (sh *Shell) cmdWatch(c *call) {
	w, err := parseWatch(strings.TrimSuffix(strings.TrimSpace(c.st.Text), ";"))
	if err != nil {
		sh.printErr(c.line, err.Error())
		return
	}
	ctx, cancel := sh.interruptible(c.ctx)
	defer cancel()
	// Results print whole: a ---MORE--- pause would stop the clock.
	paging := sh.paging
	sh.paging = false
	defer func() { sh.paging = paging }()
	start := time.Now()
	for run := 1; w.times == 0 || run <= w.times; run++ {
		sh.watchHeader(w, start)
		if !sh.watchRun(ctx, w.text, c) || run == w.times || !sleepCtx(ctx, w.every) {
			break
		}
	}
	if ctx.Err() != nil && c.ctx.Err() == nil && sh.interactive {
		sh.printInfo("\n") // after the terminal's ^C, the prompt on a line of its own
	}
}

// watchHeader clears a terminal and prints the header line of a run.
func (sh *Shell) watchHeader(w watchSpec, start time.Time) {
	if sh.interactive && sh.input != nil && sh.capture == nil {
		sh.printInfo("\x1b[H\x1b[2J")
	}
	now := time.Now().In(sh.renderOpts.Location)
	sh.printOut("Every %s: %s    %s    elapsed %s\n", w.every, oneLine(w.text),
		now.Format("2006-01-02 15:04:05"), time.Since(start).Truncate(100*time.Millisecond))
}

// watchRun runs the statement once and reports whether WATCH goes on: not
// after Ctrl-C or an error.
func (sh *Shell) watchRun(ctx context.Context, text string, c *call) bool {
	if cmd := cql.Lookup(firstWord(text)); cmd != nil {
		st := cql.Statement{Text: text, Kind: cql.Shell, Command: strings.ToLower(firstWord(text)), Line: c.st.Line, EndLine: c.st.EndLine}
		failed := sh.hadError
		sh.hadError = false
		sh.runCommand(ctx, c.in, cmd, st, c.line)
		ok := !sh.hadError
		sh.hadError = sh.hadError || failed
		return ok && ctx.Err() == nil
	}
	res, err := sh.sess.ExecuteQuery(ctx, sh.query(text+";"))
	sh.flushNotices()
	if ctx.Err() != nil {
		return false // Ctrl-C: back to the prompt, nothing more to say
	}
	if err != nil {
		sh.printErr(c.line, pyfmt.Error(err))
		return false
	}
	sh.printResult(ctx, res, c.line)
	return ctx.Err() == nil
}

// sleepCtx waits d and reports true, or false as soon as ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
