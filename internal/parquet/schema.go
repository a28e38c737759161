package parquet

import (
	"errors"
	"fmt"
	"math/bits"
	"strings"
)

// Repetition is a node's repetition: Required, Optional or Repeated.
type Repetition int32

// The repetitions.
const (
	Required Repetition = repRequired
	Optional Repetition = repOptional
	Repeated Repetition = repRepeated
)

// Node is a node of a schema: a group of fields or a leaf of a physical
// type, with an optional logical type.
type Node struct {
	Name       string
	Repetition Repetition
	Group      bool
	Fields     []*Node      // a group's
	Type       Type         // a leaf's physical type
	Length     int          // FIXED_LEN_BYTE_ARRAY's length
	Logical    *LogicalType // nil when none
}

// Leaf is a leaf node.
func Leaf(name string, rep Repetition, t Type, logical *LogicalType) *Node {
	return &Node{Name: name, Repetition: rep, Type: t, Logical: logical}
}

// FixedLeaf is a FIXED_LEN_BYTE_ARRAY leaf of values of length bytes.
func FixedLeaf(name string, rep Repetition, length int, logical *LogicalType) *Node {
	return &Node{Name: name, Repetition: rep, Type: FixedLenByteArray, Length: length, Logical: logical}
}

// GroupNode is a group node of the fields.
func GroupNode(name string, rep Repetition, logical *LogicalType, fields ...*Node) *Node {
	return &Node{Name: name, Repetition: rep, Group: true, Fields: fields, Logical: logical}
}

// Column is a leaf of a schema with its path and maximum levels.
type Column struct {
	Node   *Node
	Path   []string
	Index  int // in depth-first order
	MaxRep int
	MaxDef int
}

// Schema is a file's schema: the root group (whose repetition is ignored)
// and its leaves in depth-first order.
type Schema struct {
	Root    *Node
	Columns []Column
}

// MaxDepth bounds a schema's nesting.
const MaxDepth = 64

// NewSchema is the schema of root, checked: names, leaf types and depth.
func NewSchema(root *Node) (*Schema, error) {
	if root == nil || !root.Group {
		return nil, errors.New("parquet: the schema's root is not a group")
	}
	s := &Schema{Root: root}
	for _, f := range root.Fields {
		if err := s.addColumns(f, nil, 0, 0, 1); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// addColumns appends the leaves under n, whose parent has path, rep and def.
func (s *Schema) addColumns(n *Node, path []string, rep, def, depth int) error {
	if depth > MaxDepth {
		return errors.New("parquet: schema nested too deeply")
	}
	switch n.Repetition {
	case Required:
	case Optional:
		def++
	case Repeated:
		def++
		rep++
	default:
		return fmt.Errorf("parquet: field %s has repetition %d", n.Name, n.Repetition)
	}
	path = append(path[:len(path):len(path)], n.Name)
	if !n.Group {
		if n.Type < Boolean || n.Type > FixedLenByteArray {
			return fmt.Errorf("parquet: field %s has %s", n.Name, n.Type)
		}
		if n.Type == FixedLenByteArray && (n.Length <= 0 || n.Length > 1<<20) {
			return fmt.Errorf("parquet: field %s has length %d", n.Name, n.Length)
		}
		s.Columns = append(s.Columns, Column{Node: n, Path: path, Index: len(s.Columns), MaxRep: rep, MaxDef: def})
		return nil
	}
	for _, f := range n.Fields {
		if err := s.addColumns(f, path, rep, def, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// name is the column's dotted path.
func (c *Column) name() string { return strings.Join(c.Path, ".") }

// levelWidth is the bit width of levels up to max.
func levelWidth(max int) int { return bits.Len(uint(max)) }

// elements flattens the schema depth first, as the footer stores it.
func (s *Schema) elements() []schemaElement {
	var out []schemaElement
	var walk func(n *Node, root bool)
	walk = func(n *Node, root bool) {
		e := schemaElement{Type: -1, Repetition: int32(n.Repetition), Name: n.Name, NumChildren: -1, Converted: -1, Logical: n.Logical}
		if root {
			e.Repetition = -1
		}
		if n.Group {
			e.NumChildren = int32(len(n.Fields))
		} else {
			e.Type, e.TypeLength = int32(n.Type), int32(n.Length)
		}
		e.Converted = convertedType(n.Logical)
		out = append(out, e)
		for _, f := range n.Fields {
			walk(f, false)
		}
	}
	walk(s.Root, true)
	return out
}

// convertedType is the legacy type of a logical type, or -1.
func convertedType(l *LogicalType) int32 {
	if l == nil {
		return -1
	}
	switch l.Kind {
	case LogicalString:
		return ctUTF8
	case LogicalMap:
		return ctMap
	case LogicalList:
		return ctList
	case LogicalDate:
		return ctDate
	case LogicalTimestamp:
		if l.UTC && l.Unit == Millis {
			return ctTimestampMillis
		}
		if l.UTC && l.Unit == Micros {
			return ctTimestampMicros
		}
	case LogicalInt:
		if l.Signed {
			switch l.BitWidth {
			case 8:
				return ctInt8
			case 16:
				return ctInt16
			case 32:
				return ctInt32
			case 64:
				return ctInt64
			}
		}
	}
	return -1
}

// schemaFromElements rebuilds a schema from the footer's elements.
func schemaFromElements(els []schemaElement) (*Schema, error) {
	if len(els) == 0 {
		return nil, errors.New("parquet: the file has no schema")
	}
	pos := 0
	root, err := nodeFromElements(els, &pos, 0)
	if err != nil {
		return nil, err
	}
	if pos != len(els) {
		return nil, errors.New("parquet: the schema has elements after its root")
	}
	if !root.Group {
		return nil, errors.New("parquet: the schema's root is not a group")
	}
	root.Repetition = Required
	return NewSchema(root)
}

// nodeFromElements reads the node at *pos and its children.
func nodeFromElements(els []schemaElement, pos *int, depth int) (*Node, error) {
	if depth > MaxDepth {
		return nil, errors.New("parquet: schema nested too deeply")
	}
	if *pos >= len(els) {
		return nil, errors.New("parquet: the schema ends early")
	}
	e := &els[*pos]
	*pos++
	n := &Node{Name: e.Name, Repetition: Repetition(e.Repetition), Logical: e.Logical}
	if e.Repetition < 0 {
		n.Repetition = Required
	}
	if n.Logical == nil {
		n.Logical = logicalFromConverted(e)
	}
	if e.NumChildren < 0 || (e.NumChildren == 0 && e.Type >= 0) {
		n.Type, n.Length = Type(e.Type), int(e.TypeLength)
		return n, nil
	}
	if int(e.NumChildren) > len(els)-*pos {
		return nil, errors.New("parquet: the schema ends early")
	}
	n.Group = true
	for range e.NumChildren {
		f, err := nodeFromElements(els, pos, depth+1)
		if err != nil {
			return nil, err
		}
		n.Fields = append(n.Fields, f)
	}
	return n, nil
}

// logicalFromConverted is the logical type an old file's converted type
// means, or nil.
func logicalFromConverted(e *schemaElement) *LogicalType {
	switch e.Converted {
	case ctUTF8:
		return &LogicalType{Kind: LogicalString}
	case ctMap:
		return &LogicalType{Kind: LogicalMap}
	case ctList:
		return &LogicalType{Kind: LogicalList}
	case ctDate:
		return &LogicalType{Kind: LogicalDate}
	case 5:
		return &LogicalType{Kind: LogicalDecimal, Scale: e.Scale, Precision: e.Precision}
	case 7, 8:
		return &LogicalType{Kind: LogicalTime, UTC: true, Unit: int16(e.Converted - 6)}
	case ctTimestampMillis, ctTimestampMicros:
		return &LogicalType{Kind: LogicalTimestamp, UTC: true, Unit: int16(e.Converted - 8)}
	case ctInt8, ctInt16, ctInt32, ctInt64:
		return &LogicalType{Kind: LogicalInt, Signed: true, BitWidth: int8(8 << (e.Converted - ctInt8))}
	case 11, 12, 13, 14:
		return &LogicalType{Kind: LogicalInt, BitWidth: int8(8 << (e.Converted - 11))}
	case 19:
		return &LogicalType{Kind: LogicalJSON}
	}
	return nil
}
