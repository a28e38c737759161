package frame

import "github.com/gocqlsh/gocqlsh/driver/cqltype"

// Metadata flags of Rows results and of prepared result metadata
// (spec §4.2.5.2). MetadataChanged exists only in v5.
const (
	FlagGlobalTablesSpec int32 = 0x0001
	FlagHasMorePages     int32 = 0x0002
	FlagNoMetadata       int32 = 0x0004
	FlagMetadataChanged  int32 = 0x0008
)

// ColumnSpec describes one result column or bind marker.
type ColumnSpec struct {
	Keyspace, Table, Name string
	Type                  *cqltype.Type
}

// Metadata is the <metadata> of a Rows result, also the <result_metadata> of
// a Prepared result.
//
// When encoding, FlagHasMorePages is derived from PagingState != nil and
// FlagMetadataChanged (v5) from NewMetadataID != nil; FlagGlobalTablesSpec
// and FlagNoMetadata are taken from Flags. With FlagGlobalTablesSpec the
// table of Columns[0] is written for all columns.
type Metadata struct {
	Flags int32
	// ColumnCount is the number of columns on the wire. It is what counts
	// when FlagNoMetadata is set; otherwise len(Columns) does.
	ColumnCount   int
	PagingState   []byte
	NewMetadataID []byte // v5
	Columns       []ColumnSpec
}

// NumColumns is the number of cells per row the metadata describes.
func (m *Metadata) NumColumns() int {
	if m.Flags&FlagNoMetadata != 0 {
		return m.ColumnCount
	}
	return len(m.Columns)
}

func (m *Metadata) appendTo(dst []byte, version byte) []byte {
	f := m.Flags &^ (FlagHasMorePages | FlagMetadataChanged)
	if m.PagingState != nil {
		f |= FlagHasMorePages
	}
	if version >= 5 && m.NewMetadataID != nil {
		f |= FlagMetadataChanged
	}
	dst = appendInt(dst, f)
	dst = appendInt(dst, int32(m.NumColumns()))
	if f&FlagHasMorePages != 0 {
		dst = appendBytes(dst, m.PagingState)
	}
	if f&FlagMetadataChanged != 0 {
		dst = appendShortBytes(dst, m.NewMetadataID)
	}
	if f&FlagNoMetadata != 0 {
		return dst
	}
	return appendColumnSpecs(dst, f&FlagGlobalTablesSpec != 0, m.Columns)
}

// appendColumnSpecs writes [<global_table_spec>]<col_spec_1>...<col_spec_n>.
func appendColumnSpecs(dst []byte, global bool, cols []ColumnSpec) []byte {
	if global {
		var ks, table string
		if len(cols) > 0 {
			ks, table = cols[0].Keyspace, cols[0].Table
		}
		dst = appendString(dst, ks)
		dst = appendString(dst, table)
	}
	for _, c := range cols {
		if !global {
			dst = appendString(dst, c.Keyspace)
			dst = appendString(dst, c.Table)
		}
		dst = appendString(dst, c.Name)
		dst = AppendOption(dst, c.Type)
	}
	return dst
}

// readMetadataHead reads <flags><columns_count>[<paging_state>][<new_metadata_id>]
// into m, leaving Columns alone.
func (r *reader) readMetadataHead(version byte, m *Metadata) {
	m.Flags = r.int_()
	n := r.int_()
	if r.err == nil && n < 0 {
		r.fail("metadata: negative column count %d", n)
	}
	m.ColumnCount = int(n)
	m.PagingState = nil
	if m.Flags&FlagHasMorePages != 0 {
		m.PagingState = r.bytes()
	}
	m.NewMetadataID = nil
	if version >= 5 && m.Flags&FlagMetadataChanged != 0 {
		m.NewMetadataID = r.shortBytes()
	}
}

// readMetadata reads a whole <metadata>, column specs included unless
// FlagNoMetadata is set.
func (r *reader) readMetadata(version byte, m *Metadata) {
	r.readMetadataHead(version, m)
	m.Columns = nil
	if m.Flags&FlagNoMetadata == 0 {
		m.Columns = r.columnSpecs(m.Flags&FlagGlobalTablesSpec != 0, m.ColumnCount)
	}
}

// minColumnSpec is the smallest encoding of a column spec: a name and an
// option id, plus keyspace and table when there is no global table spec.
func minColumnSpec(global bool) int {
	if global {
		return 4
	}
	return 8
}

// columnSpecs reads n column specs, preceded by the global table spec when
// global is set.
func (r *reader) columnSpecs(global bool, n int) []ColumnSpec {
	var ks, table string
	if global {
		ks, table = r.string_(), r.string_()
	}
	if r.err != nil {
		return nil
	}
	if n > len(r.b)/minColumnSpec(global) {
		r.fail("metadata: %d column specs cannot fit in %d bytes", n, len(r.b))
		return nil
	}
	if n == 0 {
		return nil
	}
	cols := make([]ColumnSpec, n)
	for i := range cols {
		c := &cols[i]
		if global {
			c.Keyspace, c.Table = ks, table
		} else {
			c.Keyspace, c.Table = r.string_(), r.string_()
		}
		c.Name = r.string_()
		c.Type = r.option(0)
	}
	if r.err != nil {
		return nil
	}
	return cols
}

// skipColumnSpecs advances past what columnSpecs would read, allocating
// nothing.
func (r *reader) skipColumnSpecs(global bool, n int) {
	if global {
		r.take(int(r.short()), "[string]")
		r.take(int(r.short()), "[string]")
	}
	if r.err == nil && n > len(r.b)/minColumnSpec(global) {
		r.fail("metadata: %d column specs cannot fit in %d bytes", n, len(r.b))
		return
	}
	for i := 0; i < n && r.err == nil; i++ {
		if !global {
			r.take(int(r.short()), "[string]")
			r.take(int(r.short()), "[string]")
		}
		r.take(int(r.short()), "[string]")
		r.skipOption(0)
	}
}
