package frame

import (
	"errors"
	"testing"
)

func TestConsistencyNames(t *testing.T) {
	tests := []struct {
		c    Consistency
		name string
	}{
		{Any, "ANY"}, {One, "ONE"}, {Two, "TWO"}, {Three, "THREE"}, {Quorum, "QUORUM"},
		{All, "ALL"}, {LocalQuorum, "LOCAL_QUORUM"}, {EachQuorum, "EACH_QUORUM"},
		{Serial, "SERIAL"}, {LocalSerial, "LOCAL_SERIAL"}, {LocalOne, "LOCAL_ONE"},
	}
	for _, tc := range tests {
		if tc.c.String() != tc.name {
			t.Errorf("%d: got %q, want %q", tc.c, tc.c.String(), tc.name)
		}
		got, err := ParseConsistency(tc.name)
		if err != nil || got != tc.c {
			t.Errorf("parse %q: got %v, %v", tc.name, got, err)
		}
	}
	if c, err := ParseConsistency("  local_quorum "); err != nil || c != LocalQuorum {
		t.Errorf("case-insensitive parse: %v %v", c, err)
	}
	var ue *UnknownConsistencyError
	if _, err := ParseConsistency("MOST"); !errors.As(err, &ue) || ue.Name != "MOST" {
		t.Errorf("unknown name: %v", err)
	}
	if s := Consistency(0x20).String(); s != "Consistency(0x0020)" {
		t.Errorf("unknown level: %q", s)
	}
	if !Serial.IsSerial() || !LocalSerial.IsSerial() || Quorum.IsSerial() {
		t.Error("IsSerial")
	}
}
