// Package cql is what gocqlsh knows of its input language before anything
// runs: the lexer that splits input into statements, and the table of the
// shell's own commands.
//
// One lexer serves every input mode (interactive lines, piped stdin, -f FILE,
// -e): CQL statements end at a ';' outside strings, quoted names, $$ bodies and
// comments; BEGIN [UNLOGGED|COUNTER] BATCH ... APPLY BATCH; is one statement;
// shell commands such as HELP or CONSISTENCY end at the end of their line.
// Tokens gives the same tokens to the parsers of the commands (COPY,
// CONCURRENT, COUNT, DESCRIBE) and to completion.
//
// The Splitter is incremental: it keeps the lexer state of the unfinished
// statement between lines, so splitting costs time linear in the input. Unlike
// cqlsh, block comments are recognised by the lexer itself, so a string such as
// 'a /* b' stays a string.
package cql
