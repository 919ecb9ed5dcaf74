package s3test_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3/s3test"
)

func hmacSHA256(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

func sha256Hex(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

// signedChunkedPut builds a PUT whose body is aws-chunked with chunk
// signatures (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), as S3's documentation
// describes them; tamper changes one byte of the framed body.
func signedChunkedPut(t *testing.T, srv *s3test.Server, path string, data []byte, chunk int, tamper bool) *http.Request {
	t.Helper()
	const streaming = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	cfg := srv.Config("")
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	req, err := http.NewRequest(http.MethodPut, srv.URL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amz-Content-Sha256", streaming)
	req.Header.Set("Content-Encoding", "aws-chunked")
	req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(data)))
	if err := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }).SignHTTP(
		context.Background(), creds, req, streaming, "s3", cfg.Region, now); err != nil {
		t.Fatal(err)
	}
	auth := req.Header.Get("Authorization")
	prev := auth[strings.LastIndex(auth, "Signature=")+len("Signature="):]
	date := now.Format("20060102")
	scope := date + "/" + cfg.Region + "/s3/aws4_request"
	key := hmacSHA256([]byte("AWS4"+creds.SecretAccessKey), date)
	for _, s := range []string{cfg.Region, "s3", "aws4_request"} {
		key = hmacSHA256(key, s)
	}
	var body bytes.Buffer
	for off := 0; ; off += chunk {
		c := data[min(off, len(data)):min(off+chunk, len(data))]
		sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + now.Format("20060102T150405Z") + "\n" + scope + "\n" + prev + "\n" +
			sha256Hex(nil) + "\n" + sha256Hex(c)
		prev = hex.EncodeToString(hmacSHA256(key, sts))
		fmt.Fprintf(&body, "%x;chunk-signature=%s\r\n", len(c), prev)
		if len(c) == 0 {
			body.WriteString("\r\n")
			break
		}
		body.Write(c)
		body.WriteString("\r\n")
	}
	b := body.Bytes()
	if tamper {
		b[len(b)/2] ^= 1
	}
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.ContentLength = int64(len(b))
	return req
}

func TestSignedChunkedPut(t *testing.T) {
	srv := s3test.Start(t, s3test.WithDir(t.TempDir()))
	mustBucket(t, client(srv), "bkt")
	data := pattern(200_000, 3)
	tests := []struct {
		name   string
		tamper bool
		status int
	}{
		{"as signed", false, 200},
		{"a byte changed", true, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := strings.ReplaceAll(tt.name, " ", "-")
			resp, err := srv.HTTPClient().Do(signedChunkedPut(t, srv, "/bkt/"+key, data, 64<<10, tt.tamper))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if diff := cmp.Diff(tt.status, resp.StatusCode); diff != "" {
				t.Fatalf("status (-want +got):\n%s\n%s", diff, body)
			}
			info, stored := srv.Object("bkt", key)
			if tt.status != 200 {
				if stored || !strings.Contains(string(body), "SignatureDoesNotMatch") {
					t.Errorf("tampered body: stored=%v, answer %s", stored, body)
				}
				return
			}
			if !stored || !bytes.Equal(info.Data, data) {
				t.Errorf("stored %d bytes, want %d", len(info.Data), len(data))
			}
		})
	}
}
