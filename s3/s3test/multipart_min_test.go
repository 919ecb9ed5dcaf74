package s3test_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto/s3/s3test"
)

// WithMinPartSize moves the EntityTooSmall floor (S3 API Reference,
// CompleteMultipartUpload: "EntityTooSmall: Your proposed upload is
// smaller than the minimum allowed object size. Each part must be at
// least 5 MB in size, except the last part.") and nothing else.
func TestWithMinPartSize(t *testing.T) {
	srv := s3test.Start(t, s3test.WithMinPartSize(1024))
	ctx := context.Background()
	c := client(srv)
	mustBucket(t, c, "bkt")
	upload := func(key string, sizes ...int) error {
		t.Helper()
		out, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		var parts []types.CompletedPart
		for i, n := range sizes {
			p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String(key), UploadId: out.UploadId,
				PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(bytes.Repeat([]byte{'x'}, n))})
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(int32(i + 1)), ETag: p.ETag})
		}
		_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
			UploadId: out.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
		return err
	}
	if err := upload("at-floor", 1024, 1024, 3); err != nil {
		t.Errorf("parts of the lowered minimum: %v", err)
	}
	if got := errCode(t, upload("under-floor", 1023, 1024)); got != "EntityTooSmall" {
		t.Errorf("a part under the lowered minimum: %q, want EntityTooSmall", got)
	}
}
