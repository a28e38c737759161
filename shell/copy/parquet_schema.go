package copy

import (
	"fmt"
	"strconv"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/internal/parquet"
)

// How CQL types are stored in Parquet (every column and element is
// OPTIONAL, so null is null):
//
//	ascii, text                  BYTE_ARRAY (STRING)
//	tinyint, smallint, int       INT32 (INT(8|16|32, signed))
//	bigint, counter              INT64 (INT(64, signed))
//	boolean, float, double       BOOLEAN, FLOAT, DOUBLE
//	varint                       BYTE_ARRAY (STRING): the decimal digits, any size
//	decimal                      BYTE_ARRAY (STRING): the exact text, as Parquet's
//	                             DECIMAL needs one scale per column and CQL's varies per value
//	blob (and custom types)      BYTE_ARRAY
//	uuid, timeuuid               FIXED_LEN_BYTE_ARRAY(16) (UUID)
//	timestamp                    INT64 (TIMESTAMP(MILLIS, UTC))
//	date                         INT32 (DATE)
//	time                         INT64 (TIME(NANOS, local))
//	duration                     BYTE_ARRAY (STRING): CQL's form, 1mo2d3h4ns
//	inet                         BYTE_ARRAY (STRING): the address
//	list, set, vector            LIST of the element
//	map                          MAP (key REQUIRED, value OPTIONAL)
//	tuple                        group of fields _1, _2, ...
//	user type                    group of its fields, by name
//
// A non-text value stored empty (zero bytes, which only CQL has) is null in
// Parquet. Columns keep the table's order.

// parquetSchema is the schema of a file of the columns.
func parquetSchema(cols []string, types []*cqltype.Type) (*parquet.Schema, error) {
	fields := make([]*parquet.Node, len(cols))
	for i, c := range cols {
		n, err := parquetNode(types[i])
		if err != nil {
			return nil, err
		}
		fields[i] = named(n, c, parquet.Optional)
	}
	return parquet.NewSchema(parquet.GroupNode("cql", parquet.Required, nil, fields...))
}

// named is node n with its name and repetition set.
func named(n *parquet.Node, name string, rep parquet.Repetition) *parquet.Node {
	n.Name, n.Repetition = name, rep
	return n
}

// Logical types of the leaves.
func stringType() *parquet.LogicalType { return &parquet.LogicalType{Kind: parquet.LogicalString} }

func intType(bits int8) *parquet.LogicalType {
	return &parquet.LogicalType{Kind: parquet.LogicalInt, BitWidth: bits, Signed: true}
}

// leaf is an unnamed leaf of physical type t.
func leaf(t parquet.Type, lt *parquet.LogicalType) *parquet.Node {
	return parquet.Leaf("", parquet.Required, t, lt)
}

// parquetNode is type t's node (unnamed, not yet OPTIONAL).
func parquetNode(t *cqltype.Type) (*parquet.Node, error) {
	switch t.Kind {
	case cqltype.Ascii, cqltype.Varchar, cqltype.Varint, cqltype.Decimal, cqltype.Duration, cqltype.Inet:
		return leaf(parquet.ByteArray, stringType()), nil
	case cqltype.Tinyint:
		return leaf(parquet.Int32, intType(8)), nil
	case cqltype.Smallint:
		return leaf(parquet.Int32, intType(16)), nil
	case cqltype.Int:
		return leaf(parquet.Int32, intType(32)), nil
	case cqltype.Bigint, cqltype.Counter:
		return leaf(parquet.Int64, intType(64)), nil
	case cqltype.Boolean:
		return leaf(parquet.Boolean, nil), nil
	case cqltype.Float:
		return leaf(parquet.Float, nil), nil
	case cqltype.Double:
		return leaf(parquet.Double, nil), nil
	case cqltype.Blob, cqltype.Custom:
		return leaf(parquet.ByteArray, nil), nil
	case cqltype.UUID, cqltype.Timeuuid:
		return parquet.FixedLeaf("", parquet.Required, 16, &parquet.LogicalType{Kind: parquet.LogicalUUID}), nil
	case cqltype.Timestamp:
		return leaf(parquet.Int64, &parquet.LogicalType{Kind: parquet.LogicalTimestamp, UTC: true, Unit: parquet.Millis}), nil
	case cqltype.Date:
		return leaf(parquet.Int32, &parquet.LogicalType{Kind: parquet.LogicalDate}), nil
	case cqltype.Time:
		return leaf(parquet.Int64, &parquet.LogicalType{Kind: parquet.LogicalTime, Unit: parquet.Nanos}), nil
	case cqltype.List, cqltype.Set, cqltype.Vector:
		e, err := parquetNode(t.Elem)
		if err != nil {
			return nil, err
		}
		list := parquet.GroupNode("list", parquet.Repeated, nil, named(e, "element", parquet.Optional))
		return parquet.GroupNode("", parquet.Required, &parquet.LogicalType{Kind: parquet.LogicalList}, list), nil
	case cqltype.Map:
		return parquetMap(t)
	case cqltype.Tuple, cqltype.UDT:
		return parquetGroup(t)
	}
	return nil, copyError(fmt.Sprintf("type %s cannot be written to Parquet", t))
}

func parquetMap(t *cqltype.Type) (*parquet.Node, error) {
	k, err := parquetNode(t.Key)
	if err != nil {
		return nil, err
	}
	v, err := parquetNode(t.Value)
	if err != nil {
		return nil, err
	}
	kv := parquet.GroupNode("key_value", parquet.Repeated, nil, named(k, "key", parquet.Required), named(v, "value", parquet.Optional))
	return parquet.GroupNode("", parquet.Required, &parquet.LogicalType{Kind: parquet.LogicalMap}, kv), nil
}

func parquetGroup(t *cqltype.Type) (*parquet.Node, error) {
	n := len(t.Elems)
	if t.Kind == cqltype.UDT {
		n = len(t.Fields)
	}
	g := make([]*parquet.Node, n)
	for i := range n {
		ft, name := groupField(t, i)
		fn, err := parquetNode(ft)
		if err != nil {
			return nil, err
		}
		g[i] = named(fn, name, parquet.Optional)
	}
	return parquet.GroupNode("", parquet.Required, nil, g...), nil
}

// groupField is field i of a tuple (named _1, _2, ...) or user type.
func groupField(t *cqltype.Type, i int) (*cqltype.Type, string) {
	if t.Kind == cqltype.UDT {
		return t.Fields[i].Type, t.Fields[i].Name
	}
	return t.Elems[i], "_" + strconv.Itoa(i+1)
}

// pqNode is a node of a file's schema with what shredding and assembling
// need: its levels and the leaf columns under it.
type pqNode struct {
	name     string
	optional bool
	repeated bool
	leaf     bool
	logical  *parquet.LogicalType // a leaf's
	def      int                  // definition level when the node is present
	rep      int                  // repetition level of a repeated node's next value
	col      int                  // first leaf column
	leaves   int
	kids     []*pqNode
}

// maxParquetDepth bounds the nesting read from a file's schema.
const maxParquetDepth = 64

// buildPQ mirrors node n; next is the next leaf column.
func buildPQ(n *parquet.Node, name string, def, rep int, next *int, depth int) (*pqNode, error) {
	if depth > maxParquetDepth {
		return nil, copyError("Parquet schema nested too deeply")
	}
	p := &pqNode{name: name, optional: n.Repetition == parquet.Optional, repeated: n.Repetition == parquet.Repeated, leaf: !n.Group, col: *next}
	if p.optional || p.repeated {
		def++
	}
	if p.repeated {
		rep++
	}
	p.def, p.rep = def, rep
	if p.leaf {
		p.logical = n.Logical
		p.leaves = 1
		*next++
		return p, nil
	}
	for _, f := range n.Fields {
		k, err := buildPQ(f, f.Name, def, rep, next, depth+1)
		if err != nil {
			return nil, err
		}
		p.kids = append(p.kids, k)
		p.leaves += k.leaves
	}
	return p, nil
}

// kid is the child named name, or nil.
func (p *pqNode) kid(name string) *pqNode {
	for _, k := range p.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}
