package fakeserver

import (
	"runtime"
	"testing"
	"time"
)

// LeakCheck records how many goroutines run now and, when the test ends
// (after every cleanup registered later, so after Server.Close), fails tb
// unless the count returns to that baseline within a few seconds. Tests that
// use it must not run in parallel.
func LeakCheck(tb testing.TB) {
	tb.Helper()
	base := runtime.NumGoroutine()
	tb.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		n := runtime.NumGoroutine()
		for n > base && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
			n = runtime.NumGoroutine()
		}
		if n > base {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			tb.Errorf("%d goroutines still running, %d at the start:\n%s", n, base, buf)
		}
	})
}
