// Command copyload runs one COPY command through gocqlsh's COPY package
// with a chosen host-selection policy, so that bench/copy.sh can compare
// COPY routed to each batch's replicas (what gocqlsh does) with the same
// COPY sent through a single coordinator, as cqlsh sends it.
//
//	copyload -hosts 127.0.0.51 -policy single "COPY ks.t FROM 'f.csv'"
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/schema"
	copycmd "github.com/gocqlsh/gocqlsh/shell/copy"
)

func main() {
	hosts := flag.String("hosts", "127.0.0.1", "contact points, comma-separated")
	policy := flag.String("policy", "token", "token (each batch to a replica) or single (every request to the first host)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: copyload [-hosts h1,h2] [-policy token|single] \"COPY ...\"")
		os.Exit(2)
	}
	runtime.GOMAXPROCS(1) // as gocqlsh runs
	if err := run(*hosts, *policy, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "copyload:", err)
		os.Exit(1)
	}
}

func run(hosts, policy, stmt string) error {
	ctx := context.Background()
	addrs := strings.Split(hosts, ",")
	for i, a := range addrs {
		if _, _, err := net.SplitHostPort(a); err != nil {
			addrs[i] = net.JoinHostPort(a, "9042")
		}
	}
	var p driver.HostSelectionPolicy
	switch policy {
	case "token":
		p = driver.TokenAware{Fallback: driver.DCAwareRoundRobin{}}
	case "single":
		p = driver.AllowList{Addrs: addrs[:1]}
	default:
		return fmt.Errorf("unknown -policy %q (token or single)", policy)
	}
	s, err := driver.Connect(ctx, driver.Config{Hosts: addrs})
	if err != nil {
		return err
	}
	defer s.Close()
	failed := false
	copycmd.Run(ctx, &copycmd.Env{
		Session:     s,
		Schema:      schema.NewCache(s, time.Minute),
		Consistency: driver.One,
		Policy:      p,
		Stdout:      os.Stdout,
		Fail: func(msg string) {
			failed = true
			fmt.Fprintln(os.Stderr, msg)
		},
	}, stmt)
	if failed {
		return fmt.Errorf("COPY reported errors")
	}
	return nil
}
