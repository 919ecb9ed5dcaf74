package s3test_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

// A multipart upload whose parts carry CRC32s gets S3's composite CRC32:
// the CRC32 of the parts' CRC32s, then "-<parts>".
func TestCompositeChecksum(t *testing.T) {
	const mib = 1 << 20
	ctx := context.Background()
	_, c := startWithBucket(t, "bkt")
	parts := [][]byte{pattern(5*mib, 1), pattern(1234, 2)}
	crc := func(b []byte) []byte { return binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b)) }
	var raw []byte
	for _, p := range parts {
		raw = append(raw, crc(p)...)
	}
	want := base64.StdEncoding.EncodeToString(crc(raw)) + "-2"

	upload := func(key string, tamper bool) (*s3.CompleteMultipartUploadOutput, error) {
		t.Helper()
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
			ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
		if err != nil {
			t.Fatal(err)
		}
		var done []types.CompletedPart
		for i, p := range parts {
			out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String(key), UploadId: up.UploadId,
				PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
			if err != nil {
				t.Fatal(err)
			}
			done = append(done, types.CompletedPart{PartNumber: aws.Int32(int32(i + 1)), ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32})
		}
		lp, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String(key), UploadId: up.UploadId})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range lp.Parts {
			if got, want := aws.ToString(p.ChecksumCRC32), base64.StdEncoding.EncodeToString(crc(parts[i])); got != want {
				t.Errorf("ListParts part %d CRC32 = %s, want %s", i+1, got, want)
			}
		}
		if tamper {
			done[1].ChecksumCRC32 = aws.String("AAAAAA==")
		}
		return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
			UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	}

	if _, err := upload("bad", true); errCode(t, err) != "InvalidPart" {
		t.Errorf("complete with a wrong part CRC32: %v, want InvalidPart", err)
	}
	out, err := upload("k", false)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{want, "COMPOSITE"}, []string{aws.ToString(out.ChecksumCRC32), string(out.ChecksumType)}); diff != "" {
		t.Errorf("CompleteMultipartUpload [CRC32, type] (-want +got):\n%s", diff)
	}
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"), ChecksumMode: types.ChecksumModeEnabled})
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(got.Body)
	got.Body.Close()
	if err != nil || !bytes.Equal(data, bytes.Join(parts, nil)) {
		t.Fatalf("GetObject: %d bytes, %v", len(data), err)
	}
	if diff := cmp.Diff([]string{want, "COMPOSITE"}, []string{aws.ToString(got.ChecksumCRC32), string(got.ChecksumType)}); diff != "" {
		t.Errorf("GetObject [CRC32, type] (-want +got):\n%s", diff)
	}
}
