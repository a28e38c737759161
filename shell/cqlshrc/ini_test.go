package cqlshrc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cqlshrc")
	text := "; comment\n[UI]\nColor = on\n# another\ntime_format: %Y\n  continued\n[copy:ks.t]\nnull = -\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Get("ui", "COLOR") != "on" || f.Get("ui", "time_format") != "%Y\ncontinued" || f.Get("copy:ks.t", "null") != "-" {
		t.Errorf("read %v", f)
	}
	if f.Has("ui", "nope") || !f.Has("UI", "color") || f.Get("none", "x") != "" {
		t.Error("Has/Get of absent keys")
	}
	if _, err := Read(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("a missing file read without error")
	}
}

func TestExpandHome(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip(err)
	}
	if got := ExpandHome("~/x"); got != filepath.Join(home, "x") {
		t.Errorf("ExpandHome(~/x) = %q", got)
	}
	if got := ExpandHome("/a/~"); got != "/a/~" || strings.HasPrefix(ExpandHome("x"), home) {
		t.Errorf("ExpandHome changed a path without a leading ~: %q", got)
	}
}

// FuzzParse: any text reads without a panic; what it reads names only
// lower-case sections and keys, and every key is in a named section.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"[ui]\ncolor = on\n", "[connection]\nhostname: 10.0.0.1\nport=9042\n", "[copy]\nheader = true\n  more\n",
		"; c\n# c\n[A]\nK = v\r\n", "key = outside\n[]\n=x\n", "[\n]\n[ a ]\n\tcont\n", "[s]\n" + strings.Repeat("x", 70000) + "\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ini, err := Parse(strings.NewReader(s))
		if err != nil {
			return // a line longer than the scanner takes
		}
		for sec, keys := range ini {
			if sec != strings.ToLower(sec) {
				t.Fatalf("section %q not lower case", sec)
			}
			for k := range keys {
				if k != strings.ToLower(k) || sec == "" {
					t.Fatalf("key %q in section %q", k, sec)
				}
				if !ini.Has(sec, k) {
					t.Fatalf("Has(%q, %q) false", sec, k)
				}
			}
		}
	})
}
