package fake

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestHostsClaimUnauthenticated checks Service.Hosts: a request for a
// claimed host reaches its service unauthenticated even when its query
// looks like a SigV2 presign (a CloudFront signed URL carries Signature
// and Expires), and every other host is routed as before.
func TestHostsClaimUnauthenticated(t *testing.T) {
	edge := Service{Name: "edge", Protocol: RestXML, XMLNamespace: "urn:x", Handle: echoHandler,
		Hosts:     func(h string) bool { return strings.HasSuffix(h, ".cloudfront.net") },
		Operation: func(*http.Request) string { return "ViewerRequest" }}
	s := NewServer(Options{Now: func() time.Time { return clock }}, append(testServices(), edge)...)
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	tests := []struct {
		host string
		want echo
		code int
	}{
		{"d111111abcdef8.cloudfront.net", echo{Service: "edge", Operation: "ViewerRequest", Region: "us-east-1"}, 200},
		{"D111111ABCDEF8.CloudFront.NET.", echo{Service: "edge", Operation: "ViewerRequest", Region: "us-east-1"}, 200},
		// Not claimed: an unsigned request with a SigV2-looking query goes
		// through authentication as before and is refused (SigV2 presigns are no longer taken).
		{"example.com", echo{}, 400},
	}
	for _, tc := range tests {
		req := newRequest(t, "GET", s.URL()+"/a.txt?Expires=1&Signature=abc&Key-Pair-Id=K1", nil)
		req.Host = tc.host
		code, body, got := do(t, s.HTTPClient(), req)
		if code != tc.code {
			t.Fatalf("%s: status %d, want %d: %s", tc.host, code, tc.code, body)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: echo (-want +got):\n%s", tc.host, diff)
		}
	}
	if calls := s.Calls(); len(calls) != 3 || calls[0].Service != "edge" || calls[0].Operation != "ViewerRequest" {
		t.Errorf("calls = %+v", calls)
	}
}
