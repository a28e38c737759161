package shell

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gocqlsh/gocqlsh/shell/input"
)

// Signals. Each has one meaning, whatever the shell is doing:
//
//   - SIGINT (Ctrl-C) stops what runs, never the shell: the statement in
//     progress is cancelled ("Statement cancelled."), CONCURRENT stops
//     submitting (requests in flight finish), COPY and COUNT stop, WAIT
//     stops waiting. While a line is being read it belongs to the line
//     reader, which drops the line (or ends ---MORE--- and [copy] input).
//   - SIGTERM, SIGHUP (the terminal went away) and SIGQUIT (Ctrl-\ in a
//     cooked terminal) end the shell at once with exit code 128+signal,
//     the terminal's settings put back first and no goroutine dump.
//
// Only the input loop's goroutine changes the shell's state; a signal's
// goroutine cancels a context, closes a channel or exits the process.

// runWithSignals runs the input loop with the signals above in force.
func (sh *Shell) runWithSignals(ctx context.Context, in input.Reader, firstLine int) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	sh.sigs = sig
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(term)
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case s := <-term:
			in.Restore()
			n := 1
			if ss, ok := s.(syscall.Signal); ok {
				n = int(ss)
			}
			os.Exit(128 + n)
		case <-done:
		}
	}()
	sh.runInput(ctx, in, firstLine)
}

// onInterrupt calls fn, once, if SIGINT arrives before release is called;
// release returns once the watch has ended, so no goroutine outlives it.
func (sh *Shell) onInterrupt(fn func()) (release func()) {
	if sh.sigs == nil {
		return func() {}
	}
	done, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		select {
		case <-sh.sigs:
			fn()
		case <-done:
		}
	}()
	return func() {
		close(done)
		<-ended
	}
}

// interruptible returns a context that SIGINT cancels while the statement
// runs: Ctrl-C stops the statement, not the shell.
func (sh *Shell) interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	release := sh.onInterrupt(cancel)
	return ctx, func() {
		release()
		cancel()
	}
}
