package s3test

import (
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

func TestChecksums(t *testing.T) {
	tests := []struct {
		name     string
		header   map[string]string
		trailers map[string]string
		want     map[string]string
		code     string
	}{
		{"crc32 header", map[string]string{"x-amz-checksum-crc32": "NSRBwg=="}, nil,
			map[string]string{"x-amz-checksum-crc32": "NSRBwg=="}, ""},
		{"crc32 trailer", nil, map[string]string{"x-amz-checksum-crc32": "NSRBwg=="},
			map[string]string{"x-amz-checksum-crc32": "NSRBwg=="}, ""},
		{"wrong crc32", map[string]string{"x-amz-checksum-crc32": "AAAAAA=="}, nil, nil, "BadDigest"},
		{"crc64nvme", map[string]string{"x-amz-checksum-crc64nvme": "BeXKuz/B+us="}, nil,
			map[string]string{"x-amz-checksum-crc64nvme": "BeXKuz/B+us="}, ""},
		{"wrong crc64nvme", map[string]string{"x-amz-checksum-crc64nvme": "AAAAAAAAAAA="}, nil, nil, "BadDigest"},
		{"sha256 bad length", map[string]string{"x-amz-checksum-sha256": "AAAA"}, nil, nil, "InvalidRequest"},
		{"none", nil, nil, map[string]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			got, err := checksums(h, tt.trailers, []byte("abc"))
			code := ""
			if err != nil {
				code = err.(*fake.Error).Code
			}
			if diff := cmp.Diff(tt.code, code); diff != "" {
				t.Fatalf("error code (-want +got):\n%s\nerr: %v", diff, err)
			}
			if tt.code == "" {
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}
		})
	}
}

// checksums is receive's checking of a payload's checksums, over data in
// memory: the x-amz-checksum-* values of the headers or aws-chunked
// trailers, checked against data.
func checksums(h http.Header, trailers map[string]string, data []byte) (map[string]string, error) {
	claims := checksumClaims(h, trailers)
	computed := map[string]string{}
	for _, a := range checksumAlgorithms() {
		if _, ok := claims[a.header]; ok {
			d := a.new()
			d.Write(data)
			computed[a.header] = base64.StdEncoding.EncodeToString(d.Sum(nil))
		}
	}
	return checkChecksums(claims, computed)
}
