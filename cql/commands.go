package cql

import (
	"slices"
	"strings"
)

// Command declares one of the shell's own commands: the words that start
// it, where its text ends, its HELP text and the completion grammar of its
// arguments. The lexer, completion and HELP read this table; what a command
// does is the shell's handler for its Name, and a test in shell/ fails when
// a command has no handler or a handler no command.
//
// Adding a command is one entry in commandTable plus its handler.
type Command struct {
	// Name is the command's word as HELP lists it, in upper case.
	Name string
	// Aliases are other words that run it (DESC, QUIT, CLS, ?).
	Aliases []string
	// Ends says where the command's text ends.
	Ends Ending
	// Own marks gocqlsh's own commands; HELP and completion list them
	// after cqlsh's.
	Own bool
	// Hidden commands are neither listed by HELP nor offered by
	// completion (DEBUG, which only says it is not available).
	Hidden bool
	// Syntax is the first line of the HELP text, the command's grammar.
	// A command without arguments leaves it empty: its HELP then names the
	// word asked about, its other words in parentheses ("CLS (or CLEAR)").
	Syntax string
	// Help is the HELP text under the syntax line.
	Help string
	// Start is what completion offers for the command at the start of a
	// statement: a phrase for a command that always goes on with the same
	// word ("SERIAL CONSISTENCY"); the Name when empty.
	Start string
	// Complete is the completion grammar of the command's arguments.
	Complete []Rule
}

// Ending says where a command's text ends.
type Ending uint8

// The endings.
const (
	// AtNewline: the command is its line, as cqlsh's special commands are.
	AtNewline Ending = iota + 1
	// AtSemicolon: the command ends at a ';' like a CQL statement, and may
	// span lines (COPY, CONCURRENT, COUNT).
	AtSemicolon
	// TopicOnly: not a command but a HELP topic (UNICODE); typed, the word
	// goes to the server like any statement.
	TopicOnly
)

// Rule is one completion rule of a command: where the tokens after the
// command's word match After, Offer says what may come next, in order.
// After is in the completion engine's pattern language: space-separated
// tokens matched case-insensitively, "A|B" alternatives, ".." any run of
// tokens, "$n" a name, "$v" any token, "$val" the end of a value; "" is
// right after the command's word.
type Rule struct {
	After string
	// InString makes the rule apply only inside an open string literal
	// (file names), and only there.
	InString bool
	// Depth restricts the rule to a nesting of parentheses.
	Depth Depth
	// Unless is a keyword the statement must not hold yet.
	Unless string
	Offer  []Offer
}

// Depth is where a completion rule applies with respect to parentheses.
type Depth uint8

// The depths.
const (
	AnyDepth Depth = iota
	TopLevel       // outside any parentheses
	InParens       // inside one pair
)

// Offer is one kind of candidate a completion rule offers.
type Offer struct {
	Kind OfferKind
	// Words are the keywords of a Keywords offer.
	Words []string
}

// OfferKind is what an Offer lists.
type OfferKind uint8

// The offers.
const (
	Keywords       OfferKind = iota + 1 // Offer.Words
	Keyspaces                           // keyspace names
	Tables                              // tables of the keyspace typed or in use
	TablesAndViews                      // tables, then materialized views
	Types                               // user-defined types
	Functions                           // user-defined functions
	Aggregates                          // user-defined aggregates
	Indexes                             // secondary indexes
	Views                               // materialized views
	UnusedColumns                       // columns of the table named, not yet listed
	Quote                               // an opening quote, where a file name starts
	Files                               // file names, inside the quote
	Topics                              // every HELP topic
)

// Words offers keywords.
func Words(w ...string) Offer { return Offer{Kind: Keywords, Words: w} }

// Offers is an Offer of one kind without words.
func Offers(k OfferKind) Offer { return Offer{Kind: k} }

// maxWord is the longest word a command can start with; longer words are
// never commands, which spares the lookup.
const maxWord = 16

// byWord indexes commandTable by each lower-case word that starts a
// command. It is built once and only read.
var byWord = func() map[string]*Command {
	m := map[string]*Command{}
	for i := range commandTable {
		c := &commandTable[i]
		for _, w := range c.Words() {
			m[strings.ToLower(w)] = c
		}
	}
	return m
}()

// Lookup returns the command word starts (in any case), or nil. It does
// not allocate: the lexer asks it about the first word of every statement.
func Lookup(word string) *Command {
	if len(word) == 0 || len(word) > maxWord {
		return nil
	}
	var b [maxWord]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return byWord[string(b[:len(word)])]
}

// Commands returns the table, in the order completion offers it.
func Commands() []Command { return slices.Clone(commandTable) }

// Words returns the words that start the command: its Name, then its
// Aliases.
func (c *Command) Words() []string { return append([]string{c.Name}, c.Aliases...) }

// HelpWords returns the words HELP documents the command under: its Name
// and the aliases that are words (not "?"); none for a hidden command.
func (c *Command) HelpWords() []string {
	if c.Hidden {
		return nil
	}
	out := []string{c.Name}
	for _, a := range c.Aliases {
		if isWord(a) {
			out = append(out, a)
		}
	}
	return out
}

// HelpText is the text HELP prints for word, one of the command's
// HelpWords: the syntax line, then the help.
func (c *Command) HelpText(word string) string {
	syntax := c.Syntax
	if syntax == "" {
		syntax = word
		var others []string
		for _, w := range c.HelpWords() {
			if !strings.EqualFold(w, word) {
				others = append(others, w)
			}
		}
		if len(others) > 0 {
			syntax += " (or " + strings.Join(others, ", ") + ")"
		}
	}
	return syntax + "\n\n" + c.Help
}

// StartWords are what completion offers for the shell's commands at the
// start of a statement, in table order: each command's Start (or Name) and
// its aliases that are words.
func StartWords() []string {
	var out []string
	for i := range commandTable {
		c := &commandTable[i]
		if c.Hidden || c.Ends == TopicOnly {
			continue
		}
		first := c.Name
		if c.Start != "" {
			first = c.Start
		}
		out = append(out, first)
		out = append(out, c.HelpWords()[1:]...)
	}
	return out
}

// HelpTopics are the topics HELP knows, as completion offers them: cqlsh's
// commands sorted, gocqlsh's own in table order, then the CQL topics.
func HelpTopics() []string {
	var cqlsh, own []string
	for i := range commandTable {
		c := &commandTable[i]
		if c.Own {
			own = append(own, c.HelpWords()...)
		} else {
			cqlsh = append(cqlsh, c.HelpWords()...)
		}
	}
	slices.Sort(cqlsh)
	return slices.Concat(cqlsh, own, CQLTopics())
}

// DocumentedCommands are the words HELP lists as shell commands, sorted.
func DocumentedCommands() []string {
	var out []string
	for i := range commandTable {
		out = append(out, commandTable[i].HelpWords()...)
	}
	slices.Sort(out)
	return out
}

// CQLTopics are the CQL help topics cqlsh lists.
func CQLTopics() []string {
	return strings.Fields(`AGGREGATES ALTER_KEYSPACE ALTER_MATERIALIZED_VIEW ALTER_TABLE ALTER_TYPE
ALTER_USER APPLY ASCII BATCH BEGIN BLOB BOOLEAN COUNTER CREATE_AGGREGATE CREATE_COLUMNFAMILY
CREATE_FUNCTION CREATE_INDEX CREATE_KEYSPACE CREATE_MATERIALIZED_VIEW CREATE_ROLE CREATE_TABLE
CREATE_TRIGGER CREATE_TYPE CREATE_USER DATE DELETE DROP_AGGREGATE DROP_COLUMNFAMILY DROP_FUNCTION
DROP_INDEX DROP_KEYSPACE DROP_MATERIALIZED_VIEW DROP_ROLE DROP_TABLE DROP_TRIGGER DROP_TYPE
DROP_USER FUNCTIONS GRANT INSERT INSERT_JSON INT JSON KEYWORDS LIST_PERMISSIONS LIST_ROLES
LIST_USERS PERMISSIONS REVOKE SELECT SELECT_JSON TEXT TIME TIMESTAMP TRUNCATE TYPES UPDATE USE UUID`)
}

// isWord reports whether s starts with a letter (an alias such as "?" is
// typed, never listed).
func isWord(s string) bool {
	return s != "" && ('A' <= s[0] && s[0] <= 'Z' || 'a' <= s[0] && s[0] <= 'z')
}
