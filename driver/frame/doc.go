// Package frame encodes and decodes CQL native protocol frames for protocol
// versions 3, 4 and 5: the 9-byte header and the body of every request and
// response message.
//
// The package does no I/O and no compression: the connection layer reads a
// header with ParseHeader, reads (and if needed decompresses) the body, then
// calls DecodeResponse. In protocol v5 the frames travel inside segments; the
// frame layout itself is unchanged.
//
// Encoding is append-style (AppendFrame, AppendBody) so callers can reuse one
// buffer per connection. Decoding does not copy byte values: []byte fields of
// decoded messages, including every cell of a Rows result, reference the body
// passed in, so the body must stay untouched while they are in use. Strings are
// copied.
//
// [bytes] values keep null, empty and zero distinct: a null value decodes to a
// nil slice and an empty value to a non-nil slice of length zero.
package frame
