package suite

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3"
)

// send makes the presigned request with body through plain net/http and
// returns the status and body of the answer.
func (e *Env) send(t *testing.T, p *s3.PresignedRequest, body []byte) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequest(p.Method, p.URL, r)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range p.Header {
		req.Header[k] = vs
	}
	resp, err := e.HTTPClient.Do(req)
	if err != nil {
		t.Fatalf("%s: presigned %s: %v", e.Name, p.Method, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: reading presigned answer: %v", e.Name, err)
	}
	return resp.StatusCode, got
}

// testPresign writes and reads an object with presigned URLs and no
// credentials.
func testPresign(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	k := b.Key("pre/signed key.txt")
	put, err := k.PresignPut(ctx, 5*time.Minute, s3.ContentType("text/plain"),
		s3.Metadata(map[string]string{"via": "presign"}))
	if err != nil {
		t.Fatalf("%s: PresignPut: %v", e.Name, err)
	}
	if st, body := e.send(t, put, []byte("sent by URL")); st != http.StatusOK {
		t.Fatalf("%s: presigned PUT answered %d: %s", e.Name, st, body)
	}
	if err := k.Refresh(ctx); err != nil {
		t.Fatalf("%s: Head: %v", e.Name, err)
	}
	if diff := cmp.Diff(attrs{Size: 11, ContentType: "text/plain", Metadata: map[string]string{"via": "presign"}},
		attrsOf(k)); diff != "" {
		t.Errorf("%s: presigned PUT stored (-want +got):\n%s", e.Name, diff)
	}

	get, err := k.PresignGet(ctx, time.Minute)
	if err != nil {
		t.Fatalf("%s: PresignGet: %v", e.Name, err)
	}
	if st, body := e.send(t, get, nil); st != http.StatusOK || string(body) != "sent by URL" {
		t.Errorf("%s: presigned GET = %d %q; want 200 %q", e.Name, st, body, "sent by URL")
	}
	ranged, err := k.PresignGet(ctx, time.Minute, s3.Range(5, 2))
	if err != nil {
		t.Fatalf("%s: PresignGet with Range: %v", e.Name, err)
	}
	if st, body := e.send(t, ranged, nil); st != http.StatusPartialContent || string(body) != "by" {
		t.Errorf("%s: presigned ranged GET = %d %q; want 206 %q", e.Name, st, body, "by")
	}

	// The signed headers are part of the signature: another Content-Type
	// fails it.
	wrong := *put
	wrong.Header = put.Header.Clone()
	wrong.Header.Set("Content-Type", "image/png")
	if st, body := e.send(t, &wrong, []byte("x")); st != http.StatusForbidden || !bytes.Contains(body, []byte("SignatureDoesNotMatch")) {
		t.Errorf("%s: presigned PUT with another Content-Type = %d %s; want 403 SignatureDoesNotMatch", e.Name, st, body)
	}

	// A tampered URL fails its signature check.
	bad := *get
	bad.URL = strings.Replace(get.URL, "signed%20key", "signed%20kez", 1)
	if bad.URL == get.URL {
		t.Fatalf("%s: URL %s does not contain the key as expected", e.Name, get.URL)
	}
	if st, body := e.send(t, &bad, nil); st != http.StatusForbidden || !bytes.Contains(body, []byte("SignatureDoesNotMatch")) {
		t.Errorf("%s: tampered presigned GET = %d %s; want 403 SignatureDoesNotMatch", e.Name, st, body)
	}

	// An expired URL is refused. SigV4 counts expiry in whole seconds.
	short, err := k.PresignGet(ctx, time.Second)
	if err != nil {
		t.Fatalf("%s: PresignGet for 1s: %v", e.Name, err)
	}
	time.Sleep(time.Until(short.Expires.Add(1100 * time.Millisecond)))
	// S3 answers AccessDenied, "Request has expired"; RequestTimeTooSkewed
	// is for a signing time more than 15 minutes off.
	if st, body := e.send(t, short, nil); st != http.StatusForbidden || !bytes.Contains(body, []byte("<Code>AccessDenied</Code>")) {
		t.Errorf("%s: expired presigned GET = %d %s; want 403 AccessDenied", e.Name, st, body)
	}

	if _, err := k.PresignGet(ctx, 8*24*time.Hour); err == nil {
		t.Errorf("%s: PresignGet for 8 days succeeded; want a ValidationError", e.Name)
	} else {
		e.wantValidation(t, "PresignGet 8 days", err, "Expires")
	}
}
