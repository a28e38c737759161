package stub

import (
	"crypto/md5"
	"fmt"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
	"github.com/gocqlsh/gocqlsh/driver/frame"
)

// Version is the one protocol version the stub speaks.
const Version byte = 4

// CQLVersion is the CQL_VERSION the stub reports, Cassandra 5.0's.
const CQLVersion = "3.4.7"

// ReleaseVersion is the release_version of the stub's system.local row:
// drivers pick their system-table queries by it (peers_v2 from 4.0 on).
const ReleaseVersion = "5.0.8"

// InsertCQL is the statement the PREPARED reply describes, the insert of
// every harness in bench/.
const InsertCQL = "INSERT INTO bench_ks.bench (key, col0, col1) VALUES (?, ?, ?)"

// PreparedID is the id of the one prepared statement; every PREPARE returns
// it.
var PreparedID = func() []byte {
	sum := md5.Sum([]byte("bench_ks" + InsertCQL))
	return sum[:]
}()

var textType = &cqltype.Type{Kind: cqltype.Varchar}

// canned holds the pre-encoded reply frames of the hot path, each with
// stream id 0; a connection copies one into its write buffer and patches
// bytes 2 and 3 with the request's stream id.
type canned struct {
	ready, supported, void, prepared []byte
}

func newCanned() *canned {
	enc := func(m frame.Response) []byte {
		return frame.AppendResponseFrame(nil, Version, 0, frame.Envelope{}, m)
	}
	return &canned{
		ready: enc(&frame.Ready{}),
		supported: enc(&frame.Supported{Options: map[string][]string{
			"CQL_VERSION":       {CQLVersion},
			"COMPRESSION":       {},
			"PROTOCOL_VERSIONS": {fmt.Sprintf("%d/v%d", Version, Version)},
		}}),
		void:     enc(&frame.Void{}),
		prepared: enc(preparedInsert()),
	}
}

// preparedInsert is the PREPARED result of InsertCQL as Cassandra 5.0
// encodes it: a global table spec for the three text markers, the partition
// key at marker 0, and empty result metadata.
func preparedInsert() *frame.Prepared {
	p := &frame.Prepared{
		ID:        PreparedID,
		Flags:     frame.FlagGlobalTablesSpec,
		PKIndices: []uint16{0},
		Result:    frame.Metadata{Flags: frame.FlagNoMetadata},
	}
	for _, name := range []string{"key", "col0", "col1"} {
		p.Params = append(p.Params, frame.ColumnSpec{Keyspace: "bench_ks", Table: "bench", Name: name, Type: textType})
	}
	return p
}

// errorFrame encodes an ERROR reply on stream (cold path).
func errorFrame(stream int16, code frame.ErrorCode, msg string) []byte {
	return frame.AppendResponseFrame(nil, Version, stream, frame.Envelope{}, &frame.Error{Code: code, Message: msg})
}

// unpreparedFrame is the reply to an EXECUTE of an id the stub never gave
// out, in Cassandra's words.
func unpreparedFrame(stream int16, id []byte) []byte {
	return frame.AppendResponseFrame(nil, Version, stream, frame.Envelope{}, &frame.Error{
		Code:         frame.CodeUnprepared,
		Message:      fmt.Sprintf("Prepared query with ID %x not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)", id),
		UnpreparedID: append([]byte(nil), id...),
	})
}
