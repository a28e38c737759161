package segment

import "hash/crc32"

// CRC24 parameters of the v5 segment header check, as defined by Cassandra:
// a 24-bit register seeded with crc24Init and reduced by crc24Poly (the
// Koopman polynomial 0x1974F0B, written with its x^24 term).
const (
	crc24Init = 0x875060
	crc24Poly = 0x1974F0B
)

// crc32Seed is the IEEE CRC-32 of the bytes FA 2D 55 CA. Cassandra feeds those
// four bytes before every segment payload, so a checksum of all-zero data is
// never zero; starting from this value reproduces that.
const crc32Seed = 0x44777ED3

// CRC24 computes the header checksum over the low n bytes (1 to 8) of v,
// taken least-significant byte first, which is the order the header bytes
// appear on the wire. Each byte is shifted into the register from its most
// significant bit, exactly as the server does.
func CRC24(v uint64, n int) uint32 {
	crc := uint32(crc24Init)
	for ; n > 0; n-- {
		crc ^= uint32(v&0xff) << 16
		v >>= 8
		for range 8 {
			crc <<= 1
			if crc&0x1000000 != 0 {
				crc ^= crc24Poly
			}
		}
	}
	return crc
}

// CRC32 computes the segment payload checksum: the IEEE CRC-32 of the bytes
// FA 2D 55 CA followed by p.
func CRC32(p []byte) uint32 {
	return crc32.Update(crc32Seed, crc32.IEEETable, p)
}
