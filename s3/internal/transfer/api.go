package transfer

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// API is the part of S3 transfers use, in aws-sdk-go-v2's shapes (as
// feature/s3/manager's UploadAPIClient is), so an *s3.Client satisfies it
// as it is. The optFns a transfer passes adjust the SDK's signing and
// response validation; an implementation that is not an SDK client may
// ignore them.
type API interface {
	PutObject(context.Context, *s3.PutObjectInput, ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	CreateMultipartUpload(context.Context, *s3.CreateMultipartUploadInput, ...func(*s3.Options)) (*s3.CreateMultipartUploadOutput, error)
	UploadPart(context.Context, *s3.UploadPartInput, ...func(*s3.Options)) (*s3.UploadPartOutput, error)
	CompleteMultipartUpload(context.Context, *s3.CompleteMultipartUploadInput, ...func(*s3.Options)) (*s3.CompleteMultipartUploadOutput, error)
	AbortMultipartUpload(context.Context, *s3.AbortMultipartUploadInput, ...func(*s3.Options)) (*s3.AbortMultipartUploadOutput, error)
	// ListParts is what Resume learns an upload's parts from.
	ListParts(context.Context, *s3.ListPartsInput, ...func(*s3.Options)) (*s3.ListPartsOutput, error)
	HeadObject(context.Context, *s3.HeadObjectInput, ...func(*s3.Options)) (*s3.HeadObjectOutput, error)
	GetObject(context.Context, *s3.GetObjectInput, ...func(*s3.Options)) (*s3.GetObjectOutput, error)
}

var _ API = (*s3.Client)(nil)

// Object is what a transfer moves: a key, and for uploads the settings
// of the object to write.
type Object struct {
	Bucket, Key string
	// Put holds the object's settings (content type, metadata, storage
	// class, encryption, ...) as a PutObjectInput without a body; nil for
	// none. Multipart uploads carry them over to CreateMultipartUpload,
	// and the SSE-C key and payer settings to every part.
	Put *s3.PutObjectInput
}

func (o Object) put() *s3.PutObjectInput {
	if o.Put == nil {
		return &s3.PutObjectInput{}
	}
	return o.Put
}
