package driver

import "github.com/gocqlsh/gocqlsh/driver/frame"

// Consistency is a consistency level. Its zero value, Default, means "the
// session's default", so that ANY (whose wire code is 0) is never chosen by
// accident.
type Consistency uint8

// Consistency levels.
const (
	Default Consistency = iota
	Any
	One
	Two
	Three
	Quorum
	All
	LocalQuorum
	EachQuorum
	Serial
	LocalSerial
	LocalOne
)

var wireCL = [...]frame.Consistency{
	Any: frame.Any, One: frame.One, Two: frame.Two, Three: frame.Three,
	Quorum: frame.Quorum, All: frame.All, LocalQuorum: frame.LocalQuorum,
	EachQuorum: frame.EachQuorum, Serial: frame.Serial, LocalSerial: frame.LocalSerial,
	LocalOne: frame.LocalOne,
}

// wire returns the protocol code, using def when c is Default.
func (c Consistency) wire(def Consistency) frame.Consistency {
	if c == Default {
		c = def
	}
	if int(c) < len(wireCL) {
		return wireCL[c]
	}
	return frame.One
}

// String is the level's name as cqlsh prints it, e.g. "LOCAL_QUORUM".
func (c Consistency) String() string {
	if c == Default {
		return "DEFAULT"
	}
	if int(c) < len(wireCL) {
		return wireCL[c].String()
	}
	return "UNKNOWN"
}

// IsSerial reports SERIAL and LOCAL_SERIAL.
func (c Consistency) IsSerial() bool { return c == Serial || c == LocalSerial }

// ParseConsistency reads a level's name, case-insensitively ("quorum").
func ParseConsistency(s string) (Consistency, error) {
	w, err := frame.ParseConsistency(s)
	if err != nil {
		return Default, err
	}
	for c, x := range wireCL {
		if x == w && Consistency(c) != Default {
			return Consistency(c), nil
		}
	}
	return Default, err
}
