package s3test_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"hash/crc64"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// crcB64 is the CRC of data by alg as S3 writes it, straight from
// hash/crc32 and hash/crc64.
func crcB64(alg types.ChecksumAlgorithm, data []byte) string {
	switch alg {
	case types.ChecksumAlgorithmCrc32:
		return b64(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(data)))
	case types.ChecksumAlgorithmCrc32c:
		return b64(binary.BigEndian.AppendUint32(nil, crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli))))
	}
	return b64(binary.BigEndian.AppendUint64(nil, crc64.Checksum(data, crc64.MakeTable(0x9a6c9329ac4bc9b5))))
}

// checksumFields points at the checksum of alg in an SDK shape.
type checksumFields struct{ crc32, crc32c, crc64nvme, sha1, sha256 **string }

func (f checksumFields) of(alg types.ChecksumAlgorithm) **string {
	switch alg {
	case types.ChecksumAlgorithmCrc32:
		return f.crc32
	case types.ChecksumAlgorithmCrc32c:
		return f.crc32c
	case types.ChecksumAlgorithmCrc64nvme:
		return f.crc64nvme
	case types.ChecksumAlgorithmSha1:
		return f.sha1
	}
	return f.sha256
}

// noAutoChecksum is a client that sends checksums only when told to.
func noAutoChecksum(srv *s3test.Server) *s3.Client {
	return s3.NewFromConfig(srv.Config(""), func(o *s3.Options) {
		o.UsePathStyle = true
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
}

func TestCreateMultipartUploadChecksumRules(t *testing.T) {
	srv := s3test.Start(t)
	c := noAutoChecksum(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	type result struct {
		Code, Algorithm, Type string
		Listed                []string // ListMultipartUploads and ListParts: algorithm, type
	}
	tests := []struct {
		name string
		alg  types.ChecksumAlgorithm
		typ  types.ChecksumType
		want result
	}{
		{"none", "", "", result{Listed: []string{"", "", "", ""}}},
		{"crc32 defaults to composite", "CRC32", "", result{"", "CRC32", "COMPOSITE", []string{"CRC32", "COMPOSITE", "CRC32", "COMPOSITE"}}},
		{"sha256 defaults to composite", "SHA256", "", result{"", "SHA256", "COMPOSITE", []string{"SHA256", "COMPOSITE", "SHA256", "COMPOSITE"}}},
		{"crc64nvme defaults to full object", "CRC64NVME", "", result{"", "CRC64NVME", "FULL_OBJECT",
			[]string{"CRC64NVME", "FULL_OBJECT", "CRC64NVME", "FULL_OBJECT"}}},
		{"crc32c full object", "CRC32C", "FULL_OBJECT", result{"", "CRC32C", "FULL_OBJECT",
			[]string{"CRC32C", "FULL_OBJECT", "CRC32C", "FULL_OBJECT"}}},
		{"sha1 composite", "SHA1", "COMPOSITE", result{"", "SHA1", "COMPOSITE", []string{"SHA1", "COMPOSITE", "SHA1", "COMPOSITE"}}},
		{"sha256 full object", "SHA256", "FULL_OBJECT", result{Code: "InvalidRequest"}},
		{"sha1 full object", "SHA1", "FULL_OBJECT", result{Code: "InvalidRequest"}},
		{"crc64nvme composite", "CRC64NVME", "COMPOSITE", result{Code: "InvalidRequest"}},
		{"type without algorithm", "", "FULL_OBJECT", result{Code: "InvalidRequest"}},
		{"unknown type", "CRC32", "WHOLE", result{Code: "InvalidRequest"}},
		{"unknown algorithm", "MD4", "", result{Code: "InvalidRequest"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := "k" + string(rune('a'+i))
			out, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
				ChecksumAlgorithm: tt.alg, ChecksumType: tt.typ})
			got := result{Code: errCode(t, err)}
			if err == nil {
				got.Algorithm, got.Type = string(out.ChecksumAlgorithm), string(out.ChecksumType)
				ups, err := c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("bkt"), Prefix: aws.String(key)})
				if err != nil || len(ups.Uploads) != 1 {
					t.Fatalf("ListMultipartUploads: %v", err)
				}
				lp, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("bkt"), Key: aws.String(key), UploadId: out.UploadId})
				if err != nil {
					t.Fatal(err)
				}
				got.Listed = []string{string(ups.Uploads[0].ChecksumAlgorithm), string(ups.Uploads[0].ChecksumType),
					string(lp.ChecksumAlgorithm), string(lp.ChecksumType)}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CreateMultipartUpload(%q, %q) (-want +got):\n%s", tt.alg, tt.typ, diff)
			}
		})
	}
}

// objectChecksum is what HeadObject or GetObject answer with checksum
// mode: the checksum of alg and the checksum type.
func objectChecksum(alg types.ChecksumAlgorithm, f checksumFields, typ types.ChecksumType) []string {
	return []string{aws.ToString(*f.of(alg)), string(typ)}
}

// A FULL_OBJECT upload of two parts gets the CRC of the whole object,
// reported by CompleteMultipartUpload, HeadObject and GetObject but not by
// a ranged GetObject.
func TestFullObjectChecksum(t *testing.T) {
	const mib = 1 << 20
	srv := s3test.Start(t)
	c := noAutoChecksum(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	parts := [][]byte{pattern(5*mib, 3), pattern(4321, 4)}
	whole := bytes.Join(parts, nil)
	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32c, types.ChecksumAlgorithmCrc64nvme} {
		t.Run(string(alg), func(t *testing.T) {
			key := "full-" + string(alg)
			want := []string{crcB64(alg, whole), "FULL_OBJECT"}
			up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
				ChecksumAlgorithm: alg, ChecksumType: types.ChecksumTypeFullObject})
			if err != nil {
				t.Fatal(err)
			}
			var done []types.CompletedPart
			for i, p := range parts {
				in := &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String(key), UploadId: up.UploadId,
					PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p)}
				*checksumFields{&in.ChecksumCRC32, &in.ChecksumCRC32C, &in.ChecksumCRC64NVME, &in.ChecksumSHA1, &in.ChecksumSHA256}.of(alg) =
					aws.String(crcB64(alg, p))
				out, err := c.UploadPart(ctx, in)
				if err != nil {
					t.Fatal(err)
				}
				cp := types.CompletedPart{PartNumber: in.PartNumber, ETag: out.ETag}
				*checksumFields{&cp.ChecksumCRC32, &cp.ChecksumCRC32C, &cp.ChecksumCRC64NVME, &cp.ChecksumSHA1, &cp.ChecksumSHA256}.of(alg) =
					aws.String(crcB64(alg, p))
				done = append(done, cp)
			}
			in := &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key), UploadId: up.UploadId,
				ChecksumType: types.ChecksumTypeFullObject, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}}
			field := checksumFields{&in.ChecksumCRC32, &in.ChecksumCRC32C, &in.ChecksumCRC64NVME, &in.ChecksumSHA1, &in.ChecksumSHA256}.of(alg)
			*field = aws.String(crcB64(alg, []byte("not the object")))
			if _, err := c.CompleteMultipartUpload(ctx, in); errCode(t, err) != "BadDigest" {
				t.Errorf("complete with a wrong whole-object CRC: %v, want BadDigest", err)
			}
			*field = aws.String(want[0])
			out, err := c.CompleteMultipartUpload(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, objectChecksum(alg, checksumFields{&out.ChecksumCRC32, &out.ChecksumCRC32C,
				&out.ChecksumCRC64NVME, &out.ChecksumSHA1, &out.ChecksumSHA256}, out.ChecksumType)); diff != "" {
				t.Errorf("CompleteMultipartUpload (-want +got):\n%s", diff)
			}
			head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, objectChecksum(alg, checksumFields{&head.ChecksumCRC32, &head.ChecksumCRC32C,
				&head.ChecksumCRC64NVME, &head.ChecksumSHA1, &head.ChecksumSHA256}, head.ChecksumType)); diff != "" {
				t.Errorf("HeadObject (-want +got):\n%s", diff)
			}
			for _, rng := range []string{"", "bytes=10-99"} {
				get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key),
					ChecksumMode: types.ChecksumModeEnabled, Range: aws.String(rng)})
				if err != nil {
					t.Fatal(err)
				}
				io.Copy(io.Discard, get.Body)
				get.Body.Close()
				wantGet := want
				if rng != "" {
					wantGet = []string{"", ""} // S3 sends no whole-object checksum with part of the object
				}
				if diff := cmp.Diff(wantGet, objectChecksum(alg, checksumFields{&get.ChecksumCRC32, &get.ChecksumCRC32C,
					&get.ChecksumCRC64NVME, &get.ChecksumSHA1, &get.ChecksumSHA256}, get.ChecksumType)); diff != "" {
					t.Errorf("GetObject range %q (-want +got):\n%s", rng, diff)
				}
			}
		})
	}
}

// The rules of UploadPart and CompleteMultipartUpload for the checksum an
// upload declared.
func TestMultipartChecksumErrors(t *testing.T) {
	srv := s3test.Start(t)
	c := noAutoChecksum(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	data := []byte("one small part")
	tests := []struct {
		name        string
		alg         types.ChecksumAlgorithm
		typ         types.ChecksumType
		partAlg     types.ChecksumAlgorithm // "" sends no part checksum
		listSum     bool                    // list the part's checksum in the complete request
		completeTyp types.ChecksumType
		want        []string // UploadPart error, CompleteMultipartUpload error, object checksum
	}{
		{"composite part without checksum", "CRC32", "", "", false, "", []string{"InvalidRequest", "", ""}},
		{"composite part of another algorithm", "CRC32", "", "CRC32C", false, "", []string{"InvalidRequest", "", ""}},
		{"full object part of another algorithm", "CRC32C", "FULL_OBJECT", "CRC32", false, "", []string{"InvalidRequest", "", ""}},
		{"full object part without checksum", "CRC32C", "FULL_OBJECT", "", false, "", []string{"", "", crcB64("CRC32C", data)}},
		{"composite complete without part checksum", "CRC32", "", "CRC32", false, "", []string{"", "InvalidRequest", ""}},
		{"complete with another type", "CRC32", "", "CRC32", true, "FULL_OBJECT", []string{"", "InvalidRequest", ""}},
		{"composite complete", "CRC32", "", "CRC32", true, "COMPOSITE", []string{"", "",
			b64(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(data))))) + "-1"}},
		{"crc64nvme parts of an upload without algorithm", "", "", "CRC64NVME", true, "", []string{"", "", crcB64("CRC64NVME", data)}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := "k" + string(rune('a'+i))
			up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
				ChecksumAlgorithm: tt.alg, ChecksumType: tt.typ})
			if err != nil {
				t.Fatal(err)
			}
			in := &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String(key), UploadId: up.UploadId,
				PartNumber: aws.Int32(1), Body: bytes.NewReader(data)}
			if tt.partAlg != "" {
				in.ChecksumAlgorithm = tt.partAlg
			}
			got := make([]string, 3)
			out, err := c.UploadPart(ctx, in)
			got[0] = errCode(t, err)
			if err == nil {
				cp := types.CompletedPart{PartNumber: aws.Int32(1), ETag: out.ETag}
				if tt.listSum {
					cp.ChecksumCRC32, cp.ChecksumCRC32C, cp.ChecksumCRC64NVME = out.ChecksumCRC32, out.ChecksumCRC32C, out.ChecksumCRC64NVME
				}
				_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String(key),
					UploadId: up.UploadId, ChecksumType: tt.completeTyp,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{cp}}})
				got[1] = errCode(t, err)
			}
			if obj, ok := srv.Object("bkt", key); ok {
				for _, v := range obj.Checksums {
					got[2] = v
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("[UploadPart, CompleteMultipartUpload, checksum] (-want +got):\n%s", diff)
			}
		})
	}
}

// A part copied with UploadPartCopy carries no checksum of its own; the
// FULL_OBJECT CRC of the object covers its bytes all the same.
func TestFullObjectChecksumWithCopiedPart(t *testing.T) {
	const mib = 1 << 20
	srv := s3test.Start(t)
	c := noAutoChecksum(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	src, tail := pattern(5*mib+3, 7), pattern(999, 8)
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("src"), Body: bytes.NewReader(src)}); err != nil {
		t.Fatal(err)
	}
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("dst"),
		ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c, ChecksumType: types.ChecksumTypeFullObject})
	if err != nil {
		t.Fatal(err)
	}
	cp, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String("bkt"), Key: aws.String("dst"), UploadId: up.UploadId,
		PartNumber: aws.Int32(1), CopySource: aws.String("bkt/src")})
	if err != nil {
		t.Fatal(err)
	}
	part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("dst"), UploadId: up.UploadId,
		PartNumber: aws.Int32(2), Body: bytes.NewReader(tail), ChecksumCRC32C: aws.String(crcB64(types.ChecksumAlgorithmCrc32c, tail))})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("dst"),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{
			{PartNumber: aws.Int32(1), ETag: cp.CopyPartResult.ETag}, {PartNumber: aws.Int32(2), ETag: part.ETag}}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{crcB64(types.ChecksumAlgorithmCrc32c, append(append([]byte{}, src...), tail...)), "FULL_OBJECT"}
	if diff := cmp.Diff(want, []string{aws.ToString(out.ChecksumCRC32C), string(out.ChecksumType)}); diff != "" {
		t.Errorf("CompleteMultipartUpload [CRC32C, type] (-want +got):\n%s", diff)
	}
}
