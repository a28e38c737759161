package shell

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
	"github.com/gocqlsh/gocqlsh/shell/input"
)

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
