package frame

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

const m = marshalPrefix

func TestParseCustomClass(t *testing.T) {
	simple := func(k cqltype.Kind) *cqltype.Type { return &cqltype.Type{Kind: k} }
	custom := func(s string) *cqltype.Type { return &cqltype.Type{Kind: cqltype.Custom, Custom: s} }
	tests := []struct {
		name string
		want *cqltype.Type
	}{
		{m + "Int32Type", simple(cqltype.Int)},
		{m + "UTF8Type", simple(cqltype.Varchar)},
		{m + "AsciiType", simple(cqltype.Ascii)},
		{m + "LongType", simple(cqltype.Bigint)},
		{m + "FloatType", simple(cqltype.Float)},
		{m + "DoubleType", simple(cqltype.Double)},
		{m + "BooleanType", simple(cqltype.Boolean)},
		{m + "BytesType", simple(cqltype.Blob)},
		{m + "UUIDType", simple(cqltype.UUID)},
		{m + "TimeUUIDType", simple(cqltype.Timeuuid)},
		{m + "TimestampType", simple(cqltype.Timestamp)},
		{m + "DateType", simple(cqltype.Timestamp)},
		{m + "SimpleDateType", simple(cqltype.Date)},
		{m + "TimeType", simple(cqltype.Time)},
		{m + "DecimalType", simple(cqltype.Decimal)},
		{m + "IntegerType", simple(cqltype.Varint)},
		{m + "ShortType", simple(cqltype.Smallint)},
		{m + "ByteType", simple(cqltype.Tinyint)},
		{m + "InetAddressType", simple(cqltype.Inet)},
		{m + "DurationType", simple(cqltype.Duration)},
		{m + "CounterColumnType", simple(cqltype.Counter)},
		{"Int32Type", simple(cqltype.Int)}, // short names are accepted too
		{
			m + "VectorType(" + m + "FloatType,3)",
			&cqltype.Type{Kind: cqltype.Vector, Elem: simple(cqltype.Float), Dim: 3},
		},
		{
			m + "VectorType(" + m + "VectorType(" + m + "Int32Type, 2), 4)", // nested, with spaces
			&cqltype.Type{Kind: cqltype.Vector, Dim: 4,
				Elem: &cqltype.Type{Kind: cqltype.Vector, Elem: simple(cqltype.Int), Dim: 2}},
		},
		{m + "ListType(" + m + "UTF8Type)", &cqltype.Type{Kind: cqltype.List, Elem: simple(cqltype.Varchar)}},
		{m + "SetType(" + m + "UUIDType)", &cqltype.Type{Kind: cqltype.Set, Elem: simple(cqltype.UUID)}},
		{
			m + "MapType(" + m + "AsciiType," + m + "ListType(" + m + "Int32Type))",
			&cqltype.Type{Kind: cqltype.Map, Key: simple(cqltype.Ascii),
				Value: &cqltype.Type{Kind: cqltype.List, Elem: simple(cqltype.Int)}},
		},
		{
			m + "FrozenType(" + m + "ListType(" + m + "Int32Type))",
			&cqltype.Type{Kind: cqltype.List, Elem: simple(cqltype.Int), Frozen: true},
		},
		{m + "ReversedType(" + m + "TimeUUIDType)", simple(cqltype.Timeuuid)},
		{
			m + "TupleType(" + m + "Int32Type," + m + "UTF8Type)",
			&cqltype.Type{Kind: cqltype.Tuple, Elems: []*cqltype.Type{simple(cqltype.Int), simple(cqltype.Varchar)}},
		},
		{
			// UserType(keyspace, hex(name), hex(field):type, ...)
			m + "UserType(ks,61646472657373,737472656574:" + m + "UTF8Type,7a6970:" + m + "Int32Type)",
			&cqltype.Type{Kind: cqltype.UDT, Keyspace: "ks", Name: "address", Fields: []cqltype.Field{
				{Name: "street", Type: simple(cqltype.Varchar)},
				{Name: "zip", Type: simple(cqltype.Int)},
			}},
		},
		{
			m + "VectorType(" + m + "FrozenType(" + m + "UserType(ks,70,78:" + m + "FloatType)),2)",
			&cqltype.Type{Kind: cqltype.Vector, Dim: 2, Elem: &cqltype.Type{Kind: cqltype.UDT, Keyspace: "ks", Name: "p",
				Frozen: true, Fields: []cqltype.Field{{Name: "x", Type: simple(cqltype.Float)}}}},
		},
		// Unknown or malformed names stay Custom with the name.
		{"com.example.MyType", custom("com.example.MyType")},
		{m + "CompositeType(" + m + "Int32Type)", custom(m + "CompositeType(" + m + "Int32Type)")},
		{m + "ListType(" + m + "DynamicCompositeType)", &cqltype.Type{Kind: cqltype.List, Elem: custom(m + "DynamicCompositeType")}},
		{m + "VectorType(" + m + "FloatType,0)", custom(m + "VectorType(" + m + "FloatType,0)")},
		{m + "VectorType(" + m + "FloatType,x)", custom(m + "VectorType(" + m + "FloatType,x)")},
		{m + "VectorType(" + m + "FloatType)", custom(m + "VectorType(" + m + "FloatType)")},
		{m + "ListType(" + m + "Int32Type", custom(m + "ListType(" + m + "Int32Type")},
		{m + "ListType(a))(", custom(m + "ListType(a))(")},
		{m + "UserType(ks,70,nofieldtype)", custom(m + "UserType(ks,70,nofieldtype)")},
		{"", custom("")},
	}
	for _, tc := range tests {
		got := parseCustomClass(tc.name)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got  %+v\n want %+v", tc.name, got, tc.want)
		}
	}
}

func TestParseCustomClassDepthBounded(t *testing.T) {
	name := strings.Repeat(m+"ListType(", 1000) + m + "Int32Type" + strings.Repeat(")", 1000)
	got := parseCustomClass(name)
	depth := 0
	for got.Kind == cqltype.List {
		got = got.Elem
		depth++
	}
	if got.Kind != cqltype.Custom || depth > maxTypeDepth+1 {
		t.Fatalf("depth %d, innermost %+v", depth, got.Kind)
	}
}

func TestClassNameRoundTrip(t *testing.T) {
	names := []string{
		m + "VectorType(" + m + "FloatType,3)",
		m + "VectorType(" + m + "MapType(" + m + "UTF8Type," + m + "SetType(" + m + "DurationType)),7)",
		m + "VectorType(" + m + "FrozenType(" + m + "TupleType(" + m + "ShortType," + m + "ByteType)),1)",
		m + "VectorType(" + m + "UserType(ks,70,78:" + m + "FloatType,79:" + m + "InetAddressType),2)",
		m + "VectorType(com.example.X,2)",
	}
	for _, name := range names {
		typ := parseCustomClass(name)
		if got := string(appendClassName(nil, typ, 0)); got != name {
			t.Errorf("class name round trip:\n got  %s\n want %s", got, name)
		}
	}
}
