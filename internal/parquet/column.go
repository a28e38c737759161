package parquet

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/golang/snappy"
)

// maxPageSize bounds a page's uncompressed size.
const maxPageSize = 1 << 28

// maxDictValues bounds a dictionary's values (writers keep dictionaries
// to about 1 MiB).
const maxDictValues = 1 << 22

// plainSize is the least size in bits of a PLAIN value of column n.
func plainSize(n *Node) int {
	switch n.Type {
	case Boolean:
		return 1
	case Int32, Float, ByteArray:
		return 32
	case Int64, Double:
		return 64
	case Int96:
		return 96
	}
	return 8 * n.Length
}

// columnReader reads one column chunk's values page by page, with one
// value of lookahead (to see where the next row starts).
type columnReader struct {
	r        io.ReaderAt
	col      *Column
	meta     *columnMetaData
	pos, end int64 // the chunk's unread bytes
	dict     []Value
	page     *pageReader
	peeked   bool
	pv       Value
}

// peek is the next value, not consumed; io.EOF at the chunk's end.
func (c *columnReader) peek() (Value, error) {
	if !c.peeked {
		for c.page == nil || c.page.left == 0 {
			if c.pos >= c.end {
				return Value{}, io.EOF
			}
			if err := c.nextPage(); err != nil {
				return Value{}, err
			}
		}
		v, err := c.page.next()
		if err != nil {
			return Value{}, fmt.Errorf("parquet: column %s: %w", c.col.name(), err)
		}
		c.pv, c.peeked = v, true
	}
	return c.pv, nil
}

// read is the next value, consumed.
func (c *columnReader) read() (Value, error) {
	v, err := c.peek()
	c.peeked = false
	return v, err
}

// readAt fills b from offset off.
func readAt(r io.ReaderAt, b []byte, off int64) error {
	n, err := r.ReadAt(b, off)
	if n == len(b) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// header reads the next page header, reading more of the chunk until it
// parses.
func (c *columnReader) header() (pageHeader, error) {
	for win := int64(256); ; win *= 4 {
		n := min(win, c.end-c.pos)
		buf := make([]byte, n)
		if err := readAt(c.r, buf, c.pos); err != nil {
			return pageHeader{}, err
		}
		d := decoder{b: buf}
		var h pageHeader
		err := h.decode(&d)
		if err == nil {
			c.pos += int64(d.pos)
			return h, nil
		}
		if err != errShort || n == c.end-c.pos {
			return h, fmt.Errorf("parquet: column %s: bad page header: %w", c.col.name(), err)
		}
	}
}

// nextPage reads the next page: a dictionary page is kept, a data page
// becomes the current page, any other page is skipped.
func (c *columnReader) nextPage() error {
	h, err := c.header()
	if err != nil {
		return err
	}
	if h.Compressed < 0 || int64(h.Compressed) > c.end-c.pos || h.Uncompressed < 0 || h.Uncompressed > maxPageSize {
		return fmt.Errorf("parquet: column %s: page sizes out of range", c.col.name())
	}
	body := make([]byte, h.Compressed)
	if err := readAt(c.r, body, c.pos); err != nil {
		return err
	}
	c.pos += int64(h.Compressed)
	switch {
	case h.Type == pageDictionary && h.Dict != nil:
		return c.readDict(&h, body)
	case h.Type == pageData && h.Data != nil:
		return c.dataPageV1(&h, body)
	case h.Type == pageDataV2 && h.DataV2 != nil:
		return c.dataPageV2(&h, body)
	case h.Type == pageData || h.Type == pageDictionary || h.Type == pageDataV2:
		return fmt.Errorf("parquet: column %s: page without its header", c.col.name())
	}
	return nil
}

// uncompress is a page's data uncompressed by the chunk's codec (size is
// what the header says it uncompresses to).
func (c *columnReader) uncompress(b []byte, size int) ([]byte, error) {
	switch c.meta.Codec {
	case codecNone:
		return b, nil
	case codecSnappy:
		n, err := snappy.DecodedLen(b)
		if err != nil || n > maxPageSize || n > 24*len(b)+64 {
			return nil, fmt.Errorf("parquet: column %s: bad snappy data", c.col.name())
		}
		out, err := snappy.Decode(nil, b)
		if err != nil {
			return nil, fmt.Errorf("parquet: column %s: %w", c.col.name(), err)
		}
		return out, nil
	case codecGzip:
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("parquet: column %s: %w", c.col.name(), err)
		}
		out, err := io.ReadAll(io.LimitReader(zr, int64(size)+1))
		if err == nil && len(out) > size {
			err = errors.New("more data than the page header says")
		}
		if err != nil {
			return nil, fmt.Errorf("parquet: column %s: gzip: %w", c.col.name(), err)
		}
		return out, nil
	}
	return nil, fmt.Errorf("Parquet column %s uses %s compression, which gocqlsh does not read; write the file with snappy, gzip or no compression", c.col.name(), codecName(c.meta.Codec))
}

// readDict decodes a dictionary page's PLAIN values.
func (c *columnReader) readDict(h *pageHeader, body []byte) error {
	if h.Dict.Encoding != encPlain && h.Dict.Encoding != encPlainDict {
		return c.unsupported(h.Dict.Encoding)
	}
	data, err := c.uncompress(body, int(h.Uncompressed))
	if err != nil {
		return err
	}
	n := int(h.Dict.NumValues)
	if n < 0 || n > maxDictValues || int64(n)*int64(plainSize(c.col.Node)) > 8*int64(len(data)) {
		return fmt.Errorf("parquet: column %s: dictionary of %d values in %d bytes", c.col.name(), n, len(data))
	}
	p := plainReader{typ: c.col.Node.Type, length: c.col.Node.Length, data: data}
	c.dict = make([]Value, 0, n)
	for range n {
		v, err := p.next()
		if err != nil {
			return fmt.Errorf("parquet: column %s: dictionary: %w", c.col.name(), err)
		}
		c.dict = append(c.dict, v)
	}
	return nil
}

// unsupported is the error for a page of an encoding not read.
func (c *columnReader) unsupported(enc int32) error {
	return fmt.Errorf("Parquet column %s uses the %s encoding, which gocqlsh does not read; write the file with PLAIN or dictionary encoding", c.col.name(), encodingName(enc))
}

// dataPageV1 starts a v1 data page: levels (each RLE with a 4-byte length)
// and values, compressed together.
func (c *columnReader) dataPageV1(h *pageHeader, body []byte) error {
	data, err := c.uncompress(body, int(h.Uncompressed))
	if err != nil {
		return err
	}
	p := &pageReader{col: c.col, left: int(h.Data.NumValues)}
	for _, lv := range []struct {
		max int
		enc int32
		dec **hybridDecoder
	}{{c.col.MaxRep, h.Data.RepEncoding, &p.reps}, {c.col.MaxDef, h.Data.DefEncoding, &p.defs}} {
		if lv.max == 0 {
			continue
		}
		if lv.enc != encRLE {
			return c.unsupported(lv.enc)
		}
		if len(data) < 4 || int64(binary.LittleEndian.Uint32(data)) > int64(len(data)-4) {
			return fmt.Errorf("parquet: column %s: levels run past the page", c.col.name())
		}
		n := int(binary.LittleEndian.Uint32(data))
		*lv.dec, _ = newHybridDecoder(data[4:4+n], levelWidth(lv.max))
		data = data[4+n:]
	}
	return c.startValues(p, h.Data.Encoding, data)
}

// dataPageV2 starts a v2 data page: levels uncompressed, without lengths,
// then values, compressed unless the header says not.
func (c *columnReader) dataPageV2(h *pageHeader, body []byte) error {
	v2 := h.DataV2
	if v2.RepLen < 0 || v2.DefLen < 0 || int64(v2.RepLen)+int64(v2.DefLen) > int64(len(body)) {
		return fmt.Errorf("parquet: column %s: levels run past the page", c.col.name())
	}
	p := &pageReader{col: c.col, left: int(v2.NumValues)}
	if c.col.MaxRep > 0 {
		p.reps, _ = newHybridDecoder(body[:v2.RepLen], levelWidth(c.col.MaxRep))
	}
	if c.col.MaxDef > 0 {
		p.defs, _ = newHybridDecoder(body[v2.RepLen:v2.RepLen+v2.DefLen], levelWidth(c.col.MaxDef))
	}
	data := body[v2.RepLen+v2.DefLen:]
	if v2.IsCompressed {
		var err error
		if data, err = c.uncompress(data, int(h.Uncompressed-v2.RepLen-v2.DefLen)); err != nil {
			return err
		}
	}
	return c.startValues(p, v2.Encoding, data)
}

// startValues makes p the current page, its values in encoding enc.
func (c *columnReader) startValues(p *pageReader, enc int32, data []byte) error {
	if p.left < 0 {
		return fmt.Errorf("parquet: column %s: negative value count", c.col.name())
	}
	p.vals.plain = plainReader{typ: c.col.Node.Type, length: c.col.Node.Length, data: data}
	switch {
	case enc == encPlain:
	case enc == encPlainDict || enc == encRLEDict:
		if c.dict == nil {
			return fmt.Errorf("parquet: column %s: dictionary-encoded page without a dictionary", c.col.name())
		}
		if len(data) < 1 {
			return fmt.Errorf("parquet: column %s: dictionary indices missing", c.col.name())
		}
		idx, err := newHybridDecoder(data[1:], int(data[0]))
		if err != nil {
			return fmt.Errorf("parquet: column %s: %w", c.col.name(), err)
		}
		p.vals.idx, p.vals.dict = idx, c.dict
	case enc == encRLE && c.col.Node.Type == Boolean:
		if len(data) < 4 || int64(binary.LittleEndian.Uint32(data)) > int64(len(data)-4) {
			return fmt.Errorf("parquet: column %s: RLE booleans run past the page", c.col.name())
		}
		p.vals.bools, _ = newHybridDecoder(data[4:4+binary.LittleEndian.Uint32(data)], 1)
	default:
		return c.unsupported(enc)
	}
	c.page = p
	return nil
}
