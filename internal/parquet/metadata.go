package parquet

import (
	"fmt"
	"strings"
)

// Type is a Parquet physical type.
type Type int32

// The physical types.
const (
	Boolean           Type = 0
	Int32             Type = 1
	Int64             Type = 2
	Int96             Type = 3
	Float             Type = 4
	Double            Type = 5
	ByteArray         Type = 6
	FixedLenByteArray Type = 7
)

func (t Type) String() string {
	switch t {
	case Boolean:
		return "BOOLEAN"
	case Int32:
		return "INT32"
	case Int64:
		return "INT64"
	case Int96:
		return "INT96"
	case Float:
		return "FLOAT"
	case Double:
		return "DOUBLE"
	case ByteArray:
		return "BYTE_ARRAY"
	case FixedLenByteArray:
		return "FIXED_LEN_BYTE_ARRAY"
	}
	return fmt.Sprintf("type(%d)", int32(t))
}

// Encodings (Encoding in parquet.thrift).
const (
	encPlain          = 0
	encPlainDict      = 2
	encRLE            = 3
	encBitPacked      = 4
	encRLEDict        = 8
	encDeltaBinary    = 5
	encDeltaLength    = 6
	encDeltaByteArray = 7
	encByteStream     = 9
)

// encodingName names an encoding for an error.
func encodingName(e int32) string {
	switch e {
	case encPlain:
		return "PLAIN"
	case encPlainDict:
		return "PLAIN_DICTIONARY"
	case encRLE:
		return "RLE"
	case encBitPacked:
		return "BIT_PACKED"
	case encDeltaBinary:
		return "DELTA_BINARY_PACKED"
	case encDeltaLength:
		return "DELTA_LENGTH_BYTE_ARRAY"
	case encDeltaByteArray:
		return "DELTA_BYTE_ARRAY"
	case encRLEDict:
		return "RLE_DICTIONARY"
	case encByteStream:
		return "BYTE_STREAM_SPLIT"
	}
	return fmt.Sprintf("encoding %d", e)
}

// Compression codecs (CompressionCodec in parquet.thrift).
const (
	codecNone   = 0
	codecSnappy = 1
	codecGzip   = 2
)

// codecName names a codec for an error.
func codecName(c int32) string {
	if names := strings.Fields("UNCOMPRESSED SNAPPY GZIP LZO BROTLI LZ4 ZSTD LZ4_RAW"); c >= 0 && int(c) < len(names) {
		return names[c]
	}
	return fmt.Sprintf("codec %d", c)
}

// Page types.
const (
	pageData       = 0
	pageDictionary = 2
	pageDataV2     = 3
)

// Repetitions (FieldRepetitionType).
const (
	repRequired = 0
	repOptional = 1
	repRepeated = 2
)

// Converted types written for old readers (ConvertedType).
const (
	ctUTF8            = 0
	ctMap             = 1
	ctList            = 3
	ctDate            = 6
	ctTimestampMillis = 9
	ctTimestampMicros = 10
	ctInt8            = 15
	ctInt16           = 16
	ctInt32           = 17
	ctInt64           = 18
)

// fileMetaData is the footer.
type fileMetaData struct {
	Version   int32
	Schema    []schemaElement
	NumRows   int64
	RowGroups []rowGroup
	CreatedBy string
}

// schemaElement is one node of the flattened schema; -1 marks an absent
// optional field.
type schemaElement struct {
	Type        int32
	TypeLength  int32
	Repetition  int32
	Name        string
	NumChildren int32
	Converted   int32
	Scale       int32
	Precision   int32
	Logical     *LogicalType
}

type rowGroup struct {
	Columns       []columnChunk
	TotalByteSize int64
	NumRows       int64
}

type columnChunk struct {
	FileOffset int64
	Meta       *columnMetaData
}

type columnMetaData struct {
	Type             int32
	Encodings        []int32
	Path             []string
	Codec            int32
	NumValues        int64
	UncompressedSize int64
	CompressedSize   int64
	DataPageOffset   int64
	DictPageOffset   int64 // -1 when absent
}

type pageHeader struct {
	Type         int32
	Uncompressed int32
	Compressed   int32
	Data         *dataPageHeader
	Dict         *dictPageHeader
	DataV2       *dataPageHeaderV2
}

type dataPageHeader struct {
	NumValues   int32
	Encoding    int32
	DefEncoding int32
	RepEncoding int32
}

type dictPageHeader struct {
	NumValues int32
	Encoding  int32
}

type dataPageHeaderV2 struct {
	NumValues    int32
	NumNulls     int32
	NumRows      int32
	Encoding     int32
	DefLen       int32
	RepLen       int32
	IsCompressed bool
}

// Time units of TIME and TIMESTAMP (the TimeUnit union's field ids).
const (
	Millis = 1
	Micros = 2
	Nanos  = 3
)

// Logical type kinds (the LogicalType union's field ids).
const (
	LogicalString    = 1
	LogicalMap       = 2
	LogicalList      = 3
	LogicalEnum      = 4
	LogicalDecimal   = 5
	LogicalDate      = 6
	LogicalTime      = 7
	LogicalTimestamp = 8
	LogicalInt       = 10
	LogicalJSON      = 12
	LogicalUUID      = 14
)

// LogicalType is a node's logical type: Kind is one of the Logical
// constants, with the parameters its kind has.
type LogicalType struct {
	Kind      int16
	BitWidth  int8  // INTEGER
	Signed    bool  // INTEGER
	UTC       bool  // TIME, TIMESTAMP: isAdjustedToUTC
	Unit      int16 // TIME, TIMESTAMP: Millis, Micros or Nanos
	Scale     int32 // DECIMAL
	Precision int32 // DECIMAL
}
