package driver

import (
	"fmt"
	"math/big"
	"net"
	"time"

	"github.com/gocqlsh/gocqlsh/driver/cqltype"
)

// InferType picks the CQL type a Go value is sent as when a statement is not
// prepared (Query.NoPrepare): int64 and int as bigint, int32 as int, int16
// smallint, int8 tinyint, float64 double, float32 float, string text, bool
// boolean, []byte blob, time.Time timestamp, UUIDs uuid, net.IP inet,
// *big.Int varint, decimals decimal, durations duration.
func InferType(v any) (*cqltype.Type, error) {
	k := cqltype.Kind(0)
	switch v.(type) {
	case int64, int, uint32:
		k = cqltype.Bigint
	case int32, uint16:
		k = cqltype.Int
	case int16, uint8:
		k = cqltype.Smallint
	case int8:
		k = cqltype.Tinyint
	case float64:
		k = cqltype.Double
	case float32:
		k = cqltype.Float
	case string:
		k = cqltype.Varchar
	case bool:
		k = cqltype.Boolean
	case []byte:
		k = cqltype.Blob
	case time.Time, cqltype.TimestampValue:
		k = cqltype.Timestamp
	case cqltype.UUIDValue:
		k = cqltype.UUID
	case net.IP:
		k = cqltype.Inet
	case *big.Int:
		k = cqltype.Varint
	case cqltype.DecimalValue:
		k = cqltype.Decimal
	case cqltype.DurationValue:
		k = cqltype.Duration
	case cqltype.DateValue:
		k = cqltype.Date
	case cqltype.TimeValue:
		k = cqltype.Time
	default:
		return nil, fmt.Errorf("cannot infer a CQL type for %T; prepare the statement instead", v)
	}
	return &cqltype.Type{Kind: k}, nil
}

// encodeInferred encodes arguments by their inferred types (nil is null).
func encodeInferred(args []any) ([][]byte, []bool, error) {
	types := make([]*cqltype.Type, len(args))
	for i, a := range args {
		if a == nil {
			types[i] = &cqltype.Type{Kind: cqltype.Blob}
			continue
		}
		if _, ok := a.(unsetValue); ok {
			continue
		}
		t, err := InferType(a)
		if err != nil {
			return nil, nil, &ArgumentError{Index: i, Err: err}
		}
		types[i] = t
	}
	var v values
	err := v.encode(args, func(i int) *cqltype.Type { return types[i] }, func(int) string { return "?" })
	return v.vals, v.unset, err
}
