package s3test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

// TestCheckPostSignatureSigV2 pins S3's answer to POST forms signed with
// Signature Version 2 (fields AWSAccessKeyId and signature): 400
// InvalidRequest, "Please use AWS4-HMAC-SHA256", as S3 answers any SigV2
// request where it takes SigV4 only (Amazon S3 API Reference, "Browser-Based
// Uploads Using POST (AWS Signature Version 4)"; Signature Version 2 is
// turned off for buckets created since June 2020). A form with no
// signature at all is still refused as anonymous.
func TestCheckPostSignatureSigV2(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]string
		want   string
	}{
		{"sigv2 form", map[string]string{"awsaccesskeyid": fake.TestAccessKeyID, "policy": "e30=", "signature": "c2ln"}, "InvalidRequest"},
		{"sigv2 key only", map[string]string{"awsaccesskeyid": fake.TestAccessKeyID, "policy": "e30="}, "InvalidRequest"},
		{"unsigned", map[string]string{"policy": "e30="}, "AccessDenied"},
		{"sigv4 without credential", map[string]string{"policy": "e30=", "x-amz-signature": "00", "x-amz-date": "20250101T000000Z"}, "InvalidArgument"},
	}
	b, _ := NewBackend()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.checkPostSignature(tt.fields)
			var e *fake.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *fake.Error", err)
			}
			if diff := cmp.Diff(tt.want, e.Code); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}
