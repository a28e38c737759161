package cqltype

// Empty is the value of a zero-length cell of a type that has no empty form
// (numbers, uuid, boolean, date, collections...). It is neither null nor
// zero; cqlsh shows it as an empty cell. Encoding Empty{} writes a
// zero-length value for any type.
type Empty struct{}

// String returns "", the way an empty cell prints.
func (Empty) String() string { return "" }

// MapEntry is one key/value pair of a decoded map, kept in wire order.
type MapEntry struct {
	Key, Value any
}
