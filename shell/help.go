package shell

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// cqlDocURL is where HELP sends CQL topics.
const cqlDocURL = "https://cassandra.apache.org/doc/latest/cassandra/developing/cql/index.html"

// cmdHelp is HELP [<topic> ...]: the topics (cql's command table and CQL's
// topics), or each topic's text.
func (sh *Shell) cmdHelp(c *call) {
	if len(c.args) == 0 {
		sh.printInfo("\nDocumented shell commands:\n===========================\n%s\n", columnize(cql.DocumentedCommands(), 79))
		sh.printInfo("CQL help topics:\n================\n%s\n", columnize(cql.CQLTopics(), 79))
		return
	}
	for _, a := range c.args {
		t := strings.ToUpper(a)
		if cmd := cql.Lookup(t); cmd != nil && slices.Contains(cmd.HelpWords(), t) {
			sh.printInfo("\n%s\n\n", cmd.HelpText(t))
			continue
		}
		if slices.Contains(cql.CQLTopics(), t) {
			sh.printInfo("See the CQL documentation for %s: %s\n", t, cqlDocURL)
			continue
		}
		sh.printErr(c.line, fmt.Sprintf("*** No help on %s", a))
	}
}
