// Package lexer splits gocqlsh input into statements.
//
// One lexer serves every input mode (interactive lines, piped stdin, -f FILE,
// -e): CQL statements end at a ';' outside strings, quoted names, $$ bodies and
// comments; BEGIN [UNLOGGED|COUNTER] BATCH ... APPLY BATCH; is one statement;
// shell commands such as HELP or CONSISTENCY end at the end of their line.
//
// The Splitter is incremental: it keeps the lexer state of the unfinished
// statement between lines, so splitting costs time linear in the input. Unlike
// cqlsh, block comments are recognised by the lexer itself, so a string such as
// 'a /* b' stays a string.
package lexer
