package cql

import "strings"

// isShellCommand reports whether word, the first word of a statement, starts
// a shell command that ends at the end of its line rather than at a ';'.
// These are cqlsh's newline-terminated commands plus gocqlsh's job commands.
// USE, COPY and CONCURRENT are not among them: they need a ';'.
func isShellCommand(word string) bool {
	if len(word) > len("consistency") {
		return false
	}
	switch strings.ToLower(word) {
	case "help", "?", "consistency", "serial", "describe", "desc", "show",
		"source", "capture", "login", "debug", "tracing", "expand", "paging",
		"exit", "quit", "clear", "cls", "history", "elapsed",
		"format", "jobs", "wait", "result", "cancel":
		return true
	}
	return false
}
