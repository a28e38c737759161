package shell

import "github.com/gocqlsh/gocqlsh/driver"

// spreadPolicy routes the shell's fan-outs — CONCURRENT, COPY and
// background jobs — to each partition's replicas over every node of the
// local data centre, where interactive statements stay on the named host
// as cqlsh keeps them.
func spreadPolicy() driver.HostSelectionPolicy {
	return driver.TokenAware{Fallback: driver.DCAwareRoundRobin{}}
}
