package main

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/internal/testnode"
)

const versionPkg = "github.com/gocqlsh/gocqlsh/internal/version"

// distBuild builds this command for goos/goarch into dir as `make dist` does
// (no cgo, -trimpath, stripped, the commit from Go's VCS stamp when the
// source is a git checkout, the build date by -ldflags -X) and returns the
// binary's path and the commit it should report ("" outside git).
func distBuild(t *testing.T, goos, goarch, dir, date string) (bin, commit string) {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			t.Fatalf("no go command: %v", err)
		}
	}
	buildvcs := "false"
	if out, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
		commit = strings.TrimSpace(string(out))
		buildvcs = "true"
	}
	bin = filepath.Join(dir, "gocqlsh")
	if goos == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command(goTool, "build", "-trimpath", "-buildvcs="+buildvcs,
		"-ldflags", "-s -w -X "+versionPkg+".date="+date, "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build for %s/%s: %v\n%s", goos, goarch, err, out)
	}
	return bin, commit
}

// TestDistLinuxAMD64 builds the release binary for linux/amd64, checks that
// it is statically linked, and runs it: --version, then one statement
// against the local node.
func TestDistLinuxAMD64(t *testing.T) {
	date := time.Now().UTC().Format(time.RFC3339)
	bin, commit := distBuild(t, "linux", "amd64", t.TempDir(), date)

	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("%s has a %v program header: not statically linked", bin, p.Type)
		}
	}
	if s := f.Section(".dynamic"); s != nil {
		t.Errorf("%s has a .dynamic section", bin)
	}
	if libs, err := f.ImportedLibraries(); err != nil || len(libs) > 0 {
		t.Errorf("%s needs shared libraries %v (%v)", bin, libs, err)
	}
	fi, err := os.Stat(bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("linux/amd64 binary: %d bytes", fi.Size())
	if fi.Size() > 15<<20 {
		t.Errorf("linux/amd64 binary is %d bytes, over the 15 MiB budget", fi.Size())
	}

	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skipf("built and inspected; running it needs a linux/amd64 host, not %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil {
		t.Fatalf("--version: %v\n%s", err, out)
	}
	t.Logf("--version:\n%s", out)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 || !regexp.MustCompile(`^gocqlsh \S+ \(cqlsh \S+ compatible\)$`).MatchString(lines[0]) {
		t.Fatalf("--version printed %q, want two lines starting with \"gocqlsh V (cqlsh V compatible)\"", out)
	}
	if !strings.Contains(lines[1], "built "+date) || !strings.Contains(lines[1], "linux/amd64") {
		t.Errorf("--version second line %q lacks the build date %s or linux/amd64", lines[1], date)
	}
	if commit != "" && !strings.HasPrefix(lines[1], "commit "+commit) {
		t.Errorf("--version second line %q does not start with commit %s", lines[1], commit)
	}

	host, port, err := net.SplitHostPort(testnode.Addr(t))
	if err != nil {
		t.Fatal(err)
	}
	out, err = exec.Command(bin, host, port, "-e", "SELECT release_version FROM system.local").CombinedOutput()
	if err != nil {
		t.Fatalf("static binary against %s:%s: %v\n%s", host, port, err, out)
	}
	if !regexp.MustCompile(`(?m)^ release_version\n-+\n +\d+\.\d+\.\d+\S*\n\n\(1 rows\)$`).Match(out) {
		t.Errorf("static binary printed:\n%s", out)
	}
	t.Logf("static binary against node %s:%s:\n%s", host, port, out)
}

// TestCrossBuilds checks that the macOS and Windows release builds compile
// into executables of their platform.
func TestCrossBuilds(t *testing.T) {
	t.Run("darwin/arm64", func(t *testing.T) {
		t.Parallel()
		bin, _ := distBuild(t, "darwin", "arm64", t.TempDir(), "2026-01-02T03:04:05Z")
		f, err := macho.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if f.Cpu != macho.CpuArm64 || f.Type != macho.TypeExec {
			t.Errorf("%s: Mach-O cpu %v type %v, want an arm64 executable", bin, f.Cpu, f.Type)
		}
	})
	t.Run("windows/amd64", func(t *testing.T) {
		t.Parallel()
		bin, _ := distBuild(t, "windows", "amd64", t.TempDir(), "2026-01-02T03:04:05Z")
		f, err := pe.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 || f.Characteristics&pe.IMAGE_FILE_EXECUTABLE_IMAGE == 0 {
			t.Errorf("%s: PE machine %#x characteristics %#x, want an amd64 executable", bin, f.Machine, f.Characteristics)
		}
	})
}
