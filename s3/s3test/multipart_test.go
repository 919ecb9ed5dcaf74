package s3test_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

func TestMultipartUpload(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "bkt")
	create := func(key string) string {
		t.Helper()
		out, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
			ContentType: aws.String("application/x-big")})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.UploadId)
	}
	put := func(key, id string, n int32, data []byte) string {
		t.Helper()
		out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String(key), UploadId: aws.String(id),
			PartNumber: aws.Int32(n), Body: bytes.NewReader(data)})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.ETag)
	}
	complete := func(key, id string, parts ...types.CompletedPart) (*s3.CompleteMultipartUploadOutput, error) {
		return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
			UploadId: aws.String(id), MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
	}
	cp := func(n int32, etag string) types.CompletedPart {
		return types.CompletedPart{PartNumber: aws.Int32(n), ETag: aws.String(etag)}
	}

	big, small := bytes.Repeat([]byte("x"), 5<<20), []byte("tail")
	id := create("big")
	e1, e2 := put("big", id, 1, big), put("big", id, 2, small)
	parts, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String("big"), UploadId: aws.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int64
	for _, p := range parts.Parts {
		sizes = append(sizes, aws.ToInt64(p.Size))
	}
	if diff := cmp.Diff([]int64{5 << 20, 4}, sizes); diff != "" {
		t.Errorf("ListParts sizes (-want +got):\n%s", diff)
	}
	ups, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("bkt")})
	if err != nil || len(ups.Uploads) != 1 || aws.ToString(ups.Uploads[0].UploadId) != id {
		t.Errorf("ListMultipartUploads = %+v, %v", ups, err)
	}
	for _, tt := range []struct {
		name  string
		parts []types.CompletedPart
		want  string
	}{
		{"out of order", []types.CompletedPart{cp(2, e2), cp(1, e1)}, "InvalidPartOrder"},
		{"wrong etag", []types.CompletedPart{cp(1, e2), cp(2, e2)}, "InvalidPart"},
		{"missing part", []types.CompletedPart{cp(1, e1), cp(3, e2)}, "InvalidPart"},
	} {
		if _, err := complete("big", id, tt.parts...); errCode(t, err) != tt.want {
			t.Errorf("%s: err %v, want %s", tt.name, err, tt.want)
		}
	}
	out, err := complete("big", id, cp(1, e1), cp(2, e2))
	if err != nil {
		t.Fatal(err)
	}
	s1, s2 := md5.Sum(big), md5.Sum(small)
	whole := md5.Sum(append(s1[:], s2[:]...))
	wantETag := fmt.Sprintf(`"%x-2"`, whole)
	if aws.ToString(out.ETag) != wantETag {
		t.Errorf("ETag = %s, want %s", aws.ToString(out.ETag), wantETag)
	}
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("big")})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(got.Body)
	got.Body.Close()
	if !bytes.Equal(data, append(append([]byte(nil), big...), small...)) || aws.ToString(got.ContentType) != "application/x-big" {
		t.Errorf("GetObject after complete: %d bytes, type %s", len(data), aws.ToString(got.ContentType))
	}
	if _, err := complete("big", id, cp(1, e1)); errCode(t, err) != "NoSuchUpload" {
		t.Errorf("complete twice: %v, want NoSuchUpload", err)
	}

	id2 := create("small")
	f1, f2 := put("small", id2, 1, small), put("small", id2, 2, small)
	if _, err := complete("small", id2, cp(1, f1), cp(2, f2)); errCode(t, err) != "EntityTooSmall" {
		t.Errorf("small parts: %v, want EntityTooSmall", err)
	}
	if _, err := c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("small"),
		UploadId: aws.String(id2)}); err != nil {
		t.Errorf("AbortMultipartUpload: %v", err)
	}
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("small"), UploadId: aws.String(id2),
		PartNumber: aws.Int32(3), Body: bytes.NewReader(small)})
	if got := errCode(t, err); got != "NoSuchUpload" {
		t.Errorf("UploadPart after abort: %q, want NoSuchUpload", got)
	}
	id3 := create("k")
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("k"), UploadId: aws.String(id3),
		PartNumber: aws.Int32(10001), Body: bytes.NewReader(small)})
	if got := errCode(t, err); got != "InvalidArgument" {
		t.Errorf("part 10001: %q, want InvalidArgument", got)
	}
}
