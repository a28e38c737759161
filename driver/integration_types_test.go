package driver

import (
	"fmt"
	"math"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// typesSchema creates a table with one column of every CQL type but counter.
func typesSchema() []string {
	return []string{
		"CREATE TYPE %s.person (name text, n int, addr inet)",
		`CREATE TABLE %s.types (pk int PRIMARY KEY,
		c_ascii ascii, c_bigint bigint, c_blob blob, c_boolean boolean,
		c_date date, c_decimal decimal, c_double double, c_duration duration,
		c_float float, c_inet inet, c_int int, c_smallint smallint, c_text text,
		c_time time, c_timestamp timestamp, c_timeuuid timeuuid, c_tinyint tinyint,
		c_uuid uuid, c_varint varint,
		c_list list<int>, c_set set<text>, c_map map<text, int>,
		c_tuple tuple<int, text, boolean>, c_udt frozen<person>,
		c_nested list<frozen<map<text, set<int>>>>, c_vector vector<float, 3>)`,
	}
}

// typeCase is one value written to one column: as the CQL literal lit, as
// the bound argument arg (EXECUTE, and QUERY with values when infer is set),
// and the value reading it back must decode to.
type typeCase struct {
	col   string
	lit   string
	arg   any
	infer bool
	want  any
}

func bigInt(s string) *big.Int {
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad integer " + s)
	}
	return v
}

func decimal(unscaled string, scale int32) cqltype.DecimalValue {
	return cqltype.DecimalValue{Unscaled: bigInt(unscaled), Scale: scale}
}

func uuidOf(s string) cqltype.UUIDValue {
	u, err := cqltype.ParseUUID(s)
	if err != nil {
		panic(err)
	}
	return u
}

func millis(y int, mo time.Month, d, h, mi, s, ms int) cqltype.TimestampValue {
	return cqltype.TimestampValue(time.Date(y, mo, d, h, mi, s, ms*1e6, time.UTC).UnixMilli())
}

func typeCases() []typeCase {
	tenTo60 := "1" + strings.Repeat("0", 60)
	empty := cqltype.Empty{}
	return []typeCase{
		// ascii and text: empty is not null.
		{col: "c_ascii", lit: "'hello'", arg: "hello", infer: true, want: "hello"},
		{col: "c_ascii", lit: "''", arg: "", infer: true, want: ""},
		{col: "c_ascii", lit: "null", arg: nil, infer: true, want: nil},
		{col: "c_text", lit: "'héllo wörld ✓ 日本'", arg: "héllo wörld ✓ 日本", infer: true, want: "héllo wörld ✓ 日本"},
		{col: "c_text", lit: "'it''s'", arg: "it's", infer: true, want: "it's"},
		{col: "c_text", lit: "$$a 'dollar' string$$", arg: "a 'dollar' string", infer: true, want: "a 'dollar' string"},
		{col: "c_text", lit: "''", arg: "", infer: true, want: ""},
		{col: "c_text", lit: "null", arg: nil, infer: true, want: nil},

		// Integers at the ends of every width, and empty cells.
		{col: "c_bigint", lit: "-9223372036854775808", arg: int64(math.MinInt64), infer: true, want: int64(math.MinInt64)},
		{col: "c_bigint", lit: "9223372036854775807", arg: int64(math.MaxInt64), infer: true, want: int64(math.MaxInt64)},
		{col: "c_bigint", lit: "0", arg: int64(0), infer: true, want: int64(0)},
		{col: "c_bigint", lit: "blobAsBigint(0x)", arg: empty, want: empty},
		{col: "c_int", lit: "-2147483648", arg: int32(math.MinInt32), infer: true, want: int32(math.MinInt32)},
		{col: "c_int", lit: "2147483647", arg: int32(math.MaxInt32), infer: true, want: int32(math.MaxInt32)},
		{col: "c_int", lit: "blobAsInt(0x)", arg: empty, want: empty},
		{col: "c_int", lit: "null", arg: nil, infer: true, want: nil},
		{col: "c_smallint", lit: "-32768", arg: int16(math.MinInt16), infer: true, want: int16(math.MinInt16)},
		{col: "c_smallint", lit: "32767", arg: int16(math.MaxInt16), infer: true, want: int16(math.MaxInt16)},
		{col: "c_tinyint", lit: "-128", arg: int8(math.MinInt8), infer: true, want: int8(math.MinInt8)},
		{col: "c_tinyint", lit: "127", arg: int8(math.MaxInt8), infer: true, want: int8(math.MaxInt8)},
		{col: "c_varint", lit: tenTo60, arg: bigInt(tenTo60), infer: true, want: bigInt(tenTo60)},
		{col: "c_varint", lit: "-" + tenTo60, arg: bigInt("-" + tenTo60), infer: true, want: bigInt("-" + tenTo60)},
		{col: "c_varint", lit: "-129", arg: big.NewInt(-129), infer: true, want: big.NewInt(-129)},
		{col: "c_varint", lit: "128", arg: big.NewInt(128), infer: true, want: big.NewInt(128)},
		{col: "c_varint", lit: "0", arg: big.NewInt(0), infer: true, want: big.NewInt(0)},
		{col: "c_varint", lit: "blobAsVarint(0x)", arg: empty, want: empty},

		// Decimals keep their scale.
		{col: "c_decimal", lit: "1.50", arg: decimal("150", 2), infer: true, want: decimal("150", 2)},
		{col: "c_decimal", lit: "-0.000000000001", arg: decimal("-1", 12), infer: true, want: decimal("-1", 12)},
		{col: "c_decimal", lit: "1E-100", arg: decimal("1", 100), infer: true, want: decimal("1", 100)},
		{col: "c_decimal", lit: "1E+10", arg: decimal("1", -10), infer: true, want: decimal("1", -10)},
		{col: "c_decimal", lit: "123456789012345678901234567890.123456789012345678901234567890",
			arg:   decimal("123456789012345678901234567890123456789012345678901234567890", 30),
			infer: true, want: decimal("123456789012345678901234567890123456789012345678901234567890", 30)},

		// Floating point specials and extremes.
		{col: "c_double", lit: "NaN", arg: math.NaN(), infer: true, want: math.NaN()},
		{col: "c_double", lit: "Infinity", arg: math.Inf(1), infer: true, want: math.Inf(1)},
		{col: "c_double", lit: "-Infinity", arg: math.Inf(-1), infer: true, want: math.Inf(-1)},
		{col: "c_double", lit: "1.7976931348623157E308", arg: math.MaxFloat64, infer: true, want: math.MaxFloat64},
		{col: "c_double", lit: "4.9E-324", arg: math.SmallestNonzeroFloat64, infer: true, want: math.SmallestNonzeroFloat64},
		{col: "c_double", lit: "-1.5", arg: -1.5, infer: true, want: -1.5},
		{col: "c_float", lit: "NaN", arg: float32(math.NaN()), infer: true, want: float32(math.NaN())},
		{col: "c_float", lit: "Infinity", arg: float32(math.Inf(1)), infer: true, want: float32(math.Inf(1))},
		{col: "c_float", lit: "-Infinity", arg: float32(math.Inf(-1)), infer: true, want: float32(math.Inf(-1))},
		{col: "c_float", lit: "3.4028235E38", arg: float32(math.MaxFloat32), infer: true, want: float32(math.MaxFloat32)},
		{col: "c_float", lit: "1.4E-45", arg: float32(math.SmallestNonzeroFloat32), infer: true, want: float32(math.SmallestNonzeroFloat32)},

		{col: "c_boolean", lit: "true", arg: true, infer: true, want: true},
		{col: "c_boolean", lit: "false", arg: false, infer: true, want: false},
		{col: "c_boolean", lit: "blobAsBoolean(0x)", arg: empty, want: empty},

		{col: "c_blob", lit: "0xcafebabe", arg: []byte{0xca, 0xfe, 0xba, 0xbe}, infer: true, want: []byte{0xca, 0xfe, 0xba, 0xbe}},
		{col: "c_blob", lit: "0x", arg: []byte{}, infer: true, want: []byte{}},
		{col: "c_blob", lit: "null", arg: nil, infer: true, want: nil},

		{col: "c_inet", lit: "'127.0.0.1'", arg: net.IPv4(127, 0, 0, 1).To4(), infer: true, want: net.IPv4(127, 0, 0, 1).To4()},
		{col: "c_inet", lit: "'::1'", arg: net.IPv6loopback, infer: true, want: net.IPv6loopback},
		{col: "c_inet", lit: "'2001:db8::ff00:42:8329'", arg: net.ParseIP("2001:db8::ff00:42:8329"), infer: true, want: net.ParseIP("2001:db8::ff00:42:8329")},

		{col: "c_uuid", lit: "550e8400-e29b-41d4-a716-446655440000", arg: uuidOf("550e8400-e29b-41d4-a716-446655440000"), infer: true, want: uuidOf("550e8400-e29b-41d4-a716-446655440000")},
		{col: "c_uuid", lit: "blobAsUuid(0x)", arg: empty, want: empty},
		{col: "c_timeuuid", lit: "50554d6e-29bb-11e5-b345-feff819cdc9f", arg: uuidOf("50554d6e-29bb-11e5-b345-feff819cdc9f"), infer: true, want: uuidOf("50554d6e-29bb-11e5-b345-feff819cdc9f")},

		// Dates: the whole unsigned range, far outside the timestamp's.
		{col: "c_date", lit: "'1970-01-01'", arg: cqltype.DateValue(1 << 31), infer: true, want: cqltype.DateValue(1 << 31)},
		{col: "c_date", lit: "'-5877641-06-23'", arg: cqltype.DateValue(0), infer: true, want: cqltype.DateValue(0)},
		// The server reads (and prints) years past 9999 with a '+' sign: it
		// refuses '5881580-07-11' ("Unable to coerce").
		{col: "c_date", lit: "'+5881580-07-11'", arg: cqltype.DateValue(math.MaxUint32), infer: true, want: cqltype.DateValue(math.MaxUint32)},
		{col: "c_date", lit: "'4294967295'", arg: cqltype.DateValue(math.MaxUint32), want: cqltype.DateValue(math.MaxUint32)},
		{col: "c_date", lit: "'0001-01-01'", arg: cqltype.DateValue(1<<31 - 719162), infer: true, want: cqltype.DateValue(1<<31 - 719162)},

		// Timestamps before 1900 and after 9999, and the int64 ends.
		{col: "c_timestamp", lit: "'2012-05-14 12:53:20.123+0000'", arg: millis(2012, 5, 14, 12, 53, 20, 123), infer: true, want: millis(2012, 5, 14, 12, 53, 20, 123)},
		{col: "c_timestamp", lit: "'1000-01-01 00:00:00+0000'", arg: millis(1000, 1, 1, 0, 0, 0, 0), infer: true, want: millis(1000, 1, 1, 0, 0, 0, 0)},
		{col: "c_timestamp", lit: "'1899-12-31 23:59:59.999+0000'", arg: millis(1899, 12, 31, 23, 59, 59, 999), infer: true, want: millis(1899, 12, 31, 23, 59, 59, 999)},
		{col: "c_timestamp", lit: "253402300800000", arg: millis(10000, 1, 1, 0, 0, 0, 0), infer: true, want: millis(10000, 1, 1, 0, 0, 0, 0)},
		{col: "c_timestamp", lit: "-9223372036854775808", arg: cqltype.TimestampValue(math.MinInt64), infer: true, want: cqltype.TimestampValue(math.MinInt64)},
		{col: "c_timestamp", lit: "9223372036854775807", arg: cqltype.TimestampValue(math.MaxInt64), infer: true, want: cqltype.TimestampValue(math.MaxInt64)},

		{col: "c_time", lit: "'00:00:00'", arg: cqltype.TimeValue(0), infer: true, want: cqltype.TimeValue(0)},
		{col: "c_time", lit: "'23:59:59.999999999'", arg: cqltype.MaxTime, infer: true, want: cqltype.MaxTime},
		{col: "c_time", lit: "'12:34:56.789'", arg: cqltype.TimeValue(45296789000000), infer: true, want: cqltype.TimeValue(45296789000000)},

		{col: "c_duration", lit: "1y2mo3d4h5m6s7ms8us9ns",
			arg:   cqltype.DurationValue{Months: 14, Days: 3, Nanos: int64(4*time.Hour + 5*time.Minute + 6*time.Second + 7*time.Millisecond + 8*time.Microsecond + 9)},
			infer: true, want: cqltype.DurationValue{Months: 14, Days: 3, Nanos: int64(4*time.Hour + 5*time.Minute + 6*time.Second + 7*time.Millisecond + 8*time.Microsecond + 9)}},
		{col: "c_duration", lit: "-1y2d3h", arg: cqltype.DurationValue{Months: -12, Days: -2, Nanos: -int64(3 * time.Hour)}, infer: true,
			want: cqltype.DurationValue{Months: -12, Days: -2, Nanos: -int64(3 * time.Hour)}},
		{col: "c_duration", lit: "P2W", arg: cqltype.DurationValue{Days: 14}, infer: true, want: cqltype.DurationValue{Days: 14}},
		{col: "c_duration", lit: "-1ns", arg: cqltype.DurationValue{Nanos: -1}, infer: true, want: cqltype.DurationValue{Nanos: -1}},

		// Collections; an empty non-frozen collection is stored as null.
		{col: "c_list", lit: "[3, 1, 2]", arg: []int32{3, 1, 2}, want: []any{int32(3), int32(1), int32(2)}},
		{col: "c_list", lit: "[]", arg: []any{}, want: nil},
		{col: "c_set", lit: "{'b', 'a', 'c'}", arg: []any{"b", "a", "c"}, want: []any{"a", "b", "c"}},
		{col: "c_map", lit: "{'b': 2, 'a': 1}", arg: map[string]int32{"b": 2, "a": 1},
			want: []cqltype.MapEntry{{Key: "a", Value: int32(1)}, {Key: "b", Value: int32(2)}}},
		{col: "c_map", lit: "null", arg: nil, infer: true, want: nil},
		{col: "c_tuple", lit: "(1, 'x', true)", arg: []any{int32(1), "x", true}, want: []any{int32(1), "x", true}},
		{col: "c_tuple", lit: "(1, null, true)", arg: []any{int32(1), nil, true}, want: []any{int32(1), nil, true}},
		{col: "c_udt", lit: "{name: 'a', n: 5, addr: '10.0.0.1'}", arg: map[string]any{"name": "a", "n": int32(5), "addr": "10.0.0.1"},
			want: []any{"a", int32(5), net.IPv4(10, 0, 0, 1).To4()}},
		{col: "c_udt", lit: "{name: 'only'}", arg: map[string]any{"name": "only"}, want: []any{"only", nil, nil}},
		{col: "c_udt", lit: "{n: 7}", arg: map[string]any{"n": int32(7)}, want: []any{nil, int32(7), nil}},
		{col: "c_nested", lit: "[{'a': {2, 1}, 'b': {}}, {}]",
			arg: []any{
				[]cqltype.MapEntry{{Key: "a", Value: []any{int32(2), int32(1)}}, {Key: "b", Value: []any{}}},
				[]cqltype.MapEntry{},
			},
			want: []any{
				[]cqltype.MapEntry{{Key: "a", Value: []any{int32(1), int32(2)}}, {Key: "b", Value: []any{}}},
				[]cqltype.MapEntry{},
			}},
		{col: "c_vector", lit: "[1.0, 2.5, -3.0]", arg: []float32{1, 2.5, -3}, want: []any{float32(1), float32(2.5), float32(-3)}},
		{col: "c_vector", lit: "null", arg: nil, infer: true, want: nil},
	}
}

// TestIntegrationTypes writes every case three ways — a QUERY with the
// literal in its text, a QUERY with values, an EXECUTE with arguments — and
// reads each back the same way it was written.
func TestIntegrationTypes(t *testing.T) {
	admin := connectPlain(t, nil)
	ks := newKeyspace(t, admin)
	for _, ddl := range typesSchema() {
		mustExec(t, admin, fmt.Sprintf(ddl, ks))
	}
	for _, version := range []byte{4, 5} {
		t.Run(fmt.Sprintf("v%d", version), func(t *testing.T) {
			roundTripTypes(t, connectPlain(t, func(c *Config) { c.ProtoVersion = version }), ks)
		})
	}
}

// roundTripTypes runs every type case through every path on s.
func roundTripTypes(t *testing.T, s *Session, ks string) {
	ctx := testCtx(t)
	for i, tc := range typeCases() {
		insert := fmt.Sprintf("INSERT INTO %s.types (pk, %s) VALUES (?, ?)", ks, tc.col)
		sel := fmt.Sprintf("SELECT %s FROM %s.types WHERE pk = ?", tc.col, ks)
		paths := []struct {
			name  string
			skip  bool
			write func(pk int32) error
			read  func(pk int32) (*Result, error)
		}{
			{name: "literal",
				write: func(pk int32) error {
					_, err := s.Execute(ctx, fmt.Sprintf("INSERT INTO %s.types (pk, %s) VALUES (%d, %s)", ks, tc.col, pk, tc.lit))
					return err
				},
				read: func(pk int32) (*Result, error) {
					return s.Execute(ctx, fmt.Sprintf("SELECT %s FROM %s.types WHERE pk = %d", tc.col, ks, pk))
				}},
			{name: "values", skip: !tc.infer,
				write: func(pk int32) error {
					_, err := s.ExecuteQuery(ctx, &Query{Statement: insert, Args: []any{pk, tc.arg}, NoPrepare: true})
					return err
				},
				read: func(pk int32) (*Result, error) {
					return s.ExecuteQuery(ctx, &Query{Statement: sel, Args: []any{pk}, NoPrepare: true})
				}},
			{name: "prepared",
				write: func(pk int32) error {
					_, err := s.Execute(ctx, insert, pk, tc.arg)
					return err
				},
				read: func(pk int32) (*Result, error) { return s.Execute(ctx, sel, pk) }},
		}
		for p, path := range paths {
			if path.skip {
				continue
			}
			name := fmt.Sprintf("%s/%d/%s", tc.col, i, path.name)
			t.Run(name, func(t *testing.T) {
				pk := int32(i*len(paths) + p)
				if err := path.write(pk); err != nil {
					t.Fatalf("write %s: %v", tc.lit, err)
				}
				res, err := path.read(pk)
				if err != nil {
					t.Fatalf("read: %v", err)
				}
				if res.NumRows() != 1 {
					t.Fatalf("got %d rows, want 1", res.NumRows())
				}
				got, err := res.Value(0, 0)
				if err != nil {
					t.Fatalf("decode %s (%x): %v", res.Columns[0].Type, res.Row(0)[0], err)
				}
				if canon(got) != canon(tc.want) {
					t.Errorf("%s: got %s, want %s", tc.lit, canon(got), canon(tc.want))
				}
				cell := res.Row(0)[0]
				switch {
				case tc.want == nil && cell != nil:
					t.Errorf("null cell came back as %x", cell)
				case tc.want != nil && cell == nil:
					t.Errorf("cell came back null")
				}
			})
		}
	}
}

// TestIntegrationNullMapValue checks that the server's refusal of a null
// inside a collection arrives as an Invalid error, for a literal and for a
// bound value.
func TestIntegrationNullMapValue(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".m (pk int PRIMARY KEY, m map<text, int>)")
	ctx := testCtx(t)
	_, err := s.Execute(ctx, "INSERT INTO "+ks+".m (pk, m) VALUES (1, {'k': null})")
	if !IsCode(err, frame.CodeInvalid) {
		t.Errorf("literal null map value: got %v, want Invalid", err)
	}
	_, err = s.Execute(ctx, "INSERT INTO "+ks+".m (pk, m) VALUES (?, ?)", int32(2), []cqltype.MapEntry{{Key: "k", Value: nil}})
	if !IsCode(err, frame.CodeInvalid) {
		t.Errorf("bound null map value: got %v, want Invalid", err)
	}
}

// TestIntegrationCounter adds to and subtracts from a counter through a
// literal and a bound value, reading the sum back.
func TestIntegrationCounter(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".counts (pk int PRIMARY KEY, n counter)")
	mustExec(t, s, "UPDATE "+ks+".counts SET n = n + 9223372036854775807 WHERE pk = 1")
	mustExec(t, s, "UPDATE "+ks+".counts SET n = n - ? WHERE pk = ?", int64(10), int32(1))
	mustQuery(t, s, &Query{Statement: "UPDATE " + ks + ".counts SET n = n + ? WHERE pk = ?", Args: []any{int64(3), int32(1)}, NoPrepare: true})
	for _, q := range []*Query{
		{Statement: "SELECT n FROM " + ks + ".counts WHERE pk = 1"},
		{Statement: "SELECT n FROM " + ks + ".counts WHERE pk = ?", Args: []any{int32(1)}},
	} {
		res := mustQuery(t, s, q)
		if res.NumRows() != 1 {
			t.Fatalf("%s: %d rows", q.Statement, res.NumRows())
		}
		got, err := res.Value(0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(math.MaxInt64 - 7); got != want {
			t.Errorf("%s: counter = %v (%T), want %d", q.Statement, got, got, want)
		}
		if res.Columns[0].Type.Kind != cqltype.Counter {
			t.Errorf("column type %v, want counter", res.Columns[0].Type)
		}
	}
}

// TestIntegrationUDTAddedField reads a UDT value written before a field was
// added: the new field decodes as null, through a fresh statement and
// through one prepared before the change.
func TestIntegrationUDTAddedField(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TYPE "+ks+".pt (x int, y int)")
	mustExec(t, s, "CREATE TABLE "+ks+".shapes (pk int PRIMARY KEY, p frozen<pt>)")
	mustExec(t, s, "INSERT INTO "+ks+".shapes (pk, p) VALUES (1, {x: 1, y: 2})")
	sel := "SELECT p FROM " + ks + ".shapes WHERE pk = ?"
	res := mustExec(t, s, sel, int32(1))
	if got, _ := res.Value(0, 0); canon(got) != canon([]any{int32(1), int32(2)}) {
		t.Fatalf("before ALTER: %s", canon(got))
	}
	mustExec(t, s, "ALTER TYPE "+ks+".pt ADD label text")
	want := canon([]any{int32(1), int32(2), nil})
	for _, q := range []*Query{
		{Statement: "SELECT p FROM " + ks + ".shapes WHERE pk = 1"},
		{Statement: sel, Args: []any{int32(1)}},
	} {
		res := mustQuery(t, s, q)
		got, err := res.Value(0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if canon(got) != want {
			t.Errorf("%s after ALTER: got %s, want %s", q.Statement, canon(got), want)
		}
	}
}

// TestIntegrationDateRangeText checks the ends of the date range against the
// server's own text form of them, which signs years past 9999 (Java's
// LocalDate) where DateValue.String only widens them.
func TestIntegrationDateRangeText(t *testing.T) {
	s := connectPlain(t, nil)
	ks := newKeyspace(t, s)
	mustExec(t, s, "CREATE TABLE "+ks+".d (pk int PRIMARY KEY, d date)")
	for i, d := range []cqltype.DateValue{0, math.MaxUint32, 1 << 31} {
		mustExec(t, s, "INSERT INTO "+ks+".d (pk, d) VALUES (?, ?)", int32(i), d)
		res := mustExec(t, s, "SELECT CAST(d AS text) FROM "+ks+".d WHERE pk = ?", int32(i))
		got, err := res.Value(0, 0)
		if err != nil {
			t.Fatal(err)
		}
		if str, _ := got.(string); strings.TrimPrefix(str, "+") != d.String() {
			t.Errorf("date %d: server prints %v, DateValue.String gives %q", uint32(d), got, d.String())
		}
	}
	if got := cqltype.DateValue(0).String(); got != "-5877641-06-23" {
		t.Errorf("first date prints %q", got)
	}
	if got := cqltype.DateValue(math.MaxUint32).String(); got != "5881580-07-11" {
		t.Errorf("last date prints %q", got)
	}
}
