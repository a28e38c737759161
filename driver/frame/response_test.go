package frame

import (
	"errors"
	"net/netip"
	"reflect"
	"testing"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

var (
	intType  = &cqltype.Type{Kind: cqltype.Int}
	textType = &cqltype.Type{Kind: cqltype.Varchar}
)

// responseVectors are hand-built response bodies (spec §4.2, §9) with the
// message each must decode to; encoding the message must give the body back.
func responseVectors() []struct {
	name    string
	version byte
	op      Opcode
	body    []byte
	want    Response
} {
	return []struct {
		name    string
		version byte
		op      Opcode
		body    []byte
		want    Response
	}{
		{"ready", 4, OpReady, nil, &Ready{}},
		{"authenticate", 4, OpAuthenticate, cat(str("org.apache.cassandra.auth.PasswordAuthenticator")),
			&Authenticate{Authenticator: "org.apache.cassandra.auth.PasswordAuthenticator"}},
		{"supported", 4, OpSupported, cat(
			"0002",
			str("COMPRESSION"), "0002", str("snappy"), str("lz4"),
			str("CQL_VERSION"), "0001", str("3.4.5"),
		), &Supported{Options: map[string][]string{"COMPRESSION": {"snappy", "lz4"}, "CQL_VERSION": {"3.4.5"}}}},
		{"auth challenge", 4, OpAuthChallenge, cat("00000002", "abcd"), &AuthChallenge{Token: []byte{0xab, 0xcd}}},
		{"auth success null token", 4, OpAuthSuccess, cat("ffffffff"), &AuthSuccess{}},

		// ERROR: [int] code, [string] message, then the code's fields.
		{"error server", 4, OpError, cat("00000000", str("boom")), &Error{Code: CodeServerError, Message: "boom"}},
		{"error syntax", 4, OpError, cat("00002000", str("line 1")), &Error{Code: CodeSyntaxError, Message: "line 1"}},
		{"error unavailable", 4, OpError, cat(
			"00001000", str("no"),
			"0004",     // QUORUM
			"00000003", // required
			"00000001", // alive
		), &Error{Code: CodeUnavailable, Message: "no", Consistency: Quorum, Required: 3, Alive: 1}},
		{"error write timeout v4 CAS", 4, OpError, cat(
			"00001100", str("t"),
			"0008", "00000001", "00000002", // SERIAL, received 1, blockfor 2
			str("CAS"), // write type; v4 has no contentions
		), &Error{Code: CodeWriteTimeout, Message: "t", Consistency: Serial, Received: 1, BlockFor: 2, WriteType: "CAS"}},
		{"error write timeout v5 CAS", 5, OpError, cat(
			"00001100", str("t"),
			"0008", "00000001", "00000002",
			str("CAS"),
			"0003", // contentions [short], v5 only
		), &Error{Code: CodeWriteTimeout, Message: "t", Consistency: Serial, Received: 1, BlockFor: 2, WriteType: "CAS", Contentions: 3}},
		{"error write timeout v5 SIMPLE", 5, OpError, cat(
			"00001100", str("t"), "0001", "00000000", "00000001", str("SIMPLE"),
		), &Error{Code: CodeWriteTimeout, Message: "t", Consistency: One, BlockFor: 1, WriteType: "SIMPLE"}},
		{"error read timeout", 4, OpError, cat(
			"00001200", str("r"), "0006", "00000001", "00000002",
			"01", // data_present
		), &Error{Code: CodeReadTimeout, Message: "r", Consistency: LocalQuorum, Received: 1, BlockFor: 2, DataPresent: true}},
		{"error read failure v4", 4, OpError, cat(
			"00001300", str("rf"), "0001", "00000000", "00000001",
			"00000001", // numfailures
			"00",       // data_present
		), &Error{Code: CodeReadFailure, Message: "rf", Consistency: One, BlockFor: 1, NumFailures: 1}},
		{"error read failure v5", 5, OpError, cat(
			"00001300", str("rf"), "0001", "00000000", "00000001",
			"00000002",               // reason map: 2 entries
			"04", "0a000001", "0000", // 10.0.0.1 -> UNKNOWN
			"10", "00000000000000000000000000000001", "0001", // ::1 -> TOO_MANY_TOMBSTONES_READ
			"01", // data_present
		), &Error{Code: CodeReadFailure, Message: "rf", Consistency: One, BlockFor: 1, NumFailures: 2, DataPresent: true,
			Reasons: []FailureReason{
				{Endpoint: netip.MustParseAddr("10.0.0.1"), Code: 0},
				{Endpoint: netip.MustParseAddr("::1"), Code: 1},
			}}},
		{"error write failure v4", 4, OpError, cat(
			"00001500", str("wf"), "0004", "00000001", "00000002",
			"00000001",   // numfailures
			str("BATCH"), // write type
		), &Error{Code: CodeWriteFailure, Message: "wf", Consistency: Quorum, Received: 1, BlockFor: 2, NumFailures: 1, WriteType: "BATCH"}},
		{"error write failure v5", 5, OpError, cat(
			"00001500", str("wf"), "0004", "00000001", "00000002",
			"00000001", "04", "7f000001", "0003", // reason map: 127.0.0.1 -> 3
			str("SIMPLE"),
		), &Error{Code: CodeWriteFailure, Message: "wf", Consistency: Quorum, Received: 1, BlockFor: 2, NumFailures: 1, WriteType: "SIMPLE",
			Reasons: []FailureReason{{Endpoint: netip.MustParseAddr("127.0.0.1"), Code: 3}}}},
		{"error cdc write failure", 5, OpError, cat("00001600", str("cdc")), &Error{Code: CodeCDCWriteFailure, Message: "cdc"}},
		{"error cas write unknown", 5, OpError, cat("00001700", str("cas"), "0009", "00000000", "00000002"),
			&Error{Code: CodeCASWriteUnknown, Message: "cas", Consistency: LocalSerial, BlockFor: 2}},
		{"error function failure", 4, OpError, cat(
			"00001400", str("f"), str("ks"), str("fn"),
			"0002", str("int"), str("text"), // arg_types
		), &Error{Code: CodeFunctionFailure, Message: "f", Keyspace: "ks", Function: "fn", ArgTypes: []string{"int", "text"}}},
		{"error already exists", 4, OpError, cat("00002400", str("x"), str("ks"), str("t")),
			&Error{Code: CodeAlreadyExists, Message: "x", Keyspace: "ks", Table: "t"}},
		{"error unprepared", 4, OpError, cat("00002500", str("u"), "0002", "cafe"),
			&Error{Code: CodeUnprepared, Message: "u", UnpreparedID: []byte{0xca, 0xfe}}},

		// RESULT kinds.
		{"void", 4, OpResult, cat("00000001"), &Void{}},
		{"set keyspace", 4, OpResult, cat("00000003", str("ks")), &SetKeyspace{Keyspace: "ks"}},
		{"schema change keyspace", 4, OpResult, cat("00000005", str("CREATED"), str("KEYSPACE"), str("ks")),
			&SchemaChange{Change: "CREATED", Target: TargetKeyspace, Keyspace: "ks"}},
		{"schema change table", 4, OpResult, cat("00000005", str("UPDATED"), str("TABLE"), str("ks"), str("t")),
			&SchemaChange{Change: "UPDATED", Target: TargetTable, Keyspace: "ks", Name: "t"}},
		{"schema change function", 4, OpResult, cat("00000005", str("DROPPED"), str("FUNCTION"), str("ks"), str("f"), "0001", str("int")),
			&SchemaChange{Change: "DROPPED", Target: TargetFunction, Keyspace: "ks", Name: "f", ArgTypes: []string{"int"}}},
		{"rows v4", 4, OpResult, cat(
			"00000002",         // kind Rows
			"00000003",         // flags: global tables spec | has more pages
			"00000002",         // two columns
			"00000002", "beef", // paging state
			str("ks"), str("t"), // global table spec
			str("k"), "0009", // k int
			str("v"), "000d", // v varchar
			"00000002",                         // two rows
			"00000004", "00000001", "00000000", // (1, '')
			"00000004", "00000002", "ffffffff", // (2, null)
		), &Rows{
			Metadata: Metadata{
				Flags: FlagGlobalTablesSpec | FlagHasMorePages, ColumnCount: 2, PagingState: []byte{0xbe, 0xef},
				Columns: []ColumnSpec{{"ks", "t", "k", intType}, {"ks", "t", "v", textType}},
			},
			RowCount: 2,
			Cells:    [][]byte{{0, 0, 0, 1}, {}, {0, 0, 0, 2}, nil},
		}},
		{"rows v5 metadata changed", 5, OpResult, cat(
			"00000002",
			"00000008",     // flags: metadata changed
			"00000001",     // one column
			"0002", "abcd", // new_metadata_id [short bytes]
			str("ks"), str("t"), str("k"), "0009", // per-column table spec
			"00000001", "00000004", "00000007", // one row: (7)
		), &Rows{
			Metadata: Metadata{
				Flags: FlagMetadataChanged, ColumnCount: 1, NewMetadataID: []byte{0xab, 0xcd},
				Columns: []ColumnSpec{{"ks", "t", "k", intType}},
			},
			RowCount: 1,
			Cells:    [][]byte{{0, 0, 0, 7}},
		}},
		{"rows no metadata", 4, OpResult, cat(
			"00000002",
			"00000004", // flags: no metadata
			"00000001", // one column
			"00000000", // no rows
		), &Rows{Metadata: Metadata{Flags: FlagNoMetadata, ColumnCount: 1}}},
		{"prepared v3", 3, OpResult, cat(
			"00000004",
			"0002", "0102", // id
			"00000001", "00000001", // bind metadata: global, one marker (no pk indices in v3)
			str("ks"), str("t"), str("k"), "0009",
			"00000004", "00000000", // result metadata: no metadata, no columns
		), &Prepared{ID: []byte{1, 2}, Flags: FlagGlobalTablesSpec,
			Params: []ColumnSpec{{"ks", "t", "k", intType}},
			Result: Metadata{Flags: FlagNoMetadata}}},
		{"prepared v4", 4, OpResult, cat(
			"00000004",
			"0002", "0102", // id
			"00000001", "00000002", // global, two markers
			"00000001", "0001", // pk_count 1, pk index 1
			str("ks"), str("t"), str("v"), "000d", str("k"), "0009",
			"00000001", "00000001", str("ks"), str("t"), str("v"), "000d", // result metadata
		), &Prepared{ID: []byte{1, 2}, Flags: FlagGlobalTablesSpec, PKIndices: []uint16{1},
			Params: []ColumnSpec{{"ks", "t", "v", textType}, {"ks", "t", "k", intType}},
			Result: Metadata{Flags: FlagGlobalTablesSpec, ColumnCount: 1, Columns: []ColumnSpec{{"ks", "t", "v", textType}}}}},
		{"prepared v5", 5, OpResult, cat(
			"00000004",
			"0002", "0102", // id
			"0001", "ee", // result_metadata_id
			"00000000", "00000000", "00000000", // no global spec, no markers, no pk
			"00000004", "00000000",
		), &Prepared{ID: []byte{1, 2}, ResultMetadataID: []byte{0xee}, Result: Metadata{Flags: FlagNoMetadata}}},

		// EVENT.
		{"event topology", 4, OpEvent, cat(str("TOPOLOGY_CHANGE"), str("NEW_NODE"), "04", "7f000002", "00002352"),
			&Event{Type: EventTopologyChange, Change: "NEW_NODE", Addr: netip.MustParseAddrPort("127.0.0.2:9042")}},
		{"event status", 4, OpEvent, cat(str("STATUS_CHANGE"), str("DOWN"), "10", "fe800000000000000000000000000001", "00002352"),
			&Event{Type: EventStatusChange, Change: "DOWN", Addr: netip.MustParseAddrPort("[fe80::1]:9042")}},
		{"event schema", 4, OpEvent, cat(str("SCHEMA_CHANGE"), str("CREATED"), str("TYPE"), str("ks"), str("addr")),
			&Event{Type: EventSchemaChange, Schema: SchemaChange{Change: "CREATED", Target: TargetType, Keyspace: "ks", Name: "addr"}}},
	}
}

// sameResponse compares decoded responses, looking only at the exported
// contents of Rows.
func sameResponse(a, b Response) bool {
	ra, ok1 := a.(*Rows)
	rb, ok2 := b.(*Rows)
	if ok1 || ok2 {
		return ok1 && ok2 && reflect.DeepEqual(ra.Metadata, rb.Metadata) &&
			ra.RowCount == rb.RowCount && reflect.DeepEqual(ra.Cells, rb.Cells)
	}
	return reflect.DeepEqual(a, b)
}

func TestResponseVectors(t *testing.T) {
	for _, tc := range responseVectors() {
		t.Run(tc.name, func(t *testing.T) {
			h := Header{Version: tc.version | ResponseBit, Opcode: tc.op, Length: int32(len(tc.body))}
			got, _, err := DecodeResponse(h, tc.body)
			if err != nil {
				t.Fatal(err)
			}
			if !sameResponse(got, tc.want) {
				t.Fatalf("decoded:\n got  %+v\n want %+v", got, tc.want)
			}
			mustEqualBytes(t, "encoded", tc.want.AppendBody(nil, tc.version), tc.body)
		})
	}
}

func TestResponseRoundTripAllVersions(t *testing.T) {
	for _, tc := range responseVectors() {
		for _, v := range []byte{3, 4, 5} {
			frame := AppendResponseFrame(nil, v, -1, Envelope{}, tc.want)
			h, err := ParseHeader(frame)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := DecodeResponse(h, frame[HeaderLen:])
			if err != nil {
				t.Errorf("%s v%d: %v", tc.name, v, err)
				continue
			}
			// Re-encoding what was decoded is stable.
			again := AppendResponseFrame(nil, v, -1, Envelope{}, got)
			mustEqualBytes(t, tc.name, again, frame)
		}
	}
}

func TestErrorStrings(t *testing.T) {
	e := &Error{Code: CodeInvalid, Message: `unconfigured table "x"`}
	want := `Error from server: code=2200 [Invalid query] message="unconfigured table \"x\""`
	if e.Error() != want {
		t.Errorf("got %s\nwant %s", e.Error(), want)
	}
	names := map[ErrorCode]string{
		CodeServerError: "Server error", CodeProtocolError: "Protocol error", CodeBadCredentials: "Bad credentials",
		CodeUnavailable: "Unavailable exception", CodeOverloaded: "Coordinator node overloaded",
		CodeIsBootstrapping: "Coordinator node is bootstrapping", CodeTruncateError: "Error during truncate",
		CodeWriteTimeout: "Coordinator node timed out waiting for replica nodes' responses",
		CodeReadTimeout:  "Coordinator node timed out waiting for replica nodes' responses",
		CodeReadFailure:  "Replica(s) failed to execute read", CodeFunctionFailure: "User Defined Function failure",
		CodeWriteFailure: "Replica(s) failed to execute write", CodeSyntaxError: "Syntax error in CQL query",
		CodeUnauthorized: "Unauthorized", CodeInvalid: "Invalid query",
		CodeConfigError: "Query invalid because of configuration issue", CodeAlreadyExists: "Item already exists",
		CodeUnprepared: "Matching prepared statement not found on this node", ErrorCode(0x7777): "Unknown",
	}
	for c, n := range names {
		if c.String() != n {
			t.Errorf("0x%04x: got %q, want %q", int32(c), c.String(), n)
		}
	}
	var err error = e
	var fe *Error
	if !errors.As(err, &fe) || fe.Code != CodeInvalid {
		t.Error("*Error does not work with errors.As")
	}
}

func TestEnvelopeOrder(t *testing.T) {
	// Tracing id, then warnings, then custom payload (spec §2.2).
	body := cat(
		"0102030405060708090a0b0c0d0e0f10", // tracing id
		"0001", str("slow"),                // warnings
		"0000",                // empty custom payload
		"00000003", str("ks"), // RESULT Set_keyspace
	)
	h := Header{Version: 0x85, Flags: FlagTracing | FlagWarning | FlagCustomPayload, Opcode: OpResult}
	m, env, err := DecodeResponse(h, body)
	if err != nil {
		t.Fatal(err)
	}
	if m.(*SetKeyspace).Keyspace != "ks" {
		t.Fatalf("got %+v", m)
	}
	mustEqualBytes(t, "tracing", env.TracingID, cat("0102030405060708090a0b0c0d0e0f10"))
	if !reflect.DeepEqual(env.Warnings, []string{"slow"}) || env.CustomPayload == nil || len(env.CustomPayload) != 0 {
		t.Fatalf("envelope %+v", env)
	}
	// Without the flags the same prefix is not stripped.
	if _, _, err := DecodeResponse(Header{Version: 0x85, Opcode: OpResult}, body); err == nil {
		t.Fatal("decoded a body whose prefixes were not announced")
	}
}

func TestDecodeRowsReuseAndFallback(t *testing.T) {
	page := func(a, b byte) []byte {
		return cat(
			"00000002", "00000001", "00000002", // Rows, global spec, two columns
			str("ks"), str("t"), str("k"), "0009", str("v"), "000d",
			"00000002",
			"00000001", hexOf([]byte{a}), "00000000",
			"00000001", hexOf([]byte{b}), "ffffffff",
		)
	}
	var rows Rows
	if err := DecodeRows(page(1, 2), 4, &rows, nil); err != nil {
		t.Fatal(err)
	}
	cols := rows.Columns
	cells := &rows.Cells[0]
	if err := DecodeRows(page(3, 4), 4, &rows, nil); err != nil {
		t.Fatal(err)
	}
	if &rows.Columns[0] != &cols[0] {
		t.Error("same metadata bytes were parsed again instead of reused")
	}
	if &rows.Cells[0] != cells {
		t.Error("cell storage was not reused")
	}
	if !reflect.DeepEqual(rows.Row(1), [][]byte{{4}, nil}) || !reflect.DeepEqual(rows.Row(0), [][]byte{{3}, {}}) {
		t.Errorf("rows %v %v", rows.Row(0), rows.Row(1))
	}

	// A skip-metadata page takes its columns from the fallback.
	noMeta := cat("00000002", "00000004", "00000002", "00000001", "00000001", "05", "ffffffff")
	fallback := &Metadata{Columns: cols}
	if err := DecodeRows(noMeta, 4, &rows, fallback); err != nil {
		t.Fatal(err)
	}
	if rows.RowCount != 1 || &rows.Columns[0] != &cols[0] || !reflect.DeepEqual(rows.Row(0), [][]byte{{5}, nil}) {
		t.Errorf("fallback page: %+v", rows)
	}
	wrong := &Metadata{Columns: cols[:1]}
	if err := DecodeRows(noMeta, 4, &rows, wrong); err == nil {
		t.Error("column count mismatch with the fallback not reported")
	}
	// Through DecodeResponseInto the same *Rows comes back.
	h := Header{Version: 0x84, Opcode: OpResult}
	m, _, err := DecodeResponseInto(h, page(5, 6), &rows, nil)
	if err != nil || m != Response(&rows) {
		t.Fatalf("DecodeResponseInto: %v %T", err, m)
	}
	// Different metadata is parsed afresh.
	other := cat("00000002", "00000001", "00000001", str("ks"), str("u"), str("x"), "0002", "00000000")
	if err := DecodeRows(other, 4, &rows, nil); err != nil {
		t.Fatal(err)
	}
	if rows.Columns[0].Table != "u" || rows.Columns[0].Type.Kind != cqltype.Bigint || rows.RowCount != 0 {
		t.Errorf("new metadata: %+v", rows.Columns)
	}
	if err := DecodeRows(cat("00000001"), 4, &rows, nil); err == nil {
		t.Error("Void body accepted as Rows")
	}
}

func TestDecodeRowsV4IgnoresMetadataChangedFlag(t *testing.T) {
	// In v4 flag 0x0008 means nothing: no new_metadata_id follows.
	body := cat("00000002", "00000008", "00000001", str("ks"), str("t"), str("k"), "0009", "00000000")
	var rows Rows
	if err := DecodeRows(body, 4, &rows, nil); err != nil {
		t.Fatal(err)
	}
	if rows.NewMetadataID != nil || rows.Columns[0].Name != "k" {
		t.Fatalf("%+v", rows.Metadata)
	}
}

func TestDecodeResponseErrors(t *testing.T) {
	tests := []struct {
		name    string
		op      Opcode
		version byte
		body    []byte
	}{
		{"request opcode", OpQuery, 4, nil},
		{"empty result", OpResult, 4, nil},
		{"unknown result kind", OpResult, 4, cat("00000009")},
		{"rows count beyond body", OpResult, 4, cat("00000002", "00000004", "00000001", "7fffffff", "00000000")},
		{"rows huge column count", OpResult, 4, cat("00000002", "00000000", "7fffffff", "00000000")},
		{"rows negative column count", OpResult, 4, cat("00000002", "00000004", "ffffffff", "00000000")},
		{"rows negative row count", OpResult, 4, cat("00000002", "00000004", "00000000", "ffffffff")},
		{"rows truncated cell", OpResult, 4, cat("00000002", "00000004", "00000001", "00000001", "00000004", "01")},
		{"prepared pk count beyond body", OpResult, 4, cat("00000004", "0000", "00000000", "00000000", "7fffffff")},
		{"schema change unknown target", OpResult, 4, cat("00000005", str("CREATED"), str("INDEX"), str("ks"))},
		{"event unknown type", OpEvent, 4, cat(str("OTHER"))},
		{"event bad inet", OpEvent, 4, cat(str("STATUS_CHANGE"), str("UP"), "03", "010203", "00000000")},
		{"error truncated", OpError, 4, cat("00001000", str("x"), "0004")},
		{"error reason map too big", OpError, 5, cat("00001300", str("x"), "0001", "00000000", "00000000", "7fffffff")},
		{"error negative reason map", OpError, 5, cat("00001300", str("x"), "0001", "00000000", "00000000", "ffffffff")},
		{"supported truncated", OpSupported, 4, cat("0001", str("k"), "0002", str("v"))},
		{"tracing id truncated", OpReady, 4, cat("0102")},
	}
	for _, tc := range tests {
		h := Header{Version: tc.version | ResponseBit, Opcode: tc.op}
		if tc.name == "tracing id truncated" {
			h.Flags = FlagTracing
		}
		_, _, err := DecodeResponse(h, tc.body)
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: want *DecodeError, got %v", tc.name, err)
		}
	}
}

func TestDecodeRowsEmptyLastCellIsNotNull(t *testing.T) {
	body := cat("00000002", "00000004", "00000002", "00000001", "ffffffff", "00000000") // (null, '')
	var rows Rows
	if err := DecodeRows(body, 4, &rows, nil); err != nil {
		t.Fatal(err)
	}
	if rows.Cells[0] != nil || rows.Cells[1] == nil || len(rows.Cells[1]) != 0 {
		t.Fatalf("cells %#v", rows.Cells)
	}
}
