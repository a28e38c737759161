// Package cqlshrc reads the INI files cqlsh reads — ~/.cassandra/cqlshrc,
// the credentials file, COPY's CONFIGFILE — in the shape Python's
// configparser accepts, and expands the ~ that paths in them may start
// with.
package cqlshrc

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// INI is a parsed cqlshrc or credentials file: section → key → value, with
// section and key names lower-cased.
type INI map[string]map[string]string

// Get returns a value, or "" when absent.
func (f INI) Get(section, key string) string {
	if s, ok := f[strings.ToLower(section)]; ok {
		return s[strings.ToLower(key)]
	}
	return ""
}

// Has reports whether the key is present.
func (f INI) Has(section, key string) bool {
	s, ok := f[strings.ToLower(section)]
	if !ok {
		return false
	}
	_, ok = s[strings.ToLower(key)]
	return ok
}

// Read reads an INI file in the shape Python's configparser accepts:
// [section] headers, "key = value" or "key: value", ';' and '#' comment
// lines, continuation lines indented under a key.
func Read(path string) (INI, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f)
}

// Parse reads INI text from r (Read's format).
func Parse(r io.Reader) (INI, error) {
	out := INI{}
	section := ""
	lastKey := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		raw := strings.TrimRight(sc.Text(), "\r")
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == ';' || line[0] == '#' {
			continue
		}
		if raw[0] == ' ' || raw[0] == '\t' {
			if lastKey != "" && section != "" {
				out[section][lastKey] += "\n" + line
			}
			continue
		}
		if line[0] == '[' && strings.HasSuffix(line, "]") {
			section = strings.ToLower(strings.TrimSpace(line[1 : len(line)-1]))
			if out[section] == nil {
				out[section] = map[string]string{}
			}
			lastKey = ""
			continue
		}
		i := strings.IndexAny(line, "=:")
		if i < 0 || section == "" {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(line[:i]))
		out[section][key] = strings.TrimSpace(line[i+1:])
		lastKey = key
	}
	return out, sc.Err()
}

// ExpandHome replaces a leading ~ with the user's home directory ($HOME,
// %USERPROFILE% on Windows), as cqlsh does for every path it is given.
func ExpandHome(p string) string {
	if strings.HasPrefix(p, "~") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}
