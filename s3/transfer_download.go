package s3

import (
	"context"
	"io"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3/internal/transfer"
)

// Download copies the object into w at offset 0 with concurrent ranged
// GetObject requests of PartSize bytes, Concurrency at a time, each
// streaming straight into its place in w, and returns the object's size.
// It first asks for the object's attributes (HeadObject), fills them into
// k, and sends that ETag as If-Match with every range, so an object
// replaced mid-download fails with PreconditionFailed rather than
// yielding a mix of two versions.
//
// When S3 holds a full-object CRC32C, CRC32 or CRC64NVME of the object
// (every object Upload wrote with a CRC has one, and S3 gives objects
// uploaded without a checksum a CRC64NVME), Download computes the same
// CRC over the ranges, combines them, and fails with a *ChecksumError if
// they differ. A full-object SHA-256 or SHA-1 (an object put in one
// piece with one) cannot be combined from ranges, so Download checks it
// only when w can be read back: it is an io.ReaderAt, such as an
// *os.File opened for reading and writing (os.Create does), and reading
// it succeeds; Download then hashes what it wrote. Into any other w (an
// *os.File opened write-only, say) such an object is not verified;
// DownloadStream and DownloadFile always verify it.
//
// A multipart object uploaded with SHA-256 parts (or CRCs of type
// COMPOSITE) has a checksum of its parts' checksums, which no ranges can
// reproduce. Download then asks for part 1 (HeadObject with partNumber)
// and, when the object's parts are PartSize long (as Upload with the same
// PartSize makes them), fetches each range as a part (GetObject with
// partNumber), whose answer carries the part's checksum, and checks each
// part; a mismatch is a *ChecksumError inside the *TransferError naming
// the part. With other part sizes a composite checksum is not verified.
//
// A failed download may have written some of w. DownloadFile never
// leaves a partial file.
func (k *Key) Download(ctx context.Context, w io.WriterAt, opts ...TransferOption) (int64, error) {
	if w == nil {
		return 0, goboto.Invalid("Writer", "nil", "is required")
	}
	d, err := k.newDownload(ctx, opts)
	if err != nil {
		return 0, err
	}
	n, err := d.ToWriterAt(ctx, w)
	return n, transferErr(err)
}

// DownloadStream is Download to a plain io.Writer: ranges are fetched
// concurrently but written in order, through a window of at most
// Concurrency parts, so memory stays near (Concurrency+1) × PartSize.
// It verifies a full-object CRC and composite part checksums as
// Download does, and a full-object SHA-256 or SHA-1 by hashing the bytes
// in the order it writes them. A whole-object check comes after the last
// write, so w has received the whole object when such a *ChecksumError
// is returned; a part that fails its check is never written.
func (k *Key) DownloadStream(ctx context.Context, w io.Writer, opts ...TransferOption) (int64, error) {
	if w == nil {
		return 0, goboto.Invalid("Writer", "nil", "is required")
	}
	d, err := k.newDownload(ctx, opts)
	if err != nil {
		return 0, err
	}
	n, err := d.ToWriter(ctx, w)
	return n, transferErr(err)
}

// DownloadFile is Download into the file at path. It writes a temporary
// file in the same directory and renames it into place only when the
// whole object has arrived and checked out, so a failed download never
// leaves a partial file at path (nor replaces one already there). It
// verifies what Download verifies into an *os.File: a full-object CRC
// from the ranges, composite part checksums when the parts are PartSize
// long, and a full-object SHA-256 or SHA-1 by reading the temporary file
// back before the rename.
func (k *Key) DownloadFile(ctx context.Context, path string, opts ...TransferOption) error {
	d, err := k.newDownload(ctx, opts)
	if err != nil {
		return err
	}
	return transferErr(d.ToFile(ctx, path))
}

// newDownload validates the options and fetches the object's attributes
// (HeadObject, with checksums) into k.
func (k *Key) newDownload(ctx context.Context, opts []TransferOption) (*transfer.Download, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	c, err := newTransferConfig(opts)
	if err != nil {
		return nil, err
	}
	d, out, err := transfer.NewDownload(ctx, k.client(), k.object(PutOptions{}), c.engine(k.Conn()))
	if err != nil {
		return nil, transferErr(err)
	}
	k.setHead(out)
	return d, nil
}
