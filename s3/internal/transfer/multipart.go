package transfer

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// abortTimeout bounds CreateMultipartUpload and the AbortMultipartUpload
// of a failed upload, which run on contexts of their own, since the
// caller's may be the reason the upload failed.
const abortTimeout = 30 * time.Second

// Create starts a multipart upload (CreateMultipartUpload) so that no
// cancellation can orphan it. Cancelling a request S3 has already acted
// on would leave an upload whose ID the caller never learns, and so can
// never abort, billed until a lifecycle rule removes it. The request
// therefore runs on a context that keeps ctx's values but not its
// cancellation or deadline, bounded by abortTimeout instead. If ctx ends
// meanwhile, the new upload is aborted at once (AbortMultipartUpload)
// and ctx's error returned.
func Create(ctx context.Context, api API, in *s3.CreateMultipartUploadInput) (*s3.CreateMultipartUploadOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
	defer cancel()
	out, err := api.CreateMultipartUpload(cctx, in)
	if err != nil {
		return nil, core.Error(err)
	}
	if err := ctx.Err(); err != nil {
		return nil, errors.Join(err, Abandon(ctx, api, aws.ToString(in.Bucket), aws.ToString(in.Key), aws.ToString(out.UploadId)))
	}
	return out, nil
}

// Abandon aborts a multipart upload that failed or was cancelled
// (AbortMultipartUpload), so none of its parts stay billed. Like Create
// it runs on a context without ctx's cancellation, bounded by
// abortTimeout, and it retries as parts do. An upload already gone
// counts as aborted.
func Abandon(ctx context.Context, api API, bucket, key, uploadID string) error {
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abortTimeout)
	defer cancel()
	return Retry(actx, func() error {
		_, err := api.AbortMultipartUpload(actx, &s3.AbortMultipartUploadInput{
			Bucket: aws.String(bucket), Key: aws.String(key), UploadId: aws.String(uploadID),
		})
		err = core.Error(err)
		if noSuchUpload(err) {
			return nil
		}
		return err
	})
}

func noSuchUpload(err error) bool {
	var ae *goboto.APIError
	return errors.As(err, &ae) && (ae.Code == "NoSuchUpload" || ae.Code == "" && ae.StatusCode == 404)
}
