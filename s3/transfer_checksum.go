package s3

import (
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto/s3/internal/transfer"
)

// Checksum names an S3 additional checksum algorithm.
type Checksum string

// The checksums transfers can send with every part. The transfer engine
// holds the names S3 gives them.
const (
	ChecksumCRC32C = Checksum(transfer.ChecksumCRC32C)
	ChecksumCRC32  = Checksum(transfer.ChecksumCRC32)
	// ChecksumCRC64NVME is the checksum S3 computes itself for objects
	// uploaded without one.
	ChecksumCRC64NVME = Checksum(transfer.ChecksumCRC64NVME)
	ChecksumSHA256    = Checksum(transfer.ChecksumSHA256)
	// ChecksumSHA1 is only ever verified, by downloads of objects that
	// carry one; transfers do not send it.
	ChecksumSHA1 = Checksum(transfer.ChecksumSHA1)
	// ChecksumNone sends no additional checksum; the SDK's own request
	// checksum setting then applies.
	ChecksumNone = Checksum(transfer.ChecksumNone)
)

// checksumOf is the Checksum of an SDK algorithm name, "" for none or one
// transfers do not send.
func checksumOf(a types.ChecksumAlgorithm) Checksum { return Checksum(transfer.ChecksumOf(a)) }

// valid reports whether uploads can send c.
func (c Checksum) valid() bool { return transfer.Checksum(c).Valid() }

// ChecksumError says a downloaded object's bytes do not match the
// checksum S3 holds for it.
type ChecksumError struct {
	Bucket, Key string
	Algorithm   Checksum
	Want, Got   string // base64, as S3 writes them
	Size        int64
}

func (e *ChecksumError) Error() string {
	return (&transfer.ChecksumError{Bucket: e.Bucket, Key: e.Key, Algorithm: transfer.Checksum(e.Algorithm),
		Want: e.Want, Got: e.Got, Size: e.Size}).Error()
}
