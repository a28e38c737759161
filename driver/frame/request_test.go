package frame

import (
	"errors"
	"reflect"
	"testing"
)

// requestVectors are hand-built request bodies (spec §4.1), one per message
// and per protocol version where the encodings differ.
func requestVectors() []struct {
	name    string
	version byte
	msg     Request
	body    []byte
} {
	params := QueryParams{
		Consistency:         One,
		Values:              [][]byte{{0, 0, 0, 1}, nil},
		PageSize:            100,
		SerialConsistency:   LocalSerial,
		DefaultTimestamp:    42,
		HasDefaultTimestamp: true,
	}
	paramsV5 := params
	paramsV5.Keyspace = "ks"
	paramsV5.NowInSeconds = 7
	paramsTail := cat(
		"0002",                 // two values
		"00000004", "00000001", // [value] int 1
		"ffffffff",         // [value] null
		"00000064",         // result_page_size 100
		"0009",             // serial consistency LOCAL_SERIAL
		"000000000000002a", // timestamp 42
	)
	return []struct {
		name    string
		version byte
		msg     Request
		body    []byte
	}{
		{"startup", 4, &Startup{Options: map[string]string{"CQL_VERSION": "3.0.0", "COMPRESSION": "lz4"}},
			cat("0002", str("COMPRESSION"), str("lz4"), str("CQL_VERSION"), str("3.0.0"))}, // keys sorted
		{"options", 4, &Options{}, nil},
		{"auth response", 4, &AuthResponse{Token: []byte("\x00u\x00p")},
			cat("00000004", "00750070")},
		{"register", 4, &Register{Events: []string{EventSchemaChange, EventStatusChange}},
			cat("0002", str("SCHEMA_CHANGE"), str("STATUS_CHANGE"))},
		{"query v4", 4, &Query{Statement: "SELECT 1", Params: params}, cat(
			"00000008", txt("SELECT 1"), // [long string]
			"0001", // consistency ONE
			"35",   // flags byte: values|page size|serial|timestamp
			"", hexOf(paramsTail))},
		{"query v4 drops v5-only fields", 4, &Query{Statement: "SELECT 1", Params: paramsV5}, cat(
			"00000008", txt("SELECT 1"), "0001", "35", hexOf(paramsTail))},
		{"query v3", 3, &Query{Statement: "SELECT 1", Params: params}, cat(
			"00000008", txt("SELECT 1"), "0001", "35", hexOf(paramsTail))},
		{"query v5", 5, &Query{Statement: "SELECT 1", Params: paramsV5}, cat(
			"00000008", txt("SELECT 1"),
			"0001",     // consistency ONE
			"000001b5", // flags [int]: values|page size|serial|timestamp|keyspace|now
			hexOf(paramsTail),
			str("ks"),  // keyspace
			"00000007", // now_in_seconds
		)},
		{"query named, unset, paging, skip metadata", 4, &Query{Statement: "I", Params: QueryParams{
			Consistency:  Quorum,
			Values:       [][]byte{{1}, nil},
			Unset:        []bool{false, true},
			Names:        []string{"a", "b"},
			SkipMetadata: true,
			PagingState:  []byte{0xAA},
		}}, cat(
			"00000001", txt("I"),
			"0004",                     // QUORUM
			"4b",                       // values|skip metadata|paging state|names
			"0002",                     // two values
			str("a"), "00000001", "01", // a = 0x01
			str("b"), "fffffffe", // b unset
			"00000001", "aa", // paging state
		)},
		{"query no params", 4, &Query{Statement: "", Params: QueryParams{Consistency: All}},
			cat("00000000", "0005", "00")},
		{"prepare v4", 4, &Prepare{Statement: "SELECT", Keyspace: "ignored"}, cat("00000006", txt("SELECT"))},
		{"prepare v5", 5, &Prepare{Statement: "SELECT"}, cat("00000006", txt("SELECT"), "00000000")},
		{"prepare v5 keyspace", 5, &Prepare{Statement: "SELECT", Keyspace: "ks"},
			cat("00000006", txt("SELECT"), "00000001", str("ks"))},
		{"execute v4", 4, &Execute{ID: []byte{1, 2}, ResultMetadataID: []byte{9}, Params: QueryParams{Consistency: One, SkipMetadata: true}},
			cat("0002", "0102", "0001", "02")}, // id, ONE, flags skip metadata
		{"execute v5", 5, &Execute{ID: []byte{1, 2}, ResultMetadataID: []byte{9}, Params: QueryParams{Consistency: One, SkipMetadata: true}},
			cat("0002", "0102", "0001", "09", "0001", "00000002")}, // id, result metadata id, ONE, flags
		{"batch v4", 4, &Batch{
			Type: BatchUnlogged,
			Entries: []BatchEntry{
				{Query: "INSERT"},
				{ID: []byte{1, 2}, Values: [][]byte{{7}}},
			},
			Consistency: Quorum, DefaultTimestamp: 5, HasDefaultTimestamp: true,
		}, cat(
			"01",                                    // unlogged
			"0002",                                  // two entries
			"00", "00000006", txt("INSERT"), "0000", // query, no values
			"01", "0002", "0102", "0001", "00000001", "07", // prepared id, one value
			"0004",             // QUORUM
			"20",               // flags byte: timestamp
			"0000000000000005", // timestamp
		)},
		{"batch v5", 5, &Batch{
			Type:              BatchCounter,
			Entries:           []BatchEntry{{Query: "U", Values: [][]byte{nil}, Unset: []bool{true}}},
			Consistency:       One,
			SerialConsistency: Serial,
			Keyspace:          "ks",
			NowInSeconds:      3,
		}, cat(
			"02", "0001",
			"00", "00000001", txt("U"), "0001", "fffffffe", // one unset value
			"0001",     // ONE
			"00000190", // flags [int]: serial|keyspace|now
			"0008",     // SERIAL
			str("ks"), "00000003",
		)},
	}
}

func hexOf(b []byte) string { return string(hexBytes(b)) }

func hexBytes(b []byte) []byte {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return out
}

func TestRequestVectors(t *testing.T) {
	for _, tc := range requestVectors() {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.msg.AppendBody(nil, tc.version)
			mustEqualBytes(t, "body", got, tc.body)

			frame := AppendFrame(nil, tc.version, 0, 1, tc.msg)
			h, err := ParseHeader(frame)
			if err != nil {
				t.Fatal(err)
			}
			if int(h.Length) != len(tc.body) || h.Opcode != tc.msg.Opcode() {
				t.Fatalf("header %+v", h)
			}
			back, _, err := DecodeRequest(h, frame[HeaderLen:])
			if err != nil {
				t.Fatal(err)
			}
			// Encoding the decoded request must give the same bytes.
			mustEqualBytes(t, "re-encoded", back.AppendBody(nil, tc.version), tc.body)
		})
	}
}

func TestRequestRoundTrip(t *testing.T) {
	full := QueryParams{
		Consistency:         LocalQuorum,
		Values:              [][]byte{{1, 2}, {}, nil, {3}},
		Unset:               []bool{false, false, false, true},
		Names:               []string{"a", "b", "c", "d"},
		SkipMetadata:        true,
		PageSize:            5000,
		PagingState:         []byte{},
		SerialConsistency:   LocalSerial,
		DefaultTimestamp:    -1,
		HasDefaultTimestamp: true,
		Keyspace:            "ks",
		NowInSeconds:        99,
	}
	for _, version := range []byte{3, 4, 5} {
		want := full
		want.Values = [][]byte{{1, 2}, {}, nil, nil} // an unset value carries no bytes
		if version < 5 {
			want.Keyspace, want.NowInSeconds = "", 0
		}
		execWant := &Execute{ID: []byte{1}, ResultMetadataID: []byte{2}, Params: want}
		if version < 5 {
			execWant.ResultMetadataID = nil
		}
		prepWant := &Prepare{Statement: "SELECT"}
		if version >= 5 {
			prepWant.Keyspace = "ks"
		}
		batchWant := &Batch{
			Type:                BatchLogged,
			Entries:             []BatchEntry{{Query: "a", Values: [][]byte{nil, {}}}, {ID: []byte{}, Values: nil}},
			Consistency:         Two,
			SerialConsistency:   Serial,
			DefaultTimestamp:    1,
			HasDefaultTimestamp: true,
		}
		tests := []struct {
			in, want Request
		}{
			{&Startup{Options: map[string]string{"CQL_VERSION": "3.4.5", "DRIVER_NAME": "gocqlsh"}}, nil},
			{&Options{}, nil},
			{&AuthResponse{Token: nil}, nil},
			{&AuthResponse{Token: []byte{}}, nil},
			{&Register{Events: []string{EventTopologyChange}}, nil},
			{&Query{Statement: "SELECT * FROM t", Params: full}, &Query{Statement: "SELECT * FROM t", Params: want}},
			{&Prepare{Statement: "SELECT", Keyspace: "ks"}, prepWant},
			{&Execute{ID: []byte{1}, ResultMetadataID: []byte{2}, Params: full}, execWant},
			{batchWant, nil},
		}
		for _, tc := range tests {
			if tc.want == nil {
				tc.want = tc.in
			}
			frame := AppendFrame(nil, version, 0, 0, tc.in)
			h, err := ParseHeader(frame)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := DecodeRequest(h, frame[HeaderLen:])
			if err != nil {
				t.Errorf("v%d %v: %v", version, tc.in.Opcode(), err)
				continue
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("v%d %v:\n got  %+v\n want %+v", version, tc.in.Opcode(), got, tc.want)
			}
		}
	}
}

func TestDecodeRequestCustomPayload(t *testing.T) {
	body := cat(
		"0001", str("k"), "00000001", "ff", // custom payload [bytes map]
		"00000001", txt("Q"), "0001", "00", // QUERY "Q" at ONE
	)
	h := Header{Version: 4, Flags: FlagCustomPayload | FlagTracing, Opcode: OpQuery, Length: int32(len(body))}
	m, env, err := DecodeRequest(h, body)
	if err != nil {
		t.Fatal(err)
	}
	if q := m.(*Query); q.Statement != "Q" || q.Params.Consistency != One {
		t.Fatalf("query %+v", q)
	}
	if env.TracingID != nil || !reflect.DeepEqual(env.CustomPayload, map[string][]byte{"k": {0xff}}) {
		t.Fatalf("envelope %+v", env)
	}
}

func TestDecodeRequestErrors(t *testing.T) {
	tests := []struct {
		name    string
		op      Opcode
		version byte
		body    []byte
	}{
		{"response opcode", OpResult, 4, nil},
		{"truncated query", OpQuery, 4, cat("00000005", txt("SEL"))},
		{"query value count beyond body", OpQuery, 4, cat("00000000", "0001", "01", "ffff")},
		{"query value length -3", OpQuery, 4, cat("00000000", "0001", "01", "0001", "fffffffd")},
		{"v5 query with one-byte flags", OpQuery, 5, cat("00000000", "0001", "01")},
		{"batch bad type", OpBatch, 4, cat("07", "0000", "0001", "00")},
		{"batch bad entry kind", OpBatch, 4, cat("00", "0001", "02")},
		{"batch named values", OpBatch, 4, cat("00", "0000", "0001", "40")},
		{"execute truncated id", OpExecute, 4, cat("0010", "01")},
		{"startup odd map", OpStartup, 4, cat("0001", str("k"))},
	}
	for _, tc := range tests {
		_, _, err := DecodeRequest(Header{Version: tc.version, Opcode: tc.op}, tc.body)
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Errorf("%s: want *DecodeError, got %v", tc.name, err)
		}
	}
}
