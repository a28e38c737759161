package shell

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/render"
)

// The commands that change a setting: CONSISTENCY, SERIAL CONSISTENCY,
// TRACING, EXPAND, ELAPSED, PAGING, FORMAT and HISTORY's size.

func (sh *Shell) cmdConsistency(c *call) {
	args, line := c.args, c.line
	if len(args) == 0 {
		sh.printInfo("Current consistency level is %s.\n", sh.consistency)
		return
	}
	level, err := driver.ParseConsistency(args[0])
	if err != nil || len(args) > 1 {
		sh.printErr(line, "Improper CONSISTENCY command.")
		return
	}
	sh.consistency = level
	sh.printInfo("Consistency level set to %s.\n", level)
}

func (sh *Shell) cmdSerial(c *call) {
	args, line := c.args, c.line
	if len(args) == 0 || !strings.EqualFold(args[0], "consistency") {
		sh.printErr(line, "Improper SERIAL command.")
		return
	}
	args = args[1:]
	if len(args) == 0 {
		sh.printInfo("Current serial consistency level is %s.\n", sh.serialConsistency)
		return
	}
	level, err := driver.ParseConsistency(args[0])
	if err != nil || !level.IsSerial() || len(args) > 1 {
		sh.printErr(line, "Improper SERIAL command.")
		return
	}
	sh.serialConsistency = level
	sh.printInfo("Serial consistency level set to %s.\n", level)
}

// toggle implements the ON/OFF switches with cqlsh 6.2's messages.
func (sh *Shell) toggle(name string, v *bool, c *call) {
	args, line := c.args, c.line
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

func (sh *Shell) cmdPaging(c *call) {
	args := c.args
	if len(args) == 1 {
		if n, err := strconv.Atoi(args[0]); err == nil && n >= 0 {
			sh.paging = true
			sh.pageSize = n
			sh.printInfo("Page size: %d\n", n)
			return
		}
	}
	before := sh.paging
	sh.toggle("PAGING", &sh.paging, c)
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

func (sh *Shell) cmdHistory(c *call) {
	args, line := c.args, c.line
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

func (sh *Shell) cmdFormat(c *call) {
	args, line := c.args, c.line
	if len(args) == 0 {
		sh.printInfo("FORMAT is %s\n", strings.ToUpper(sh.formatName()))
		return
	}
	f := strings.ToLower(args[0])
	switch f {
	case "table", "expanded", "csv", "json", "box":
	default:
		sh.printErr(line, "Improper FORMAT command.")
		return
	}
	sh.setFormat(f)
	sh.printInfo("FORMAT set to %s\n", strings.ToUpper(f))
}

// setFormat chooses the output format ("table", "expanded", "csv",
// "json", "box"); it reports false, changing nothing, for another name.
func (sh *Shell) setFormat(name string) bool {
	f, err := render.ParseFormat(name)
	if err != nil {
		return false
	}
	sh.format = f
	return true
}

func (sh *Shell) formatName() string {
	return sh.currentFormat().String()
}

// currentFormat is the format in force: EXPAND ON turns tables expanded.
func (sh *Shell) currentFormat() render.Format {
	if sh.expand == expandOn && sh.format == render.FormatTable {
		return render.FormatExpanded
	}
	return sh.format
}
