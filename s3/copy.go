package s3

import (
	"context"
	"maps"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto/internal/core"
)

// CopyOption changes how Copy writes the new object.
type CopyOption interface{ applyCopy(*s3.CopyObjectInput) }

type copyOptionFunc func(*s3.CopyObjectInput)

func (f copyOptionFunc) applyCopy(in *s3.CopyObjectInput) { f(in) }

// ReplaceMetadata is a CopyOption giving the copy the content type and
// user metadata passed here instead of the source's (MetadataDirective
// REPLACE). Without it the copy keeps the source's. The map is copied.
func ReplaceMetadata(contentType string, metadata map[string]string) CopyOption {
	metadata = maps.Clone(metadata)
	return copyOptionFunc(func(in *s3.CopyObjectInput) {
		in.MetadataDirective = types.MetadataDirectiveReplace
		if contentType != "" {
			in.ContentType = aws.String(contentType)
		}
		in.Metadata = metadata
	})
}

// CopyStorageClass is a CopyOption choosing the copy's storage class.
func CopyStorageClass(c string) CopyOption {
	return copyOptionFunc(func(in *s3.CopyObjectInput) { in.StorageClass = types.StorageClass(c) })
}

// copyInput builds a CopyObject request; CopySource is "bucket/key" with
// the key URL-escaped, as S3 wants it.
func (k *Key) copyInput(dstBucket, dstKey string, opts []CopyOption) *s3.CopyObjectInput {
	in := &s3.CopyObjectInput{
		Bucket:     aws.String(dstBucket),
		Key:        aws.String(dstKey),
		CopySource: aws.String(k.Bucket.Name + "/" + escapeKey(k.Name)),
	}
	for _, o := range opts {
		if o != nil {
			o.applyCopy(in)
		}
	}
	return in
}

// escapeKey URL-escapes each '/'-separated segment of a key.
func escapeKey(key string) string {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// Copy copies the object to dstKey in dstBucket (CopyObject), which may be
// this bucket, and returns a handle on the copy with its ETag and
// LastModified set. S3 copies objects of at most 5 GiB this way; larger
// ones need a multipart copy, which goboto does not offer yet, and S3
// refuses them with InvalidRequest.
func (k *Key) Copy(ctx context.Context, dstBucket, dstKey string, opts ...CopyOption) (*Key, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	if err := validBucketName(dstBucket); err != nil {
		return nil, err
	}
	if err := validKeyName("DestinationKey", dstKey); err != nil {
		return nil, err
	}
	out, err := k.client.CopyObject(ctx, k.copyInput(dstBucket, dstKey, opts))
	if err != nil {
		return nil, core.Error(err)
	}
	dst := k.Conn.Bucket(dstBucket).Key(dstKey)
	if r := out.CopyObjectResult; r != nil {
		dst.ETag = aws.ToString(r.ETag)
		dst.LastModified = aws.ToTime(r.LastModified)
	}
	return dst, nil
}
