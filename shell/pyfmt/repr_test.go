package pyfmt

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

func TestRepr(t *testing.T) {
	for in, want := range map[string]string{
		"plain":      `'plain'`,
		"it's":       `"it's"`,
		`it's "x"`:   `'it\'s "x"'`,
		"a\\b\n\t":   `'a\\b\n\t'`,
		"\x01\u00a0": `'\x01\xa0'`,
	} {
		if got := Repr(in); got != want {
			t.Errorf("Repr(%q) = %s, want %s", in, got, want)
		}
	}
	if got := List([]string{"a", "b'"}); got != `['a', "b'"]` {
		t.Errorf("List = %s", got)
	}
	if got := Dict(Pair{"k", "1"}, Pair{"x", Repr("y")}); got != `{'k': 1, 'x': 'y'}` {
		t.Errorf("Dict = %s", got)
	}
}

func TestIntAndFloat(t *testing.T) {
	for in, want := range map[string]int{" 42 ": 42, "1_000": 1000, "+7": 7, "-3": -3} {
		if got, err := Int(in); err != nil || got != want {
			t.Errorf("Int(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "_1", "1_", "1__0", "+-1", "x", "99999999999999999999"} {
		if _, err := Int(in); err == nil || err.Error() != "invalid literal for int() with base 10: "+Repr(in) {
			t.Errorf("Int(%q): %v", in, err)
		}
	}
	if v, err := Float(" 1e400 "); err != nil || v <= 1e308 {
		t.Errorf("Float(1e400) = %v, %v (Python gives inf)", v, err)
	}
	if _, err := Float("0x10"); err == nil || err.Error() != "could not convert string to float: '0x10'" {
		t.Errorf("Float(0x10): %v", err)
	}
}

func TestOSError(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "nope"))
	if got := OSError(err); got[:37] != "[Errno 2] No such file or directory: " {
		t.Errorf("OSError = %q", got)
	}
	if got := OSError(errors.New("plain")); got != "plain" {
		t.Errorf("OSError of a non-path error = %q", got)
	}
}

func TestError(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&driver.Error{Code: frame.CodeSyntaxError, Message: "line 1:0 no viable alternative"}, "SyntaxException: line 1:0 no viable alternative"},
		{&driver.Error{Code: frame.CodeInvalid, Message: "bad"}, `InvalidRequest: Error from server: code=2200 [Invalid query] message="bad"`},
		{&driver.Error{Code: frame.CodeAlreadyExists, Keyspace: "ks", Table: "t"}, "AlreadyExists: Table 'ks.t' already exists"},
		{errors.New("other"), "other"},
	} {
		if got := Error(tt.err); got != tt.want {
			t.Errorf("Error(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
