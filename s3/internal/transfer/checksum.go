package transfer

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto/internal/crc32c"
)

// Checksum names an S3 additional checksum algorithm; package s3
// exports the same names.
type Checksum string

// The checksums transfers can send with every part.
const (
	ChecksumCRC32C Checksum = "CRC32C"
	ChecksumCRC32  Checksum = "CRC32"
	// ChecksumCRC64NVME is the checksum S3 computes itself for objects
	// uploaded without one.
	ChecksumCRC64NVME Checksum = "CRC64NVME"
	ChecksumSHA256    Checksum = "SHA256"
	// ChecksumSHA1 is only ever verified, by downloads of objects that
	// carry one; transfers do not send it.
	ChecksumSHA1 Checksum = "SHA1"
	// ChecksumNone sends no additional checksum; the SDK's own request
	// checksum setting then applies.
	ChecksumNone Checksum = "none"
)

// crc64NVME is the reversed polynomial of CRC-64/NVME
// (0xad93d23594c93659, reflected), which with hash/crc64's all-ones
// initial value and final XOR is the CRC S3 calls CRC64NVME.
const crc64NVME = 0x9a6c9329ac4bc9b5

// Valid reports whether c is one a transfer can send (or none); package
// s3 checks its WithChecksum option with it.
func (c Checksum) Valid() bool {
	switch c {
	case ChecksumCRC32C, ChecksumCRC32, ChecksumCRC64NVME, ChecksumSHA256, ChecksumNone:
		return true
	}
	return false
}

// isCRC reports whether c is a CRC, whose values combine.
func (c Checksum) isCRC() bool {
	return c == ChecksumCRC32C || c == ChecksumCRC32 || c == ChecksumCRC64NVME
}

// isDigest reports whether c is a cryptographic digest, which does not
// combine: a download checks one by hashing the object in order.
func (c Checksum) isDigest() bool { return c == ChecksumSHA256 || c == ChecksumSHA1 }

// crcPoly and crcWidth are a CRC's reversed polynomial and width in bits,
// for crcCombine.
func (c Checksum) crcPoly() uint64 {
	switch c {
	case ChecksumCRC32C:
		return crc32.Castagnoli
	case ChecksumCRC64NVME:
		return crc64NVME
	}
	return crc32.IEEE
}

func (c Checksum) crcWidth() int {
	if c == ChecksumCRC64NVME {
		return 64
	}
	return 32
}

// newHash returns a running digest of c, nil for none. CRC32C is
// internal/crc32c's, which folds with VPCLMULQDQ where the CPU has it:
// at hash/crc32's speed it was a tenth of a download's CPU.
func (c Checksum) newHash() hash.Hash {
	switch c {
	case ChecksumCRC32C:
		return crc32c.New()
	case ChecksumCRC32:
		return crc32.NewIEEE()
	case ChecksumCRC64NVME:
		return crc64.New(crc64.MakeTable(crc64NVME))
	case ChecksumSHA256:
		return sha256.New()
	case ChecksumSHA1:
		return sha1.New()
	}
	return nil
}

// crcOf is the CRC of data for a CRC checksum.
func (c Checksum) crcOf(data []byte) uint64 {
	switch c {
	case ChecksumCRC32C:
		return uint64(crc32c.Checksum(data))
	case ChecksumCRC32:
		return uint64(crc32.ChecksumIEEE(data))
	case ChecksumCRC64NVME:
		return crc64.Checksum(data, crc64.MakeTable(crc64NVME))
	}
	return 0
}

// crcUpdate extends crc, a CRC of earlier bytes (0 for none), with p;
// tab is crcTable's for c, unused for CRC32C.
func (c Checksum) crcUpdate(crc uint64, tab any, p []byte) uint64 {
	switch c {
	case ChecksumCRC32C:
		return uint64(crc32c.Update(uint32(crc), p))
	case ChecksumCRC32:
		return uint64(crc32.Update(uint32(crc), tab.(*crc32.Table), p))
	case ChecksumCRC64NVME:
		return crc64.Update(crc, tab.(*crc64.Table), p)
	}
	return 0
}

// crcTable is c's table for crcUpdate, made once per transfer: crc64
// builds a fresh one for every call of MakeTable with NVMe's polynomial.
func (c Checksum) crcTable() any {
	switch c {
	case ChecksumCRC32C:
		return crc32.MakeTable(crc32.Castagnoli)
	case ChecksumCRC32:
		return crc32.IEEETable
	case ChecksumCRC64NVME:
		return crc64.MakeTable(crc64NVME)
	}
	return nil
}

// crcValue is the value of a digest newHash made for a CRC.
func crcValue(h hash.Hash) uint64 {
	switch h := h.(type) {
	case hash.Hash32:
		return uint64(h.Sum32())
	case hash.Hash64:
		return h.Sum64()
	}
	return 0
}

// encodeCRC is a CRC's base64 big-endian form, as S3 writes it.
func (c Checksum) encodeCRC(v uint64) string {
	if c.crcWidth() == 64 {
		return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint64(nil, v))
	}
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, uint32(v)))
}

// sum returns the base64 checksum of b as S3 writes it, "" for none.
func (c Checksum) sum(b []byte) string {
	if c.isCRC() {
		return c.encodeCRC(c.crcOf(b))
	}
	h := c.newHash()
	if h == nil {
		return ""
	}
	h.Write(b)
	return base64.StdEncoding.EncodeToString(h.Sum(nil))
}

// algorithm is the SDK's name for c.
func (c Checksum) algorithm() types.ChecksumAlgorithm {
	switch c {
	case ChecksumCRC32C:
		return types.ChecksumAlgorithmCrc32c
	case ChecksumCRC32:
		return types.ChecksumAlgorithmCrc32
	case ChecksumCRC64NVME:
		return types.ChecksumAlgorithmCrc64nvme
	case ChecksumSHA256:
		return types.ChecksumAlgorithmSha256
	}
	return ""
}

// checksumType is how S3 checks the whole of a multipart object: CRCs
// combine, so S3 can keep a full-object CRC of any object, which a
// download can check without knowing where the parts began; SHA-256 does
// not combine, and S3 keeps a checksum of the parts' checksums.
func (c Checksum) checksumType() types.ChecksumType {
	switch {
	case c.isCRC():
		return types.ChecksumTypeFullObject
	case c == ChecksumSHA256:
		return types.ChecksumTypeComposite
	}
	return ""
}

// checksumFields are the pointers to the checksum values of one SDK
// input: PutObject, UploadPart, a completed part, CompleteMultipartUpload.
type checksumFields struct{ crc32c, crc32, crc64nvme, sha256 **string }

// set stores v in the field for c.
func (c Checksum) set(v string, f checksumFields) {
	if v == "" {
		return
	}
	switch c {
	case ChecksumCRC32C:
		*f.crc32c = aws.String(v)
	case ChecksumCRC32:
		*f.crc32 = aws.String(v)
	case ChecksumCRC64NVME:
		*f.crc64nvme = aws.String(v)
	case ChecksumSHA256:
		*f.sha256 = aws.String(v)
	}
}

// completedPart is the CompleteMultipartUpload entry of a part.
func (c Checksum) completedPart(n int32, etag, sum string) types.CompletedPart {
	p := types.CompletedPart{PartNumber: aws.Int32(n), ETag: aws.String(etag)}
	c.set(sum, checksumFields{&p.ChecksumCRC32C, &p.ChecksumCRC32, &p.ChecksumCRC64NVME, &p.ChecksumSHA256})
	return p
}

// crcCombine returns the CRC of A followed by B from crcA, crcB and the
// length of B, as zlib's crc32_combine does: appending lenB zero bytes to
// A is a linear map over GF(2), applied by repeated squaring of the
// one-bit shift matrix. poly is the reversed polynomial, width 32 or 64.
func crcCombine(poly uint64, width int, crcA, crcB uint64, lenB int64) uint64 {
	if lenB <= 0 {
		return crcA
	}
	var even, odd [64]uint64
	odd[0] = poly // the matrix that shifts in one zero bit
	row := uint64(1)
	for n := 1; n < width; n++ {
		odd[n] = row
		row <<= 1
	}
	gf2Square(&even, &odd, width) // two zero bits
	gf2Square(&odd, &even, width) // four zero bits
	// Each step squares the matrix (doubling the zero bits it appends) and
	// applies it where lenB, counted in bytes, has a one bit.
	for {
		gf2Square(&even, &odd, width)
		if lenB&1 != 0 {
			crcA = gf2Times(&even, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
		gf2Square(&odd, &even, width)
		if lenB&1 != 0 {
			crcA = gf2Times(&odd, crcA)
		}
		if lenB >>= 1; lenB == 0 {
			break
		}
	}
	return crcA ^ crcB
}

func gf2Times(mat *[64]uint64, vec uint64) uint64 {
	var sum uint64
	for i := 0; vec != 0; i, vec = i+1, vec>>1 {
		if vec&1 != 0 {
			sum ^= mat[i]
		}
	}
	return sum
}

func gf2Square(square, mat *[64]uint64, width int) {
	for n := range width {
		square[n] = gf2Times(mat, mat[n])
	}
}

// crcRun accumulates the CRC of consecutive pieces that were summed
// separately (parts, ranges), in order.
type crcRun struct {
	alg Checksum
	crc uint64
	n   int64
}

func (r *crcRun) add(crc uint64, n int64) {
	if r.n == 0 {
		r.crc = crc
	} else {
		r.crc = crcCombine(r.alg.crcPoly(), r.alg.crcWidth(), r.crc, crc, n)
	}
	r.n += n
}

func (r *crcRun) encode() string { return r.alg.encodeCRC(r.crc) }

// objectChecksum picks the checksum HeadObject reported that a download
// can check: a full-object CRC32C, CRC32, CRC64NVME, SHA-256 or SHA-1, in
// that order of preference, since CRCs of concurrent ranges combine and
// digests must be taken in order. Composite checksums (type COMPOSITE,
// values ending in "-N") are checksums of the parts' checksums, which
// ranges that need not fall on the parts cannot reproduce.
func objectChecksum(out *s3.HeadObjectOutput) (Checksum, string) {
	if out.ChecksumType != "" && out.ChecksumType != types.ChecksumTypeFullObject {
		return ChecksumNone, ""
	}
	for _, c := range headChecksums(out) {
		if !strings.Contains(c.v, "-") {
			return c.alg, c.v
		}
	}
	return ChecksumNone, ""
}
