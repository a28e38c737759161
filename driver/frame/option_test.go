package frame

import (
	"errors"
	"reflect"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

func TestOptionVectors(t *testing.T) {
	simple := func(k cqltype.Kind) *cqltype.Type { return &cqltype.Type{Kind: k} }
	vecName := m + "VectorType(" + m + "FloatType,3)"
	tests := []struct {
		name string
		in   []byte
		want *cqltype.Type
	}{
		{"int", cat("0009"), simple(cqltype.Int)},
		{"duration", cat("0015"), simple(cqltype.Duration)},
		{"list<text>", cat("0020", "000d"), &cqltype.Type{Kind: cqltype.List, Elem: simple(cqltype.Varchar)}},
		{"set<uuid>", cat("0022", "000c"), &cqltype.Type{Kind: cqltype.Set, Elem: simple(cqltype.UUID)}},
		{"map<ascii,bigint>", cat("0021", "0001", "0002"),
			&cqltype.Type{Kind: cqltype.Map, Key: simple(cqltype.Ascii), Value: simple(cqltype.Bigint)}},
		{"tuple<int,blob>", cat("0031", "0002", "0009", "0003"),
			&cqltype.Type{Kind: cqltype.Tuple, Elems: []*cqltype.Type{simple(cqltype.Int), simple(cqltype.Blob)}}},
		{
			"udt",
			cat("0030", "0002", txt("ks"), "0001", txt("u"), // keyspace, name
				"0002",                   // two fields
				"0001", txt("a"), "0009", // a int
				"0001", txt("b"), "0020", "0004"), // b list<boolean>
			&cqltype.Type{Kind: cqltype.UDT, Keyspace: "ks", Name: "u", Fields: []cqltype.Field{
				{Name: "a", Type: simple(cqltype.Int)},
				{Name: "b", Type: &cqltype.Type{Kind: cqltype.List, Elem: simple(cqltype.Boolean)}},
			}},
		},
		{"custom vector", cat("0000", str(vecName)), // Custom id, [string] class name
			&cqltype.Type{Kind: cqltype.Vector, Elem: simple(cqltype.Float), Dim: 3}},
		{"custom unknown", cat("0000", "0005", txt("a.b.C")), &cqltype.Type{Kind: cqltype.Custom, Custom: "a.b.C"}},
	}
	for _, tc := range tests {
		got, n, err := ParseOption(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if n != len(tc.in) {
			t.Errorf("%s: consumed %d of %d bytes", tc.name, n, len(tc.in))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
		mustEqualBytes(t, tc.name+" encode", AppendOption(nil, tc.want), tc.in)
	}
}

func TestOptionErrors(t *testing.T) {
	deep := []byte{}
	for range maxTypeDepth + 2 {
		deep = append(deep, 0x00, 0x20) // list<list<...
	}
	deep = append(deep, 0x00, 0x09)
	tests := map[string][]byte{
		"unknown id":       cat("000a"),
		"truncated":        cat("00"),
		"truncated map":    cat("0021", "0009"),
		"custom truncated": cat("0000", "0010", "61"),
		"udt huge count":   cat("0030", "0000", "0000", "ffff"),
		"too deep":         deep,
	}
	for name, in := range tests {
		_, _, err := ParseOption(in)
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: want *DecodeError, got %v", name, err)
		}
	}
}

func TestAppendOptionNilAndDepth(t *testing.T) {
	mustEqualBytes(t, "nil", AppendOption(nil, nil), cat("0000", "0000"))
	// A type nested deeper than the decoder accepts is cut so the output
	// still decodes.
	typ := &cqltype.Type{Kind: cqltype.Int}
	for range maxTypeDepth * 2 {
		typ = &cqltype.Type{Kind: cqltype.List, Elem: typ}
	}
	if _, _, err := ParseOption(AppendOption(nil, typ)); err != nil {
		t.Fatalf("deep type does not decode: %v", err)
	}
}
