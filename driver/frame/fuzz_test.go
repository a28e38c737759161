package frame

import (
	"bytes"
	"testing"
)

var (
	responseOps = [8]Opcode{OpError, OpReady, OpAuthenticate, OpSupported, OpResult, OpEvent, OpAuthChallenge, OpAuthSuccess}
	requestOps  = [8]Opcode{OpStartup, OpOptions, OpQuery, OpPrepare, OpExecute, OpRegister, OpBatch, OpAuthResponse}
)

// selector maps a fuzz input's leading byte to an opcode, a protocol version
// and envelope flags: bits 0-2 pick the opcode, bits 3-4 the version (3, 4,
// 5, 5), bits 5-7 the tracing, warning and custom payload flags.
func selector(b byte, ops *[8]Opcode) (Opcode, byte, byte) {
	op := ops[b&7]
	v := min(3+(b>>3)&3, 5)
	var flags byte
	if b&0x20 != 0 {
		flags |= FlagTracing
	}
	if b&0x40 != 0 {
		flags |= FlagWarning
	}
	if b&0x80 != 0 {
		flags |= FlagCustomPayload
	}
	return op, v, flags
}

func selectorByte(op Opcode, ops *[8]Opcode, version, flags byte) byte {
	var b byte
	for i, o := range ops {
		if o == op {
			b = byte(i)
		}
	}
	b |= (version - 3) << 3
	if flags&FlagTracing != 0 {
		b |= 0x20
	}
	if flags&FlagWarning != 0 {
		b |= 0x40
	}
	if flags&FlagCustomPayload != 0 {
		b |= 0x80
	}
	return b
}

func FuzzParseHeader(f *testing.F) {
	f.Add(cat("84", "00", "0001", "08", "00000004"))
	f.Add(cat("05", "10", "7fff", "07", "10000000"))
	f.Add(cat("02", "00", "0000", "00", "00000000"))
	f.Add(cat("84", "00", "0000", "08", "ffffffff"))
	f.Add([]byte{0x84})
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseHeader(b)
		if err != nil {
			return
		}
		if v := h.ProtoVersion(); v < MinVersion || v > MaxVersion || h.Length < 0 || h.Length > MaxBodyLen {
			t.Fatalf("accepted %+v", h)
		}
		if got := AppendHeader(nil, h); !bytes.Equal(got, b[:HeaderLen]) {
			t.Fatalf("re-encoded %x, input %x", got, b[:HeaderLen])
		}
	})
}

// decodeFuzzResponse decodes a fuzz input as a response frame body.
func decodeFuzzResponse(data []byte) (Header, Response, Envelope, error) {
	op, v, flags := selector(data[0], &responseOps)
	h := Header{Version: v | ResponseBit, Flags: flags, Opcode: op, Length: int32(len(data) - 1)}
	m, env, err := DecodeResponse(h, data[1:])
	return h, m, env, err
}

func FuzzDecodeResponse(f *testing.F) {
	for _, tc := range responseVectors() {
		f.Add(append([]byte{selectorByte(tc.op, &responseOps, tc.version, 0)}, tc.body...))
	}
	f.Add(append([]byte{selectorByte(OpResult, &responseOps, 5, FlagTracing|FlagWarning|FlagCustomPayload)},
		cat("0102030405060708090a0b0c0d0e0f10", "0001", str("w"), "0001", str("k"), "ffffffff", "00000001")...))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		h, m, env, err := decodeFuzzResponse(data)
		// PeekErrorCode must never panic, and must agree with the full
		// decoder on every well-formed ERROR.
		code, isErr := PeekErrorCode(h, data[1:])
		if isErr != (h.Opcode == OpError) {
			t.Fatalf("PeekErrorCode says error=%v for opcode %v", isErr, h.Opcode)
		}
		if err != nil {
			return
		}
		if e, ok := m.(*Error); ok && e.Code != code {
			t.Fatalf("PeekErrorCode gives %v, the decoder %v", code, e.Code)
		}
		// What the encoder writes from a decoded message must decode, and a
		// second encode/decode pass must be stable.
		v := h.ProtoVersion()
		enc1 := AppendResponseFrame(nil, v, 0, env, m)
		h1, err := ParseHeader(enc1)
		if err != nil {
			t.Fatalf("re-encoded header: %v", err)
		}
		m1, env1, err := DecodeResponse(h1, enc1[HeaderLen:])
		if err != nil {
			t.Fatalf("re-encoded %v does not decode: %v\n%x", m.Opcode(), err, enc1)
		}
		enc2 := AppendResponseFrame(nil, v, 0, env1, m1)
		if !bytes.Equal(enc1, enc2) {
			t.Fatalf("encoding not stable:\n%x\n%x", enc1, enc2)
		}
	})
}

func FuzzDecodeRows(f *testing.F) {
	for _, tc := range responseVectors() {
		if _, ok := tc.want.(*Rows); ok {
			f.Add(tc.version, tc.body)
		}
	}
	f.Add(byte(4), rowsPage(3, 2))
	f.Fuzz(func(t *testing.T, version byte, body []byte) {
		version = 3 + version%3
		var rows Rows
		if err := DecodeRows(body, version, &rows, nil); err != nil {
			return
		}
		n := rows.NumColumns()
		if len(rows.Cells) != rows.RowCount*n {
			t.Fatalf("%d cells for %d rows of %d columns", len(rows.Cells), rows.RowCount, n)
		}
		if rows.RowCount > 0 && n > 0 && len(rows.Row(rows.RowCount-1)) != n {
			t.Fatal("last row has the wrong width")
		}
		// Decoding again into the same value gives the same result.
		first := rows.Metadata
		firstCells := append([][]byte(nil), rows.Cells...)
		if err := DecodeRows(body, version, &rows, nil); err != nil {
			t.Fatalf("second decode: %v", err)
		}
		if !sameResponse(&rows, &Rows{Metadata: first, RowCount: rows.RowCount, Cells: firstCells}) {
			t.Fatal("second decode differs")
		}
		// The same cells decode with the columns supplied as a fallback.
		enc := rows.AppendBody(nil, version)
		var again Rows
		if err := DecodeRows(enc, version, &again, nil); err != nil {
			t.Fatalf("re-encoded rows do not decode: %v", err)
		}
		if len(again.Cells) != len(rows.Cells) {
			t.Fatal("re-encoded rows lost cells")
		}
		for i := range again.Cells {
			if !bytes.Equal(again.Cells[i], rows.Cells[i]) || (again.Cells[i] == nil) != (rows.Cells[i] == nil) {
				t.Fatalf("cell %d: %x vs %x", i, again.Cells[i], rows.Cells[i])
			}
		}
	})
}

func FuzzDecodeRequest(f *testing.F) {
	for _, tc := range requestVectors() {
		f.Add(append([]byte{selectorByte(tc.msg.Opcode(), &requestOps, tc.version, 0)}, tc.body...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		op, v, flags := selector(data[0], &requestOps)
		flags &= FlagCustomPayload
		h := Header{Version: v, Flags: flags, Opcode: op, Length: int32(len(data) - 1)}
		m, env, err := DecodeRequest(h, data[1:])
		if err != nil {
			return
		}
		enc1 := env.appendTo(nil, flags)
		enc1 = m.AppendBody(enc1, v)
		m1, env1, err := DecodeRequest(h, enc1)
		if err != nil {
			t.Fatalf("re-encoded %v does not decode: %v\n%x", op, err, enc1)
		}
		enc2 := m1.AppendBody(env1.appendTo(nil, flags), v)
		if !bytes.Equal(enc1, enc2) {
			t.Fatalf("encoding not stable:\n%x\n%x", enc1, enc2)
		}
	})
}

func FuzzParseOption(f *testing.F) {
	f.Add(cat("0009"))
	f.Add(cat("0021", "000d", "0020", "0031", "0002", "0009", "0003"))
	f.Add(cat("0030", str("ks"), str("u"), "0001", str("a"), "0009"))
	f.Add(cat("0000", str(m+"VectorType("+m+"FloatType,3)")))
	f.Add(cat("0000", str(m+"UserType(ks,61,62:"+m+"FrozenType("+m+"ListType("+m+"Int32Type)))")))
	f.Add(cat("0000", str(m+"MapType("+m+"UTF8Type,"+m+"TupleType("+m+"LongType,"+m+"ReversedType("+m+"DateType)))")))
	f.Fuzz(func(t *testing.T, b []byte) {
		// Every string is a possible class name.
		if typ := parseCustomClass(string(b)); typ == nil {
			t.Fatal("nil type from a class name")
		}
		typ, n, err := ParseOption(b)
		if err != nil {
			return
		}
		if n < 2 || n > len(b) {
			t.Fatalf("consumed %d of %d", n, len(b))
		}
		enc1 := AppendOption(nil, typ)
		typ1, n1, err := ParseOption(enc1)
		if err != nil || n1 != len(enc1) {
			t.Fatalf("re-encoded option does not decode: %v (%d of %d)\n%x", err, n1, len(enc1), enc1)
		}
		if enc2 := AppendOption(nil, typ1); !bytes.Equal(enc1, enc2) {
			t.Fatalf("encoding not stable:\n%x\n%x", enc1, enc2)
		}
	})
}
