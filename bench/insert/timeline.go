package main

import (
	"fmt"
	"os"
	"time"
)

// timeline counts the inserts completed in each second of a run, for the
// chart of throughput through a node's death. The consumer of outcomes is
// one goroutine, so it needs no lock.
type timeline struct {
	start  time.Time
	counts []int
}

func (t *timeline) add() {
	if t == nil {
		return
	}
	sec := int(time.Since(t.start) / time.Second)
	for len(t.counts) <= sec {
		t.counts = append(t.counts, 0)
	}
	t.counts[sec]++
}

func (t *timeline) write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for i, c := range t.counts {
		fmt.Fprintf(f, "%d\t%d\n", i, c)
	}
	return f.Close()
}
