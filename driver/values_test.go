package driver

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
	"github.com/gocqlsh/gocqlsh/internal/fakeserver"
)

// TestValuesReuse encodes tuples of different shapes one after another into
// one reused values and checks each against a fresh encoding: nothing of an
// earlier tuple (an Unset, a null, a longer value) may leak into a later one.
func TestValuesReuse(t *testing.T) {
	text := &cqltype.Type{Kind: cqltype.Varchar}
	bigint := &cqltype.Type{Kind: cqltype.Bigint}
	types := []*cqltype.Type{text, bigint, text}
	typeOf := func(i int) *cqltype.Type { return types[i] }
	nameOf := func(i int) string { return fmt.Sprint("c", i) }
	long := string(bytes.Repeat([]byte("x"), 5000))
	tuples := [][]any{
		{"a", int64(1), "b"},
		{long, int64(2), long},
		{"", nil, Unset},
		{"c", Unset, nil},
		{"", int64(-1), ""},
		{nil, nil, nil},
		{"d", int64(4), "e"},
	}
	var reused values
	for i, tuple := range tuples {
		var fresh values
		if err := fresh.encode(tuple, typeOf, nameOf); err != nil {
			t.Fatalf("tuple %d: %v", i, err)
		}
		if err := reused.encode(tuple, typeOf, nameOf); err != nil {
			t.Fatalf("tuple %d: %v", i, err)
		}
		if len(reused.vals) != len(tuple) {
			t.Fatalf("tuple %d: %d values", i, len(reused.vals))
		}
		for j := range tuple {
			f, r := fresh.vals[j], reused.vals[j]
			if !bytes.Equal(f, r) || (f == nil) != (r == nil) {
				t.Errorf("tuple %d value %d: reused %q (nil %v), fresh %q (nil %v)", i, j, r, r == nil, f, f == nil)
			}
			fu := j < len(fresh.unset) && fresh.unset[j]
			ru := j < len(reused.unset) && reused.unset[j]
			if fu != ru {
				t.Errorf("tuple %d value %d: unset %v, want %v", i, j, ru, fu)
			}
			if _, isUnset := tuple[j].(unsetValue); isUnset != ru {
				t.Errorf("tuple %d value %d: unset %v for %v", i, j, ru, tuple[j])
			}
			if s, ok := tuple[j].(string); ok && (r == nil || string(r) != s) {
				t.Errorf("tuple %d value %d: %q for %q (an empty string is not null)", i, j, r, s)
			}
		}
	}
	if err := reused.encode([]any{"a", "not a number", "c"}, typeOf, nameOf); err == nil {
		t.Error("a string for a bigint marker encoded")
	}
	if err := reused.encode([]any{"after", int64(9), "error"}, typeOf, nameOf); err != nil || string(reused.vals[2]) != "error" {
		t.Errorf("encoding after a failure: %q, %v", reused.vals, err)
	}
}

// TestRequestEncodingAllocates0 checks the steady-state encode path: once
// the statement is prepared and the reused buffers have grown, building an
// EXECUTE with its values and framing it allocates nothing.
func TestRequestEncodingAllocates0(t *testing.T) {
	for _, proto := range []byte{4, 5} {
		t.Run(fmt.Sprint("v", proto), func(t *testing.T) {
			s, _ := fakeSession(t, Config{ProtoVersion: proto}, func(*fakeserver.Request, string) fakeserver.Action {
				return fakeserver.Default()
			})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			q := &Query{Statement: "INSERT INTO ks.t (key, col0, col1) VALUES (?, ?, ?)", Consistency: Quorum}
			args := []any{"key-000001", "value0-000001", "value1-000001"}
			var sc scratch
			var r request
			var buf []byte
			var buildErr error
			build := func() {
				r.initQuery(s, ctx, q, args, nil, &sc)
				req, err := r.next(true)
				if err != nil {
					buildErr = err
					return
				}
				buf = frame.AppendFrame(buf[:0], r.c.Version(), 0, 7, req)
			}
			build() // prepares, and grows the buffers
			if buildErr != nil {
				t.Fatal(buildErr)
			}
			if n := testing.AllocsPerRun(2000, build); n != 0 {
				t.Errorf("%v allocations per request", n)
			}
			h, err := frame.ParseHeader(buf)
			if err != nil || h.Opcode != frame.OpExecute || int(h.Length) != len(buf)-frame.HeaderLen {
				t.Fatalf("built frame: %+v, %v", h, err)
			}
			m, _, err := frame.DecodeRequest(h, buf[frame.HeaderLen:])
			if err != nil {
				t.Fatal(err)
			}
			ex := m.(*frame.Execute)
			if len(ex.Params.Values) != 3 || string(ex.Params.Values[2]) != "value1-000001" || ex.Params.Consistency != frame.Quorum {
				t.Errorf("decoded EXECUTE %+v", ex.Params)
			}
		})
	}
}
