//go:build !unix

package main

import "time"

// cpuTime is unknown here: getrusage is a Unix call. Zero reads as no CPU.
func cpuTime() time.Duration { return 0 }
