package main

import (
	"encoding/binary"
	"reflect"
	"testing"
)

func TestRows(t *testing.T) {
	str := func(b []byte, s string) []byte {
		return append(binary.BigEndian.AppendUint16(b, uint16(len(s))), s...)
	}
	cell := func(b []byte, v []byte) []byte {
		if v == nil {
			return binary.BigEndian.AppendUint32(b, 0xFFFFFFFF)
		}
		return append(binary.BigEndian.AppendUint32(b, uint32(len(v))), v...)
	}
	b := binary.BigEndian.AppendUint32(nil, 2)     // ROWS
	b = binary.BigEndian.AppendUint32(b, 0x01)     // global table spec
	b = binary.BigEndian.AppendUint32(b, 2)        // columns
	b = str(str(b, "system_views"), "gossip_info") // keyspace, table
	b = binary.BigEndian.AppendUint16(str(b, "address"), 0x0010)
	b = binary.BigEndian.AppendUint16(str(b, "rpc_ready"), 0x000D)
	b = binary.BigEndian.AppendUint32(b, 2) // rows
	b = cell(cell(b, []byte{127, 0, 0, 51}), []byte("true"))
	b = cell(cell(b, []byte{127, 0, 0, 52}), nil)

	got, err := rows(b)
	if err != nil {
		t.Fatal(err)
	}
	want := [][][]byte{{{127, 0, 0, 51}, []byte("true")}, {{127, 0, 0, 52}, nil}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("rows = %q, want %q", got, want)
	}
	for n := 0; n < len(b); n++ {
		if _, err := rows(b[:n]); err == nil {
			t.Fatalf("rows of the first %d of %d bytes: no error", n, len(b))
		}
	}
}

func TestGossipStateNotBefore(t *testing.T) {
	base := gossipState{generation: 100, heartbeat: 50}
	for _, tc := range []struct {
		s    gossipState
		want bool
	}{
		{gossipState{generation: 100, heartbeat: 50}, true},
		{gossipState{generation: 100, heartbeat: 51}, true},
		{gossipState{generation: 100, heartbeat: 49}, false},
		{gossipState{generation: 101, heartbeat: 1}, true}, // restarted
		{gossipState{generation: 99, heartbeat: 900}, false},
	} {
		if got := tc.s.notBefore(base); got != tc.want {
			t.Errorf("%+v.notBefore(%+v) = %v, want %v", tc.s, base, got, tc.want)
		}
	}
}
