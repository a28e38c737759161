package cqltype

// UUIDValue is a uuid or timeuuid value in its 16 wire bytes.
type UUIDValue [16]byte

const hexDigits = "0123456789abcdef"

// String returns the canonical lower-case 8-4-4-4-12 form.
func (u UUIDValue) String() string {
	var buf [36]byte
	j := 0
	for i, b := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			buf[j] = '-'
			j++
		}
		buf[j] = hexDigits[b>>4]
		buf[j+1] = hexDigits[b&0x0f]
		j += 2
	}
	return string(buf[:])
}

// Version is the RFC 4122 version number held in the uuid (1 for timeuuid).
func (u UUIDValue) Version() int { return int(u[6] >> 4) }

// ParseUUID parses the canonical 8-4-4-4-12 hexadecimal form, in either case.
func ParseUUID(s string) (UUIDValue, error) {
	var u UUIDValue
	if len(s) != 36 {
		return u, &ParseError{What: "uuid", Input: s, Pos: -1, Reason: "want 36 characters in 8-4-4-4-12 form"}
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return u, &ParseError{What: "uuid", Input: s, Pos: i, Reason: "want '-'"}
			}
			i++
			continue
		}
		hi, ok1 := unhex(s[i])
		lo, ok2 := unhex(s[i+1])
		if !ok1 || !ok2 {
			return u, &ParseError{What: "uuid", Input: s, Pos: i, Reason: "not a hexadecimal digit"}
		}
		u[j] = hi<<4 | lo
		j++
		i += 2
	}
	return u, nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
