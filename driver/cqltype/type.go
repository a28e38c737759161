// Package cqltype is the CQL type system: the types that result metadata
// describes, and the encoding and decoding of values of each type to and from
// the native protocol's [bytes] cells.
//
// Decoding is on demand: rows keep raw cell bytes plus their Type, and a cell
// is decoded only when someone asks, so null (nil cell), empty (zero-length
// cell) and zero stay distinct.
package cqltype

// Kind is a CQL type as identified by the protocol's [option] id. Vector has no
// option id of its own: the server sends it as a Custom type whose class name
// is VectorType(...); ParseCustom turns such names into Vector types.
type Kind uint16

// Option ids from the native protocol specification (v4 §4.2.5.2, v5 §6.2.5.2).
const (
	Custom    Kind = 0x0000
	Ascii     Kind = 0x0001
	Bigint    Kind = 0x0002
	Blob      Kind = 0x0003
	Boolean   Kind = 0x0004
	Counter   Kind = 0x0005
	Decimal   Kind = 0x0006
	Double    Kind = 0x0007
	Float     Kind = 0x0008
	Int       Kind = 0x0009
	Timestamp Kind = 0x000B
	UUID      Kind = 0x000C
	Varchar   Kind = 0x000D // "text" in CQL
	Varint    Kind = 0x000E
	Timeuuid  Kind = 0x000F
	Inet      Kind = 0x0010
	Date      Kind = 0x0011
	Time      Kind = 0x0012
	Smallint  Kind = 0x0013
	Tinyint   Kind = 0x0014
	Duration  Kind = 0x0015
	List      Kind = 0x0020
	Map       Kind = 0x0021
	Set       Kind = 0x0022
	UDT       Kind = 0x0030
	Tuple     Kind = 0x0031

	// Vector is synthetic (not an option id): a fixed-length vector<elem, dim>.
	Vector Kind = 0xF001
)

// Type describes one CQL type. Only the fields that matter for Kind are set.
type Type struct {
	Kind Kind

	// Custom is the Java class name for Kind == Custom.
	Custom string

	// Elem is the element type of List, Set and Vector.
	Elem *Type
	// Key and Value are the types of a Map.
	Key, Value *Type

	// Elems are the component types of a Tuple.
	Elems []*Type

	// Keyspace, Name and Fields describe a UDT.
	Keyspace, Name string
	Fields         []Field

	// Dim is the dimension of a Vector.
	Dim int

	// Frozen is informational: set when a type came from a class name or CQL
	// text that says frozen; the protocol's [option] does not carry it.
	Frozen bool
}

// Field is one named field of a user-defined type.
type Field struct {
	Name string
	Type *Type
}
