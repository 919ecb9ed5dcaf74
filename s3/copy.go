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

// CopyVersion is a CopyOption copying the given version of the source
// rather than its latest (x-amz-copy-source with versionId).
func CopyVersion(id string) CopyOption { return copyVersion(id) }

type copyVersion string

func (v copyVersion) applyCopy(in *s3.CopyObjectInput) {
	id := strings.ReplaceAll(url.QueryEscape(string(v)), "+", "%20")
	in.CopySource = aws.String(aws.ToString(in.CopySource) + "?versionId=" + id)
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
		CopySource: aws.String(k.Bucket().Name + "/" + escapeKey(k.Name)),
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

// Copy copies the object to dstKey in dstBucket, which may be this
// bucket, and returns a handle on the copy with its ETag set. Objects of
// at most 5 GiB are copied in one CopyObject, which also sets the copy's
// LastModified. Larger ones, which CopyObject refuses, and with
// CopyPartSize those larger than the part size, are copied in parts
// (HeadObject, CreateMultipartUpload, UploadPartCopy,
// CompleteMultipartUpload), keeping the source's content type and
// metadata unless ReplaceMetadata says otherwise. Copy knows a source is
// over 5 GiB from k.Size when Head has filled it in, and otherwise from
// CopyObject's refusal. A multipart copy that fails or is cancelled is
// aborted, leaving no parts behind.
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
	if err := checkGrants(opts, true); err != nil {
		return nil, err
	}
	mc, err := multipartCopyOptions(opts)
	if err != nil {
		return nil, err
	}
	if mc.partSize > 0 || k.Size > copyObjectMax {
		return k.copyMultipart(ctx, dstBucket, dstKey, mc, opts)
	}
	dst, err := k.copyObject(ctx, dstBucket, dstKey, opts)
	if tooLargeToCopy(err) {
		return k.copyMultipart(ctx, dstBucket, dstKey, mc, opts)
	}
	return dst, err
}

// copyObject copies in one CopyObject request.
func (k *Key) copyObject(ctx context.Context, dstBucket, dstKey string, opts []CopyOption) (*Key, error) {
	out, err := k.client().CopyObject(ctx, k.copyInput(dstBucket, dstKey, opts))
	if err != nil {
		return nil, core.Error(err)
	}
	dst := k.Conn().Bucket(dstBucket).Key(dstKey)
	if r := out.CopyObjectResult; r != nil {
		dst.ETag = aws.ToString(r.ETag)
		dst.LastModified = aws.ToTime(r.LastModified)
	}
	return dst, nil
}
