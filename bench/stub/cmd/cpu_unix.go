//go:build unix

package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// cpuTime is the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// notifyReport delivers SIGUSR1, the request for a CPU report, on c.
func notifyReport(c chan<- os.Signal) { signal.Notify(c, syscall.SIGUSR1) }
