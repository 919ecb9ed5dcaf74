package s3

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

// payloadHashes is an HTTP client that answers every request with 200 and
// records each request's x-amz-content-sha256, by method.
type payloadHashes struct {
	mu   sync.Mutex
	seen []string
}

func (p *payloadHashes) Do(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
	}
	h := r.Header.Get("X-Amz-Content-Sha256")
	if len(h) == 64 {
		h = "sha256"
	}
	p.mu.Lock()
	p.seen = append(p.seen, r.Method+" "+h)
	p.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Etag": {`"x"`}}, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
}

func TestPayloadSigning(t *testing.T) {
	for _, tc := range []struct {
		endpoint string
		checksum Checksum
		want     string
	}{
		{"http://127.0.0.1:9000", ChecksumCRC32C, "PUT UNSIGNED-PAYLOAD"},
		{"http://[::1]:9000", ChecksumCRC32, "PUT UNSIGNED-PAYLOAD"},
		{"http://localhost:9000", ChecksumSHA256, "PUT UNSIGNED-PAYLOAD"},
		{"https://s3.example.com", ChecksumCRC32C, "PUT UNSIGNED-PAYLOAD"},
		// Over plain HTTP across a network a CRC does not stop tampering.
		{"http://s3.example.com", ChecksumCRC32C, "PUT sha256"},
		{"http://10.0.0.1:9000", ChecksumCRC32C, "PUT sha256"},
		// Without our checksum the SDK decides, and signs plain HTTP.
		{"http://127.0.0.1:9000", ChecksumNone, "PUT sha256"},
	} {
		var rec payloadHashes
		cfg := aws.Config{Region: "us-east-1", HTTPClient: &rec,
			Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")}
		k := New(cfg, goboto.WithEndpoint(tc.endpoint), goboto.WithRetry(1, 0)).Bucket("bkt").Key("k")
		if err := k.Upload(context.Background(), bytes.NewReader([]byte("small")), WithChecksum(tc.checksum)); err != nil {
			t.Errorf("%s %s: %v", tc.endpoint, tc.checksum, err)
			continue
		}
		if diff := cmp.Diff([]string{tc.want}, rec.seen); diff != "" {
			t.Errorf("%s %s: payload hash (-want +got):\n%s", tc.endpoint, tc.checksum, diff)
		}
	}
}
