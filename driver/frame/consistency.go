package frame

import (
	"fmt"
	"strings"
)

// Consistency is a [consistency] level (spec §3).
type Consistency uint16

// Consistency levels.
const (
	Any         Consistency = 0x0000
	One         Consistency = 0x0001
	Two         Consistency = 0x0002
	Three       Consistency = 0x0003
	Quorum      Consistency = 0x0004
	All         Consistency = 0x0005
	LocalQuorum Consistency = 0x0006
	EachQuorum  Consistency = 0x0007
	Serial      Consistency = 0x0008
	LocalSerial Consistency = 0x0009
	LocalOne    Consistency = 0x000A
)

// String returns the name cqlsh uses for the level, e.g. LOCAL_QUORUM.
func (c Consistency) String() string {
	switch c {
	case Any:
		return "ANY"
	case One:
		return "ONE"
	case Two:
		return "TWO"
	case Three:
		return "THREE"
	case Quorum:
		return "QUORUM"
	case All:
		return "ALL"
	case LocalQuorum:
		return "LOCAL_QUORUM"
	case EachQuorum:
		return "EACH_QUORUM"
	case Serial:
		return "SERIAL"
	case LocalSerial:
		return "LOCAL_SERIAL"
	case LocalOne:
		return "LOCAL_ONE"
	}
	return fmt.Sprintf("Consistency(0x%04x)", uint16(c))
}

// IsSerial reports whether c is valid as a serial consistency.
func (c Consistency) IsSerial() bool { return c == Serial || c == LocalSerial }

// UnknownConsistencyError reports a name ParseConsistency does not know.
type UnknownConsistencyError struct {
	Name string
}

func (e *UnknownConsistencyError) Error() string {
	return fmt.Sprintf("unknown consistency level %q", e.Name)
}

// ParseConsistency parses a level name as cqlsh accepts it: case-insensitive,
// surrounding space ignored.
func ParseConsistency(s string) (Consistency, error) {
	name := strings.ToUpper(strings.TrimSpace(s))
	for c := Any; c <= LocalOne; c++ {
		if c.String() == name {
			return c, nil
		}
	}
	return 0, &UnknownConsistencyError{Name: s}
}
