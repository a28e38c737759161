package shell

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress is the progress bar of CONCURRENT and COUNT: done/total when
// the total is known (a spinner with the count otherwise), rate and ETA. It
// is shown only on a terminal; a nil *progress does nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns a bar drawn on w, or nil when w is not a terminal.
// total is -1 when unknown; desc names the command, unit what it counts.
func newProgress(w io.Writer, total int64, desc, unit string) *progress {
	f, ok := w.(*os.File)
	if !ok || !isTerminal(f) {
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
	return &progress{bar: bar}
}

func (p *progress) add(n int) {
	if p != nil {
		p.bar.Add(n)
	}
}

// update sets the bar to done of total with a new description (COUNT's
// total grows when a range is split).
func (p *progress) update(done, total int64, desc string) {
	if p != nil {
		p.bar.ChangeMax64(total)
		p.bar.Describe(desc)
		_ = p.bar.Set64(done)
	}
}

// finish removes the bar so that the summary takes its line.
func (p *progress) finish() {
	if p != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}
