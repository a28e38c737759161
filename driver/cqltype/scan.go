package cqltype

import (
	"fmt"
	"net"
)

// ScanError reports a cell that cannot be stored in the Go value asked for:
// its type does not fit the destination, or its bytes do not decode.
type ScanError struct {
	Type string // CQL text of the cell's type
	Dest string // Go type of the destination
	Err  error  // the decode error, when the bytes were at fault
}

func (e *ScanError) Error() string {
	if e.Err != nil {
		return "cqltype: cannot scan " + e.Type + " into " + e.Dest + ": " + e.Err.Error()
	}
	return "cqltype: cannot scan " + e.Type + " into " + e.Dest
}

func (e *ScanError) Unwrap() error { return e.Err }

// Scan decodes cell b, of type t, into dst: *string (ascii, text), *int64
// and *int (any integer type, counter included), *int32 (int, smallint,
// tinyint), *bool, *float64 (float, double), *[]byte (blob, custom),
// *net.IP (inet), *UUIDValue (uuid, timeuuid), *[]string (a list or set of
// text), *map[string]string (a map of text to text) or *any (what Decode
// gives). A null cell stores the destination's zero value; an empty cell of
// a type with no empty form is an error unless dst is *any.
func Scan(t *Type, b []byte, dst any) error {
	if p, ok := dst.(*any); ok {
		v, err := Decode(t, b)
		if err != nil {
			return &ScanError{Type: typeText(t), Dest: "*any", Err: err}
		}
		*p = v
		return nil
	}
	if t == nil {
		return &ScanError{Type: typeText(t), Dest: fmt.Sprintf("%T", dst)}
	}
	if b == nil {
		return scanNull(t, dst)
	}
	v, err := decode(t, b)
	if err == nil {
		if _, empty := v.(Empty); empty {
			err = decodeErr(t, "empty value")
		}
	}
	if err != nil {
		return &ScanError{Type: typeText(t), Dest: fmt.Sprintf("%T", dst), Err: err}
	}
	if assign(v, dst) {
		return nil
	}
	return &ScanError{Type: typeText(t), Dest: fmt.Sprintf("%T", dst)}
}

// scanNull stores the zero value when the destination fits the type.
func scanNull(t *Type, dst any) error {
	var zero any
	switch t.Kind {
	case Ascii, Varchar:
		zero = ""
	case Bigint, Counter:
		zero = int64(0)
	case Int:
		zero = int32(0)
	case Smallint:
		zero = int16(0)
	case Tinyint:
		zero = int8(0)
	case Boolean:
		zero = false
	case Float:
		zero = float32(0)
	case Double:
		zero = float64(0)
	case Blob, Custom:
		zero = []byte(nil)
	case Inet:
		zero = net.IP(nil)
	case UUID, Timeuuid:
		zero = UUIDValue{}
	case List, Set:
		zero = []any(nil)
	case Map:
		zero = []MapEntry(nil)
	}
	if zero != nil && assign(zero, dst) {
		return nil
	}
	return &ScanError{Type: typeText(t), Dest: fmt.Sprintf("%T", dst)}
}

// assign stores decoded value v in dst when their types fit.
func assign(v any, dst any) bool {
	switch d := dst.(type) {
	case *string:
		s, ok := v.(string)
		*d = s
		return ok
	case *int64:
		n, ok := Integer(v)
		*d = n
		return ok
	case *int:
		n, ok := Integer(v)
		*d = int(n)
		return ok
	case *int32:
		switch x := v.(type) {
		case int32:
			*d = x
		case int16:
			*d = int32(x)
		case int8:
			*d = int32(x)
		default:
			return false
		}
		return true
	case *bool:
		b, ok := v.(bool)
		*d = b
		return ok
	case *float64:
		switch x := v.(type) {
		case float64:
			*d = x
		case float32:
			*d = float64(x)
		default:
			return false
		}
		return true
	case *[]byte:
		b, ok := v.([]byte)
		*d = b
		return ok
	case *net.IP:
		ip, ok := v.(net.IP)
		*d = ip
		return ok
	case *UUIDValue:
		u, ok := v.(UUIDValue)
		*d = u
		return ok
	case *[]string:
		list, ok := v.([]any)
		if !ok {
			return false
		}
		out := make([]string, 0, len(list))
		for _, e := range list {
			s, isStr := e.(string)
			if !isStr && e != nil {
				return false
			}
			out = append(out, s)
		}
		if list == nil {
			out = nil
		}
		*d = out
		return true
	case *map[string]string:
		entries, ok := v.([]MapEntry)
		if !ok {
			return false
		}
		if entries == nil {
			*d = nil
			return true
		}
		out := make(map[string]string, len(entries))
		for _, e := range entries {
			k, kok := e.Key.(string)
			val, vok := e.Value.(string)
			if !kok || (!vok && e.Value != nil) {
				return false
			}
			out[k] = val
		}
		*d = out
		return true
	}
	return false
}

// Integer widens a decoded bigint, counter, int, smallint or tinyint to
// int64; ok is false for any other value.
func Integer(v any) (n int64, ok bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int32:
		return int64(x), true
	case int16:
		return int64(x), true
	case int8:
		return int64(x), true
	}
	return 0, false
}
