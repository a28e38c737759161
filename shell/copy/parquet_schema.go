package copy

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/encoding"
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

// orderedGroup is a Parquet group whose fields keep the order given
// (parquet.Group sorts them by name).
type orderedGroup []parquet.Field

func (g orderedGroup) ID() int                         { return 0 }
func (g orderedGroup) String() string                  { return fmt.Sprintf("group(%d fields)", len(g)) }
func (g orderedGroup) Type() parquet.Type              { return parquet.Group{}.Type() }
func (g orderedGroup) Optional() bool                  { return false }
func (g orderedGroup) Repeated() bool                  { return false }
func (g orderedGroup) Required() bool                  { return true }
func (g orderedGroup) Leaf() bool                      { return false }
func (g orderedGroup) Fields() []parquet.Field         { return g }
func (g orderedGroup) Encoding() encoding.Encoding     { return nil }
func (g orderedGroup) Compression() compress.Codec     { return nil }
func (g orderedGroup) GoType() reflect.Type            { return reflect.TypeFor[map[string]any]() }
func (f namedField) Name() string                      { return f.name }
func (f namedField) Value(reflect.Value) reflect.Value { return reflect.Value{} }

// namedField is one field of an orderedGroup.
type namedField struct {
	parquet.Node
	name string
}

// parquetSchema is the schema of a file of the columns.
func parquetSchema(cols []string, types []*cqltype.Type) (*parquet.Schema, error) {
	g := make(orderedGroup, len(cols))
	for i, c := range cols {
		n, err := parquetNode(types[i])
		if err != nil {
			return nil, err
		}
		g[i] = namedField{Node: parquet.Optional(n), name: c}
	}
	return parquet.NewSchema("cql", g), nil
}

// parquetNode is type t's node (not yet OPTIONAL).
func parquetNode(t *cqltype.Type) (parquet.Node, error) {
	switch t.Kind {
	case cqltype.Ascii, cqltype.Varchar, cqltype.Varint, cqltype.Decimal, cqltype.Duration, cqltype.Inet:
		return parquet.String(), nil
	case cqltype.Tinyint:
		return parquet.Int(8), nil
	case cqltype.Smallint:
		return parquet.Int(16), nil
	case cqltype.Int:
		return parquet.Int(32), nil
	case cqltype.Bigint, cqltype.Counter:
		return parquet.Int(64), nil
	case cqltype.Boolean:
		return parquet.Leaf(parquet.BooleanType), nil
	case cqltype.Float:
		return parquet.Leaf(parquet.FloatType), nil
	case cqltype.Double:
		return parquet.Leaf(parquet.DoubleType), nil
	case cqltype.Blob, cqltype.Custom:
		return parquet.Leaf(parquet.ByteArrayType), nil
	case cqltype.UUID, cqltype.Timeuuid:
		return parquet.UUID(), nil
	case cqltype.Timestamp:
		return parquet.Timestamp(parquet.Millisecond), nil
	case cqltype.Date:
		return parquet.Date(), nil
	case cqltype.Time:
		return parquet.TimeAdjusted(parquet.Nanosecond, false), nil
	case cqltype.List, cqltype.Set, cqltype.Vector:
		e, err := parquetNode(t.Elem)
		if err != nil {
			return nil, err
		}
		return parquet.List(parquet.Optional(e)), nil
	case cqltype.Map:
		return parquetMap(t)
	case cqltype.Tuple, cqltype.UDT:
		return parquetGroup(t)
	}
	return nil, copyError(fmt.Sprintf("type %s cannot be written to Parquet", t))
}

func parquetMap(t *cqltype.Type) (parquet.Node, error) {
	k, err := parquetNode(t.Key)
	if err != nil {
		return nil, err
	}
	v, err := parquetNode(t.Value)
	if err != nil {
		return nil, err
	}
	return parquet.Map(k, parquet.Optional(v)), nil
}

func parquetGroup(t *cqltype.Type) (parquet.Node, error) {
	n := len(t.Elems)
	if t.Kind == cqltype.UDT {
		n = len(t.Fields)
	}
	g := make(orderedGroup, n)
	for i := range n {
		ft, name := groupField(t, i)
		fn, err := parquetNode(ft)
		if err != nil {
			return nil, err
		}
		g[i] = namedField{Node: parquet.Optional(fn), name: name}
	}
	return g, nil
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
	typ      parquet.Type // a leaf's
	def      int          // definition level when the node is present
	rep      int          // repetition level of a repeated node's next value
	col      int          // first leaf column
	leaves   int
	kids     []*pqNode
}

// maxParquetDepth bounds the nesting read from a file's schema.
const maxParquetDepth = 64

// buildPQ mirrors node n; next is the next leaf column.
func buildPQ(n parquet.Node, name string, def, rep int, next *int, depth int) (*pqNode, error) {
	if depth > maxParquetDepth {
		return nil, copyError("Parquet schema nested too deeply")
	}
	p := &pqNode{name: name, optional: n.Optional(), repeated: n.Repeated(), leaf: n.Leaf(), col: *next}
	if p.optional || p.repeated {
		def++
	}
	if p.repeated {
		rep++
	}
	p.def, p.rep = def, rep
	if p.leaf {
		p.typ = n.Type()
		p.leaves = 1
		*next++
		return p, nil
	}
	for _, f := range n.Fields() {
		k, err := buildPQ(f, f.Name(), def, rep, next, depth+1)
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
