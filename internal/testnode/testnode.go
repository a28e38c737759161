// Package testnode finds the local Cassandra nodes that integration tests run
// against. The Makefile (and testenv/test.sh) start them and export their
// addresses; when CI is set and a node does not answer, tests fail instead of
// skipping.
package testnode

import (
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Env variables that name the nodes.
const (
	EnvNode       = "GOCQLSH_TEST_NODE"
	EnvSecureNode = "GOCQLSH_TEST_SECURE_NODE"
	EnvSecureCA   = "GOCQLSH_TEST_SECURE_CA"
)

// Addr returns host:port of the plain local node (AllowAllAuthenticator).
func Addr(t testing.TB) string {
	t.Helper()
	return require(t, EnvNode, "127.0.0.1:9042")
}

// SecureAddr returns host:port of the node with PasswordAuthenticator and
// optional client TLS, and the path of its PEM certificate.
func SecureAddr(t testing.TB) (addr, caFile string) {
	t.Helper()
	addr = require(t, EnvSecureNode, "127.0.0.10:9042")
	caFile = os.Getenv(EnvSecureCA)
	if caFile == "" {
		caFile = filepath.Join(moduleRoot(), "testenv/run/secure/node1/conf/node.pem")
	}
	if _, err := os.Stat(caFile); err != nil {
		unavailable(t, "secure node certificate: "+err.Error())
	}
	return addr, caFile
}

// moduleRoot finds the directory holding go.mod above the working directory.
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

func require(t testing.TB, env, def string) string {
	t.Helper()
	addr := os.Getenv(env)
	if addr == "" {
		addr = def
	}
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		unavailable(t, "no Cassandra node at "+addr+" ("+env+"): "+err.Error()+"; start one with `make node-start`")
		return ""
	}
	c.Close()
	return addr
}

func unavailable(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
