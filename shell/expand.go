package shell

import (
	"fmt"
	"strings"
)

// expandMode is EXPAND's setting. OFF and ON are cqlsh's; AUTO is gocqlsh's
// own: on a terminal, a page of a table result that would be wider than
// the screen prints in the expanded "@ Row N" form, narrower ones as a
// table.
type expandMode uint8

const (
	expandOff expandMode = iota
	expandOn
	expandAuto
)

func (m expandMode) String() string {
	switch m {
	case expandOn:
		return "ON"
	case expandAuto:
		return "AUTO"
	}
	return "OFF"
}

// parseExpand reads ON, OFF or AUTO in any case; "" is OFF.
func parseExpand(s string) (expandMode, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "OFF", "FALSE", "NO":
		return expandOff, true
	case "ON", "TRUE", "YES":
		return expandOn, true
	case "AUTO":
		return expandAuto, true
	}
	return expandOff, false
}

// cmdExpand is EXPAND [ON | OFF | AUTO], with cqlsh 6.2's messages for ON
// and OFF and the same forms for AUTO.
func (sh *Shell) cmdExpand(c *call) {
	if len(c.args) == 0 {
		sh.printInfo("EXPAND is %s\n", sh.expand)
		return
	}
	m, ok := parseExpand(c.args[0])
	if !ok || len(c.args) > 1 || strings.TrimSpace(c.args[0]) == "" {
		sh.printErr(c.line, fmt.Sprintf("Improper %s command.", "EXPAND"))
		return
	}
	if m == sh.expand {
		sh.printInfo("EXPAND is already %s\n", m)
		return
	}
	sh.expand = m
	sh.printInfo("EXPAND set to %s\n", m)
}

// autoExpandWidth is the screen width EXPAND AUTO compares tables with
// (render.Options.ExpandWiderThan): the terminal's width when it is AUTO
// and statements are typed at a sized terminal, else 0 (never expanded).
func (sh *Shell) autoExpandWidth() int {
	if sh.expand != expandAuto || sh.termSize == nil {
		return 0
	}
	cols, _ := sh.termSize()
	return max(cols, 0)
}
