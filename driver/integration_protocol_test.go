package driver

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"strings"
	"testing"
)

// TestIntegrationProtocols runs a write, a read and results far larger than
// a v5 segment (128 KiB) on every protocol version and compression the node
// offers.
func TestIntegrationProtocols(t *testing.T) {
	admin := connectPlain(t, nil)
	ks := newKeyspace(t, admin)
	mustExec(t, admin, "CREATE TABLE "+ks+".blobs (pk int, ck int, b blob, PRIMARY KEY (pk, ck))")

	random := make([]byte, 300<<10)
	_, _ = rand.Read(random)
	compressible := bytes.Repeat([]byte("gocqlsh-segment-"), (300<<10)/16)

	for i, tc := range []struct {
		version         byte
		compression     string
		wantVersion     byte
		wantCompression string
	}{
		{version: 4, wantVersion: 4},
		{version: 4, compression: "lz4", wantVersion: 4, wantCompression: "lz4"},
		{version: 4, compression: "snappy", wantVersion: 4, wantCompression: "snappy"},
		{version: 5, wantVersion: 5},
		{version: 5, compression: "lz4", wantVersion: 5, wantCompression: "lz4"},
		// snappy does not exist in v5: the connection runs uncompressed.
		{version: 5, compression: "snappy", wantVersion: 5, wantCompression: ""},
		{version: 0, wantVersion: 5},
	} {
		name := fmt.Sprintf("v%d-%s", tc.version, tc.compression)
		t.Run(name, func(t *testing.T) {
			s := connectPlain(t, func(c *Config) { c.ProtoVersion, c.Compression = tc.version, tc.compression })
			if v := s.ProtocolVersion(); v != tc.wantVersion {
				t.Errorf("protocol version %d, want %d", v, tc.wantVersion)
			}
			if c := s.Compression(); c != tc.wantCompression {
				t.Errorf("compression %q, want %q", c, tc.wantCompression)
			}
			pk := int32(i)
			insert := "INSERT INTO " + ks + ".blobs (pk, ck, b) VALUES (?, ?, ?)"
			mustExec(t, s, insert, pk, int32(0), random)
			mustExec(t, s, insert, pk, int32(1), compressible)
			mustExec(t, s, fmt.Sprintf("INSERT INTO %s.blobs (pk, ck, b) VALUES (%d, 2, 0x%s)", ks, pk, strings.Repeat("ab", 1000)))

			// One large cell per row, prepared and literal.
			for ck, want := range [][]byte{random, compressible, bytes.Repeat([]byte{0xab}, 1000)} {
				res := mustExec(t, s, "SELECT b FROM "+ks+".blobs WHERE pk = ? AND ck = ?", pk, int32(ck))
				got, err := res.Value(0, 0)
				if err != nil {
					t.Fatal(err)
				}
				if b, _ := got.([]byte); !bytes.Equal(b, want) {
					t.Errorf("ck %d: blob of %d bytes came back different (%d bytes)", ck, len(want), len(b))
				}
			}
			// The whole partition in one unpaged reply of ~601 KiB, by QUERY.
			res := mustQuery(t, s, &Query{Statement: fmt.Sprintf("SELECT ck, b FROM %s.blobs WHERE pk = %d", ks, pk), PageSize: -1})
			if res.NumRows() != 3 {
				t.Fatalf("%d rows", res.NumRows())
			}
			total := 0
			for i := range res.NumRows() {
				total += len(res.Row(i)[1])
			}
			if total != len(random)+len(compressible)+1000 {
				t.Errorf("rows carry %d blob bytes", total)
			}
			if got, _ := res.Value(0, 1); !bytes.Equal(asBytes(got), random) {
				t.Error("random blob differs in the multi-row reply")
			}
			// A large request and reply made of many small rows.
			rows := mustQuery(t, s, &Query{Statement: "SELECT * FROM system_schema.columns", PageSize: -1})
			if rows.NumRows() < 100 {
				t.Errorf("system_schema.columns has %d rows", rows.NumRows())
			}
			long := "SELECT pk FROM " + ks + ".blobs WHERE pk = ? AND ck IN (" + strings.Repeat("0, ", 20000) + "1)"
			if res := mustExec(t, s, long, pk); res.NumRows() != 2 {
				t.Errorf("statement of %d bytes selected %d rows", len(long), res.NumRows())
			}
		})
	}
}

// asBytes returns v as a blob, or nil when it is not one.
func asBytes(v any) []byte {
	b, _ := v.([]byte)
	return b
}
