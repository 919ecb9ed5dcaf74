package moto

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestEndpoint starts (or finds) moto and checks that it answers an S3
// ListBuckets, which moto serves at its root without a service prefix.
func TestEndpoint(t *testing.T) {
	url := Endpoint(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if !Live(ctx, url) {
		t.Fatalf("moto at %s is not live", url)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/", nil)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+AccessKey+"/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", resp.StatusCode)
	}
}

func TestNames(t *testing.T) {
	a, b := Names("q"), Names("q")
	x, y := a(), a()
	if x == y || !strings.HasPrefix(x, "q-") {
		t.Fatalf("Names gave %q then %q", x, y)
	}
	if b() == x {
		t.Fatalf("two Names functions gave the same first name %q", x)
	}
}
