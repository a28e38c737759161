package parquet

import (
	"math"
	"strconv"
)

// Value is one leaf value of a row: its column (the leaf's index in
// depth-first order), repetition and definition levels, and, unless it is
// null, a value of the column's physical type. Byte values read from a
// file may share memory with the page they were read from, which is never
// reused.
type Value struct {
	typ   Type
	null  bool
	rep   int32
	def   int32
	col   int32
	num   uint64 // BOOLEAN (0, 1), INT32, INT64, or the FLOAT/DOUBLE bits
	bytes []byte // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY, INT96
}

// NullValue is a null (its levels set by Level).
func NullValue() Value { return Value{null: true} }

// BooleanValue is a BOOLEAN value.
func BooleanValue(b bool) Value {
	v := Value{typ: Boolean}
	if b {
		v.num = 1
	}
	return v
}

// Int32Value is an INT32 value.
func Int32Value(x int32) Value { return Value{typ: Int32, num: uint64(int64(x))} }

// Int64Value is an INT64 value.
func Int64Value(x int64) Value { return Value{typ: Int64, num: uint64(x)} }

// FloatValue is a FLOAT value.
func FloatValue(x float32) Value { return Value{typ: Float, num: uint64(math.Float32bits(x))} }

// DoubleValue is a DOUBLE value.
func DoubleValue(x float64) Value { return Value{typ: Double, num: math.Float64bits(x)} }

// ByteArrayValue is a BYTE_ARRAY value (b is not copied).
func ByteArrayValue(b []byte) Value { return Value{typ: ByteArray, bytes: b} }

// FixedLenByteArrayValue is a FIXED_LEN_BYTE_ARRAY value (b is not copied).
func FixedLenByteArrayValue(b []byte) Value { return Value{typ: FixedLenByteArray, bytes: b} }

// Level is v with repetition level rep, definition level def, in column col.
func (v Value) Level(rep, def, col int) Value {
	v.rep, v.def, v.col = int32(rep), int32(def), int32(col)
	return v
}

// Kind is the value's physical type (for a null read from a file, its
// column's).
func (v Value) Kind() Type { return v.typ }

// IsNull reports whether the value is null (defined below its leaf).
func (v Value) IsNull() bool { return v.null }

// RepetitionLevel is the value's repetition level.
func (v Value) RepetitionLevel() int { return int(v.rep) }

// DefinitionLevel is the value's definition level.
func (v Value) DefinitionLevel() int { return int(v.def) }

// Column is the index of the value's leaf column.
func (v Value) Column() int { return int(v.col) }

// Boolean is a BOOLEAN value.
func (v Value) Boolean() bool { return v.num != 0 }

// Int32 is an INT32 value.
func (v Value) Int32() int32 { return int32(v.num) }

// Int64 is an INT64 value.
func (v Value) Int64() int64 { return int64(v.num) }

// Float is a FLOAT value.
func (v Value) Float() float32 { return math.Float32frombits(uint32(v.num)) }

// Double is a DOUBLE value.
func (v Value) Double() float64 { return math.Float64frombits(v.num) }

// ByteArray is a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value.
func (v Value) ByteArray() []byte { return v.bytes }

// String is the value as text: numbers in decimal, bytes as they are.
func (v Value) String() string {
	if v.null {
		return "null"
	}
	switch v.typ {
	case Boolean:
		return strconv.FormatBool(v.Boolean())
	case Int32:
		return strconv.FormatInt(int64(v.Int32()), 10)
	case Int64:
		return strconv.FormatInt(v.Int64(), 10)
	case Float:
		return strconv.FormatFloat(float64(v.Float()), 'g', -1, 32)
	case Double:
		return strconv.FormatFloat(v.Double(), 'g', -1, 64)
	}
	return string(v.bytes)
}
