package shell

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver"
)

func TestParseWatch(t *testing.T) {
	for _, tt := range []struct {
		in    string
		every time.Duration
		times int
		text  string
		err   string
	}{
		{in: "WATCH 2 SELECT * FROM t", every: 2 * time.Second, text: "SELECT * FROM t"},
		{in: "watch 0.5 SELECT a,\n  b FROM t", every: 500 * time.Millisecond, text: "SELECT a,\n  b FROM t"},
		{in: "WATCH 1 TIMES 3 SELECT 1", every: time.Second, times: 3, text: "SELECT 1"},
		{in: "WATCH 1 SHOW HOSTS", every: time.Second, text: "SHOW HOSTS"},
		{in: "WATCH 2", err: "Improper WATCH command."},
		{in: "WATCH SELECT * FROM t", err: "WATCH needs an interval in seconds, more than 0 and at most 86400: SELECT"},
		{in: "WATCH 0 SELECT 1", err: "WATCH needs an interval in seconds, more than 0 and at most 86400: 0"},
		{in: "WATCH -1 SELECT 1", err: "WATCH needs an interval in seconds, more than 0 and at most 86400: -1"},
		{in: "WATCH 1 TIMES 0 SELECT 1", err: "Improper WATCH command."},
		{in: "WATCH 1 TIMES x SELECT 1", err: "Improper WATCH command."},
		{in: "WATCH 1 TIMES 2", err: "Improper WATCH command."},
		{in: "WATCH 1 COUNT ks.t", err: "COUNT cannot be watched."},
		{in: "WATCH 1 WATCH 1 SELECT 1", err: "WATCH cannot be watched."},
	} {
		w, err := parseWatch(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || w.every != tt.every || w.times != tt.times || w.text != tt.text {
			t.Errorf("%q: %+v, %v", tt.in, w, err)
		}
	}
}

var watchHeaderRE = regexp.MustCompile(`(?m)^Every 200ms: SELECT key FROM system\.local    \d{4}-\d\d-\d\d \d\d:\d\d:\d\d    elapsed [0-9.]+m?s$`)

// TestWatchTimes: piped, WATCH ... TIMES n prints n runs, each after its
// header, then the next statement runs.
func TestWatchTimes(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ts.run("WATCH 0.2 TIMES 3 SELECT key FROM system.local;\nSELECT release_version FROM system.local;\n")
	out := ts.out.String()
	if n := len(watchHeaderRE.FindAllString(out, -1)); n != 3 {
		t.Errorf("%d headers, want 3:\n%s", n, out)
	}
	if n := strings.Count(out, " local\n"); n != 3 {
		t.Errorf("%d results, want 3:\n%s", n, out)
	}
	if !strings.Contains(out, " release_version\n") || ts.errw.String() != "" {
		t.Errorf("the next statement should run:\n%s\nstderr: %s", out, ts.errw.String())
	}
}

// TestWatchStopsOnInterrupt: WATCH repeats until SIGINT, which ends it
// quietly; the shell goes on.
func TestWatchStopsOnInterrupt(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ts.sigs = make(chan os.Signal, 1)
	go func() {
		time.Sleep(900 * time.Millisecond)
		ts.sigs <- os.Interrupt
	}()
	start := time.Now()
	ts.run("WATCH 0.2 SELECT key FROM system.local;\nSELECT release_version FROM system.local;\n")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("WATCH took %v to stop", d)
	}
	out := ts.out.String()
	if n := len(watchHeaderRE.FindAllString(out, -1)); n < 2 {
		t.Errorf("%d runs before Ctrl-C, want at least 2:\n%s", n, out)
	}
	if !strings.Contains(out, " release_version\n") || ts.errw.String() != "" {
		t.Errorf("the shell should go on after Ctrl-C:\n%s\nstderr: %s", out, ts.errw.String())
	}
}

// TestWatchFailureStops: a run that fails is reported once and ends WATCH.
func TestWatchFailureStops(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ts.run("WATCH 0.1 SELECT * FROM system.nope;\n")
	if got := ts.errw.String(); strings.Count(got, "<stdin>:2:") != 1 || !strings.Contains(got, "nope") {
		t.Errorf("stderr: %q", got)
	}
	if n := strings.Count(ts.out.String(), "Every 100ms:"); n != 1 {
		t.Errorf("%d runs, want 1", n)
	}
}
