// Package compat holds gocqlsh's compatibility harness with cqlsh 6.2: its
// tests run the scripts under testdata/compat through gocqlsh and through
// the reference cqlsh against the same Cassandra node and compare stdout,
// stderr and the exit code byte for byte. Intended differences are listed,
// each with its reason, in divergences_test.go. The package has no code of
// its own.
package compat
