package s3test_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

// partAnswer is what a HEAD or GET with partNumber and checksum mode
// answers about checksums.
type partAnswer struct {
	CRC32, SHA256, Type string
	PartsCount          int32
}

// TestPartNumberChecksums reads parts of multipart and single-PUT objects
// with HeadObject and GetObject PartNumber and ChecksumMode ENABLED: a
// COMPOSITE object answers each part's own checksum, a FULL_OBJECT one
// only when the part is the whole object, and x-amz-mp-parts-count
// counts the parts of a multipart object.
func TestPartNumberChecksums(t *testing.T) {
	srv := s3test.Start(t)
	c := noAutoChecksum(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")

	big := bytes.Repeat([]byte("0123456789abcdef"), 5<<20/16) // a part may not be smaller but for the last
	small := []byte("the last part")
	sha := func(b []byte) string { s := sha256.Sum256(b); return b64(s[:]) }

	upload := func(key string, alg types.ChecksumAlgorithm, typ types.ChecksumType, parts ...[]byte) {
		t.Helper()
		cr, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: &key,
			ChecksumAlgorithm: alg, ChecksumType: typ})
		if err != nil {
			t.Fatalf("CreateMultipartUpload: %v", err)
		}
		var done []types.CompletedPart
		for i, p := range parts {
			n := int32(i + 1)
			up, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: &key, UploadId: cr.UploadId,
				PartNumber: &n, Body: bytes.NewReader(p), ChecksumAlgorithm: alg})
			if err != nil {
				t.Fatalf("UploadPart %d: %v", n, err)
			}
			done = append(done, types.CompletedPart{PartNumber: &n, ETag: up.ETag, ChecksumCRC32: up.ChecksumCRC32,
				ChecksumSHA256: up.ChecksumSHA256})
		}
		if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: &key,
			UploadId: cr.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}}); err != nil {
			t.Fatalf("CompleteMultipartUpload: %v", err)
		}
	}
	upload("composite", types.ChecksumAlgorithmSha256, "", big, small)
	upload("composite-one", types.ChecksumAlgorithmSha256, "", small)
	upload("full", types.ChecksumAlgorithmCrc32, types.ChecksumTypeFullObject, big, small)
	upload("full-one", types.ChecksumAlgorithmCrc32, types.ChecksumTypeFullObject, small)
	upload("plain", "", "", big, small)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("single"),
		Body: bytes.NewReader(small), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, key string
		part      int32
		mode      types.ChecksumMode
		want      partAnswer
	}{
		{"composite part 1", "composite", 1, types.ChecksumModeEnabled, partAnswer{SHA256: sha(big), Type: "COMPOSITE", PartsCount: 2}},
		{"composite part 2", "composite", 2, types.ChecksumModeEnabled, partAnswer{SHA256: sha(small), Type: "COMPOSITE", PartsCount: 2}},
		{"composite of one part answers the part's, not the composite", "composite-one", 1, types.ChecksumModeEnabled,
			partAnswer{SHA256: sha(small), Type: "COMPOSITE", PartsCount: 1}},
		{"checksum mode off", "composite", 1, "", partAnswer{PartsCount: 2}},
		{"full object, a part of two", "full", 1, types.ChecksumModeEnabled, partAnswer{PartsCount: 2}},
		{"full object, its only part", "full-one", 1, types.ChecksumModeEnabled,
			partAnswer{CRC32: crcB64(types.ChecksumAlgorithmCrc32, small), Type: "FULL_OBJECT", PartsCount: 1}},
		{"multipart without checksums", "plain", 2, types.ChecksumModeEnabled, partAnswer{PartsCount: 2}},
		{"single PUT is its own part 1", "single", 1, types.ChecksumModeEnabled,
			partAnswer{CRC32: crcB64(types.ChecksumAlgorithmCrc32, small), Type: "FULL_OBJECT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: &tt.key,
				PartNumber: &tt.part, ChecksumMode: tt.mode})
			if err != nil {
				t.Fatalf("HeadObject: %v", err)
			}
			got := partAnswer{aws.ToString(head.ChecksumCRC32), aws.ToString(head.ChecksumSHA256), string(head.ChecksumType),
				aws.ToInt32(head.PartsCount)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("HeadObject (-want +got):\n%s", diff)
			}
			// GetObject answers the same, and the SDK checks the
			// checksum it gets against the part's bytes.
			get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: &tt.key,
				PartNumber: &tt.part, ChecksumMode: tt.mode})
			if err != nil {
				t.Fatalf("GetObject: %v", err)
			}
			data, err := io.ReadAll(get.Body)
			get.Body.Close()
			if err != nil {
				t.Fatalf("reading part: %v", err)
			}
			got = partAnswer{aws.ToString(get.ChecksumCRC32), aws.ToString(get.ChecksumSHA256), string(get.ChecksumType),
				aws.ToInt32(get.PartsCount)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("GetObject (-want +got):\n%s", diff)
			}
			wantData := small
			if tt.part == 1 && (tt.key == "composite" || tt.key == "full" || tt.key == "plain") {
				wantData = big
			}
			if !bytes.Equal(data, wantData) {
				t.Errorf("part %d of %s: %d bytes, want %d", tt.part, tt.key, len(data), len(wantData))
			}
		})
	}
}
