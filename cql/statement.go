package cql

import "fmt"

// Kind says what a Statement is and who runs it.
type Kind uint8

// Statement kinds.
const (
	CQL   Kind = iota + 1 // sent to the server
	Shell                 // run by gocqlsh itself; see Statement.Command
	Error                 // lexical error; Text holds the message to print
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case CQL:
		return "CQL"
	case Shell:
		return "Shell"
	case Error:
		return "Error"
	}
	return "unknown"
}

// MsgStrayCommentEnd is the message cqlsh prints for a "*/" outside a
// comment; gocqlsh prints it verbatim.
const MsgStrayCommentEnd = "Encountered comment block terminator without being in comment block"

// Statement is one unit of input to run.
type Statement struct {
	// Text is the source text from the first token to the last one, without
	// the terminating ';' or line break and without a trailing '&'. Comments
	// inside the statement are kept; comments before it are not. For Kind
	// Error it is the message to print.
	Text string
	Kind Kind
	// Command is the lower-case first word of a Shell statement ("help",
	// "?", "consistency", ...); empty for other kinds.
	Command string
	// Background is set when the statement ended with '&' (before its ';'
	// or line break) or was followed by '&' on the same line. A line whose
	// last significant token is '&' ends the statement there, ';' or not.
	Background bool
	// Incomplete is set only on the statement Flush returns at end of input
	// when it was never terminated; the caller prints
	// "Incomplete statement at end of file".
	Incomplete bool
	// Line and EndLine are the 1-based lines of the first token and of the
	// terminator (or of the error).
	Line, EndLine int
	// Err is the typed error behind a Kind Error statement, nil otherwise.
	Err error
}

// SyntaxError is a lexical error found while splitting.
type SyntaxError struct {
	Line int    // 1-based line of the offending token
	Msg  string // message in cqlsh's wording
}

// Error returns the message without position; callers add their own
// "<file>:<line>:" prefix.
func (e *SyntaxError) Error() string { return e.Msg }

// String includes the line, for logs and tests.
func (e *SyntaxError) String() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }
