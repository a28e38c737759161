package shell

import (
	"io"
	"os"
	"strings"
)

// defaultPager is the pager of PAGER ON when $PAGER is not set: less
// chopping long lines (-S: wide tables scroll sideways), keeping colours
// (-R), quitting at once when everything fits (-F) and leaving the output
// on the screen (-X).
const defaultPager = "less -SRFX"

// pagerCommand is the command results go through at a terminal, "" when
// PAGER is OFF. sh.pager is "" (OFF), "on" ($PAGER, else defaultPager) or
// a command of the user's.
func (sh *Shell) pagerCommand() string {
	switch sh.pager {
	case "":
		return ""
	case "on":
		if p := strings.TrimSpace(os.Getenv("PAGER")); p != "" {
			return p
		}
		return defaultPager
	}
	return sh.pager
}

// setPager reads PAGER's argument or cqlshrc's [ui] pager: ON, OFF (or the
// words cqlshrc uses for true and false) or a command.
func (sh *Shell) setPager(arg string) {
	arg = strings.TrimSpace(arg)
	switch strings.ToLower(arg) {
	case "", "off", "false", "no", "0":
		sh.pager = ""
	case "on", "true", "yes", "1":
		sh.pager = "on"
	default:
		sh.pager = arg
	}
}

// cmdPager is PAGER [ON | OFF | <command>].
func (sh *Shell) cmdPager(c *call) {
	arg := strings.TrimSpace(strings.TrimSuffix(afterWords(strings.TrimSpace(c.st.Text), 1), ";"))
	// A command holding "--" or ";" is given quoted ('less --chop-long-lines'),
	// since unquoted the lexer takes them for a comment or the end.
	if n := len(arg); n >= 2 && arg[0] == '\'' && arg[n-1] == '\'' {
		arg = strings.ReplaceAll(arg[1:n-1], "''", "'")
	}
	if arg == "" {
		if sh.pager == "" {
			sh.printInfo("PAGER is OFF\n")
			return
		}
		sh.printInfo("PAGER is ON (%s)\n", sh.pagerCommand())
		return
	}
	sh.setPager(arg)
	if sh.pager == "" {
		sh.printInfo("PAGER set to OFF\n")
		return
	}
	sh.printInfo("PAGER set to ON (%s)\n", sh.pagerCommand())
}

// pagedOutput is where a result is written: through the pager when PAGER
// is on and statements are typed at a sized terminal, with output not
// captured; else the query output. pager is nil when there is none; the
// caller closes it after the result.
func (sh *Shell) pagedOutput() (io.Writer, *pagerWriter) {
	command := sh.pagerCommand()
	if command == "" || sh.termSize == nil || sh.capture != nil || !sh.interactive {
		return sh.out, nil
	}
	cols, rows := sh.termSize()
	if cols <= 0 || rows <= 0 {
		return sh.out, nil
	}
	p := newPagerWriter(sh.out, sh.errw, command, cols, rows, sh.sigs)
	return p, p
}
