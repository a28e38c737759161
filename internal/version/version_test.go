package version

import (
	"runtime/debug"
	"testing"
)

func settings(kv ...string) []debug.BuildSetting {
	var out []debug.BuildSetting
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

func TestFromBuild(t *testing.T) {
	const rev = "8a19f5da3a9bd03820f9c429e2df7e423cc106f4"
	for _, tc := range []struct {
		name                     string
		bi                       *debug.BuildInfo
		ldVersion, ldCommit, ldD string
		want                     Info
	}{
		{
			name: "no build information",
			want: Info{Version: "0.1.0"},
		},
		{
			name: "go build in a checkout, clean",
			bi: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
				Settings: settings("GOOS", "darwin", "GOARCH", "arm64", "vcs.revision", rev, "vcs.time", "2026-12-06T21:59:33Z", "vcs.modified", "false")},
			want: Info{Version: "0.1.0", Commit: rev, CommitTime: "2026-12-06T21:59:33Z", GoVersion: "go1.26.8", Platform: "darwin/arm64"},
		},
		{
			name: "go build in a checkout with changes, pseudo-version stamped",
			bi: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261206215933-8a19f5da3a9b+dirty"},
				Settings: settings("vcs.revision", rev, "vcs.time", "2026-12-06T21:59:33Z", "vcs.modified", "true")},
			want: Info{Version: "0.1.0", Module: "v0.0.0-20261206215933-8a19f5da3a9b+dirty", Commit: rev,
				CommitTime: "2026-12-06T21:59:33Z", Modified: true, GoVersion: "go1.26.8"},
		},
		{
			name: "go install module@v0.2.0",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.2.0"}},
			want: Info{Version: "0.2.0", Module: "v0.2.0", GoVersion: "go1.26.8"},
		},
		{
			name: "go install module@commit",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.2.1-0.20261206215933-8a19f5da3a9b"}},
			want: Info{Version: "0.1.0", Module: "v0.2.1-0.20261206215933-8a19f5da3a9b", Commit: "8a19f5da3a9b",
				CommitTime: "2026-12-06T21:59:33Z", GoVersion: "go1.26.8"},
		},
		{
			name: "pre-release pseudo-version",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.3.0-rc.1.0.20270101000000-0123456789ab"}},
			want: Info{Version: "0.1.0", Module: "v0.3.0-rc.1.0.20270101000000-0123456789ab", Commit: "0123456789ab",
				CommitTime: "2027-01-01T00:00:00Z", GoVersion: "go1.26.8"},
		},
		{
			name: "pre-release tag",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.3.0-rc.1"}},
			want: Info{Version: "0.3.0-rc.1", Module: "v0.3.0-rc.1", GoVersion: "go1.26.8"},
		},
		{
			name: "release build: -ldflags override",
			bi: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
				Settings: settings("vcs.revision", "ffff", "vcs.modified", "false")},
			ldVersion: "v0.2.0", ldCommit: rev, ldD: "2026-12-07T10:00:00Z",
			want: Info{Version: "0.2.0", Commit: rev, BuildDate: "2026-12-07T10:00:00Z", GoVersion: "go1.26.8"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fromBuild(tc.bi, "0.1.0", tc.ldVersion, tc.ldCommit, tc.ldD)
			want := tc.want
			// Unset in a case: whatever the running toolchain and platform are.
			if want.GoVersion == "" {
				want.GoVersion = got.GoVersion
			}
			if want.Platform == "" {
				want.Platform = got.Platform
			}
			if got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestString(t *testing.T) {
	for _, tc := range []struct {
		in   Info
		want string
	}{
		{Info{Version: "0.1.0", GoVersion: "go1.26.8", Platform: "linux/amd64"},
			"commit unknown, go1.26.8, linux/amd64"},
		{Info{Version: "0.1.0", Commit: "abc", CommitTime: "2026-12-06T21:59:33Z", Modified: true, GoVersion: "go1.26.8", Platform: "windows/arm64"},
			"commit abc (modified), committed 2026-12-06T21:59:33Z, go1.26.8, windows/arm64"},
		{Info{Version: "0.2.0", Commit: "abc", CommitTime: "2026-12-06T21:59:33Z", BuildDate: "2026-12-07T10:00:00Z", GoVersion: "go1.26.8", Platform: "darwin/amd64"},
			"commit abc, committed 2026-12-06T21:59:33Z, built 2026-12-07T10:00:00Z, go1.26.8, darwin/amd64"},
	} {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("%+v.String() =\n%q, want\n%q", tc.in, got, tc.want)
		}
	}
}
