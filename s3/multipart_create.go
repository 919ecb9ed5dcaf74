package s3

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/internal/core"
)

// createUpload starts a multipart upload (CreateMultipartUpload) so that
// no cancellation can orphan it. Cancelling a request S3 has already
// acted on would leave an upload whose ID the caller never learns, and so
// can never abort, billed until a lifecycle rule removes it. The request
// therefore runs on a context that keeps ctx's values but not its
// cancellation or deadline, bounded by abortTimeout instead. If ctx ends
// meanwhile, the new upload is aborted at once (AbortMultipartUpload)
// and ctx's error returned.
func (c *Conn) createUpload(ctx context.Context, in *s3.CreateMultipartUploadInput) (*s3.CreateMultipartUploadOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
	defer cancel()
	out, err := c.client.CreateMultipartUpload(cctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	if err := ctx.Err(); err != nil {
		_, aerr := c.client.AbortMultipartUpload(cctx, &s3.AbortMultipartUploadInput{
			Bucket: in.Bucket, Key: in.Key, UploadId: out.UploadId, ExpectedBucketOwner: in.ExpectedBucketOwner,
		})
		return nil, errors.Join(err, core.Error(aerr))
	}
	return out, nil
}
