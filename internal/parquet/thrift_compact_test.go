package parquet

import (
	"reflect"
	"strings"
	"testing"
)

// TestThriftRoundTrip: metadata encoded and decoded again is unchanged.
func TestThriftRoundTrip(t *testing.T) {
	meta := fileMetaData{
		Version: 1, NumRows: 1 << 40, CreatedBy: "test",
		Schema: []schemaElement{
			{Type: -1, Repetition: -1, Name: "root", NumChildren: 2, Converted: -1},
			{Type: int32(Int64), Repetition: repOptional, Name: "ts", NumChildren: -1, Converted: ctTimestampMillis,
				Logical: &LogicalType{Kind: LogicalTimestamp, UTC: true, Unit: Millis}},
			{Type: int32(FixedLenByteArray), TypeLength: 16, Repetition: repRequired, Name: "u", NumChildren: -1, Converted: -1,
				Logical: &LogicalType{Kind: LogicalUUID}},
		},
		RowGroups: []rowGroup{{TotalByteSize: 100, NumRows: 3, Columns: []columnChunk{{FileOffset: 4, Meta: &columnMetaData{
			Type: int32(Int64), Encodings: []int32{0, 3}, Path: []string{"ts"}, Codec: 1,
			NumValues: 3, UncompressedSize: 50, CompressedSize: 40, DataPageOffset: 4, DictPageOffset: -1}}}}},
	}
	// 20 more elements make the schema list use the long header form.
	for i := range 20 {
		meta.Schema = append(meta.Schema, schemaElement{Type: int32(Int32), Repetition: repRequired, Name: string(rune('a' + i)),
			NumChildren: -1, Converted: ctInt8, Logical: &LogicalType{Kind: LogicalInt, BitWidth: 8, Signed: true}})
	}
	tests := []struct {
		name string
		enc  func(*encoder)
		dec  func(*decoder) (any, error)
		want any
	}{
		{"file metadata", meta.encode, func(d *decoder) (any, error) {
			var m fileMetaData
			return m, m.decode(d)
		}, meta},
		{"page header v1", (&pageHeader{Type: pageData, Uncompressed: 10, Compressed: 8,
			Data: &dataPageHeader{NumValues: 5, Encoding: 0, DefEncoding: 3, RepEncoding: 3}}).encode, decodeHeader,
			pageHeader{Type: pageData, Uncompressed: 10, Compressed: 8, Data: &dataPageHeader{NumValues: 5, Encoding: 0, DefEncoding: 3, RepEncoding: 3}}},
		{"page header v2", (&pageHeader{Type: pageDataV2, Uncompressed: -1, Compressed: 1 << 30,
			DataV2: &dataPageHeaderV2{NumValues: 5, NumNulls: 1, NumRows: 2, Encoding: 8, DefLen: 3, RepLen: 4}}).encode, decodeHeader,
			pageHeader{Type: pageDataV2, Uncompressed: -1, Compressed: 1 << 30, DataV2: &dataPageHeaderV2{NumValues: 5, NumNulls: 1, NumRows: 2, Encoding: 8, DefLen: 3, RepLen: 4}}},
		{"dictionary page", (&pageHeader{Type: pageDictionary, Dict: &dictPageHeader{NumValues: 7, Encoding: 2}}).encode, decodeHeader,
			pageHeader{Type: pageDictionary, Dict: &dictPageHeader{NumValues: 7, Encoding: 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var e encoder
			tc.enc(&e)
			d := &decoder{b: e.buf}
			got, err := tc.dec(d)
			if err != nil {
				t.Fatal(err)
			}
			if d.pos != len(e.buf) {
				t.Errorf("read %d of %d bytes", d.pos, len(e.buf))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
			for n := range len(e.buf) {
				if _, err := tc.dec(&decoder{b: e.buf[:n]}); err == nil {
					t.Errorf("truncated to %d bytes: no error", n)
				}
			}
		})
	}
}

func decodeHeader(d *decoder) (any, error) {
	var h pageHeader
	err := h.decode(d)
	if h.DataV2 != nil {
		h.DataV2.IsCompressed = false // the encoder writes it, the test's want leaves it
	}
	return h, err
}

// TestThriftSkip: fields a decoder does not know, of every type, are
// skipped; too deep nesting is an error.
func TestThriftSkip(t *testing.T) {
	var e encoder
	e.begin(-1)
	e.i32(1, 7)
	e.field(20, tDouble)
	e.buf = append(e.buf, 1, 2, 3, 4, 5, 6, 7, 8)
	e.bool(21, true)
	e.i8(22, 3)
	e.field(23, tI16)
	e.varint(-5)
	e.list(24, tBinary, 20)
	for range 20 {
		e.uvarint(1)
		e.buf = append(e.buf, 'x')
	}
	e.field(25, tMap)
	e.uvarint(1)
	e.buf = append(e.buf, tI32<<4|tTrue, 2, 1)
	e.begin(300)
	e.list(1, tStruct, 1)
	e.begin(-1)
	e.end()
	e.end()
	e.i32(2, 1<<20) // a lower id after a higher one: the long field header
	e.end()
	var h pageHeader
	d := &decoder{b: e.buf}
	if err := h.decode(d); err != nil || h.Type != 7 || h.Uncompressed != 1<<20 {
		t.Fatalf("%+v %v", h, err)
	}
	if d.pos != len(e.buf) {
		t.Errorf("read %d of %d", d.pos, len(e.buf))
	}

	deep := []byte{0x9c} // field 9 (unknown), a struct
	for range 100 {
		deep = append(deep, 0x1c) // field 1, struct
	}
	if err := (&pageHeader{}).decode(&decoder{b: deep}); err == nil || err == errShort || !strings.Contains(err.Error(), "deeply") {
		t.Errorf("deep nesting: %v", err)
	}
}
