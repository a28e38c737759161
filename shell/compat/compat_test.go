package compat_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// input is how a script reaches the shell.
type input uint8

const (
	viaStdin input = iota // piped to stdin
	viaFile               // -f FILE
	viaExec               // -e TEXT
)

func (in input) String() string {
	return [...]string{"stdin", "file", "exec"}[in]
}

// scriptCase runs one corpus script one way, with extra arguments.
type scriptCase struct {
	script string
	via    input
	args   []string
}

// corpus is every comparison run. Scripts use {{KS}} for a keyspace of
// their own (a fresh name per tool and run, so runs are independent and
// can go in parallel) and {{DIR}} for a scratch directory that also holds
// the files under testdata/compat/include.
var corpus = []scriptCase{
	{script: "types.cql", via: viaStdin},
	{script: "ddl.cql", via: viaStdin},
	{script: "dml.cql", via: viaStdin},
	{script: "errors.cql", via: viaStdin},
	{script: "errors.cql", via: viaFile},
	{script: "commands.cql", via: viaStdin},
	{script: "commands.cql", via: viaFile},
	{script: "tracing.cql", via: viaStdin},
	{script: "eof_incomplete.cql", via: viaStdin},
	{script: "eof_incomplete.cql", via: viaFile},
	{script: "eof_string.cql", via: viaStdin},
	{script: "exit_middle.cql", via: viaStdin},

	{script: "quit_after_ok.cql", via: viaFile},
	{script: "exec_errors.cql", via: viaExec},
	{script: "exec_errors.cql", via: viaStdin},
	{script: "keyspace_flag.cql", via: viaStdin, args: []string{"-k", "system"}},
	{script: "keyspace_flag.cql", via: viaExec, args: []string{"-k", "system_schema"}},
	{script: "timeouts.cql", via: viaStdin, args: []string{"--connect-timeout", "7", "--request-timeout", "20"}},
}

// TestCompat compares every corpus run byte for byte: stdout, stderr,
// exit code, and the files CAPTURE wrote.
func TestCompat(t *testing.T) {
	tl := newTools(t)
	for _, c := range corpus {
		name := strings.TrimSuffix(c.script, ".cql") + "/" + c.via.String()
		if len(c.args) > 0 {
			name += "/" + strings.Join(c.args, "_")
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tl.slots <- struct{}{}
			defer func() { <-tl.slots }()
			runScript(t, tl, name, c)
		})
	}
}

func runScript(t *testing.T, tl *tools, name string, c scriptCase) {
	text, err := os.ReadFile(filepath.Join("testdata", "compat", c.script))
	if err != nil {
		t.Fatal(err)
	}
	stem := strings.NewReplacer(".cql", "", "_", "").Replace(c.script)
	want, got := runPair(t, tl, stem+"_"+c.via.String()[:1], string(text), c.via, c.args)
	compare(t, name, want.result, got.result)
	for _, f := range []string{"capture.txt", "other.txt"} {
		w, werr := os.ReadFile(filepath.Join(want.dir, f))
		g, gerr := os.ReadFile(filepath.Join(got.dir, f))
		if os.IsNotExist(werr) && os.IsNotExist(gerr) {
			continue
		}
		ws, gs := normalise(string(w), want.ks, want.dir), normalise(string(g), got.ks, got.dir)
		if (werr == nil) != (gerr == nil) || ws != gs {
			t.Errorf("%s: captured %s differs (cqlsh err %v, gocqlsh err %v): %s", name, f, werr, gerr, firstDiff(ws, gs))
		}
	}
}

// side is one tool's run of a script: its keyspace, directory and output
// (normalised).
type side struct {
	ks, dir string
	result
	err error
}

// runPair runs a script through cqlsh and gocqlsh at the same time, each
// with its own keyspace and directory of equal name lengths (so column
// widths match), and returns both runs normalised.
func runPair(t *testing.T, tl *tools, label, text string, via input, extra []string) (want, got *side) {
	t.Helper()
	base := t.TempDir()
	prefix := "cmp_" + label + "_" + uniqueID(t) + "_"
	sides := [2]*side{{ks: prefix + "c", dir: filepath.Join(base, "c")}, {ks: prefix + "g", dir: filepath.Join(base, "g")}}
	t.Cleanup(func() { dropKeyspaces(t, tl, sides[0].ks, sides[1].ks) })

	var wg sync.WaitGroup
	for i, s := range sides {
		body := template(text, s.ks, s.dir)
		if err := os.MkdirAll(s.dir, 0o755); err != nil {
			t.Fatal(err)
		}
		copyIncludes(t, s.ks, s.dir)
		// A generous request timeout: DDL on a busy node can take seconds,
		// and a timeout would make the two runs differ for no reason.
		args := append([]string{"--no-color", "--request-timeout", "60"}, extra...)
		var stdin []byte
		switch via {
		case viaStdin:
			stdin = []byte(body)
		case viaFile:
			path := filepath.Join(s.dir, "script.cql")
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			args = append(args, "-f", path)
		case viaExec:
			// Without the file's final newline: cqlsh would append a ';'
			// after it and send that empty statement (see divergences).
			args = append(args, "-e", strings.TrimSuffix(body, "\n"))
		}
		var argv, env []string
		if i == 0 {
			argv, env = tl.cqlshArgv(args...), tl.environ()
		} else {
			argv, env = tl.gocqlshArgv(args...), tl.environ(envExec+"=1")
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.result, s.err = execute(stdin, env, argv...)
		}()
	}
	wg.Wait()
	for _, s := range sides {
		if s.err != nil {
			t.Fatal(s.err)
		}
		s.Stdout = normalise(s.Stdout, s.ks, s.dir)
		s.Stderr = normalise(s.Stderr, s.ks, s.dir)
	}
	return sides[0], sides[1]
}

// template fills a script's placeholders for one run.
func template(s, ks, dir string) string {
	return strings.NewReplacer("{{KS}}", ks, "{{DIR}}", dir).Replace(s)
}

// copyIncludes puts the scripts that SOURCE reads into dir, templated.
func copyIncludes(t *testing.T, ks, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "compat", "include", "*.cql"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), []byte(template(string(b), ks, dir)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// dropKeyspaces removes what a script may have left behind (one that
// stopped early or failed).
func dropKeyspaces(t *testing.T, tl *tools, names ...string) {
	var b strings.Builder
	for _, ks := range names {
		for _, p := range []string{"", "bad_ks_", "bad_ks2_"} {
			b.WriteString("DROP KEYSPACE IF EXISTS " + p + ks + ";\n")
		}
	}
	r, err := execute([]byte(b.String()), tl.environ(envExec+"=1"), tl.gocqlshArgv("--no-color")...)
	if err != nil || r.Code != 0 {
		t.Logf("cleanup: %v %s", err, r.Stderr)
	}
}
