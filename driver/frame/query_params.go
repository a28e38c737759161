package frame

// Query parameter flags (spec §4.1.4). v3 and v4 send them as one byte, v5
// as an [int]; keyspace and now-in-seconds exist only in v5.
const (
	qfValues            uint32 = 0x0001
	qfSkipMetadata      uint32 = 0x0002
	qfPageSize          uint32 = 0x0004
	qfPagingState       uint32 = 0x0008
	qfSerialConsistency uint32 = 0x0010
	qfDefaultTimestamp  uint32 = 0x0020
	qfNames             uint32 = 0x0040
	qfKeyspace          uint32 = 0x0080
	qfNowInSeconds      uint32 = 0x0100
)

// QueryParams are the <query_parameters> shared by QUERY and EXECUTE.
// Optional parameters are sent only when set: a zero PageSize,
// SerialConsistency (ANY is not a serial level) or NowInSeconds, a nil
// PagingState and an empty Keyspace mean "absent". Keyspace and NowInSeconds
// are dropped for protocol versions below 5.
type QueryParams struct {
	Consistency Consistency

	// Values are the encoded bound values; a nil entry is null.
	Values [][]byte
	// Unset, when non-nil, marks Values[i] as "not set" (v4+) where
	// Unset[i] is true.
	Unset []bool
	// Names, when non-empty, gives a name per value (same length as Values)
	// for named bind markers.
	Names []string

	SkipMetadata bool
	PageSize     int32
	PagingState  []byte

	SerialConsistency Consistency

	DefaultTimestamp    int64 // microseconds since the epoch
	HasDefaultTimestamp bool

	Keyspace     string // v5
	NowInSeconds int32  // v5
}

func (p *QueryParams) isUnset(i int) bool { return i < len(p.Unset) && p.Unset[i] }

func (p *QueryParams) flags(version byte) uint32 {
	var f uint32
	if len(p.Values) > 0 {
		f |= qfValues
		if len(p.Names) > 0 {
			f |= qfNames
		}
	}
	if p.SkipMetadata {
		f |= qfSkipMetadata
	}
	if p.PageSize != 0 {
		f |= qfPageSize
	}
	if p.PagingState != nil {
		f |= qfPagingState
	}
	if p.SerialConsistency != 0 {
		f |= qfSerialConsistency
	}
	if p.HasDefaultTimestamp {
		f |= qfDefaultTimestamp
	}
	if version >= 5 {
		if p.Keyspace != "" {
			f |= qfKeyspace
		}
		if p.NowInSeconds != 0 {
			f |= qfNowInSeconds
		}
	}
	return f
}

func appendFlags(dst []byte, f uint32, version byte) []byte {
	if version >= 5 {
		return appendInt(dst, int32(f))
	}
	return append(dst, byte(f))
}

func (r *reader) flags(version byte) uint32 {
	if version >= 5 {
		return uint32(r.int_())
	}
	return uint32(r.byte_())
}

// appendTo writes the parameters for version.
func (p *QueryParams) appendTo(dst []byte, version byte) []byte {
	f := p.flags(version)
	dst = appendConsistency(dst, p.Consistency)
	dst = appendFlags(dst, f, version)
	if f&qfValues != 0 {
		n := min(len(p.Values), maxShortLen)
		dst = appendShort(dst, uint16(n))
		for i, v := range p.Values[:n] {
			if f&qfNames != 0 {
				name := ""
				if i < len(p.Names) {
					name = p.Names[i]
				}
				dst = appendString(dst, name)
			}
			dst = appendValue(dst, v, p.isUnset(i))
		}
	}
	if f&qfPageSize != 0 {
		dst = appendInt(dst, p.PageSize)
	}
	if f&qfPagingState != 0 {
		dst = appendBytes(dst, p.PagingState)
	}
	if f&qfSerialConsistency != 0 {
		dst = appendConsistency(dst, p.SerialConsistency)
	}
	if f&qfDefaultTimestamp != 0 {
		dst = appendLong(dst, p.DefaultTimestamp)
	}
	if f&qfKeyspace != 0 {
		dst = appendString(dst, p.Keyspace)
	}
	if f&qfNowInSeconds != 0 {
		dst = appendInt(dst, p.NowInSeconds)
	}
	return dst
}

// readValues reads a [short] count of [value]s, each preceded by a [string]
// name when named; it backs QUERY, EXECUTE and BATCH decoding.
func (r *reader) readValues(named bool) (values [][]byte, unset []bool, names []string) {
	minSize := 4
	if named {
		minSize = 6
	}
	n := r.count(minSize, "values")
	if n == 0 || r.err != nil {
		return nil, nil, nil
	}
	values = make([][]byte, n)
	if named {
		names = make([]string, n)
	}
	for i := range values {
		if named {
			names[i] = r.string_()
		}
		v, u := r.value()
		values[i] = v
		if u {
			if unset == nil {
				unset = make([]bool, n)
			}
			unset[i] = true
		}
	}
	return values, unset, names
}

// readQueryParams decodes <query_parameters> for version.
func (r *reader) readQueryParams(version byte) QueryParams {
	var p QueryParams
	p.Consistency = r.consistency()
	f := r.flags(version)
	if f&qfValues != 0 {
		p.Values, p.Unset, p.Names = r.readValues(f&qfNames != 0)
	}
	p.SkipMetadata = f&qfSkipMetadata != 0
	if f&qfPageSize != 0 {
		p.PageSize = r.int_()
	}
	if f&qfPagingState != 0 {
		p.PagingState = r.bytes()
	}
	if f&qfSerialConsistency != 0 {
		p.SerialConsistency = r.consistency()
	}
	if f&qfDefaultTimestamp != 0 {
		p.DefaultTimestamp = r.long()
		p.HasDefaultTimestamp = true
	}
	if version >= 5 {
		if f&qfKeyspace != 0 {
			p.Keyspace = r.string_()
		}
		if f&qfNowInSeconds != 0 {
			p.NowInSeconds = r.int_()
		}
	}
	return p
}
