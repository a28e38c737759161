package completions

import (
	"slices"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/cql"
)

// Every command of cql's table is offered where a statement starts (unless
// hidden), and every offer of its grammar has a generator.
func TestCommandTableCompletes(t *testing.T) {
	_, start := Complete("", 0, nil, "")
	offered := texts(start)
	for _, c := range cql.Commands() {
		if c.Hidden || c.Ends == cql.TopicOnly {
			continue
		}
		first := c.Name
		if c.Start != "" {
			first = c.Start
		}
		if !slices.Contains(offered, first) {
			t.Errorf("%s is not offered at the start of a statement", c.Name)
		}
		for _, r := range c.Complete {
			for _, o := range r.Offer {
				if _, ok := offerGen(o); !ok {
					t.Errorf("%s: rule %q offers kind %d, which has no generator", c.Name, r.After, o.Kind)
				}
			}
		}
	}
}

// HELP offers every topic: the shell's documented commands and CQL's.
func TestHelpTopicsCompleted(t *testing.T) {
	_, got := Complete("HELP ", 5, nil, "")
	offered := texts(got)
	for _, c := range cql.Commands() {
		for _, w := range c.HelpWords() {
			if !slices.Contains(offered, w) {
				t.Errorf("HELP does not offer %s", w)
			}
		}
	}
	if !slices.Contains(offered, "SELECT_JSON") {
		t.Errorf("HELP does not offer the CQL topics: %q", offered)
	}
}

// A command's rules apply after any of its words, aliases included.
func TestCommandRulesFollowAliases(t *testing.T) {
	for _, in := range []string{"DESCRIBE TYPE ", "desc type "} {
		_, got := Complete(in, len(in), testSchema(), "ks1")
		if len(got) == 0 || !strings.Contains(got[0].Description, "type") {
			t.Errorf("%q: got %v, want user types", in, got)
		}
	}
}
