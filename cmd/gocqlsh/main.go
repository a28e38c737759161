// Command gocqlsh is a fast, single-binary CQL shell for Apache Cassandra
// that speaks cqlsh: the same flags, cqlshrc, special commands, output and
// exit codes.
package main

import (
	"os"

	"github.com/gocqlsh/gocqlsh/shell"
)

func main() {
	os.Exit(shell.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
