package s3

import (
	"context"
	"io"
	"os"
	"strconv"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3/internal/transfer"
)

// Resume finishes the key's multipart upload uploadID with the size bytes
// of r, which must be the content the upload was started with. It lists
// the parts S3 already has (ListParts), re-reads each from r and keeps it
// if its size and ETag (the MD5 of its bytes) match, uploads the parts
// that are missing or differ (UploadPart) and completes the upload
// (CompleteMultipartUpload).
//
// The part size is the one the upload was started with: the size of its
// part 1 when S3 has it and no PartSize option says otherwise. The parts'
// checksum algorithm is the one the upload was created with. Failures
// abort the upload as Upload's do, unless KeepOnError is set.
func (k *Key) Resume(ctx context.Context, uploadID string, r io.ReaderAt, size int64, opts ...TransferOption) error {
	if err := k.check(); err != nil {
		return err
	}
	switch {
	case uploadID == "":
		return goboto.Invalid("UploadID", "", "is required")
	case r == nil:
		return goboto.Invalid("Reader", "nil", "is required")
	case size < 0:
		return goboto.Invalid("Size", strconv.FormatInt(size, 10), "must not be negative")
	}
	c, err := newTransferConfig(opts)
	if err != nil {
		return err
	}
	res, err := transfer.Resume(ctx, k.client(), k.object(c.put), c.engine(k.Conn()), uploadID, r, size)
	if err != nil {
		return transferErr(err)
	}
	k.ETag, k.Size = res.ETag, res.Size
	return nil
}

// ResumeFile is Resume with the file at path as the content.
func (k *Key) ResumeFile(ctx context.Context, uploadID, path string, opts ...TransferOption) error {
	if err := k.check(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	return k.Resume(ctx, uploadID, f, fi.Size(), opts...)
}
