package parquet

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// pageReader reads a data page's values with their levels.
type pageReader struct {
	col  *Column
	left int            // values left
	reps *hybridDecoder // nil when the column has no repetition
	defs *hybridDecoder // nil when the column has no definition
	vals valueReader
}

// next is the page's next value.
func (p *pageReader) next() (Value, error) {
	var rep, def uint32
	var err error
	if p.reps != nil {
		if rep, err = p.reps.next(); err != nil {
			return Value{}, err
		}
	}
	if p.defs != nil {
		if def, err = p.defs.next(); err != nil {
			return Value{}, err
		}
	}
	if int64(rep) > int64(p.col.MaxRep) || int64(def) > int64(p.col.MaxDef) {
		return Value{}, fmt.Errorf("levels %d, %d beyond the column's %d, %d", rep, def, p.col.MaxRep, p.col.MaxDef)
	}
	p.left--
	var v Value
	if int(def) < p.col.MaxDef {
		v = Value{typ: p.col.Node.Type, null: true}
	} else if v, err = p.vals.next(); err != nil {
		return Value{}, err
	}
	v.rep, v.def = int32(rep), int32(def)
	v.col = int32(p.col.Index)
	return v, nil
}

// valueReader reads a page's non-null values: PLAIN, dictionary indices,
// or RLE booleans.
type valueReader struct {
	plain plainReader
	idx   *hybridDecoder
	dict  []Value
	bools *hybridDecoder
}

func (r *valueReader) next() (Value, error) {
	switch {
	case r.idx != nil:
		i, err := r.idx.next()
		if err != nil {
			return Value{}, err
		}
		if uint64(i) >= uint64(len(r.dict)) {
			return Value{}, fmt.Errorf("dictionary index %d of %d", i, len(r.dict))
		}
		return r.dict[i], nil
	case r.bools != nil:
		b, err := r.bools.next()
		return BooleanValue(b != 0), err
	}
	return r.plain.next()
}

// plainReader reads PLAIN values of one physical type.
type plainReader struct {
	typ    Type
	length int // FIXED_LEN_BYTE_ARRAY's
	data   []byte
	pos    int
	bit    int // booleans read from data[pos]
}

var errValues = errors.New("values end early")

func (p *plainReader) next() (Value, error) {
	rest := len(p.data) - p.pos
	take := func(n int) ([]byte, error) {
		if n > rest || n < 0 {
			return nil, errValues
		}
		b := p.data[p.pos : p.pos+n : p.pos+n]
		p.pos += n
		return b, nil
	}
	switch p.typ {
	case Boolean:
		if rest < 1 {
			return Value{}, errValues
		}
		v := BooleanValue(p.data[p.pos]>>p.bit&1 != 0)
		if p.bit++; p.bit == 8 {
			p.bit, p.pos = 0, p.pos+1
		}
		return v, nil
	case Int32:
		b, err := take(4)
		if err != nil {
			return Value{}, err
		}
		return Int32Value(int32(binary.LittleEndian.Uint32(b))), nil
	case Float:
		b, err := take(4)
		if err != nil {
			return Value{}, err
		}
		return Value{typ: Float, num: uint64(binary.LittleEndian.Uint32(b))}, nil
	case Int64, Double:
		b, err := take(8)
		if err != nil {
			return Value{}, err
		}
		return Value{typ: p.typ, num: binary.LittleEndian.Uint64(b)}, nil
	case Int96:
		b, err := take(12)
		return Value{typ: p.typ, bytes: b}, err
	case ByteArray:
		b, err := take(4)
		if err != nil {
			return Value{}, err
		}
		n := binary.LittleEndian.Uint32(b)
		if int64(n) > int64(len(p.data)-p.pos) {
			return Value{}, errValues
		}
		rest = len(p.data) - p.pos
		b, err = take(int(n))
		return Value{typ: p.typ, bytes: b}, err
	case FixedLenByteArray:
		b, err := take(p.length)
		return Value{typ: p.typ, bytes: b}, err
	}
	return Value{}, fmt.Errorf("physical type %s", p.typ)
}
