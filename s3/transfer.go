package s3

import (
	"strconv"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3/internal/transfer"
)

// Limits S3 sets on multipart uploads. The transfer engine holds the
// values, so the limits it enforces and these cannot drift apart.
const (
	// MinPartSize is the smallest part S3 accepts, except for the last:
	// 5 MiB.
	MinPartSize = transfer.MinPartSize
	// MaxPartSize is the largest part S3 accepts: 5 GiB.
	MaxPartSize = transfer.MaxPartSize
	// MaxParts is the most parts one upload may have: 10,000.
	MaxParts = transfer.MaxParts
	// MaxObjectSize is the largest object S3 stores: 5 TiB.
	MaxObjectSize = transfer.MaxObjectSize

	// DefaultPartSize is the part size transfers use unless told otherwise
	// or unless the object is too big for 10,000 parts of it: 8 MiB.
	DefaultPartSize = transfer.DefaultPartSize
	// DefaultConcurrency is how many parts a transfer moves at once: 8.
	DefaultConcurrency = transfer.DefaultConcurrency
)

// TransferOptions are the settings of Upload, Download, Resume and the
// Sync methods.
type TransferOptions struct {
	// PartSize is the size of each part, from 5 MiB to 5 GiB. 0 is 8 MiB,
	// or the smallest whole number of MiB that fits a known object size
	// into 10,000 parts. A part size that would need more than 10,000
	// parts is an error before any request.
	PartSize int64
	// Concurrency is how many parts move at once (at least 1). Peak
	// memory of a transfer is about (Concurrency+1) × PartSize.
	Concurrency int
	// Checksum is the additional checksum uploads send with every part.
	Checksum Checksum
	// Progress, when set, is called as bytes complete.
	Progress func(Progress)
	// Put are the settings of the object an upload writes.
	Put PutOptions
	// KeepOnError leaves a failed multipart upload in place; see
	// KeepOnError.
	KeepOnError bool
	// SyncFiles is how many files SyncUp and SyncDown move at once.
	SyncFiles int
	// SyncDelete makes a sync delete what the source lacks; see
	// SyncDelete.
	SyncDelete bool

	// minPartSize, when set, lowers the 5 MiB floor of PartSize; only
	// tests set it (export_test.go), to move many parts in little memory
	// against a fake told to accept them.
	minPartSize int64
}

// TransferOption changes TransferOptions.
type TransferOption func(*TransferOptions)

// transferConfig is the folded TransferOptions of one call.
type transferConfig struct {
	partSize    int64 // 0: not set by the caller
	concurrency int
	checksum    Checksum
	progress    func(Progress)
	put         PutOptions
	keepOnError bool
	syncFiles   int
	syncDelete  bool
	minPartSize int64
}

// PartSize sets the size of each part, from 5 MiB to 5 GiB. Unset, it is
// 8 MiB, or the smallest whole number of MiB that fits a known object
// size into 10,000 parts. A part size set here that would need more than
// 10,000 parts is an error before any request.
func PartSize(n int64) TransferOption { return func(o *TransferOptions) { o.PartSize = n } }

// Concurrency sets how many parts move at once (at least 1). Peak memory
// of a transfer is about (Concurrency+1) × PartSize.
func Concurrency(n int) TransferOption { return func(o *TransferOptions) { o.Concurrency = n } }

// WithChecksum chooses the additional checksum uploads send with every
// part: ChecksumCRC32C (the default), ChecksumCRC32, ChecksumCRC64NVME,
// ChecksumSHA256 or ChecksumNone. With a CRC, S3 also checks and keeps a
// CRC of the whole object, which Download verifies; SHA-256 gives a
// checksum of the parts' checksums, which a download verifies part by
// part when its PartSize matches the upload's (see Key.Download).
func WithChecksum(alg Checksum) TransferOption {
	return func(o *TransferOptions) { o.Checksum = alg }
}

// OnProgress has a transfer call fn as bytes complete. Calls never overlap
// and come in order of increasing Done; the last one has Done == Total
// when the transfer succeeds. fn runs on a transfer goroutine, so it
// should return quickly.
func OnProgress(fn func(Progress)) TransferOption {
	return func(o *TransferOptions) { o.Progress = fn }
}

// WithPut applies PutOptions (ContentType, Metadata, CacheControl,
// StorageClass, ServerSideEncryption, Grants) to the object an upload
// writes.
func WithPut(opts ...PutOption) TransferOption {
	return func(o *TransferOptions) {
		applyOpts(&o.Put, opts)
	}
}

// KeepOnError leaves a failed multipart upload in place instead of
// aborting it, so that Resume can finish it later; the *TransferError
// names its upload ID. Uploaded parts are billed until the upload is
// completed or aborted. Cancellation still aborts.
func KeepOnError() TransferOption { return func(o *TransferOptions) { o.KeepOnError = true } }

func newTransferConfig(opts []TransferOption) (transferConfig, error) {
	o := TransferOptions{Concurrency: DefaultConcurrency, Checksum: ChecksumCRC32C, SyncFiles: DefaultSyncFiles}
	applyOpts(&o, opts)
	c := transferConfig{partSize: o.PartSize, concurrency: o.Concurrency, checksum: o.Checksum, progress: o.Progress,
		put: o.Put, keepOnError: o.KeepOnError, syncFiles: o.SyncFiles, syncDelete: o.SyncDelete, minPartSize: o.minPartSize}
	floor := int64(MinPartSize)
	if c.minPartSize > 0 {
		floor = c.minPartSize
	}
	if c.partSize != 0 && (c.partSize < floor || c.partSize > MaxPartSize) {
		return c, goboto.Invalid("PartSize", strconv.FormatInt(c.partSize, 10), "out of range 5242880-5368709120 (5 MiB-5 GiB)")
	}
	if c.concurrency < 1 {
		return c, goboto.Invalid("Concurrency", strconv.Itoa(c.concurrency), "must be at least 1")
	}
	if !c.checksum.valid() {
		return c, goboto.Invalid("Checksum", string(c.checksum), "must be CRC32C, CRC32, CRC64NVME, SHA256 or none")
	}
	return c, nil
}

// engine is the transfer engine's Config for c on conn: its part buffers
// come from and go back to conn's pool, and its progress reaches the
// caller's OnProgress as this package's Progress.
func (c *transferConfig) engine(conn *Conn) transfer.Config {
	ec := transfer.Config{
		PartSize: c.partSize, Concurrency: c.concurrency, Checksum: transfer.Checksum(c.checksum),
		KeepOnError: c.keepOnError, MinPartSize: c.minPartSize,
	}
	if conn != nil {
		ec.Pool = &conn.partBufs
	}
	if fn := c.progress; fn != nil {
		ec.Progress = func(p transfer.Progress) { fn(Progress(p)) }
	}
	return ec
}

// partCount is how many parts of partSize hold size bytes (at least 1).
func partCount(size, partSize int64) int64 { return transfer.PartCount(size, partSize) }
