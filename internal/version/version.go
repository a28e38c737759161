// Package version tells which build of gocqlsh is running: its version, the
// commit it was built from and when. Go records this in every binary (a
// build in a git checkout stamps the commit; `go install module@version`
// stamps the module version), and release builds may set it with
//
//	-ldflags "-X github.com/gocqlsh/gocqlsh/internal/version.version=0.2.0
//	          -X github.com/gocqlsh/gocqlsh/internal/version.commit=<hash>
//	          -X github.com/gocqlsh/gocqlsh/internal/version.date=<RFC 3339>"
package version

import (
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"time"
)

// Set by -ldflags -X; each one, when set, overrides the build information.
var (
	version string // release version, with or without a leading "v"
	commit  string // commit hash
	date    string // build date, RFC 3339
)

// Info describes one build.
type Info struct {
	Version    string // e.g. "0.1.0"
	Module     string // the module version Go recorded, e.g. "v0.1.0"; "" for (devel)
	Commit     string // the commit hash, "" when unknown
	CommitTime string // the commit's time, RFC 3339 in UTC, "" when unknown
	Modified   bool   // built from a tree with uncommitted changes
	BuildDate  string // RFC 3339, "" when unknown (release builds set it)
	GoVersion  string // e.g. "go1.26.8"
	Platform   string // GOOS/GOARCH
}

// Get returns this binary's Info. base is the version in the source tree,
// used when neither -ldflags nor a tagged module version says otherwise.
func Get(base string) Info {
	bi, _ := debug.ReadBuildInfo()
	return fromBuild(bi, base, version, commit, date)
}

// pseudo matches a pseudo-version: vX.Y.Z-[pre.0.|0.]yyyymmddhhmmss-<12 hex>,
// as `go install module@<commit>` records it.
var pseudo = regexp.MustCompile(`^v\d+\.\d+\.\d+-(?:[0-9A-Za-z.-]*[.-])?(\d{14})-([0-9a-f]{12})$`)

// fromBuild assembles an Info from Go's build information (nil when the
// binary has none) and the -ldflags values.
func fromBuild(bi *debug.BuildInfo, base, ldVersion, ldCommit, ldDate string) Info {
	in := Info{Version: base, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if bi.GoVersion != "" {
			in.GoVersion = bi.GoVersion
		}
		mod := bi.Main.Version
		if mod != "" && mod != "(devel)" {
			in.Module = mod
			if strings.HasSuffix(mod, "+dirty") {
				in.Modified = true
			}
			mod = strings.TrimSuffix(strings.TrimSuffix(mod, "+dirty"), "+incompatible")
			if m := pseudo.FindStringSubmatch(mod); m != nil {
				// Built from a commit that has no tag: keep the source
				// tree's version, take commit and time from the pseudo-version.
				in.Commit = m[2]
				if t, err := time.Parse("20060102150405", m[1]); err == nil {
					in.CommitTime = t.UTC().Format(time.RFC3339)
				}
			} else {
				in.Version = strings.TrimPrefix(mod, "v")
			}
		}
		var goos, goarch string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				in.Commit = s.Value
			case "vcs.time":
				in.CommitTime = s.Value
			case "vcs.modified":
				in.Modified = s.Value == "true"
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
		if goos != "" && goarch != "" {
			in.Platform = goos + "/" + goarch
		}
	}
	if ldVersion != "" {
		in.Version = strings.TrimPrefix(ldVersion, "v")
	}
	if ldCommit != "" {
		in.Commit = ldCommit
	}
	if ldDate != "" {
		in.BuildDate = ldDate
	}
	return in
}

// String is one line about the build: commit, dates, Go and platform, e.g.
// "commit 0123abcd… (modified), committed 2026-12-06T21:59:33Z, built
// 2026-12-06T22:10:00Z, go1.26.8, linux/amd64".
func (in Info) String() string {
	c := "commit unknown"
	if in.Commit != "" {
		c = "commit " + in.Commit
	}
	if in.Modified {
		c += " (modified)"
	}
	parts := []string{c}
	if in.CommitTime != "" {
		parts = append(parts, "committed "+in.CommitTime)
	}
	if in.BuildDate != "" {
		parts = append(parts, "built "+in.BuildDate)
	}
	parts = append(parts, in.GoVersion, in.Platform)
	return strings.Join(parts, ", ")
}
