package frame

import (
	"encoding/binary"
	"maps"
	"math/bits"
	"net/netip"
	"slices"
)

// maxShortLen is the largest length a [short]-prefixed value can carry.
const maxShortLen = 0xFFFF

// Encoding of the spec's notations (§3). Values too long for their length
// prefix are truncated to the prefix's limit, since an append-style encoder
// has no error to return; no real name or option comes near it.

func appendShort(dst []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(dst, v) }

func appendInt(dst []byte, v int32) []byte { return binary.BigEndian.AppendUint32(dst, uint32(v)) }

func appendLong(dst []byte, v int64) []byte { return binary.BigEndian.AppendUint64(dst, uint64(v)) }

func appendString(dst []byte, s string) []byte {
	if len(s) > maxShortLen {
		s = s[:maxShortLen]
	}
	dst = appendShort(dst, uint16(len(s)))
	return append(dst, s...)
}

func appendLongString(dst []byte, s string) []byte {
	dst = appendInt(dst, int32(len(s)))
	return append(dst, s...)
}

// appendUUID writes id as a 16-byte [uuid], zero-padding or cutting an id of
// the wrong size.
func appendUUID(dst []byte, id []byte) []byte {
	var u [16]byte
	copy(u[:], id)
	return append(dst, u[:]...)
}

func appendStringList(dst []byte, l []string) []byte {
	n := min(len(l), maxShortLen)
	dst = appendShort(dst, uint16(n))
	for _, s := range l[:n] {
		dst = appendString(dst, s)
	}
	return dst
}

// appendBytes writes a [bytes]: nil is null (-1), anything else its length
// and content.
func appendBytes(dst []byte, b []byte) []byte {
	if b == nil {
		return appendInt(dst, -1)
	}
	dst = appendInt(dst, int32(len(b)))
	return append(dst, b...)
}

// appendValue writes a [value]: like [bytes] with -2 for "not set" (v4+).
func appendValue(dst []byte, b []byte, unset bool) []byte {
	if unset {
		return appendInt(dst, -2)
	}
	return appendBytes(dst, b)
}

func appendShortBytes(dst []byte, b []byte) []byte {
	if len(b) > maxShortLen {
		b = b[:maxShortLen]
	}
	dst = appendShort(dst, uint16(len(b)))
	return append(dst, b...)
}

// appendInetAddr writes an [inetaddr]; an invalid address is written as
// 0.0.0.0.
func appendInetAddr(dst []byte, a netip.Addr) []byte {
	switch {
	case a.Is4():
		b := a.As4()
		return append(append(dst, 4), b[:]...)
	case a.Is6():
		b := a.As16()
		return append(append(dst, 16), b[:]...)
	}
	return append(dst, 4, 0, 0, 0, 0)
}

func appendInet(dst []byte, ap netip.AddrPort) []byte {
	dst = appendInetAddr(dst, ap.Addr())
	return appendInt(dst, int32(ap.Port()))
}

func appendConsistency(dst []byte, c Consistency) []byte { return appendShort(dst, uint16(c)) }

// appendStringMap writes a [string map].
func appendStringMap(dst []byte, m map[string]string) []byte {
	return appendSortedMap(dst, m, appendString)
}

// appendStringMultimap writes a [string multimap].
func appendStringMultimap(dst []byte, m map[string][]string) []byte {
	return appendSortedMap(dst, m, appendStringList)
}

// appendBytesMap writes a [bytes map].
func appendBytesMap(dst []byte, m map[string][]byte) []byte {
	return appendSortedMap(dst, m, appendBytes)
}

// appendSortedMap writes the protocol's map shape, a [short] count then each
// [string] key and its value as appendValue writes it, with keys in sorted
// order so the encoding is deterministic. Keys past the [short] range are
// dropped.
func appendSortedMap[V any](dst []byte, m map[string]V, appendValue func([]byte, V) []byte) []byte {
	keys := slices.Sorted(maps.Keys(m))
	keys = keys[:min(len(keys), maxShortLen)]
	dst = appendShort(dst, uint16(len(keys)))
	for _, k := range keys {
		dst = appendString(dst, k)
		dst = appendValue(dst, m[k])
	}
	return dst
}

// appendUvint writes a v5 [unsigned vint]: the count of extra bytes is the
// number of leading one bits of the first byte, then the value big-endian.
func appendUvint(dst []byte, v uint64) []byte {
	n := (bits.Len64(v) + 6) / 7 // total bytes if each carries 7 value bits
	if n == 0 {
		n = 1
	}
	if n > 8 {
		dst = append(dst, 0xFF)
		return binary.BigEndian.AppendUint64(dst, v)
	}
	var buf [8]byte
	binary.BigEndian.PutUint64(buf[:], v)
	out := buf[8-n:]
	out[0] |= ^byte(0xFF >> (n - 1))
	return append(dst, out...)
}

// appendVint writes a v5 [vint]: zig-zag encoded, then as [unsigned vint].
func appendVint(dst []byte, v int64) []byte {
	return appendUvint(dst, uint64(v>>63)^uint64(v<<1))
}

// reader decodes the spec's notations from a body. The first failure is
// sticky: later reads return zero values and err keeps the first cause, so a
// decoder may read a whole message and check err once.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = errorf(format, args...)
	}
	r.b = nil
}

// take returns the next n bytes without copying, capacity-capped so that an
// append by the caller cannot overwrite the rest of the body.
func (r *reader) take(n int, what string) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.fail("%s: need %d bytes, have %d", what, n, len(r.b))
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) byte_() byte {
	b := r.take(1, "[byte]")
	if b == nil {
		return 0
	}
	return b[0]
}

func (r *reader) short() uint16 {
	b := r.take(2, "[short]")
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint16(b)
}

func (r *reader) int_() int32 {
	b := r.take(4, "[int]")
	if b == nil {
		return 0
	}
	return int32(binary.BigEndian.Uint32(b))
}

func (r *reader) long() int64 {
	b := r.take(8, "[long]")
	if b == nil {
		return 0
	}
	return int64(binary.BigEndian.Uint64(b))
}

func (r *reader) string_() string {
	return string(r.take(int(r.short()), "[string]"))
}

func (r *reader) longString() string {
	n := r.int_()
	if n < 0 {
		r.fail("[long string]: negative length %d", n)
		return ""
	}
	return string(r.take(int(n), "[long string]"))
}

func (r *reader) uuid() []byte { return r.take(16, "[uuid]") }

// count reads a [short] element count and checks that n elements of at least
// minSize bytes each can fit in what remains.
func (r *reader) count(minSize int, what string) int {
	n := int(r.short())
	if r.err == nil && n*minSize > len(r.b) {
		r.fail("%s: %d elements cannot fit in %d bytes", what, n, len(r.b))
		return 0
	}
	return n
}

func (r *reader) stringList() []string {
	n := r.count(2, "[string list]")
	if n == 0 {
		return nil
	}
	l := make([]string, n)
	for i := range l {
		l[i] = r.string_()
	}
	return l
}

// nonNil turns a successful zero-length read into an empty, non-nil slice.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// bytes reads a [bytes]: nil for null (negative length), non-nil otherwise.
func (r *reader) bytes() []byte {
	n := r.int_()
	if r.err != nil || n < 0 {
		return nil
	}
	b := r.take(int(n), "[bytes]")
	if r.err != nil {
		return nil
	}
	return nonNil(b)
}

// value reads a [value]: -1 is null, -2 is "not set", below -2 is invalid.
func (r *reader) value() (b []byte, unset bool) {
	n := r.int_()
	switch {
	case r.err != nil || n == -1:
		return nil, false
	case n == -2:
		return nil, true
	case n < -2:
		r.fail("[value]: invalid length %d", n)
		return nil, false
	}
	b = r.take(int(n), "[value]")
	if r.err != nil {
		return nil, false
	}
	return nonNil(b), false
}

func (r *reader) shortBytes() []byte {
	n := int(r.short())
	b := r.take(n, "[short bytes]")
	if r.err != nil {
		return nil
	}
	return nonNil(b)
}

func (r *reader) inetAddr() netip.Addr {
	n := int(r.byte_())
	if r.err != nil {
		return netip.Addr{}
	}
	if n != 4 && n != 16 {
		r.fail("[inetaddr]: address size %d is neither 4 nor 16", n)
		return netip.Addr{}
	}
	b := r.take(n, "[inetaddr]")
	if r.err != nil {
		return netip.Addr{}
	}
	if n == 4 {
		return netip.AddrFrom4([4]byte(b))
	}
	return netip.AddrFrom16([16]byte(b))
}

func (r *reader) inet() netip.AddrPort {
	a := r.inetAddr()
	port := r.int_()
	if r.err == nil && (port < 0 || port > 0xFFFF) {
		r.fail("[inet]: port %d out of range", port)
	}
	return netip.AddrPortFrom(a, uint16(port))
}

func (r *reader) consistency() Consistency { return Consistency(r.short()) }

func (r *reader) stringMap() map[string]string {
	return readMap(r, 4, "[string map]", (*reader).string_)
}

func (r *reader) stringMultimap() map[string][]string {
	return readMap(r, 4, "[string multimap]", (*reader).stringList)
}

func (r *reader) bytesMap() map[string][]byte {
	return readMap(r, 6, "[bytes map]", (*reader).bytes)
}

// readMap reads the protocol's map shape, a [short] count then each [string]
// key and its value as readValue reads it. minEntry, the fewest bytes an
// entry can take, bounds the count by what remains before allocating.
func readMap[V any](r *reader, minEntry int, what string, readValue func(*reader) V) map[string]V {
	n := r.count(minEntry, what)
	m := make(map[string]V, n)
	for range n {
		k := r.string_()
		m[k] = readValue(r)
	}
	return m
}

// uvint reads a v5 [unsigned vint].
func (r *reader) uvint() uint64 {
	first := r.byte_()
	if r.err != nil {
		return 0
	}
	extra := bits.LeadingZeros8(^first)
	if extra == 8 {
		b := r.take(8, "[unsigned vint]")
		if b == nil {
			return 0
		}
		return binary.BigEndian.Uint64(b)
	}
	v := uint64(first & (0x7F >> extra))
	for _, c := range r.take(extra, "[unsigned vint]") {
		v = v<<8 | uint64(c)
	}
	if r.err != nil {
		return 0
	}
	return v
}

// vint reads a v5 [vint].
func (r *reader) vint() int64 {
	u := r.uvint()
	return int64(u>>1) ^ -int64(u&1)
}
