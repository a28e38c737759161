package compat_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// copyTiming is what COPY prints that changes from run to run: the rates of
// its progress lines (cqlsh prints one or more, each ended by two carriage
// returns) and the elapsed time of its summary.
var (
	copyProgress = regexp.MustCompile(`(?:Processed: \d+ rows; Rate: +\d+ rows/s; Avg\. rate: +\d+ rows/s\r\r)*Processed: (\d+) rows; Rate: +\d+ rows/s; Avg\. rate: +\d+ rows/s\r\r`)
	copyElapsed  = regexp.MustCompile(` in [0-9a-z,. ]+ seconds`)
)

func normaliseCopy(s string) string {
	s = copyProgress.ReplaceAllString(s, "Processed: $1 rows; <rates>\r\r")
	return copyElapsed.ReplaceAllString(s, " in <time> seconds")
}

// TestCopyCompat runs the COPY script through cqlsh and gocqlsh and
// compares stdout, stderr, the exit code and the files written, with the
// timings (rates and elapsed seconds) masked.
func TestCopyCompat(t *testing.T) {
	tl := newTools(t)
	text, err := os.ReadFile(filepath.Join("testdata", "compat", "copy.cql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, via := range []input{viaStdin, viaFile} {
		t.Run(via.String(), func(t *testing.T) {
			want, got := runPair(t, tl, "copy_"+via.String()[:1], string(text), via, nil)
			want.Stdout, got.Stdout = normaliseCopy(want.Stdout), normaliseCopy(got.Stdout)
			compare(t, "copy/"+via.String(), want.result, got.result)
			for _, f := range []string{"bad.csv", "good.csv", "dst.err"} {
				w, werr := os.ReadFile(filepath.Join(want.dir, f))
				g, gerr := os.ReadFile(filepath.Join(got.dir, f))
				if werr != nil || gerr != nil {
					t.Errorf("%s: cqlsh %v, gocqlsh %v", f, werr, gerr)
					continue
				}
				if !strings.EqualFold(string(w), string(g)) || string(w) != string(g) {
					t.Errorf("%s differs: %s", f, firstDiff(string(w), string(g)))
				}
			}
		})
	}
}
