package s3

import (
	"context"
	"io"
	"os"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3/internal/transfer"
)

// TransferError says a transfer failed, and what became of its multipart
// upload. It unwraps to the cause (and to the abort's error, if that
// failed too).
type TransferError struct {
	Op          string // "Upload", "Resume" or "Download"
	Bucket, Key string
	// UploadID is the multipart upload's ID, "" when there was none.
	UploadID string
	// Part is the number of the part that failed, 0 when no one part did.
	Part int
	// Aborted reports that the multipart upload was aborted, so no parts
	// remain to be billed. When it is false and UploadID is set, Resume
	// can finish the upload.
	Aborted bool
	// AbortErr is why aborting the upload failed.
	AbortErr error
	Err      error
}

func (e *TransferError) Error() string { return e.engine().Error() }

func (e *TransferError) engine() *transfer.Error {
	return &transfer.Error{Op: e.Op, Bucket: e.Bucket, Key: e.Key, UploadID: e.UploadID, Part: e.Part,
		Aborted: e.Aborted, AbortErr: e.AbortErr, Err: e.Err}
}

func (e *TransferError) Unwrap() []error {
	if e.AbortErr != nil {
		return []error{e.Err, e.AbortErr}
	}
	return []error{e.Err}
}

// transferErr turns the engine's errors into this package's: a
// *transfer.Error into a *TransferError and a *transfer.ChecksumError,
// alone or as a TransferError's cause, into a *ChecksumError. Anything
// else (validation errors, a reader's) passes as it is.
func transferErr(err error) error {
	switch e := err.(type) {
	case *transfer.Error:
		return &TransferError{Op: e.Op, Bucket: e.Bucket, Key: e.Key, UploadID: e.UploadID, Part: e.Part,
			Aborted: e.Aborted, AbortErr: e.AbortErr, Err: transferErr(e.Err)}
	case *transfer.ChecksumError:
		return &ChecksumError{Bucket: e.Bucket, Key: e.Key, Algorithm: Checksum(e.Algorithm), Want: e.Want, Got: e.Got, Size: e.Size}
	}
	return err
}

// object is the key as the transfer engine names it, with the settings
// puts give the object.
func (k *Key) object(put PutOptions) transfer.Object {
	return transfer.Object{Bucket: k.Bucket().Name, Key: k.Name, Put: k.putInput(nil, put)}
}

// Upload writes what r yields, up to EOF, as the object's content. An
// object smaller than one part goes in one PutObject; a bigger one is
// sent in parts (CreateMultipartUpload, UploadPart, CompleteMultipart
// Upload), Concurrency at a time, reading r as the parts go, so memory
// stays near (Concurrency+1) × PartSize whatever the object's size.
//
// Each part carries a CRC32C checksum (see WithChecksum) that S3 checks,
// and S3 keeps a CRC of the whole object, which Download checks.
//
// If any part fails for good or ctx is cancelled, the multipart upload is
// aborted (AbortMultipartUpload), so no parts are left to be billed,
// unless KeepOnError is set. Failures are *TransferErrors. On success,
// k.ETag and k.Size are set.
//
// When r is an *os.File, or has a Len method (bytes.Reader,
// strings.Reader, bytes.Buffer), or is an io.Seeker, its size is known
// up front: progress reports a Total and the part size grows to keep
// large objects within 10,000 parts.
func (k *Key) Upload(ctx context.Context, r io.Reader, opts ...TransferOption) error {
	if err := k.check(); err != nil {
		return err
	}
	if r == nil {
		return goboto.Invalid("Reader", "nil", "is required")
	}
	c, err := newTransferConfig(opts)
	if err != nil {
		return err
	}
	if err := c.put.check(); err != nil {
		return err
	}
	size, err := transfer.ReaderSize(r)
	if err != nil {
		return err
	}
	res, err := transfer.Upload(ctx, k.client(), k.object(c.put), c.engine(k.Conn()), r, size)
	if err != nil {
		return transferErr(err)
	}
	k.ETag, k.Size = res.ETag, res.Size
	return nil
}

// UploadFile is Upload with the contents of the file at path.
func (k *Key) UploadFile(ctx context.Context, path string, opts ...TransferOption) error {
	if err := k.check(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return k.Upload(ctx, f, opts...)
}
