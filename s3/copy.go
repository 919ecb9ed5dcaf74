package s3

import (
	"context"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto/internal/core"
)

// copyInput builds a CopyObject request; CopySource is "bucket/key" with
// the key URL-escaped, as S3 wants it.
func (k *Key) copyInput(dstBucket, dstKey string, o CopyOptions) *s3.CopyObjectInput {
	source := k.bucket.Name + "/" + escapeKey(k.Name)
	if o.SourceVersion != "" {
		source += "?versionId=" + strings.ReplaceAll(url.QueryEscape(o.SourceVersion), "+", "%20")
	}
	in := &s3.CopyObjectInput{
		Bucket:       aws.String(dstBucket),
		Key:          aws.String(dstKey),
		CopySource:   aws.String(source),
		StorageClass: types.StorageClass(o.StorageClass),
	}
	if o.ReplaceMetadata {
		in.MetadataDirective = types.MetadataDirectiveReplace
		if o.ContentType != "" {
			in.ContentType = aws.String(o.ContentType)
		}
		in.Metadata = o.Metadata
	}
	applyGrants(o.Grants, grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead, readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
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
	o, err := copyOptions(opts)
	if err != nil {
		return nil, err
	}
	if o.PartSize > 0 || k.Size > copyObjectMax {
		return k.copyMultipart(ctx, dstBucket, dstKey, o)
	}
	dst, err := k.copyObject(ctx, dstBucket, dstKey, o)
	if tooLargeToCopy(err) {
		return k.copyMultipart(ctx, dstBucket, dstKey, o)
	}
	return dst, err
}

// copyObject copies in one CopyObject request.
func (k *Key) copyObject(ctx context.Context, dstBucket, dstKey string, o CopyOptions) (*Key, error) {
	out, err := k.client().CopyObject(ctx, k.copyInput(dstBucket, dstKey, o))
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
