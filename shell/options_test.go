package shell

import (
	"strings"
	"testing"
)

func TestNormalizeCQLVersion(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{"3", "3.0.0", ""},
		{"3.4", "3.4.0", ""},
		{"3.4.7", "3.4.7", ""},
		{"2.0", "", "'2.0.0' is not a supported CQL version."},
		{"x", "", "'x' is not a supported CQL version."},
		{"3.4.7.1", "", "'3.4.7.1' is not a supported CQL version."},
	} {
		got, err := normalizeCQLVersion(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q: got %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestSimplePromptOption(t *testing.T) {
	o, err := ParseArgs([]string{"--simple-prompt", "127.0.0.1"})
	if err != nil || !o.SimplePrompt || o.Host != "127.0.0.1" {
		t.Fatalf("ParseArgs: %+v, %v", o, err)
	}
	if _, err := ParseArgs([]string{"--simple-prompt=yes"}); err == nil {
		t.Error("--simple-prompt takes no value")
	}
	if !strings.Contains(Usage("gocqlsh"), "--simple-prompt") {
		t.Error("the usage text does not list --simple-prompt")
	}
}
