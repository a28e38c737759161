package completions

import (
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// commandRules translates the completion grammar of cql's command table
// into rules: each rule's pattern is the command's words followed by the
// rule's After.
func commandRules() []rule {
	var rs []rule
	for _, c := range cql.Commands() {
		head := strings.Join(c.Words(), "|")
		for _, r := range c.Complete {
			p := head
			if r.After != "" {
				p += " " + r.After
			}
			rs = append(rs, rule{p: p, str: r.InString, when: ruleCondition(r), g: offerGens(r.Offer)})
		}
	}
	return rs
}

// ruleCondition is a rule's depth and keyword conditions as a predicate
// (nil for none).
func ruleCondition(r cql.Rule) func(*state) bool {
	var ps []func(*state) bool
	switch r.Depth {
	case cql.TopLevel:
		ps = append(ps, depth0)
	case cql.InParens:
		ps = append(ps, depth1)
	}
	if r.Unless != "" {
		ps = append(ps, without(r.Unless))
	}
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return ps[0]
	}
	return all(ps...)
}

// offerGens maps a rule's offers to the generators that produce them.
func offerGens(offers []cql.Offer) []gen {
	gs := make([]gen, 0, len(offers))
	for _, o := range offers {
		if g, ok := offerGen(o); ok {
			gs = append(gs, g)
		}
	}
	return gs
}

// offerGen is the generator of one offer; false for a kind it does not
// know (a test keeps the table free of those).
func offerGen(o cql.Offer) (gen, bool) {
	switch o.Kind {
	case cql.Keywords:
		return kw(o.Words...), true
	case cql.Keyspaces:
		return keyspaces(false), true
	case cql.Tables:
		return named(objTables), true
	case cql.TablesAndViews:
		return named(objTablesViews), true
	case cql.Types:
		return named(objTypes), true
	case cql.Functions:
		return named(objFunctions), true
	case cql.Aggregates:
		return named(objAggregates), true
	case cql.Indexes:
		return named(objIndexes), true
	case cql.Views:
		return named(objViews), true
	case cql.UnusedColumns:
		return cols(colUnused), true
	case cql.Quote:
		return openQuote, true
	case cql.Files:
		return files, true
	case cql.Topics:
		return kw(cql.HelpTopics()...), true
	}
	return nil, false
}
