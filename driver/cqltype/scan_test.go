package cqltype

import (
	"errors"
	"net"
	"reflect"
	"testing"
)

func TestScan(t *testing.T) {
	text := &Type{Kind: Varchar}
	bigint := &Type{Kind: Bigint}
	small := &Type{Kind: Smallint}
	set := &Type{Kind: Set, Elem: text}
	mp := &Type{Kind: Map, Key: text, Value: text}
	enc := func(ty *Type, v any) []byte {
		b, null, err := AppendValue(nil, ty, v)
		if err != nil || null {
			t.Fatalf("encode %v: %v", v, err)
		}
		return b
	}
	var s string
	if err := Scan(text, []byte("hi"), &s); err != nil || s != "hi" {
		t.Errorf("text: %q, %v", s, err)
	}
	var n int64
	if err := Scan(small, enc(small, int16(-7)), &n); err != nil || n != -7 {
		t.Errorf("smallint into int64: %d, %v", n, err)
	}
	var i int
	if err := Scan(bigint, enc(bigint, int64(1<<40)), &i); err != nil || i != 1<<40 {
		t.Errorf("bigint into int: %d, %v", i, err)
	}
	var list []string
	if err := Scan(set, enc(set, []any{"a", "b"}), &list); err != nil || !reflect.DeepEqual(list, []string{"a", "b"}) {
		t.Errorf("set<text>: %v, %v", list, err)
	}
	var m map[string]string
	if err := Scan(mp, enc(mp, []MapEntry{{Key: "class", Value: "X"}}), &m); err != nil || m["class"] != "X" {
		t.Errorf("map<text,text>: %v, %v", m, err)
	}
	var ip net.IP
	inet := &Type{Kind: Inet}
	if err := Scan(inet, []byte{127, 0, 0, 1}, &ip); err != nil || ip.String() != "127.0.0.1" {
		t.Errorf("inet: %v, %v", ip, err)
	}
	// Null is the zero value; a type that does not fit is an error.
	s = "old"
	if err := Scan(text, nil, &s); err != nil || s != "" {
		t.Errorf("null text: %q, %v", s, err)
	}
	var se *ScanError
	if err := Scan(text, []byte("x"), &n); !errors.As(err, &se) {
		t.Errorf("text into int64: %v", err)
	}
	if err := Scan(bigint, []byte{1, 2}, &n); !errors.As(err, &se) || se.Err == nil {
		t.Errorf("a 2-byte bigint: %v", err)
	}
	if err := Scan(bigint, []byte{}, &n); err == nil {
		t.Error("an empty bigint scanned into int64")
	}
	var anyv any
	if err := Scan(bigint, []byte{}, &anyv); err != nil || anyv != (Empty{}) {
		t.Errorf("empty into any: %v, %v", anyv, err)
	}
}
