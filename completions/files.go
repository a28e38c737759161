package completions

import (
	"os"
	"path/filepath"
	"strings"
)

// maxFiles bounds the file names offered from one directory.
const maxFiles = 1000

// files offers the paths that continue the file name typed inside a string
// (SOURCE '..., CAPTURE '..., COPY ... FROM '...), relative to the working
// directory, with '~' meaning the home directory. Directories end in '/',
// files close the string.
func files(st *state, c *collector) {
	if !st.inString {
		return
	}
	typed := strings.ReplaceAll(st.word, "''", "'")
	dirPart, base := "", typed
	if i := strings.LastIndexByte(typed, '/'); i >= 0 {
		dirPart, base = typed[:i+1], typed[i+1:]
	}
	dir := dirPart
	if dir == "" {
		dir = "."
	}
	if dir == "~/" || strings.HasPrefix(dir, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return
		}
		dir = filepath.Join(home, dir[2:])
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (name[0] == '.' && !strings.HasPrefix(base, ".")) {
			continue
		}
		isDir := e.IsDir()
		if !isDir && e.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = fi.IsDir()
			}
		}
		text := strings.ReplaceAll(dirPart+name, "'", "''")
		if isDir {
			c.add(text+"/", "", descDir)
		} else {
			c.add(text+"'", "", descFile)
		}
		if n++; n >= maxFiles {
			return
		}
	}
}
