//go:build !unix

package main

import "time"

// cpuTime is unknown here: getrusage is a Unix call. Zero omits the figure.
func cpuTime() time.Duration { return 0 }
