package s3

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// MultipartUpload is a handle on a multipart upload that has been
// started and neither completed nor aborted. Its parts are billed until
// one or the other. Its fields are what the listing answered.
type MultipartUpload struct {
	bucket *Bucket

	Key          string
	UploadID     string
	Initiated    time.Time
	StorageClass string
	// Checksum is the algorithm its parts carry, "" for none.
	Checksum Checksum
}

// UploadedPart is one part of a multipart upload in progress, as ListParts
// answered it.
type UploadedPart struct {
	key *Key

	Number       int
	Size         int64
	ETag         string // quoted MD5 of the part's bytes, as S3 writes it
	LastModified time.Time
	// Checksum is the part's additional checksum (base64), "" for none.
	Checksum string
}

// Uploads lists the bucket's multipart uploads in progress
// (ListMultipartUploads), in key order and, for one key, oldest first,
// fetching pages as the loop asks for more. It takes Prefix, KeyMarker
// and PageSize.
func (b *Bucket) Uploads(ctx context.Context, opts ...ListOption) iter.Seq2[*MultipartUpload, error] {
	return func(yield func(*MultipartUpload, error) bool) {
		if err := b.check(); err != nil {
			yield(nil, err)
			return
		}
		o, err := listOptions("Uploads", opts, 1000, "Prefix", "KeyMarker")
		if err != nil {
			yield(nil, err)
			return
		}
		in := &s3.ListMultipartUploadsInput{Bucket: aws.String(b.Name), Prefix: optional(o.Prefix),
			KeyMarker: optional(o.KeyMarker), MaxUploads: pageSize(o.PageSize)}
		p := s3.NewListMultipartUploadsPaginator(b.client(), in)
		each(ctx, yield, p, func(out *s3.ListMultipartUploadsOutput) []types.MultipartUpload { return out.Uploads },
			func(u types.MultipartUpload) *MultipartUpload {
				return &MultipartUpload{
					bucket: b, Key: aws.ToString(u.Key), UploadID: aws.ToString(u.UploadId), Initiated: aws.ToTime(u.Initiated),
					StorageClass: string(u.StorageClass), Checksum: checksumOf(u.ChecksumAlgorithm),
				}
			})
	}
}

// AbortUpload aborts the multipart upload uploadID of the key
// (AbortMultipartUpload), deleting its parts. Aborting an upload that no
// longer exists fails with NoSuchUpload, which goboto.IsNotFound matches.
func (k *Key) AbortUpload(ctx context.Context, uploadID string) error {
	if err := k.check(); err != nil {
		return err
	}
	if uploadID == "" {
		return goboto.Invalid("UploadID", "", "is required")
	}
	_, err := k.client().AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{
		Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name), UploadId: aws.String(uploadID),
	})
	return core.Error(err)
}

// Parts lists the parts of the key's multipart upload uploadID
// (ListParts) in part-number order, fetching pages as the loop asks for
// more. It takes PageSize.
func (k *Key) Parts(ctx context.Context, uploadID string, opts ...ListOption) iter.Seq2[*UploadedPart, error] {
	return func(yield func(*UploadedPart, error) bool) {
		if err := k.check(); err != nil {
			yield(nil, err)
			return
		}
		if uploadID == "" {
			yield(nil, goboto.Invalid("UploadID", "", "is required"))
			return
		}
		o, err := listOptions("Parts", opts, 1000)
		if err != nil {
			yield(nil, err)
			return
		}
		in := &s3.ListPartsInput{Bucket: aws.String(k.bucket.Name), Key: aws.String(k.Name), UploadId: aws.String(uploadID),
			MaxParts: pageSize(o.PageSize)}
		p := s3.NewListPartsPaginator(k.client(), in)
		each(ctx, yield, p, func(out *s3.ListPartsOutput) []types.Part { return out.Parts },
			func(part types.Part) *UploadedPart { u := uploadedPart(part); u.key = k; return &u })
	}
}

func uploadedPart(p types.Part) UploadedPart {
	sum := aws.ToString(p.ChecksumCRC32C)
	if sum == "" {
		sum = aws.ToString(p.ChecksumCRC32)
	}
	if sum == "" {
		sum = aws.ToString(p.ChecksumCRC64NVME)
	}
	if sum == "" {
		sum = aws.ToString(p.ChecksumSHA256)
	}
	return UploadedPart{
		Number: int(aws.ToInt32(p.PartNumber)), Size: aws.ToInt64(p.Size), ETag: aws.ToString(p.ETag),
		LastModified: aws.ToTime(p.LastModified), Checksum: sum,
	}
}

// Bucket returns the bucket the upload was listed in; nil for an upload
// not made by a listing.
func (u *MultipartUpload) Bucket() *Bucket {
	if u == nil {
		return nil
	}
	return u.bucket
}

// Conn returns the connection of the upload's bucket.
func (u *MultipartUpload) Conn() *Conn { return u.Bucket().Conn() }

// Object returns a handle on the key the upload writes.
func (u *MultipartUpload) Object() *Key {
	if u.Bucket() == nil {
		return nil
	}
	return u.bucket.Key(u.Key)
}

func (u *MultipartUpload) check() error {
	if u == nil || u.bucket == nil {
		return goboto.Invalid("MultipartUpload", "", "is required; uploads come from Bucket.Uploads")
	}
	if u.UploadID == "" {
		return goboto.Invalid("UploadID", "", "is required")
	}
	return nil
}

// Abort aborts the upload (AbortMultipartUpload); see Key.AbortUpload.
func (u *MultipartUpload) Abort(ctx context.Context) error {
	if err := u.check(); err != nil {
		return err
	}
	return u.Object().AbortUpload(ctx, u.UploadID)
}

// Parts lists the upload's parts (ListParts); see Key.Parts.
func (u *MultipartUpload) Parts(ctx context.Context, opts ...ListOption) iter.Seq2[*UploadedPart, error] {
	if err := u.check(); err != nil {
		return func(yield func(*UploadedPart, error) bool) { yield(nil, err) }
	}
	return u.Object().Parts(ctx, u.UploadID, opts...)
}

// Refresh checks that the upload is still in progress (ListParts for one
// part): once completed or aborted it is a NoSuchUpload error, which
// goboto.IsNotFound matches.
func (u *MultipartUpload) Refresh(ctx context.Context) error {
	if err := u.check(); err != nil {
		return err
	}
	for _, err := range u.Parts(ctx, PageSize(1)) {
		return err
	}
	return nil
}

// Object returns a handle on the key whose upload the part belongs to;
// nil for a part not made by a listing.
func (p *UploadedPart) Object() *Key {
	if p == nil {
		return nil
	}
	return p.key
}

// Conn returns the connection of the part's key.
func (p *UploadedPart) Conn() *Conn { return p.Object().Conn() }
