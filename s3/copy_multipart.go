package s3

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"golang.org/x/sync/errgroup"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// How Copy goes about a copy; the part limits are MinPartSize,
// MaxPartSize and MaxParts, as for uploads.
const (
	copyObjectMax   = 5 << 30 // the largest source CopyObject takes
	copyPartDefault = 256 << 20
	copyConcurrency = 4
)

// tooLargeToCopy reports whether err is CopyObject refusing a source
// over 5 GiB: S3 answers InvalidRequest, and only the message tells this
// case from the others.
func tooLargeToCopy(err error) bool {
	var ae *goboto.APIError
	return errors.As(err, &ae) && ae.Code == "InvalidRequest" &&
		strings.Contains(ae.Message, "larger than the maximum allowable size for a copy source")
}

// copyMultipart copies the object part by part (CreateMultipartUpload,
// UploadPartCopy, CompleteMultipartUpload). A multipart copy does not
// carry the source's headers over as CopyObject does, so they come from
// a HeadObject of the source, unless ReplaceMetadata gave new ones. Every
// part is copied only if the source still has the ETag the HEAD saw, so a
// source replaced mid-copy fails the copy instead of mixing two objects.
// On any failure, or cancellation, the upload is aborted so that no
// orphaned parts are left to be billed.
func (k *Key) copyMultipart(ctx context.Context, dstBucket, dstKey string, o CopyOptions) (*Key, error) {
	cp := k.copyInput(dstBucket, dstKey, o)
	hin := &s3.HeadObjectInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name)}
	if o.SourceVersion != "" {
		hin.VersionId = aws.String(o.SourceVersion)
	}
	head, err := k.client().HeadObject(ctx, hin)
	if err != nil {
		return nil, core.Error(err)
	}
	size := aws.ToInt64(head.ContentLength)
	partSize := o.PartSize
	if partSize == 0 {
		partSize = max(copyPartDefault, (size+MaxParts-1)/MaxParts)
	}
	if size <= partSize && size <= copyObjectMax {
		return k.copyObject(ctx, dstBucket, dstKey, o)
	}
	parts := partCount(size, partSize)
	if parts > MaxParts {
		return nil, goboto.Invalid("CopyPartSize", strconv.FormatInt(partSize, 10),
			"would copy "+strconv.FormatInt(size, 10)+" bytes in "+strconv.FormatInt(parts, 10)+" parts, over S3's 10,000")
	}
	create := createCopyInput(dstBucket, dstKey, head, cp)
	up, err := k.Conn().createUpload(ctx, create)
	if err != nil {
		return nil, err
	}
	done, err := k.copyParts(ctx, dstBucket, dstKey, aws.ToString(up.UploadId), aws.ToString(cp.CopySource), aws.ToString(head.ETag), size, partSize, o.Concurrency)
	var out *s3.CompleteMultipartUploadOutput
	if err == nil {
		out, err = k.client().CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
			Bucket: aws.String(dstBucket), Key: aws.String(dstKey), UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: done},
		})
		err = core.Error(err)
	}
	if err != nil {
		if aerr := k.Conn().abandonUpload(ctx, dstBucket, dstKey, aws.ToString(up.UploadId)); aerr != nil {
			return nil, errors.Join(err, aerr)
		}
		return nil, err
	}
	dst := k.Conn().Bucket(dstBucket).Key(dstKey)
	dst.ETag = aws.ToString(out.ETag)
	dst.Size = size
	dst.ContentType = aws.ToString(create.ContentType)
	dst.Metadata = create.Metadata
	dst.CacheControl = aws.ToString(create.CacheControl)
	dst.StorageClass = string(create.StorageClass)
	return dst, nil
}

// copyParts copies the source's bytes in parts of partSize, concurrency
// at a time, and returns the completed parts in order. The first failure
// cancels the parts still in flight.
func (k *Key) copyParts(ctx context.Context, dstBucket, dstKey, uploadID, source, etag string, size, partSize int64, concurrency int) ([]types.CompletedPart, error) {
	n := int(partCount(size, partSize))
	done := make([]types.CompletedPart, n)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		first := int64(i) * partSize
		last := min(first+partSize, size) - 1
		num := int32(i + 1)
		g.Go(func() error {
			in := &s3.UploadPartCopyInput{
				Bucket: aws.String(dstBucket), Key: aws.String(dstKey), UploadId: aws.String(uploadID),
				PartNumber: aws.Int32(num), CopySource: aws.String(source),
				CopySourceRange: aws.String("bytes=" + strconv.FormatInt(first, 10) + "-" + strconv.FormatInt(last, 10)),
			}
			if etag != "" {
				in.CopySourceIfMatch = aws.String(etag)
			}
			out, err := k.client().UploadPartCopy(gctx, in)
			if err != nil {
				return core.Error(err)
			}
			if out.CopyPartResult == nil || aws.ToString(out.CopyPartResult.ETag) == "" {
				return errors.New("s3: UploadPartCopy of part " + strconv.Itoa(int(num)) + " answered no ETag")
			}
			done[num-1] = types.CompletedPart{PartNumber: aws.Int32(num), ETag: out.CopyPartResult.ETag}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	// A cancellation between parts stops the loop without any part
	// failing; it must not complete a short object.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return done, nil
}

// createCopyInput starts the multipart upload with what a CopyObject
// would have given the copy: the caller's options as they set up cp, and
// with MetadataDirective COPY (the default) the source's headers from head.
func createCopyInput(dstBucket, dstKey string, head *s3.HeadObjectOutput, cp *s3.CopyObjectInput) *s3.CreateMultipartUploadInput {
	in := &s3.CreateMultipartUploadInput{
		Bucket: aws.String(dstBucket), Key: aws.String(dstKey),
		ContentType: cp.ContentType, Metadata: cp.Metadata, CacheControl: cp.CacheControl,
		ContentDisposition: cp.ContentDisposition, ContentEncoding: cp.ContentEncoding, ContentLanguage: cp.ContentLanguage,
		StorageClass: cp.StorageClass, ServerSideEncryption: cp.ServerSideEncryption, SSEKMSKeyId: cp.SSEKMSKeyId,
		ACL: cp.ACL, GrantFullControl: cp.GrantFullControl, GrantRead: cp.GrantRead,
		GrantReadACP: cp.GrantReadACP, GrantWriteACP: cp.GrantWriteACP, Tagging: cp.Tagging,
	}
	if cp.MetadataDirective != types.MetadataDirectiveReplace {
		in.ContentType = head.ContentType
		in.Metadata = head.Metadata
		in.CacheControl = head.CacheControl
		in.ContentDisposition = head.ContentDisposition
		in.ContentEncoding = head.ContentEncoding
		in.ContentLanguage = head.ContentLanguage
		in.WebsiteRedirectLocation = head.WebsiteRedirectLocation
	}
	return in
}
