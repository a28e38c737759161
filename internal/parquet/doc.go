// Package parquet is a minimal Parquet file reader and writer, the codec
// behind COPY's FORMAT = 'parquet'.
//
// It writes one DATA_PAGE (v1) or a few per column chunk, PLAIN values, RLE
// levels, SNAPPY or no compression, with the schema's logical types and
// their legacy converted types. It reads data pages v1 and v2; the PLAIN,
// PLAIN_DICTIONARY and RLE_DICTIONARY encodings (RLE too for booleans); and
// UNCOMPRESSED, SNAPPY and GZIP pages. Other codecs and encodings (ZSTD,
// BROTLI, LZ4, the DELTA_* encodings, ...) are reported as errors naming
// them.
//
// Files are read as untrusted input: every length is checked against the
// bytes that remain, nesting and sizes are bounded, and a malformed file
// is an error, never a panic.
//
// The format is described by apache/parquet-format (parquet.thrift and
// Encodings.md).
package parquet
