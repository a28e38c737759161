//go:build !unix

package main

import (
	"os"
	"time"
)

// cpuTime is unknown here: getrusage is a Unix call. Zero omits the figure.
func cpuTime() time.Duration { return 0 }

// notifyReport does nothing: there is no SIGUSR1 here.
func notifyReport(chan<- os.Signal) {}
