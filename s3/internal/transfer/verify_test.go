package transfer

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"
)

func TestObjectChecksum(t *testing.T) {
	type pick struct {
		Alg  Checksum
		Want string
	}
	for _, tc := range []struct {
		name string
		out  s3.HeadObjectOutput
		want pick
	}{
		{"none", s3.HeadObjectOutput{}, pick{ChecksumNone, ""}},
		{"crc64 full object", s3.HeadObjectOutput{ChecksumCRC64NVME: aws.String("AAAAAAAAAAA="), ChecksumType: types.ChecksumTypeFullObject},
			pick{ChecksumCRC64NVME, "AAAAAAAAAAA="}},
		{"sha256 of one put", s3.HeadObjectOutput{ChecksumSHA256: aws.String("c2hh"), ChecksumType: types.ChecksumTypeFullObject},
			pick{ChecksumSHA256, "c2hh"}},
		// Older objects come without a type; a value without "-N" is of
		// the whole object.
		{"sha1 untyped", s3.HeadObjectOutput{ChecksumSHA1: aws.String("c2hhMQ==")}, pick{ChecksumSHA1, "c2hhMQ=="}},
		{"composite sha256", s3.HeadObjectOutput{ChecksumSHA256: aws.String("c2hh-3"), ChecksumType: types.ChecksumTypeComposite},
			pick{ChecksumNone, ""}},
		{"composite untyped", s3.HeadObjectOutput{ChecksumSHA256: aws.String("c2hh-3")}, pick{ChecksumNone, ""}},
		{"composite crc32c", s3.HeadObjectOutput{ChecksumCRC32C: aws.String("AAAAAA==-2"), ChecksumType: types.ChecksumTypeComposite},
			pick{ChecksumNone, ""}},
		// A CRC is preferred: it can be checked from concurrent ranges.
		{"crc and sha", s3.HeadObjectOutput{ChecksumSHA256: aws.String("c2hh"), ChecksumCRC32: aws.String("AAAAAA==")},
			pick{ChecksumCRC32, "AAAAAA=="}},
	} {
		alg, want := objectChecksum(&tc.out)
		if diff := cmp.Diff(tc.want, pick{alg, want}); diff != "" {
			t.Errorf("%s: objectChecksum (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestChecksumKinds(t *testing.T) {
	type kind struct{ CRC, Digest, Valid, Hash bool }
	for _, tc := range []struct {
		c    Checksum
		want kind
	}{
		{ChecksumCRC32C, kind{true, false, true, true}},
		{ChecksumSHA256, kind{false, true, true, true}},
		// SHA-1 is only ever verified, so WithChecksum refuses it.
		{ChecksumSHA1, kind{false, true, false, true}},
		{ChecksumNone, kind{false, false, true, false}},
	} {
		got := kind{tc.c.isCRC(), tc.c.isDigest(), tc.c.Valid(), tc.c.newHash() != nil}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.c, diff)
		}
	}
}

func TestCompositeChecksum(t *testing.T) {
	for _, tc := range []struct {
		name string
		out  s3.HeadObjectOutput
		want Checksum
	}{
		{"none", s3.HeadObjectOutput{}, ChecksumNone},
		{"full object", s3.HeadObjectOutput{ChecksumSHA256: aws.String("c2hh"), ChecksumType: types.ChecksumTypeFullObject}, ChecksumNone},
		{"typed", s3.HeadObjectOutput{ChecksumSHA256: aws.String("c2hh-2"), ChecksumType: types.ChecksumTypeComposite}, ChecksumSHA256},
		{"untyped", s3.HeadObjectOutput{ChecksumCRC32C: aws.String("AAAAAA==-4")}, ChecksumCRC32C},
	} {
		if got := compositeChecksum(&tc.out); got != tc.want {
			t.Errorf("%s: compositeChecksum = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestPartChecksumAndSpans(t *testing.T) {
	out := &s3.GetObjectOutput{ChecksumSHA256: aws.String("cGFydA=="), ChecksumCRC32: aws.String("AAAAAA==-2"),
		ContentRange: aws.String("bytes 5242880-10485759/11534336")}
	got := []string{partChecksum(out, ChecksumSHA256), partChecksum(out, ChecksumCRC32), partChecksum(out, ChecksumSHA1)}
	if diff := cmp.Diff([]string{"cGFydA==", "", ""}, got); diff != "" {
		t.Errorf("partChecksum (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		off, n int64
		want   bool
	}{{5 << 20, 5 << 20, true}, {5 << 20, 5<<20 + 1, false}, {0, 5 << 20, false}, {524288, 5 << 20, false}} {
		if got := spans(out.ContentRange, tc.off, tc.n); got != tc.want {
			t.Errorf("spans(%d, %d) = %v, want %v", tc.off, tc.n, got, tc.want)
		}
	}
	if spans(nil, 0, 1) {
		t.Error("spans(nil) = true")
	}
}
