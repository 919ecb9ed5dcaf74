package s3test_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3/s3test"
)

func TestUploadPartCopy(t *testing.T) {
	const mib = 1 << 20
	src := pattern(12*mib+5, 7)
	for _, disk := range []bool{false, true} {
		t.Run(fmt.Sprintf("disk=%v", disk), func(t *testing.T) {
			var opts []fakes.Option
			if disk {
				opts = append(opts, s3test.WithDir(t.TempDir()))
			}
			srv := s3test.Start(t, opts...)
			c := client(srv)
			ctx := context.Background()
			mustBucket(t, c, "bkt")
			if err := srv.PutObject("bkt", "src", src, nil); err != nil {
				t.Fatal(err)
			}
			up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("dst")})
			if err != nil {
				t.Fatal(err)
			}
			copyPart := func(n int32, rng string) (*s3.UploadPartCopyOutput, error) {
				in := &s3.UploadPartCopyInput{Bucket: aws.String("bkt"), Key: aws.String("dst"), UploadId: up.UploadId,
					PartNumber: aws.Int32(n), CopySource: aws.String("bkt/src")}
				if rng != "" {
					in.CopySourceRange = aws.String(rng)
				}
				return c.UploadPartCopy(ctx, in)
			}

			bad := []struct{ rng, code string }{
				{"bytes=5-2", "InvalidArgument"},
				{"0-10", "InvalidArgument"},
				{"bytes=0-", "InvalidArgument"},
				{"bytes=-10", "InvalidArgument"},
				{fmt.Sprintf("bytes=0-%d", len(src)), "InvalidArgument"},
			}
			for _, b := range bad {
				_, err := copyPart(1, b.rng)
				if diff := cmp.Diff(b.code, errCode(t, err)); diff != "" {
					t.Errorf("range %q (-want +got):\n%s", b.rng, diff)
				}
			}
			in := &s3.UploadPartCopyInput{Bucket: aws.String("bkt"), Key: aws.String("dst"), UploadId: up.UploadId,
				PartNumber: aws.Int32(1), CopySource: aws.String("bkt/missing")}
			if _, err := c.UploadPartCopy(ctx, in); errCode(t, err) != "NoSuchKey" {
				t.Errorf("missing source: %v, want NoSuchKey", err)
			}

			ranges := []struct {
				n          int32
				rng        string
				start, end int
			}{
				{1, fmt.Sprintf("bytes=0-%d", 5*mib-1), 0, 5 * mib},
				{2, fmt.Sprintf("bytes=%d-%d", 5*mib, 10*mib-1), 5 * mib, 10 * mib},
				{3, fmt.Sprintf("bytes=%d-%d", 10*mib, len(src)-1), 10 * mib, len(src)},
			}
			var parts []types.CompletedPart
			for _, r := range ranges {
				out, err := copyPart(r.n, r.rng)
				if err != nil {
					t.Fatalf("UploadPartCopy %s: %v", r.rng, err)
				}
				sum := md5.Sum(src[r.start:r.end])
				if got, want := aws.ToString(out.CopyPartResult.ETag), fmt.Sprintf("%q", fmt.Sprintf("%x", sum)); got != want {
					t.Errorf("part %d ETag = %s, want %s", r.n, got, want)
				}
				parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(r.n), ETag: out.CopyPartResult.ETag})
			}
			lp, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("dst"), UploadId: up.UploadId})
			if err != nil {
				t.Fatal(err)
			}
			var sizes []int64
			for _, p := range lp.Parts {
				sizes = append(sizes, aws.ToInt64(p.Size))
			}
			if diff := cmp.Diff([]int64{5 * mib, 5 * mib, int64(len(src) - 10*mib)}, sizes); diff != "" {
				t.Errorf("part sizes (-want +got):\n%s", diff)
			}
			if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("dst"),
				UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}); err != nil {
				t.Fatal(err)
			}
			info, ok := srv.Object("bkt", "dst")
			if !ok || !bytes.Equal(info.Data, src) {
				t.Errorf("assembled copy: %d bytes, want the %d of the source", len(info.Data), len(src))
			}

			// Without a range the part is the whole source.
			up2, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("whole")})
			if err != nil {
				t.Fatal(err)
			}
			out, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String("bkt"), Key: aws.String("whole"),
				UploadId: up2.UploadId, PartNumber: aws.Int32(1), CopySource: aws.String("/bkt/dst")})
			if err != nil {
				t.Fatal(err)
			}
			sum := md5.Sum(src)
			if got, want := aws.ToString(out.CopyPartResult.ETag), fmt.Sprintf("%q", fmt.Sprintf("%x", sum)); got != want {
				t.Errorf("whole-object part ETag = %s, want %s", got, want)
			}
		})
	}
}
