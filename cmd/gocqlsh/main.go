// Command gocqlsh is a fast, single-binary CQL shell for Apache Cassandra
// that speaks cqlsh: the same flags, cqlshrc, special commands, output and
// exit codes.
package main

import (
	"os"
	"runtime"

	"github.com/gocqlsh/gocqlsh/shell"
)

func main() {
	// One processor, unless GOMAXPROCS says otherwise. Measured on piped
	// scripts, CONCURRENT and COPY against a local node, a second one only
	// added scheduler hand-offs between the threads (client CPU −30 to −40%,
	// wall time no worse, with one); the shell's own work per statement is a
	// few microseconds, and the driver's fan-out needs no parallelism to
	// keep a hundred requests in flight.
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	os.Exit(shell.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
