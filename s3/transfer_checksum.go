package s3

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto/s3/internal/transfer"
)

// Checksum names an S3 additional checksum algorithm.
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

// checksumOf is the Checksum of an SDK algorithm name, "" for none or one
// transfers do not send.
func checksumOf(a types.ChecksumAlgorithm) Checksum { return Checksum(transfer.ChecksumOf(a)) }

func (c Checksum) valid() bool {
	switch c {
	case ChecksumCRC32C, ChecksumCRC32, ChecksumCRC64NVME, ChecksumSHA256, ChecksumNone:
		return true
	}
	return false
}

// ChecksumError says a downloaded object's bytes do not match the
// checksum S3 holds for it.
type ChecksumError struct {
	Bucket, Key string
	Algorithm   Checksum
	Want, Got   string // base64, as S3 writes them
	Size        int64
}

func (e *ChecksumError) Error() string {
	return "s3: " + e.Bucket + "/" + e.Key + ": " + string(e.Algorithm) + " of " + strconv.FormatInt(e.Size, 10) +
		" bytes received is " + e.Got + ", S3 has " + e.Want
}
