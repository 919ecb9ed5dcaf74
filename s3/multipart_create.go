package s3

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/s3/internal/transfer"
)

// createUpload starts a multipart upload (CreateMultipartUpload) so that
// no cancellation can orphan it: see transfer.Create.
func (c *Conn) createUpload(ctx context.Context, in *s3.CreateMultipartUploadInput) (*s3.CreateMultipartUploadOutput, error) {
	return transfer.Create(ctx, c.client, in)
}

// abandonUpload aborts a multipart upload that failed or was cancelled
// (AbortMultipartUpload) on a context no cancellation of ctx cuts: see
// transfer.Abandon.
func (c *Conn) abandonUpload(ctx context.Context, bucket, key, uploadID string) error {
	return transfer.Abandon(ctx, c.client, bucket, key, uploadID)
}
