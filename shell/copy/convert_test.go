package copy

import (
	"reflect"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

func TestConvertBlobAndUUID(t *testing.T) {
	if v, err := convertBlob("0x0a ff"); err != nil || !reflect.DeepEqual(v, []byte{0x0a, 0xff}) {
		t.Errorf("blob: %v, %v", v, err)
	}
	for in, pos := range map[string]string{"0xzz": "0", "0x0": "1", "0x0g": "1"} {
		if _, err := convertBlob(in); err == nil || err.Error() != "non-hexadecimal number found in fromhex() arg at position "+pos {
			t.Errorf("blob %q: %v", in, err)
		}
	}
	want := cqltype.UUIDValue{0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00}
	for _, in := range []string{"123e4567-e89b-12d3-a456-426614174000", "{123E4567E89B12D3A456426614174000}", "urn:uuid:123e4567-e89b-12d3-a456-426614174000"} {
		if v, err := convertUUID(in); err != nil || v != want {
			t.Errorf("uuid %q: %v, %v", in, v, err)
		}
	}
	if _, err := convertUUID("123e4567-e89b-12d3-a456-42661417400g"); err == nil {
		t.Error("a uuid with a non-hex digit converted")
	}
}

func TestStrptime(t *testing.T) {
	for _, tt := range []struct {
		in, format string
		want       time.Time
		ok         bool
	}{
		{"2024-02-29 13:04:05.5+0100", "%Y-%m-%d %H:%M:%S.%f%z", time.Date(2024, 2, 29, 13, 4, 5, 500000000, time.FixedZone("", 3600)), true},
		{"07/01/99 01:02 PM", "%m/%d/%y %I:%M %p", time.Date(1999, 7, 1, 13, 2, 0, 0, time.UTC), true},
		{"Feb 30 2023", "%b %d %Y", time.Time{}, false},
		{"2023-01-01 extra", "%Y-%m-%d", time.Time{}, false},
	} {
		got, ok := strptime(tt.in, tt.format, time.UTC)
		if ok != tt.ok || (ok && !got.Equal(tt.want)) {
			t.Errorf("strptime(%q, %q) = %v, %v; want %v, %v", tt.in, tt.format, got, ok, tt.want, tt.ok)
		}
	}
}
