package cqltype

import (
	"encoding/binary"
	"math"
	"net"
	"strconv"
)

// Decode decodes one cell of type t. A nil cell is null and yields
// (nil, nil); callers normally test for null themselves. A zero-length cell
// yields "" for text and ascii, []byte{} for blob and custom types, and
// Empty{} for every other type.
//
// Values are: ascii, text → string; bigint, counter → int64; int → int32;
// smallint → int16; tinyint → int8; boolean → bool; float → float32;
// double → float64; blob, custom → []byte; uuid, timeuuid → UUIDValue;
// inet → net.IP; timestamp → TimestampValue; date → DateValue;
// time → TimeValue; duration → DurationValue; varint → *big.Int;
// decimal → DecimalValue; list, set, tuple, vector → []any;
// map → []MapEntry; UDT → []any with one element per field.
// Null elements are nil. Decoded values never alias b.
func Decode(t *Type, b []byte) (any, error) {
	if b == nil {
		return nil, nil
	}
	if t == nil {
		return nil, &DecodeError{Type: "<nil type>", Reason: "no type"}
	}
	return decode(t, b)
}

func decode(t *Type, b []byte) (any, error) {
	switch t.Kind {
	case Ascii, Varchar:
		return string(b), nil
	case Blob, Custom:
		out := make([]byte, len(b))
		copy(out, b)
		return out, nil
	}
	if len(b) == 0 {
		switch t.Kind {
		case Bigint, Counter, Int, Smallint, Tinyint, Boolean, Float, Double, UUID, Timeuuid,
			Inet, Timestamp, Date, Time, Duration, Varint, Decimal, List, Set, Map, Tuple, UDT, Vector:
			return Empty{}, nil
		}
		return nil, decodeErr(t, "unknown kind")
	}
	if v, ok, err := decodeFixed(t, b); ok {
		return v, err
	}
	switch t.Kind {
	case Duration:
		return decodeDuration(t, b)
	case Varint:
		return decodeVarint(b), nil
	case Decimal:
		if len(b) < 5 {
			return nil, decodeErr(t, "want a 4-byte scale and at least one byte of unscaled value")
		}
		return DecimalValue{Scale: int32(binary.BigEndian.Uint32(b)), Unscaled: decodeVarint(b[4:])}, nil
	case List, Set:
		return decodeList(t, b)
	case Map:
		return decodeMap(t, b)
	case Tuple:
		return decodeFields(t, b, len(t.Elems), func(i int) *Type { return t.Elems[i] })
	case UDT:
		return decodeFields(t, b, len(t.Fields), func(i int) *Type { return t.Fields[i].Type })
	case Vector:
		return decodeVector(t, b)
	}
	return nil, decodeErr(t, "unknown kind")
}

// decodeFixed decodes the scalar kinds of a fixed width (or, for inet and
// time, a fixed set of widths); ok is false for every other kind.
func decodeFixed(t *Type, b []byte) (v any, ok bool, err error) {
	switch t.Kind {
	case Bigint, Counter:
		if len(b) != 8 {
			return nil, true, sizeErr(t, 8, len(b))
		}
		return int64(binary.BigEndian.Uint64(b)), true, nil
	case Int:
		if len(b) != 4 {
			return nil, true, sizeErr(t, 4, len(b))
		}
		return int32(binary.BigEndian.Uint32(b)), true, nil
	case Smallint:
		if len(b) != 2 {
			return nil, true, sizeErr(t, 2, len(b))
		}
		return int16(binary.BigEndian.Uint16(b)), true, nil
	case Tinyint:
		if len(b) != 1 {
			return nil, true, sizeErr(t, 1, len(b))
		}
		return int8(b[0]), true, nil
	case Boolean:
		if len(b) != 1 {
			return nil, true, sizeErr(t, 1, len(b))
		}
		return b[0] != 0, true, nil
	case Float:
		if len(b) != 4 {
			return nil, true, sizeErr(t, 4, len(b))
		}
		return math.Float32frombits(binary.BigEndian.Uint32(b)), true, nil
	case Double:
		if len(b) != 8 {
			return nil, true, sizeErr(t, 8, len(b))
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b)), true, nil
	case UUID, Timeuuid:
		if len(b) != 16 {
			return nil, true, sizeErr(t, 16, len(b))
		}
		return UUIDValue(b), true, nil
	case Inet:
		if len(b) != 4 && len(b) != 16 {
			return nil, true, decodeErr(t, "want 4 or 16 bytes, have "+strconv.Itoa(len(b)))
		}
		ip := make(net.IP, len(b))
		copy(ip, b)
		return ip, true, nil
	case Timestamp:
		if len(b) != 8 {
			return nil, true, sizeErr(t, 8, len(b))
		}
		return TimestampValue(int64(binary.BigEndian.Uint64(b))), true, nil
	case Date:
		if len(b) != 4 {
			return nil, true, sizeErr(t, 4, len(b))
		}
		return DateValue(binary.BigEndian.Uint32(b)), true, nil
	case Time:
		if len(b) != 8 {
			return nil, true, sizeErr(t, 8, len(b))
		}
		v := int64(binary.BigEndian.Uint64(b))
		if v < 0 || v > int64(MaxTime) {
			return nil, true, decodeErr(t, "nanoseconds of day out of range: "+strconv.FormatInt(v, 10))
		}
		return TimeValue(v), true, nil
	}
	return nil, false, nil
}

func sizeErr(t *Type, want, have int) error {
	return decodeErr(t, "want "+strconv.Itoa(want)+" bytes, have "+strconv.Itoa(have))
}

func decodeDuration(t *Type, b []byte) (any, error) {
	var parts [3]int64
	for i := range parts {
		v, n, ok := readVint(b)
		if !ok {
			return nil, decodeErr(t, "truncated vint")
		}
		parts[i] = v
		b = b[n:]
	}
	if len(b) != 0 {
		return nil, decodeErr(t, "trailing bytes after three vints")
	}
	if parts[0] != int64(int32(parts[0])) || parts[1] != int64(int32(parts[1])) {
		return nil, decodeErr(t, "months or days out of int32 range")
	}
	return DurationValue{Months: int32(parts[0]), Days: int32(parts[1]), Nanos: parts[2]}, nil
}
