package transfer

import (
	"strconv"
	"sync"

	"github.com/goboto/goboto"
)

// Limits S3 sets on multipart uploads; package s3 exports them under
// the same names.
const (
	MinPartSize   = 5 << 20
	MaxPartSize   = 5 << 30
	MaxParts      = 10000
	MaxObjectSize = 5 << 40

	DefaultPartSize    = 8 << 20
	DefaultConcurrency = 8
)

// Config is how one transfer moves data. Its values are checked by the
// caller (package s3 folds and validates its TransferOptions into one).
type Config struct {
	// PartSize is the caller's part size, 0 for the default (Plan).
	PartSize    int64
	Concurrency int
	Checksum    Checksum
	// Progress, when not nil, hears of bytes as they complete.
	Progress func(Progress)
	// KeepOnError leaves a failed (not cancelled) multipart upload in
	// place for Resume.
	KeepOnError bool
	// Pool, when not nil, holds part buffers (*[]byte) between
	// transfers, so a run of them does not allocate each afresh.
	Pool *sync.Pool
	// MinPartSize is the smallest part Resume accepts as an upload's
	// part size; 0 means S3's 5 MiB. Only tests set it, to move many
	// parts with little memory.
	MinPartSize int64
}

func (c *Config) minPartSize() int64 {
	if c.MinPartSize > 0 {
		return c.MinPartSize
	}
	return MinPartSize
}

// Plan returns the part size for an object of size bytes (-1: unknown):
// the caller's, checked against the 10,000-part limit, or the default
// raised to fit.
func (c *Config) Plan(size int64) (int64, error) {
	if size > MaxObjectSize {
		return 0, goboto.Invalid("Size", strconv.FormatInt(size, 10), "must be at most 5 TiB")
	}
	if c.PartSize != 0 {
		if size > 0 && PartCount(size, c.PartSize) > MaxParts {
			return 0, goboto.Invalid("PartSize", strconv.FormatInt(c.PartSize, 10),
				"needs more than 10,000 parts for "+strconv.FormatInt(size, 10)+" bytes")
		}
		return c.PartSize, nil
	}
	ps := int64(DefaultPartSize)
	if size > 0 && PartCount(size, ps) > MaxParts {
		const mib = 1 << 20
		ps = (size + MaxParts - 1) / MaxParts
		ps = (ps + mib - 1) / mib * mib
	}
	return ps, nil
}

// PartCount is how many parts of partSize hold size bytes (at least 1).
func PartCount(size, partSize int64) int64 {
	if size <= 0 {
		return 1
	}
	return (size + partSize - 1) / partSize
}
