package shell

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestPagerMeasure: the writer starts the pager once the output is wider
// or taller than the screen (colour codes take no room, wide characters
// two columns); what fits stays held.
func TestPagerMeasure(t *testing.T) {
	for _, tt := range []struct {
		name string
		out  string
		over bool
	}{
		{"fits", "abc\ndef\n", false},
		{"exactly as wide", strings.Repeat("x", 10) + "\n", false},
		{"one column too wide", strings.Repeat("x", 11), true},
		{"colours take no room", "\x1b[0;1;33m" + strings.Repeat("x", 10) + "\x1b[0m\n", false},
		{"wide characters", "以呂波耳本部", true},
		{"as tall as fits", "1\n2\n3\n4\n", false},
		{"too tall", "1\n2\n3\n4\n5\n", true},
	} {
		p := newPagerWriter(nil, nil, "cat", 10, 6, nil)
		if got := p.measure([]byte(tt.out)); got != tt.over {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.over)
		}
	}
}

// TestPagerWriter runs the writer with pagers that write to a file, or
// quit at once, in place of less.
func TestPagerWriter(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the pagers here are sh commands")
	}
	file := filepath.Join(t.TempDir(), "paged")
	big := strings.Repeat("a row of the result\n", 50)
	for _, tt := range []struct {
		name, command, out string
		term, paged        string
		quit               bool
	}{
		{"fits: printed, no pager", "cat > " + file, "short\n", "short\n", "", false},
		{"too tall: all through the pager", "cat > " + file, big, "", big, false},
		{"pager quits at once", "true", strings.Repeat(big, 500), "", "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(file)
			var term, errw bytes.Buffer
			p := newPagerWriter(&term, &errw, tt.command, 40, 10, nil)
			for _, line := range strings.SplitAfter(tt.out, "\n") {
				if n, err := p.Write([]byte(line)); n != len(line) || err != nil {
					t.Fatalf("Write: %d, %v", n, err)
				}
			}
			if err := p.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			paged, _ := os.ReadFile(file)
			if term.String() != tt.term || string(paged) != tt.paged || errw.String() != "" {
				t.Errorf("terminal %.200q, pager %.200q, stderr %q", term.String(), paged, errw.String())
			}
			if p.quit() != tt.quit {
				t.Errorf("quit %v, want %v", p.quit(), tt.quit)
			}
		})
	}
}

// TestPagerMissing: a pager that cannot start is reported once and the
// output goes to the terminal.
func TestPagerMissing(t *testing.T) {
	var term, errw bytes.Buffer
	p := newPagerWriter(&term, &errw, "", 40, 5, nil)
	p.command = "/nonexistent/pager"
	p.start()
	p.Write([]byte("after\n"))
	p.Close()
	if term.String() != "after\n" || !strings.HasPrefix(errw.String(), `Pager "/nonexistent/pager" failed: `) {
		t.Errorf("terminal %q, stderr %q", term.String(), errw.String())
	}
}

// TestPagerCommand: PAGER's setting and messages.
func TestPagerCommand(t *testing.T) {
	t.Setenv("PAGER", "")
	ts := newOfflineShell(t)
	ts.run("PAGER\nPAGER on\nPAGER\nPAGER less -S\nPAGER 'less --chop-long-lines -P''x'''\nPAGER OFF\n")
	want := "PAGER is OFF\nPAGER set to ON (less -SRFX)\nPAGER is ON (less -SRFX)\nPAGER set to ON (less -S)\nPAGER set to ON (less --chop-long-lines -P'x')\nPAGER set to OFF\n"
	if got := ts.out.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	t.Setenv("PAGER", "more")
	if sh := NewShell(Config{Pager: "on"}); sh.pagerCommand() != "more" {
		t.Errorf("$PAGER: %q", sh.pagerCommand())
	}
	if _, p := ts.pagedOutput(); p != nil {
		t.Error("no pager without a terminal")
	}
}
