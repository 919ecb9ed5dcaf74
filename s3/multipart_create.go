package s3

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/internal/core"
)

// abortTimeout bounds CreateMultipartUpload and the AbortMultipartUpload
// of a failed upload, which run on contexts of their own, since the
// caller's may be the reason the upload failed.
const abortTimeout = 30 * time.Second

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
		return nil, errors.Join(err, c.abandonUpload(ctx, aws.ToString(in.Bucket), aws.ToString(in.Key), aws.ToString(out.UploadId)))
	}
	return out, nil
}

// abandonUpload aborts a multipart upload that failed or was cancelled
// (AbortMultipartUpload), so none of its parts stay billed. Like
// createUpload it runs on a context without ctx's cancellation, bounded by
// abortTimeout, and it retries as parts do. An upload already gone counts
// as aborted.
func (c *Conn) abandonUpload(ctx context.Context, bucket, key, uploadID string) error {
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
	defer cancel()
	return retryPart(actx, func() error {
		_, err := c.client.AbortMultipartUpload(actx, &s3.AbortMultipartUploadInput{
			Bucket: aws.String(bucket), Key: aws.String(key), UploadId: aws.String(uploadID),
		})
		err = core.Error(err)
		if hasCode(err, "NoSuchUpload", 404) {
			return nil
		}
		return err
	})
}
