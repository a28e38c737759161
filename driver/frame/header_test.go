package frame

import (
	"errors"
	"testing"
)

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    Header
		wantErr string // "version", "decode" or ""
	}{
		{
			name: "v4 response",
			// 0x84 version|response, flags tracing+warning, stream 0x0102,
			// RESULT, length 16.
			in:   cat("84", "0a", "0102", "08", "00000010"),
			want: Header{Version: 0x84, Flags: FlagTracing | FlagWarning, Stream: 0x0102, Opcode: OpResult, Length: 16},
		},
		{
			name: "v5 request, empty body",
			in:   cat("05", "00", "0000", "05", "00000000"),
			want: Header{Version: 5, Opcode: OpOptions},
		},
		{
			name: "v3 event on stream -1",
			in:   cat("83", "00", "ffff", "0c", "00000004", "ffff"), // trailing bytes ignored
			want: Header{Version: 0x83, Stream: -1, Opcode: OpEvent, Length: 4},
		},
		{name: "v2 unsupported", in: cat("82", "00", "0000", "00", "00000000"), wantErr: "version"},
		{name: "v6 unsupported", in: cat("06", "00", "0000", "01", "00000000"), wantErr: "version"},
		{name: "short", in: cat("84", "00", "0000", "08"), wantErr: "decode"},
		{name: "negative length", in: cat("84", "00", "0000", "08", "ffffffff"), wantErr: "decode"},
		{name: "too large", in: cat("84", "00", "0000", "08", "10000001"), wantErr: "decode"},
		{name: "max length", in: cat("04", "00", "0000", "07", "10000000"), want: Header{Version: 4, Opcode: OpQuery, Length: MaxBodyLen}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, err := ParseHeader(tc.in)
			switch tc.wantErr {
			case "":
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if h != tc.want {
					t.Fatalf("got %+v, want %+v", h, tc.want)
				}
				mustEqualBytes(t, "AppendHeader", AppendHeader(nil, h), tc.in[:HeaderLen])
			case "version":
				var ve *UnsupportedVersionError
				if !errors.As(err, &ve) || ve.Version != tc.in[0] {
					t.Fatalf("want *UnsupportedVersionError carrying 0x%02x, got %v", tc.in[0], err)
				}
			case "decode":
				var de *DecodeError
				if !errors.As(err, &de) {
					t.Fatalf("want *DecodeError, got %v", err)
				}
			}
		})
	}
}

func TestHeaderHelpers(t *testing.T) {
	h := Header{Version: 0x85}
	if !h.IsResponse() || h.ProtoVersion() != 5 {
		t.Errorf("0x85: IsResponse=%v ProtoVersion=%d", h.IsResponse(), h.ProtoVersion())
	}
	h = Header{Version: 0x03}
	if h.IsResponse() || h.ProtoVersion() != 3 {
		t.Errorf("0x03: IsResponse=%v ProtoVersion=%d", h.IsResponse(), h.ProtoVersion())
	}
}

func TestOpcodeString(t *testing.T) {
	want := map[Opcode]string{
		OpError: "ERROR", OpStartup: "STARTUP", OpReady: "READY", OpAuthenticate: "AUTHENTICATE",
		OpOptions: "OPTIONS", OpSupported: "SUPPORTED", OpQuery: "QUERY", OpResult: "RESULT",
		OpPrepare: "PREPARE", OpExecute: "EXECUTE", OpRegister: "REGISTER", OpEvent: "EVENT",
		OpBatch: "BATCH", OpAuthChallenge: "AUTH_CHALLENGE", OpAuthResponse: "AUTH_RESPONSE",
		OpAuthSuccess: "AUTH_SUCCESS", Opcode(0x04): "Opcode(0x04)",
	}
	for op, s := range want {
		if op.String() != s {
			t.Errorf("%d: got %q, want %q", byte(op), op.String(), s)
		}
	}
}

func TestAppendFrame(t *testing.T) {
	buf := []byte("prefix")
	buf = AppendFrame(buf, 4, FlagTracing, 7, &Prepare{Statement: "SELECT"})
	want := cat(
		txt("prefix"),
		"04", "02", "0007", "09", "0000000a", // header: v4 request, tracing, stream 7, PREPARE, length 10
		"00000006", txt("SELECT"), // [long string]
	)
	mustEqualBytes(t, "frame", buf, want)
}

func TestAppendResponseFrame(t *testing.T) {
	env := Envelope{
		TracingID:     cat("000102030405060708090a0b0c0d0e0f"),
		Warnings:      []string{"w"},
		CustomPayload: map[string][]byte{"k": {0xAB}},
	}
	got := AppendResponseFrame(nil, 4, 3, env, &Void{})
	want := cat(
		"84", "0e", "0003", "08", "00000023", // v4 response; tracing|payload|warning; stream 3; RESULT; 16+5+10+4 = 35 bytes
		"000102030405060708090a0b0c0d0e0f", // tracing id [uuid]
		"0001", "0001", txt("w"),           // warnings [string list]
		"0001", "0001", txt("k"), "00000001", "ab", // custom payload [bytes map]
		"00000001", // RESULT kind Void
	)
	mustEqualBytes(t, "frame", got, want)

	h, err := ParseHeader(got)
	if err != nil {
		t.Fatal(err)
	}
	m, env2, err := DecodeResponse(h, got[HeaderLen:])
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(*Void); !ok {
		t.Fatalf("got %T, want *Void", m)
	}
	mustEqualBytes(t, "tracing id", env2.TracingID, env.TracingID)
	if len(env2.Warnings) != 1 || env2.Warnings[0] != "w" || string(env2.CustomPayload["k"]) != "\xab" {
		t.Fatalf("envelope %+v", env2)
	}
}
