package shell

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// maxHistory bounds the history file.
const maxHistory = 1000

func historyPath() string {
	if p := os.Getenv("GOCQLSH_HISTORY"); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".cassandra", "gocqlsh_history")
}

// loadHistory reads earlier sessions' lines.
func (sh *Shell) loadHistory(bool) {
	p := historyPath()
	if p == "" {
		return
	}
	f, err := os.Open(p)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !isSensitive(l) {
			sh.history = append(sh.history, l)
		}
	}
	if len(sh.history) > maxHistory {
		sh.history = sh.history[len(sh.history)-maxHistory:]
	}
}

// saveHistory writes the history back (never lines that carry passwords).
func (sh *Shell) saveHistory(disabled bool) {
	p := historyPath()
	if p == "" || disabled {
		return
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		sh.printInfo("\nWarning: Cannot create directory at `%s`. Command history will not be saved.\n\n", filepath.Dir(p))
		return
	}
	h := sh.history
	if len(h) > maxHistory {
		h = h[len(h)-maxHistory:]
	}
	var b strings.Builder
	for _, l := range h {
		if !isSensitive(l) {
			b.WriteString(strings.ReplaceAll(l, "\n", " "))
			b.WriteByte('\n')
		}
	}
	_ = os.WriteFile(p, []byte(b.String()), 0o600)
}
