package parquet

import (
	"encoding/binary"
	"errors"
)

// The RLE/bit-packed hybrid encoding of levels, dictionary indices and
// RLE booleans: runs, each a varint header whose low bit says which kind.
// An RLE run (header count<<1) repeats one value of ceil(width/8) bytes;
// a bit-packed run (header groups<<1 | 1) holds groups of 8 values packed
// width bits each, least significant bit first.

// appendHybrid appends vals (each below 1<<width) hybrid-encoded: runs of
// 8 or more equal values as RLE runs, the rest bit-packed (the last group
// padded with zeros).
func appendHybrid(dst []byte, vals []uint32, width int) []byte {
	n := len(vals)
	for i := 0; i < n; {
		if run := runLength(vals, i); run >= 8 {
			dst = binary.AppendUvarint(dst, uint64(run)<<1)
			for b, v := 0, vals[i]; b < (width+7)/8; b++ {
				dst = append(dst, byte(v>>(8*b)))
			}
			i += run
			continue
		}
		start, groups := i, 0
		for i < n && groups < 1<<16 {
			groups++
			i += 8
			if i >= n || runLength(vals, i) >= 8 {
				break
			}
		}
		dst = binary.AppendUvarint(dst, uint64(groups)<<1|1)
		dst = appendPacked(dst, vals[start:min(i, n)], groups*8, width)
		i = min(i, n)
	}
	return dst
}

// runLength is how many values from i on equal vals[i].
func runLength(vals []uint32, i int) int {
	j := i + 1
	for j < len(vals) && vals[j] == vals[i] {
		j++
	}
	return j - i
}

// appendPacked appends count values (vals, then zeros) bit-packed.
func appendPacked(dst []byte, vals []uint32, count, width int) []byte {
	var acc uint64
	nbits := 0
	for k := range count {
		var v uint32
		if k < len(vals) {
			v = vals[k]
		}
		acc |= uint64(v) << nbits
		nbits += width
		for nbits >= 8 {
			dst = append(dst, byte(acc))
			acc >>= 8
			nbits -= 8
		}
	}
	if nbits > 0 {
		dst = append(dst, byte(acc))
	}
	return dst
}

// hybridDecoder reads hybrid-encoded values one at a time, so a long run
// costs no memory.
type hybridDecoder struct {
	b      []byte
	pos    int
	width  int
	rle    uint64 // values left in the current RLE run
	val    uint32 // the RLE run's value
	packed int    // values left in the current bit-packed run
	bit    int    // the next packed value's bit offset from pos
}

var errLevels = errors.New("parquet: hybrid-encoded data ends early")

func newHybridDecoder(b []byte, width int) (*hybridDecoder, error) {
	if width < 0 || width > 32 {
		return nil, errors.New("parquet: bit width over 32")
	}
	return &hybridDecoder{b: b, width: width}, nil
}

// next is the next value.
func (d *hybridDecoder) next() (uint32, error) {
	for d.rle == 0 && d.packed == 0 {
		if err := d.header(); err != nil {
			return 0, err
		}
	}
	if d.rle > 0 {
		d.rle--
		return d.val, nil
	}
	var v uint64
	for got := 0; got < d.width; {
		p := d.pos + (d.bit+got)/8
		off := (d.bit + got) % 8
		take := min(8-off, d.width-got)
		v |= uint64(d.b[p]>>off) & (1<<take - 1) << got
		got += take
	}
	d.bit += d.width
	if d.packed--; d.packed == 0 {
		d.pos += (d.bit + 7) / 8
		d.bit = 0
	}
	return uint32(v), nil
}

// header starts the next run.
func (d *hybridDecoder) header() error {
	h, n := binary.Uvarint(d.b[d.pos:])
	if n <= 0 {
		return errLevels
	}
	d.pos += n
	if h&1 == 0 {
		size := (d.width + 7) / 8
		if len(d.b)-d.pos < size {
			return errLevels
		}
		d.val = 0
		for b := range size {
			d.val |= uint32(d.b[d.pos+b]) << (8 * b)
		}
		d.pos += size
		d.rle = h >> 1
		if d.width < 32 && d.val>>d.width != 0 {
			return errors.New("parquet: an RLE value exceeds its bit width")
		}
		return nil
	}
	groups := min(h>>1, 1<<56)
	if d.width == 0 {
		d.rle = groups * 8 // zero-width values take no bytes
		return nil
	}
	// A last run may stop before its last group's end.
	avail := uint64(len(d.b)-d.pos) * 8 / uint64(d.width)
	d.packed = int(min(groups*8, avail))
	if groups > 0 && d.packed == 0 {
		return errLevels
	}
	return nil
}
