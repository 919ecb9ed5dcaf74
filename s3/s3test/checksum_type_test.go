package s3test_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

// TestSinglePutChecksumType: a checksum sent with PutObject covers the
// whole object, so S3 calls it FULL_OBJECT, on the PUT's answer and on
// HEAD, and a copy keeps it.
func TestSinglePutChecksumType(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "sums")
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("sums"), Key: aws.String("k"),
		Body: strings.NewReader("123456789"), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c})
	if err != nil {
		t.Fatal(err)
	}
	const crc32c = "4waSgw==" // CRC32C of "123456789" (0xE3069283), base64
	type got struct{ Sum, Type string }
	if diff := cmp.Diff(got{crc32c, "FULL_OBJECT"}, got{aws.ToString(put.ChecksumCRC32C), string(put.ChecksumType)}); diff != "" {
		t.Errorf("PutObject (-want +got):\n%s", diff)
	}
	if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("sums"), Key: aws.String("copy"),
		CopySource: aws.String("sums/k")}); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"k", "copy"} {
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("sums"), Key: aws.String(key),
			ChecksumMode: types.ChecksumModeEnabled})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got{crc32c, "FULL_OBJECT"}, got{aws.ToString(head.ChecksumCRC32C), string(head.ChecksumType)}); diff != "" {
			t.Errorf("HeadObject %s (-want +got):\n%s", key, diff)
		}
	}
}
