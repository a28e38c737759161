package parquet

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Thrift compact protocol type codes (in a field header's low nibble and
// in list headers).
const (
	tStop   = 0
	tTrue   = 1
	tFalse  = 2
	tByte   = 3
	tI16    = 4
	tI32    = 5
	tI64    = 6
	tDouble = 7
	tBinary = 8
	tList   = 9
	tSet    = 10
	tMap    = 11
	tStruct = 12
)

// maxThriftDepth bounds struct and container nesting on decode.
const maxThriftDepth = 32

// errShort is a value that runs past the end of its bytes.
var errShort = errors.New("parquet: truncated thrift data")

// encoder appends Thrift compact protocol to buf. Fields are written with
// the id of the enclosing struct's previous field kept on a stack.
type encoder struct {
	buf  []byte
	last []int16 // previous field id of each open struct; the top is current
}

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) varint(v int64)   { e.buf = binary.AppendVarint(e.buf, v) }

// field writes a field header of type typ.
func (e *encoder) field(id int16, typ byte) {
	top := len(e.last) - 1
	prev := int16(0)
	if top >= 0 {
		prev = e.last[top]
	}
	if d := id - prev; d > 0 && d <= 15 {
		e.buf = append(e.buf, byte(d)<<4|typ)
	} else {
		e.buf = append(e.buf, typ)
		e.varint(int64(id))
	}
	if top >= 0 {
		e.last[top] = id
	}
}

func (e *encoder) i32(id int16, v int32) { e.field(id, tI32); e.varint(int64(v)) }
func (e *encoder) i64(id int16, v int64) { e.field(id, tI64); e.varint(v) }
func (e *encoder) i8(id int16, v int8)   { e.field(id, tByte); e.buf = append(e.buf, byte(v)) }

func (e *encoder) bool(id int16, v bool) {
	if v {
		e.field(id, tTrue)
	} else {
		e.field(id, tFalse)
	}
}

func (e *encoder) binary(id int16, b []byte) {
	e.field(id, tBinary)
	e.uvarint(uint64(len(b)))
	e.buf = append(e.buf, b...)
}

func (e *encoder) string(id int16, s string) { e.binary(id, []byte(s)) }

// begin starts a struct (a field id >= 0 makes it a field; -1 a list
// element or the top level).
func (e *encoder) begin(id int16) {
	if id >= 0 {
		e.field(id, tStruct)
	}
	e.last = append(e.last, 0)
}

// end ends the current struct.
func (e *encoder) end() {
	e.buf = append(e.buf, tStop)
	e.last = e.last[:len(e.last)-1]
}

// list writes a list field's header: n elements of type elem follow.
func (e *encoder) list(id int16, elem byte, n int) {
	e.field(id, tList)
	if n < 15 {
		e.buf = append(e.buf, byte(n)<<4|elem)
		return
	}
	e.buf = append(e.buf, 0xf0|elem)
	e.uvarint(uint64(n))
}

// decoder reads Thrift compact protocol from b, bounds-checked.
type decoder struct {
	b     []byte
	pos   int
	depth int
}

func (d *decoder) byte() (byte, error) {
	if d.pos >= len(d.b) {
		return 0, errShort
	}
	c := d.b[d.pos]
	d.pos++
	return c, nil
}

func (d *decoder) uvarint() (uint64, error) {
	v, n := binary.Uvarint(d.b[d.pos:])
	if n <= 0 {
		if n == 0 {
			return 0, errShort
		}
		return 0, errors.New("parquet: thrift varint overflows")
	}
	d.pos += n
	return v, nil
}

func (d *decoder) varint() (int64, error) {
	u, err := d.uvarint()
	return int64(u>>1) ^ -int64(u&1), err
}

// i32 reads a zigzag varint that must fit 32 bits.
func (d *decoder) i32() (int32, error) {
	v, err := d.varint()
	if err == nil && (v < math.MinInt32 || v > math.MaxInt32) {
		err = errors.New("parquet: thrift i32 out of range")
	}
	return int32(v), err
}

// binary reads a length-prefixed byte string; the result aliases d.b.
func (d *decoder) binary() ([]byte, error) {
	n, err := d.uvarint()
	if err != nil {
		return nil, err
	}
	if n > uint64(len(d.b)-d.pos) {
		return nil, errShort
	}
	b := d.b[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return b, nil
}

// listHeader reads a list or set header: the element type and count. The
// count is checked against the bytes left (every element, booleans
// included, takes at least one byte).
func (d *decoder) listHeader() (elem byte, n int, err error) {
	h, err := d.byte()
	if err != nil {
		return 0, 0, err
	}
	elem, size := h&0x0f, uint64(h>>4)
	if size == 15 {
		if size, err = d.uvarint(); err != nil {
			return 0, 0, err
		}
	}
	if size > uint64(len(d.b)-d.pos) {
		return 0, 0, errShort
	}
	return elem, int(size), nil
}

// strct reads a struct's fields, calling f with each field's id and type;
// f reads the value or returns skipField to have it skipped.
func (d *decoder) strct(f func(id int16, typ byte) error) error {
	if d.depth++; d.depth > maxThriftDepth {
		return errors.New("parquet: thrift data nested too deeply")
	}
	defer func() { d.depth-- }()
	var last int16
	for {
		h, err := d.byte()
		if err != nil {
			return err
		}
		typ := h & 0x0f
		if typ == tStop {
			return nil
		}
		id := last + int16(h>>4)
		if h>>4 == 0 {
			v, err := d.i32()
			if err != nil {
				return err
			}
			if v < math.MinInt16 || v > math.MaxInt16 {
				return errors.New("parquet: thrift field id out of range")
			}
			id = int16(v)
		}
		last = id
		err = f(id, typ)
		if err == errSkip {
			err = d.skip(typ)
		}
		if err != nil {
			return err
		}
	}
}

// errSkip, returned by a strct callback, skips the field.
var errSkip = errors.New("skip")

// skip passes over a value of type typ.
func (d *decoder) skip(typ byte) error {
	switch typ {
	case tTrue, tFalse:
		return nil
	case tByte:
		_, err := d.byte()
		return err
	case tI16, tI32, tI64:
		_, err := d.uvarint()
		return err
	case tDouble:
		if len(d.b)-d.pos < 8 {
			return errShort
		}
		d.pos += 8
		return nil
	case tBinary:
		_, err := d.binary()
		return err
	case tList, tSet:
		return d.skipList()
	case tMap:
		return d.skipMap()
	case tStruct:
		return d.strct(func(int16, byte) error { return errSkip })
	}
	return fmt.Errorf("parquet: unknown thrift type %d", typ)
}

func (d *decoder) skipList() error {
	elem, n, err := d.listHeader()
	if err != nil {
		return err
	}
	if d.depth++; d.depth > maxThriftDepth {
		return errors.New("parquet: thrift data nested too deeply")
	}
	defer func() { d.depth-- }()
	for range n {
		if elem == tTrue || elem == tFalse {
			elem = tByte // a boolean element is one byte
		}
		if err := d.skip(elem); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) skipMap() error {
	n, err := d.uvarint()
	if err != nil || n == 0 {
		return err
	}
	if n > uint64(len(d.b)-d.pos) {
		return errShort
	}
	kv, err := d.byte()
	if err != nil {
		return err
	}
	if d.depth++; d.depth > maxThriftDepth {
		return errors.New("parquet: thrift data nested too deeply")
	}
	defer func() { d.depth-- }()
	for range n {
		for _, t := range []byte{kv >> 4, kv & 0x0f} {
			if t == tTrue || t == tFalse {
				t = tByte
			}
			if err := d.skip(t); err != nil {
				return err
			}
		}
	}
	return nil
}

// want checks that a field has the type its id means in the format.
func want(typ, expect byte) error {
	if typ == expect || (expect == tTrue && typ == tFalse) {
		return nil
	}
	return fmt.Errorf("parquet: thrift field of type %d where %d was expected", typ, expect)
}

// fI32 reads an i32 field into *v.
func (d *decoder) fI32(typ byte, v *int32) (err error) {
	if err = want(typ, tI32); err == nil {
		*v, err = d.i32()
	}
	return err
}

// fI64 reads an i64 field into *v.
func (d *decoder) fI64(typ byte, v *int64) (err error) {
	if err = want(typ, tI64); err == nil {
		*v, err = d.varint()
	}
	return err
}

// fBool reads a bool field (its value is in the type) into *v.
func (d *decoder) fBool(typ byte, v *bool) error {
	if err := want(typ, tTrue); err != nil {
		return err
	}
	*v = typ == tTrue
	return nil
}

// fString reads a binary field into *v.
func (d *decoder) fString(typ byte, v *string) error {
	if err := want(typ, tBinary); err != nil {
		return err
	}
	b, err := d.binary()
	*v = string(b)
	return err
}

// fList reads a list field of elements of type elem, calling f for each.
func (d *decoder) fList(typ, elem byte, f func(i int) error) error {
	if err := want(typ, tList); err != nil {
		return err
	}
	et, n, err := d.listHeader()
	if err != nil {
		return err
	}
	if et != elem && n > 0 {
		return fmt.Errorf("parquet: thrift list of type %d where %d was expected", et, elem)
	}
	for i := range n {
		if err := f(i); err != nil {
			return err
		}
	}
	return nil
}
