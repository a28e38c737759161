package compat_test

import (
	"strings"
	"testing"
)

// divergence is a place where gocqlsh knowingly prints something other
// than cqlsh 6.2.2. Each runs through both shells: gocqlsh must print
// exactly what is written here, and cqlsh must still print something else
// (so an entry that no longer diverges is noticed). README.md's
// "Differences from cqlsh" lists the same items.
type divergence struct {
	name   string
	reason string
	script string // piped to stdin, or given to -e when exec is set
	exec   bool
	// What gocqlsh prints, after normalisation ({{KS}}, {{DIR}}).
	stdout, stderr string
	code           int
	// helpText skips the stdout check: the text is gocqlsh's own.
	helpText bool
}

const ddlKS = "CREATE KEYSPACE {{KS}} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};\nUSE {{KS}};\n"

var divergences = []divergence{
	{
		name:   "null-in-tuple",
		reason: "cqlsh prints None for a null non-text tuple element and fails to format a null text element; gocqlsh prints null.",
		script: ddlKS + "CREATE TABLE t (k int PRIMARY KEY, v tuple<int, text>);\nINSERT INTO t (k, v) VALUES (1, (null, 'x'));\nINSERT INTO t (k, v) VALUES (2, (1, null));\nSELECT * FROM t;\n",
		stdout: "\n k | v\n---+-------------\n 1 | (null, 'x')\n 2 |   (1, null)\n\n(2 rows)\n",
	},
	{
		name:   "page-widths",
		reason: "In batch mode cqlsh sizes columns per 100-row page (or PAGING n) and misaligns pages; gocqlsh keeps the columns aligned while streaming.",
		script: ddlKS + "CREATE TABLE t (k int PRIMARY KEY, v text);\nINSERT INTO t (k, v) VALUES (1, 'a');\nINSERT INTO t (k, v) VALUES (2, 'longer value');\nPAGING 1\nSELECT * FROM t;\n",
		stdout: "Page size: 1\n\n k | v\n---+--------------\n 1 |            a\n 2 | longer value\n\n(2 rows)\n",
	},
	{
		name:   "empty-nested-collection-width",
		reason: "cqlsh measures an empty collection nested in another as zero columns wide, so the row juts out of its column; gocqlsh measures what it prints.",
		script: ddlKS + "CREATE TABLE t (k int PRIMARY KEY, v frozen<list<frozen<map<int, int>>>>);\nINSERT INTO t (k, v) VALUES (1, [{1: 2}, {}]);\nSELECT * FROM t;\n",
		stdout: "\n k | v\n---+--------------\n 1 | [{1: 2}, {}]\n\n(1 rows)\n",
	},
	{
		name:   "far-timestamp-precision",
		reason: "cqlsh converts timestamps through floating-point seconds and prints 9999-12-31 23:59:59.998993 for .999; gocqlsh prints the exact millisecond.",
		script: ddlKS + "CREATE TABLE t (k int PRIMARY KEY, ts timestamp);\nINSERT INTO t (k, ts) VALUES (1, 253402300799999);\nSELECT ts FROM t;\n",
		stdout: "\n ts\n---------------------------------\n 9999-12-31 23:59:59.999000+0000\n\n(1 rows)\n",
	},
	{
		name:   "date-overflow-warning",
		reason: "For a timestamp outside years 1..9999 both print the milliseconds, but cqlsh also prints Python's DateOverFlowWarning (naming its own source file) on stderr; gocqlsh does not.",
		script: ddlKS + "CREATE TABLE t (k int PRIMARY KEY, ts timestamp);\nINSERT INTO t (k, ts) VALUES (1, 253402300800000);\nSELECT ts FROM t;\n",
		stdout: "\n ts\n-----------------\n 253402300800000\n\n(1 rows)\n",
	},
	{
		name:   "capture-off",
		reason: "cqlsh 6.2.2 ignores CAPTURE OFF (it reports the capture state instead), so output stays captured; gocqlsh stops capturing.",
		script: "CAPTURE '{{DIR}}/capture.txt'\nCAPTURE OFF\nCAPTURE\n",
		stdout: "Now capturing query output to '{{DIR}}/capture.txt'.\nCurrently not capturing query output.\n",
	},
	{
		name:   "empty-statement",
		reason: "cqlsh sends a lone ';' to the server and reports its SyntaxException (exit 2); gocqlsh skips empty statements.",
		script: "SELECT release_version FROM system.local;\n;\n",
		stdout: "\n release_version\n-----------------\n           5.0.8\n\n(1 rows)\n",
	},
	{
		name:   "exec-trailing-newline",
		reason: "cqlsh -e appends ';' unless the text ends with one, even after a final newline, and then fails on that empty statement; gocqlsh ignores trailing white space.",
		script: "SELECT release_version FROM system.local;\n\n", // the harness drops one newline
		exec:   true,
		stdout: "\n release_version\n-----------------\n           5.0.8\n\n(1 rows)\n",
	},
	{
		name:   "unquoted-non-ascii",
		reason: "cqlsh's own lexer rejects characters such as ä outside quotes (Invalid syntax at line 1, char N, with a caret line); gocqlsh's lexer only splits statements and the server reports the syntax error.",
		script: "SELECT ä FROM system.local;\n",
		stderr: "<stdin>:2:SyntaxException: line 1:7 no viable alternative at character 'ä'\n",
		code:   2,
	},
	{
		name:   "unavailable",
		reason: "The Python driver retries an Unavailable error on the next host and, on a one-node cluster, reports NoHostAvailable wrapping it; gocqlsh reports the server's error.",
		script: "CONSISTENCY TWO\nSELECT release_version FROM system.local;\n",
		stdout: "Consistency level set to TWO.\n",
		stderr: "<stdin>:3:Unavailable: Error from server: code=1000 [Unavailable exception] message=\"Cannot achieve consistency level TWO\" info={'consistency': 'TWO', 'required_replicas': 2, 'alive_replicas': 1}\n",
		code:   2,
	},
	{
		name:   "exit-in-exec",
		reason: "cqlsh -e keeps going after EXIT and fails every later statement with NoHostAvailable ('Pool is shutdown'); gocqlsh stops at EXIT.",
		script: "SELECT release_version FROM system.local; EXIT\nSELECT release_version FROM system.local;",
		exec:   true,
		stdout: "\n release_version\n-----------------\n           5.0.8\n\n(1 rows)\n",
	},
	{
		name:   "source-inherits-settings",
		reason: "cqlsh runs SOURCE in a new shell that starts again at CONSISTENCY ONE (and default SERIAL, EXPAND, PAGING); gocqlsh keeps the caller's settings.",
		script: "CONSISTENCY QUORUM\nSOURCE '{{DIR}}/consistency.cql'\n",
		stdout: "Consistency level set to QUORUM.\nCurrent consistency level is QUORUM.\n",
	},
	{
		name:   "copy-long-delimiter",
		reason: "cqlsh accepts a COPY DELIMITER (or QUOTE, ESCAPE) of more than one character and then fails in every worker, retrying each range; gocqlsh rejects the option at once with the csv module's message.",
		script: "COPY system.local (key) TO STDOUT WITH DELIMITER='ab';\n",
		stderr: "<stdin>:2:\"delimiter\" must be a 1-character string\n",
		code:   2,
	},
	{
		name:     "help",
		reason:   "HELP texts are gocqlsh's own wording.",
		script:   "HELP CONSISTENCY\n",
		helpText: true,
	},
}

// TestDivergences checks every intended divergence in both directions.
func TestDivergences(t *testing.T) {
	tl := newTools(t)
	for _, d := range divergences {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			tl.slots <- struct{}{}
			defer func() { <-tl.slots }()
			via := viaStdin
			if d.exec {
				via = viaExec
			}
			want, got := runPair(t, tl, "div", d.script, via, nil)
			if !d.helpText && got.Stdout != d.stdout {
				t.Errorf("%s: gocqlsh stdout %s", d.name, firstDiff(d.stdout, got.Stdout))
			}
			if got.Stderr != d.stderr {
				t.Errorf("%s: gocqlsh stderr %s", d.name, firstDiff(d.stderr, got.Stderr))
			}
			if got.Code != d.code {
				t.Errorf("%s: gocqlsh exit code %d, want %d", d.name, got.Code, d.code)
			}
			if same(want.result, got.result) || (d.helpText && want.Stdout == got.Stdout) {
				t.Errorf("%s: cqlsh now prints the same as gocqlsh (%q, %q); remove the divergence", d.name, want.Stdout, want.Stderr)
			}
			if strings.TrimSpace(d.reason) == "" {
				t.Errorf("%s: a divergence needs a reason", d.name)
			}
		})
	}
}

// same reports runs that printed the same and exited alike.
func same(a, b result) bool {
	return a.Stdout == b.Stdout && a.Stderr == b.Stderr && a.Code == b.Code
}

// TestDivergencesOutsideScripts covers the two listed divergences the
// script runs cannot show: cqlsh's version warning (which the harness
// strips) and an unknown option (cqlsh 6.2.2 takes it for a host name and
// dies with a traceback; gocqlsh prints usage and exits 2).
func TestDivergencesOutsideScripts(t *testing.T) {
	tl := newTools(t)
	c := tl.cqlshRun(t, []byte("SELECT release_version FROM system.local;\n"), "--no-color")
	g := tl.gocqlsh(t, []byte("SELECT release_version FROM system.local;\n"), "--no-color")
	if !versionWarning.MatchString(c.Stdout) {
		t.Errorf("cqlsh no longer prints the version warning: %q", c.Stdout)
	}
	if strings.Contains(g.Stdout+g.Stderr, "WARNING") {
		t.Errorf("gocqlsh printed a version warning: %q", g.Stdout)
	}
	c = tl.run(t, nil, tl.environ(), tl.cqlsh, "--bogus")
	g = tl.gocqlshRaw(t, nil, "--bogus")
	if !strings.Contains(c.Stderr, "Traceback") || c.Code != 1 {
		t.Errorf("cqlsh --bogus no longer crashes (exit %d): %q", c.Code, c.Stderr)
	}
	if g.Code != 2 || !strings.HasPrefix(g.Stderr, "usage: Usage: gocqlsh") {
		t.Errorf("gocqlsh --bogus: exit %d %q", g.Code, g.Stderr)
	}
}
