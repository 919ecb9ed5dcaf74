package s3test

import (
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
)

// S3's CRCs (CRC32, CRC32C, CRC64NVME) are reflected, start from all
// ones and end XORed with all ones. For such a CRC the CRC of A followed
// by B is CRC(A) multiplied by x^(8·len(B)) modulo the polynomial, XORed
// with CRC(B): the all-ones start and end cancel out. That is how S3
// turns the CRCs of the parts of a FULL_OBJECT multipart upload into the
// CRC of the whole object, and how the fake does too.

// crcSpec is one of those CRCs: its reflected polynomial and its width in
// bits.
type crcSpec struct {
	poly  uint64
	width uint
}

// crcSpecs are S3's CRCs by checksum header; never written after.
var crcSpecs = map[string]crcSpec{
	"x-amz-checksum-crc32":     {crc32.IEEE, 32},
	"x-amz-checksum-crc32c":    {crc32.Castagnoli, 32},
	"x-amz-checksum-crc64nvme": {crc64NVME, 64},
}

// one is the polynomial 1 in the reflected representation: the top bit.
func (s crcSpec) one() uint64 { return 1 << (s.width - 1) }

// mulMod returns a·b modulo the polynomial, both reflected.
func (s crcSpec) mulMod(a, b uint64) uint64 {
	var p uint64
	for m := s.one(); m != 0; m >>= 1 {
		if a&m != 0 {
			p ^= b
		}
		if b&1 != 0 {
			b = b>>1 ^ s.poly
		} else {
			b >>= 1
		}
	}
	return p
}

// shift returns x^(8n) modulo the polynomial: the factor that appends n
// zero bytes to a CRC register.
func (s crcSpec) shift(n uint64) uint64 {
	p := s.one()
	sq := s.one() >> 8 // x^8
	for ; n > 0; n >>= 1 {
		if n&1 != 0 {
			p = s.mulMod(sq, p)
		}
		sq = s.mulMod(sq, sq)
	}
	return p
}

// combine returns the CRC of A followed by B from crcA, crcB and the
// length of B in bytes.
func (s crcSpec) combine(crcA, crcB, lenB uint64) uint64 {
	if lenB == 0 {
		return crcA
	}
	return s.mulMod(s.shift(lenB), crcA) ^ crcB
}

// decode reads a base64 big-endian CRC as S3 writes it.
func (s crcSpec) decode(v string) (uint64, bool) {
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || uint(len(raw))*8 != s.width {
		return 0, false
	}
	if s.width == 64 {
		return binary.BigEndian.Uint64(raw), true
	}
	return uint64(binary.BigEndian.Uint32(raw)), true
}

// encode writes a CRC as S3 does: big-endian, base64.
func (s crcSpec) encode(v uint64) string {
	if s.width == 64 {
		return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint64(nil, v))
	}
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, uint32(v)))
}
