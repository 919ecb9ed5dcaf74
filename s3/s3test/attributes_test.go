package s3test_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

// TestGetObjectAttributes pins S3 API Reference, GetObjectAttributes: the
// attributes asked for, the ETag without quotes, the checksum with its
// type, and ObjectParts (with TotalPartsCount, paged by MaxParts) only
// for a multipart object.
func TestGetObjectAttributes(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "attrs")
	b := aws.String("attrs")
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: aws.String("single"), Body: strings.NewReader("hello"),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
	if err != nil {
		t.Fatal(err)
	}
	all := []types.ObjectAttributes{types.ObjectAttributesEtag, types.ObjectAttributesChecksum,
		types.ObjectAttributesObjectParts, types.ObjectAttributesStorageClass, types.ObjectAttributesObjectSize}
	type attrs struct {
		ETag, CRC32, Type, StorageClass string
		Size                            int64
		HasParts                        bool
	}
	got1, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: aws.String("single"), ObjectAttributes: all})
	if err != nil {
		t.Fatal(err)
	}
	want := attrs{ETag: strings.Trim(aws.ToString(put.ETag), `"`), CRC32: aws.ToString(put.ChecksumCRC32), Type: "FULL_OBJECT",
		StorageClass: "STANDARD", Size: 5}
	got := attrs{ETag: aws.ToString(got1.ETag), StorageClass: string(got1.StorageClass), Size: aws.ToInt64(got1.ObjectSize),
		HasParts: got1.ObjectParts != nil}
	if got1.Checksum != nil {
		got.CRC32, got.Type = aws.ToString(got1.Checksum.ChecksumCRC32), string(got1.Checksum.ChecksumType)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("single-part attributes (-want +got):\n%s", diff)
	}

	only, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: aws.String("single"),
		ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
	if err != nil || only.ETag != nil || only.StorageClass != "" || aws.ToInt64(only.ObjectSize) != 5 {
		t.Errorf("ObjectSize only = %+v, %v; want the size alone", only, err)
	}

	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: aws.String("multi")})
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	for i, size := range []int{5 << 20, 5 << 20, 7} {
		n := aws.Int32(int32(i + 1))
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: aws.String("multi"), UploadId: up.UploadId, PartNumber: n,
			Body: bytes.NewReader(make([]byte, size))})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, types.CompletedPart{PartNumber: n, ETag: p.ETag})
	}
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: aws.String("multi"), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}); err != nil {
		t.Fatal(err)
	}
	mp, err := c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: aws.String("multi"), ObjectAttributes: all,
		MaxParts: aws.Int32(2)})
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		Total     int32
		Next      string
		Truncated bool
		Numbers   []int32
	}
	var nums []int32
	for _, p := range mp.ObjectParts.Parts {
		nums = append(nums, aws.ToInt32(p.PartNumber))
	}
	gotPage := page{aws.ToInt32(mp.ObjectParts.TotalPartsCount), aws.ToString(mp.ObjectParts.NextPartNumberMarker),
		aws.ToBool(mp.ObjectParts.IsTruncated), nums}
	if diff := cmp.Diff(page{3, "2", true, []int32{1, 2}}, gotPage); diff != "" {
		t.Errorf("ObjectParts (-want +got):\n%s", diff)
	}

	_, err = c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: aws.String("missing"), ObjectAttributes: all})
	if got := errCode(t, err); got != "NoSuchKey" {
		t.Errorf("missing key: %q, want NoSuchKey", got)
	}
}
