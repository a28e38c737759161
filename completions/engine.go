package completions

import (
	"strings"

	"github.com/gocqlsh/gocqlsh/cql"
)

// rule maps a token context to candidate generators. The first rule whose
// pattern (and predicate) matches decides; a rule without generators stops
// the search and offers nothing.
type rule struct {
	p    string            // pattern source, see compile
	str  bool              // applies only inside an open string
	when func(*state) bool // optional extra condition
	g    []gen             // candidate generators, in output order
	pat  pattern           // compiled p
}

// engine is the compiled rule table, indexed by statement head.
type engine struct {
	byHead  map[string][]*rule
	generic []*rule // rules whose pattern does not start with a literal
}

// theEngine is compiled once from ruleTable and never modified.
var theEngine = newEngine(ruleTable())

// newEngine compiles rules and indexes them by their first keyword. Each
// head's list keeps the rules (including the generic ones) in table order.
func newEngine(rules []rule) *engine {
	e := &engine{byHead: make(map[string][]*rule)}
	for i := range rules {
		r := &rules[i]
		r.pat = compile(r.p)
		hs := r.pat.heads()
		if hs == nil {
			e.generic = append(e.generic, r)
			for h := range e.byHead {
				e.byHead[h] = append(e.byHead[h], r)
			}
			continue
		}
		for _, h := range hs {
			if _, ok := e.byHead[h]; !ok {
				e.byHead[h] = append([]*rule(nil), e.generic...)
			}
			e.byHead[h] = append(e.byHead[h], r)
		}
	}
	return e
}

// find returns the first rule that matches toks in st's context.
func (e *engine) find(st *state, toks []tok) *rule {
	rules := e.generic
	if len(toks) > 0 {
		if rs, ok := e.byHead[toks[0].up]; ok && toks[0].kind != cql.TokQuotedName {
			rules = rs
		}
	}
	for _, r := range rules {
		if r.str != st.inString || (r.when != nil && !r.when(st)) {
			continue
		}
		if r.pat.match(toks) {
			return r
		}
	}
	return nil
}

// run computes the suggestions. Phrases already begun ("ORDER" before the
// word, with "ORDER BY" expected) are continued first; otherwise the rule
// for the tokens before the word decides.
func (st *state) run() []Suggestion {
	c := &collector{word: st.word, filter: true}
	if !st.inString && st.qual == "" {
		complete := false
		for k := 2; k >= 1; k-- {
			if st.continuePhrases(k, c) {
				complete = true
			}
		}
		// A begun phrase wins, unless its words also form a keyword of
		// their own ("IF" before a condition as well as "IF EXISTS").
		if len(c.list) > 0 && !complete {
			return c.list
		}
	}
	if r := theEngine.find(st, st.toks); r != nil {
		for _, g := range r.g {
			c.next()
			g(st, c)
		}
	}
	return c.list
}

// continuePhrases offers the rest of the keyword phrases whose first k words
// are the last k tokens before the word. It reports whether those k words
// are also a complete keyword in that place.
func (st *state) continuePhrases(k int, c *collector) (complete bool) {
	n := len(st.toks)
	if n <= k {
		return false
	}
	tail := st.toks[n-k:]
	for _, t := range tail {
		if t.kind != cql.TokIdent || t.ks != "" {
			return false
		}
	}
	full := st.toks
	st.toks = full[:n-k]
	defer func() { st.toks = full }()
	r := theEngine.find(st, st.toks)
	if r == nil {
		return false
	}
	all := &collector{}
	for _, g := range r.g {
		all.next()
		g(st, all)
	}
	for _, s := range all.list {
		if s.Description != descKeyword {
			continue
		}
		words := strings.Fields(s.Text)
		if len(words) < k {
			continue
		}
		same := true
		for i, t := range tail {
			if words[i] != t.up {
				same = false
				break
			}
		}
		switch {
		case !same:
		case len(words) == k:
			complete = true
		default:
			c.add(strings.Join(words[k:], " "), "", descKeyword)
		}
	}
	return complete
}
