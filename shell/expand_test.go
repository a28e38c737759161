package shell

import (
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver"
)

// TestExpandCommand: EXPAND reports the mode, ON/OFF/AUTO set it with
// cqlsh's message forms, anything else is improper.
func TestExpandCommand(t *testing.T) {
	ts := newOfflineShell(t)
	ts.run("EXPAND\nEXPAND auto\nEXPAND\nEXPAND AUTO\nEXPAND on\nEXPAND off\nEXPAND sideways\n")
	want := "EXPAND is OFF\nEXPAND set to AUTO\nEXPAND is AUTO\nEXPAND is already AUTO\nEXPAND set to ON\nEXPAND set to OFF\n"
	if got := ts.out.String(); got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if got := ts.errw.String(); got != "<stdin>:8:Improper EXPAND command.\n" {
		t.Errorf("stderr %q", got)
	}
}

// TestExpandFromCqlshrc: [ui] expand sets the starting mode; a value that
// is not a mode leaves it OFF.
func TestExpandFromCqlshrc(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want expandMode
	}{{"auto", expandAuto}, {"On", expandOn}, {"off", expandOff}, {"", expandOff}, {"wide", expandOff}} {
		if got := NewShell(Config{Expand: tt.in}).expand; got != tt.want {
			t.Errorf("Expand %q: %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestExpandAutoWidth: with EXPAND AUTO a result wider than the terminal
// prints as "@ Row N" blocks and a narrower one as a table; without a
// terminal (termSize nil) or with EXPAND OFF it stays a table.
func TestExpandAutoWidth(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "wide")
	long := strings.Repeat("x", 120)
	mustExec(t, ts.sess, "INSERT INTO "+ks+".wide (pk, v) VALUES (1, '"+long+"')", "INSERT INTO "+ks+".wide (pk, v) VALUES (2, 'short')")
	wideQ := "SELECT pk, v FROM " + ks + ".wide WHERE pk = 1;\n"
	narrowQ := "SELECT pk, v FROM " + ks + ".wide WHERE pk = 2;\n"
	for _, tt := range []struct {
		name     string
		expand   expandMode
		cols     int // 0: no terminal
		query    string
		expanded bool
	}{
		{"auto, wide row on 70 columns", expandAuto, 70, wideQ, true},
		{"auto, wide row on 200 columns", expandAuto, 200, wideQ, false},
		{"auto, narrow row on 70 columns", expandAuto, 70, narrowQ, false},
		{"auto, no terminal", expandAuto, 0, wideQ, false},
		{"off, wide row on 70 columns", expandOff, 70, wideQ, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts.out.b.Reset()
			ts.expand = tt.expand
			ts.termSize = nil
			if tt.cols > 0 {
				cols := tt.cols
				ts.termSize = func() (int, int) { return cols, 40 }
			}
			ts.run(tt.query)
			out := ts.out.String()
			if got := strings.Contains(out, "\n@ Row 1\n"); got != tt.expanded {
				t.Errorf("expanded = %v, want %v:\n%s", got, tt.expanded, out)
			}
			if !strings.HasSuffix(out, "(1 rows)\n") {
				t.Errorf("no row count:\n%s", out)
			}
		})
	}
}
