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

// MultipartUpload is a multipart upload that has been started and neither
// completed nor aborted. Its parts are billed until one or the other.
type MultipartUpload struct {
	Key          string
	UploadID     string
	Initiated    time.Time
	StorageClass string
	// Checksum is the algorithm its parts carry, "" for none.
	Checksum Checksum
}

// UploadedPart is one part of a multipart upload in progress.
type UploadedPart struct {
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
func (b *Bucket) Uploads(ctx context.Context, opts ...ListOption) iter.Seq2[MultipartUpload, error] {
	return func(yield func(MultipartUpload, error) bool) {
		if err := b.check(); err != nil {
			yield(MultipartUpload{}, err)
			return
		}
		o, err := listOptions("Uploads", opts, 1000, "Prefix", "KeyMarker")
		if err != nil {
			yield(MultipartUpload{}, err)
			return
		}
		in := &s3.ListMultipartUploadsInput{Bucket: aws.String(b.Name), Prefix: optional(o.Prefix),
			KeyMarker: optional(o.KeyMarker), MaxUploads: pageSize(o.PageSize)}
		p := s3.NewListMultipartUploadsPaginator(b.client(), in)
		each(ctx, yield, p, func(out *s3.ListMultipartUploadsOutput) []types.MultipartUpload { return out.Uploads },
			func(u types.MultipartUpload) MultipartUpload {
				return MultipartUpload{
					Key: aws.ToString(u.Key), UploadID: aws.ToString(u.UploadId), Initiated: aws.ToTime(u.Initiated),
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
func (k *Key) Parts(ctx context.Context, uploadID string, opts ...ListOption) iter.Seq2[UploadedPart, error] {
	return func(yield func(UploadedPart, error) bool) {
		if err := k.check(); err != nil {
			yield(UploadedPart{}, err)
			return
		}
		if uploadID == "" {
			yield(UploadedPart{}, goboto.Invalid("UploadID", "", "is required"))
			return
		}
		o, err := listOptions("Parts", opts, 1000)
		if err != nil {
			yield(UploadedPart{}, err)
			return
		}
		in := &s3.ListPartsInput{Bucket: aws.String(k.bucket.Name), Key: aws.String(k.Name), UploadId: aws.String(uploadID),
			MaxParts: pageSize(o.PageSize)}
		p := s3.NewListPartsPaginator(k.client(), in)
		each(ctx, yield, p, func(out *s3.ListPartsOutput) []types.Part { return out.Parts }, uploadedPart)
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
