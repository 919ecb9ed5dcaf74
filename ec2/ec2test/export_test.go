package ec2test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/internal/sigv2"
)

// RawSigV2 sends a SigV2-signed query request, as boto 2 did, to host's
// region and returns the status and body. It lives in the package so
// that its own tests and the external ones send raw requests one way.
func RawSigV2(t *testing.T, srv *Server, host string, params url.Values) (int, string) {
	t.Helper()
	c := fake.DefaultCredentials()[0]
	sigv2.Sign(params, "POST", host, "/", sigv2.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey}, time.Now())
	req, err := http.NewRequestWithContext(t.Context(), "POST", srv.URL()+"/", strings.NewReader(params.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// Digest exposes the state digest to the external tests, which check
// that a refused request changed nothing.
func (s *Backend) Digest() string { return s.digest() }
