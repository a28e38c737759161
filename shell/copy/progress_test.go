//go:build !windows

package copy

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/schema"
)

// TestCopyProgressBar: on a terminal COPY FROM draws the progress bar
// (count, rows/s, ETA) and ends with cqlsh's final line.
func TestCopyProgressBar(t *testing.T) {
	c := newCopyEnv(t, "copy_bar")
	exec(t, c.sess, "CREATE TABLE "+c.ks+".t (k int PRIMARY KEY, v text)")
	var b strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&b, "%d,v\n", i)
	}
	file := filepath.Join(t.TempDir(), "rows.csv")
	os.WriteFile(file, []byte(b.String()), 0o644)
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 120})
	got := make(chan string)
	go func() {
		out, _ := io.ReadAll(ptmx)
		got <- string(out)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var fails []string
	Run(ctx, &Env{
		Session: c.sess, Schema: schema.NewCache(c.sess, 0), Keyspace: c.ks, Consistency: driver.One,
		Stdout: tty, Tty: true, Fail: func(m string) { fails = append(fails, m) },
	}, "COPY t FROM '"+file+"' WITH INGESTRATE = 4000")
	tty.Close()
	out := <-got
	if len(fails) > 0 {
		t.Fatal(fails)
	}
	for _, want := range []string{"COPY FROM", "/2000", "rows/s", "2000 rows imported", "Processed: 2000 rows"} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%q", want, out)
		}
	}
}
