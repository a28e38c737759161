package driver

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestFutureCallbackOrder: callbacks run once each in registration order,
// including one a callback registers while the future completes; one added
// afterwards runs at once; Result does not wait for callbacks.
func TestFutureCallbackOrder(t *testing.T) {
	f := newFuture()
	var got []string
	want := errors.New("boom")
	rec := func(name string) func(*Result, error) {
		return func(_ *Result, err error) {
			if err != want {
				t.Errorf("callback %s got %v", name, err)
			}
			got = append(got, name)
		}
	}
	f.AddCallback(func(r *Result, err error) {
		rec("a")(r, err)
		// A callback may read the result, and register another.
		if _, err := f.Result(context.Background()); err != want {
			t.Errorf("Result inside a callback: %v", err)
		}
		f.AddCallback(rec("d"))
	})
	f.AddCallback(rec("b"))
	f.AddCallback(rec("c"))
	f.complete(nil, want)
	<-f.Done()
	f.AddCallback(rec("e"))
	if s := strings.Join(got, ""); s != "abcde" {
		t.Errorf("callbacks ran as %q, want abcde", s)
	}
}
