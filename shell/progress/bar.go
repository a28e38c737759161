// Package progress is the progress bar of the shell's long commands
// (CONCURRENT, COUNT): drawn only on a terminal, a no-op elsewhere.
package progress

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Bar shows done/total when the total is known (a spinner with the count
// otherwise), the rate and the ETA. A nil *Bar does nothing.
type Bar struct {
	bar *progressbar.ProgressBar
}

// New returns a bar drawn on w, or nil when w is not a terminal. total is
// -1 when unknown; desc names the command, unit what it counts.
func New(w io.Writer, total int64, desc, unit string) *Bar {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString(unit),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)
	return &Bar{bar: bar}
}

// Add counts n more done.
func (p *Bar) Add(n int) {
	if p != nil {
		p.bar.Add(n)
	}
}

// Update sets the bar to done of total with a new description (COUNT's
// total grows when a range is split).
func (p *Bar) Update(done, total int64, desc string) {
	if p != nil {
		p.bar.ChangeMax64(total)
		p.bar.Describe(desc)
		_ = p.bar.Set64(done)
	}
}

// Finish removes the bar so that the summary takes its line.
func (p *Bar) Finish() {
	if p != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}
