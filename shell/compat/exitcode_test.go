package compat_test

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestUsageErrors checks bad command lines: argparse's two-line message as
// cqlsh 6.2 prints it, and exit code 2, before any connection is tried.
func TestUsageErrors(t *testing.T) {
	tl := &tools{home: t.TempDir()}
	usage := "usage: Usage: gocqlsh [options] [host [port]]\n"
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"--bogus"}, usage + "gocqlsh: error: unrecognized arguments: --bogus\n"},
		{[]string{"-x"}, usage + "gocqlsh: error: unrecognized arguments: -x\n"},
		{[]string{"127.0.0.1", "notaport"}, usage + "gocqlsh: error: 'notaport' is not a valid port number.\n"},
		{[]string{"127.0.0.1", "70000"}, usage + "gocqlsh: error: '70000' is not a valid port number.\n"},
		{[]string{"-e"}, usage + "gocqlsh: error: argument -e/--execute: expected one argument\n"},
		{[]string{"--cqlshrc"}, usage + "gocqlsh: error: argument --cqlshrc: expected one argument\n"},
		{[]string{"--connect-timeout", "abc"}, usage + "gocqlsh: error: \"abc\" is not a valid connect timeout.\n"},
		{[]string{"--request-timeout=0"}, usage + "gocqlsh: error: \"0\" is not a valid request timeout.\n"},
		{[]string{"--no-color=yes"}, usage + "gocqlsh: error: argument --no-color: ignored explicit argument 'yes'\n"},
		{[]string{"127.0.0.1", "9042", "extra"}, usage + "gocqlsh: error: unrecognized arguments: extra\n"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := tl.gocqlshRaw(t, nil, tc.args...)
			if r.Code != 2 || r.Stderr != tc.stderr || r.Stdout != "" {
				t.Errorf("got exit %d stdout %q stderr %q; want exit 2, stderr %q", r.Code, r.Stdout, r.Stderr, tc.stderr)
			}
		})
	}
}

// TestUsageErrorsMatchCqlsh compares the errors cqlsh words sanely (its
// --bogus crashes with a traceback, see divergences) with cqlsh's own.
func TestUsageErrorsMatchCqlsh(t *testing.T) {
	tl := &tools{home: t.TempDir(), cqlsh: findCqlsh(t)}
	for _, args := range [][]string{
		{"127.0.0.1", "notaport"},
		{"-e"},
		{"--connect-timeout", "abc"},
		{"--request-timeout", "x"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			want := tl.run(t, nil, tl.environ(), append([]string{tl.cqlsh}, args...)...)
			got := tl.gocqlshRaw(t, nil, args...)
			want.Stderr = strings.ReplaceAll(want.Stderr, "cqlsh", "gocqlsh")
			compare(t, strings.Join(args, " "), want, got)
		})
	}
}

// TestConnectionError compares the message and exit code when nothing
// listens on the port.
func TestConnectionError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	tl := &tools{home: t.TempDir(), host: "127.0.0.1", port: itoa(port)}
	got := tl.gocqlsh(t, nil, "-e", "SELECT release_version FROM system.local")
	want := "Connection error: ('Unable to connect to any servers', {'127.0.0.1:" + itoa(port) +
		"': ConnectionRefusedError(111, \"Tried connecting to [('127.0.0.1', " + itoa(port) + ")]. Last error: Connection refused\")})\n"
	if got.Code != 1 || got.Stderr != want || got.Stdout != "" {
		t.Errorf("got exit %d stdout %q stderr %q; want exit 1 and %q", got.Code, got.Stdout, got.Stderr, want)
	}
	tl.cqlsh = findCqlsh(t)
	compare(t, "connection refused", tl.cqlshRun(t, nil, "-e", "SELECT release_version FROM system.local"), got)
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestLinePrefixes checks error prefixes and exit codes in every batch
// input mode, with cqlsh's line quirk: the number is that of the line after
// the statement's last line, and -e always says line 1.
func TestLinePrefixes(t *testing.T) {
	tl := gocqlshOnly(t)
	dir := t.TempDir()
	syntax := "SyntaxException: line 1:0 no viable alternative at input 'SELEKT' ([SELEKT]...)"
	tests := []struct {
		name   string
		via    input
		text   string
		stderr []string // expected lines; {{F}} is the -f file
		code   int
	}{
		{"ok", viaStdin, "SELECT release_version FROM system.local;\n", nil, 0},
		{"first line", viaStdin, "SELEKT;\n", []string{"<stdin>:2:" + syntax}, 2},
		{"multi-line", viaStdin, "\n\nSELECT release_version\n  FROM system.local\n  WHERE nope = 1;\nSELECT release_version FROM system.local;\n",
			[]string{`<stdin>:6:InvalidRequest: Error from server: code=2200 [Invalid query] message="Undefined column name nope in table system.local"`}, 2},
		{"error then success", viaStdin, "SELEKT;\nSELECT release_version FROM system.local;\n", []string{"<stdin>:2:" + syntax}, 2},
		{"two on a line", viaStdin, "SELEKT; SELEKT;\n", []string{"<stdin>:2:" + syntax, "<stdin>:2:" + syntax}, 2},
		{"shell command", viaStdin, "\nCONSISTENCY NOPE\n", []string{"<stdin>:3:Improper CONSISTENCY command."}, 2},
		{"incomplete", viaStdin, "SELECT release_version\nFROM system.local\n", []string{"<stdin>:3:Incomplete statement at end of file"}, 2},
		{"exec", viaExec, "SELEKT; SELECT release_version FROM system.local;\nSELEKT", []string{"<stdin>:1:" + syntax, "<stdin>:1:" + syntax}, 2},
		{"exec ok", viaExec, "SELECT release_version FROM system.local", nil, 0},
		{"file", viaFile, "SELECT release_version FROM system.local;\nSELEKT;\n", []string{"{{F}}:3:" + syntax}, 2},
		{"file exit", viaFile, "EXIT\nSELEKT;\n", nil, 0},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r result
			file := filepath.Join(dir, "s"+itoa(i)+".cql")
			switch tc.via {
			case viaStdin:
				r = tl.gocqlsh(t, []byte(tc.text), "--no-color")
			case viaExec:
				r = tl.gocqlsh(t, nil, "--no-color", "-e", tc.text)
			case viaFile:
				if err := os.WriteFile(file, []byte(tc.text), 0o644); err != nil {
					t.Fatal(err)
				}
				r = tl.gocqlsh(t, nil, "--no-color", "-f", file)
			}
			want := ""
			for _, l := range tc.stderr {
				want += strings.ReplaceAll(l, "{{F}}", file) + "\n"
			}
			if r.Stderr != want || r.Code != tc.code {
				t.Errorf("exit %d stderr %q; want exit %d stderr %q", r.Code, r.Stderr, tc.code, want)
			}
		})
	}
}

// TestMissingFile checks -f with a file that cannot be read: cqlsh's
// message (Python's wording of the OS error) and exit 1.
func TestMissingFile(t *testing.T) {
	tl := &tools{home: t.TempDir()}
	path := filepath.Join(t.TempDir(), "nope.cql")
	r := tl.gocqlshRaw(t, nil, "-f", path)
	want := "Can't open '" + path + "': [Errno 2] No such file or directory: '" + path + "'\n"
	if r.Code != 1 || r.Stderr != want {
		t.Errorf("exit %d stderr %q; want exit 1 stderr %q", r.Code, r.Stderr, want)
	}
}

var prefixRE = regexp.MustCompile(`^<stdin>:[0-9]+:`)
