package frame

// BatchType selects logged, unlogged or counter batches.
type BatchType byte

// Batch types (spec §4.1.7).
const (
	BatchLogged   BatchType = 0
	BatchUnlogged BatchType = 1
	BatchCounter  BatchType = 2
)

// BatchEntry is one statement of a batch: a prepared id when ID is non-nil,
// otherwise the Query text.
type BatchEntry struct {
	Query  string
	ID     []byte
	Values [][]byte
	Unset  []bool // as in QueryParams
}

// Batch runs several DML statements at once (spec §4.1.7). Named values,
// which the spec itself marks as unusable in BATCH, are not supported.
type Batch struct {
	Type    BatchType
	Entries []BatchEntry

	Consistency         Consistency
	SerialConsistency   Consistency // zero: absent
	DefaultTimestamp    int64
	HasDefaultTimestamp bool
	Keyspace            string // v5
	NowInSeconds        int32  // v5
}

func (*Batch) Opcode() Opcode { return OpBatch }

func (m *Batch) AppendBody(dst []byte, version byte) []byte {
	dst = append(dst, byte(m.Type))
	n := min(len(m.Entries), maxShortLen)
	dst = appendShort(dst, uint16(n))
	for _, e := range m.Entries[:n] {
		if e.ID != nil {
			dst = append(dst, 1)
			dst = appendShortBytes(dst, e.ID)
		} else {
			dst = append(dst, 0)
			dst = appendLongString(dst, e.Query)
		}
		nv := min(len(e.Values), maxShortLen)
		dst = appendShort(dst, uint16(nv))
		for i, v := range e.Values[:nv] {
			dst = appendValue(dst, v, i < len(e.Unset) && e.Unset[i])
		}
	}
	var f uint32
	if m.SerialConsistency != 0 {
		f |= qfSerialConsistency
	}
	if m.HasDefaultTimestamp {
		f |= qfDefaultTimestamp
	}
	if version >= 5 && m.Keyspace != "" {
		f |= qfKeyspace
	}
	if version >= 5 && m.NowInSeconds != 0 {
		f |= qfNowInSeconds
	}
	dst = appendConsistency(dst, m.Consistency)
	dst = appendFlags(dst, f, version)
	if f&qfSerialConsistency != 0 {
		dst = appendConsistency(dst, m.SerialConsistency)
	}
	if f&qfDefaultTimestamp != 0 {
		dst = appendLong(dst, m.DefaultTimestamp)
	}
	if f&qfKeyspace != 0 {
		dst = appendString(dst, m.Keyspace)
	}
	if f&qfNowInSeconds != 0 {
		dst = appendInt(dst, m.NowInSeconds)
	}
	return dst
}

// DecodeBatch decodes a BATCH body; ids and values reference body.
func DecodeBatch(body []byte, version byte) (*Batch, error) {
	r := reader{b: body}
	m := &Batch{Type: BatchType(r.byte_())}
	if r.err == nil && m.Type > BatchCounter {
		r.fail("BATCH: unknown batch type %d", m.Type)
	}
	n := r.count(5, "BATCH entries")
	if n > 0 && r.err == nil {
		m.Entries = make([]BatchEntry, n)
	}
	for i := range m.Entries {
		e := &m.Entries[i]
		switch kind := r.byte_(); kind {
		case 0:
			e.Query = r.longString()
		case 1:
			e.ID = r.shortBytes()
		default:
			r.fail("BATCH: entry kind %d is neither 0 nor 1", kind)
		}
		e.Values, e.Unset, _ = r.readValues(false)
	}
	m.Consistency = r.consistency()
	f := r.flags(version)
	if f&qfNames != 0 {
		r.fail("BATCH: named values are not supported")
	}
	if f&qfSerialConsistency != 0 {
		m.SerialConsistency = r.consistency()
	}
	if f&qfDefaultTimestamp != 0 {
		m.DefaultTimestamp = r.long()
		m.HasDefaultTimestamp = true
	}
	if version >= 5 {
		if f&qfKeyspace != 0 {
			m.Keyspace = r.string_()
		}
		if f&qfNowInSeconds != 0 {
			m.NowInSeconds = r.int_()
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return m, nil
}
