package shell

import (
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver"
)

// TestFormatOption: --format takes box as well as cqlsh's names.
func TestFormatOption(t *testing.T) {
	for _, tt := range []struct {
		arg, want string
		ok        bool
	}{{"box", "box", true}, {"BOX", "box", true}, {"json", "json", true}, {"grid", "", false}} {
		o, err := ParseArgs([]string{"--format", tt.arg})
		if (err == nil) != tt.ok || (tt.ok && o.Format != tt.want) {
			t.Errorf("--format %s: %+v, %v", tt.arg, o, err)
		}
	}
}

// TestFormatBox: FORMAT BOX draws query results, a background job's
// included, with Unicode lines; FORMAT reports it.
func TestFormatBox(t *testing.T) {
	ts := newTestShell(t, driver.Config{})
	ks := setupKeyspace(t, ts.sess, "b")
	mustExec(t, ts.sess, "INSERT INTO "+ks+".b (pk, v) VALUES (1, 'one')", "INSERT INTO "+ks+".b (pk, v) VALUES (22, 'twenty-two')")
	ts.run("FORMAT box\nFORMAT\nSELECT pk, v FROM " + ks + ".b WHERE pk IN (1, 22);\nSELECT pk FROM " + ks + ".b WHERE pk = 1 &\nWAIT\n")
	out := ts.out.String()
	for _, want := range []string{
		"FORMAT set to BOX\nFORMAT is BOX\n",
		"\n┌────┬────────────┐\n│ pk │ v          │\n├────┼────────────┤\n│  1 │        one │\n│ 22 │ twenty-two │\n└────┴────────────┘\n\n(2 rows)\n",
		"\n┌────┐\n│ pk │\n├────┤\n│  1 │\n└────┘\n", // the job's result, boxed
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in\n%s", want, out)
		}
	}
	if ts.errw.String() != "" {
		t.Errorf("stderr: %s", ts.errw.String())
	}
}
