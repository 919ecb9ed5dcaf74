package s3_test

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// send makes the presigned request with plain net/http, sending its
// signed headers, and returns the status, body and error code (if any).
func send(t *testing.T, c *http.Client, p *s3.PresignedRequest, body string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(p.Method, p.URL, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body == "" {
		req.Body, req.ContentLength = http.NoBody, 0
	}
	for k, vs := range p.Header {
		req.Header[k] = vs
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var e struct{ Code string }
	if resp.StatusCode >= 300 {
		xml.Unmarshal(b, &e)
	}
	return resp.StatusCode, string(b), e.Code
}

func TestPresignPutThenGet(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	if _, err := conn.CreateBucket(ctx, "docs"); err != nil {
		t.Fatal(err)
	}
	k := conn.Bucket("docs").Key("a/b c.txt")

	put, err := k.PresignPut(ctx, time.Hour, s3.ContentType("text/plain"), s3.Metadata(map[string]string{"owner": "ann"}))
	if err != nil {
		t.Fatal(err)
	}
	if put.Method != http.MethodPut || !strings.HasPrefix(put.URL, srv.URL()+"/docs/a/b%20c.txt?") {
		t.Errorf("PresignPut = %s %s, want PUT on the path-style URL of %s", put.Method, put.URL, srv.URL())
	}
	if status, body, _ := send(t, srv.HTTPClient(), put, "hello, world"); status != http.StatusOK {
		t.Fatalf("presigned PUT: %d %s", status, body)
	}
	obj, ok := srv.Object("docs", "a/b c.txt")
	if !ok {
		t.Fatal("presigned PUT stored no object")
	}
	type stored struct {
		Data        string
		ContentType string
		Metadata    map[string]string
	}
	want := stored{"hello, world", "text/plain", map[string]string{"owner": "ann"}}
	if diff := cmp.Diff(want, stored{string(obj.Data), obj.ContentType, obj.Metadata}); diff != "" {
		t.Errorf("stored object (-want +got):\n%s", diff)
	}

	tests := []struct {
		name string
		opts []s3.GetOption
		want string
	}{
		{"whole", nil, "hello, world"},
		{"range", []s3.GetOption{s3.Range(7, 5)}, "world"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			get, err := k.PresignGet(ctx, time.Hour, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if get.Method != http.MethodGet {
				t.Errorf("Method = %s, want GET", get.Method)
			}
			status, body, _ := send(t, srv.HTTPClient(), get, "")
			if status/100 != 2 {
				t.Fatalf("presigned GET: %d %s", status, body)
			}
			if diff := cmp.Diff(tt.want, body); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPresignTampered(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	if err := srv.CreateBucket("", "us-east-1", "docs"); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("docs", "k", []byte("secret"), nil); err != nil {
		t.Fatal(err)
	}
	get, err := conn.Bucket("docs").Key("k").PresignGet(ctx, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(get.URL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	sig := []byte(q.Get("X-Amz-Signature"))
	if len(sig) == 0 {
		t.Fatalf("URL has no X-Amz-Signature")
	}
	if sig[0] == '0' {
		sig[0] = '1'
	} else {
		sig[0] = '0'
	}
	q.Set("X-Amz-Signature", string(sig))
	u.RawQuery = q.Encode()
	get.URL = u.String()

	status, body, code := send(t, srv.HTTPClient(), get, "")
	if status != http.StatusForbidden || code != "SignatureDoesNotMatch" {
		t.Errorf("tampered URL: %d %s, want 403 SignatureDoesNotMatch", status, code)
	}
	if strings.Contains(body, "secret") {
		t.Errorf("tampered URL served the object")
	}
}

func TestPresignExpired(t *testing.T) {
	var skew atomic.Int64 // how far the fake's clock runs ahead, in ns
	srv := s3test.Start(t, fakes.WithClock(func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }))
	conn := s3.New(srv.Config(""))
	if err := srv.CreateBucket("", "us-east-1", "docs"); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("docs", "k", []byte("data"), nil); err != nil {
		t.Fatal(err)
	}
	get, err := conn.Bucket("docs").Key("k").PresignGet(context.Background(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := send(t, srv.HTTPClient(), get, ""); status != http.StatusOK || body != "data" {
		t.Fatalf("fresh URL: %d %q, want 200 data", status, body)
	}
	skew.Store(int64(2 * time.Minute))
	status, body, code := send(t, srv.HTTPClient(), get, "")
	if status != http.StatusForbidden || code == "" || strings.Contains(body, "data") {
		t.Errorf("expired URL: %d %s %q, want a 403 error", status, code, body)
	}
}

func TestPresignValidation(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		bucket  string
		expires time.Duration
		field   string // "" means accepted
	}{
		{"zero", "docs", 0, "Expires"},
		{"negative", "docs", -time.Second, "Expires"},
		{"under a second", "docs", 500 * time.Millisecond, "Expires"},
		{"over 7 days", "docs", 7*24*time.Hour + time.Second, "Expires"},
		{"bad bucket", "Docs_Bucket", time.Hour, "Bucket"},
		{"one second", "docs", time.Second, ""},
		{"7 days", "docs", 7 * 24 * time.Hour, ""},
	}
	for _, tt := range tests {
		for _, method := range []string{"GET", "PUT"} {
			t.Run(tt.name+"/"+method, func(t *testing.T) {
				k := conn.Bucket(tt.bucket).Key("k")
				var p *s3.PresignedRequest
				var err error
				if method == "GET" {
					p, err = k.PresignGet(ctx, tt.expires)
				} else {
					p, err = k.PresignPut(ctx, tt.expires, s3.ContentType("text/plain"))
				}
				var ve *goboto.ValidationError
				if tt.field != "" {
					if !errors.As(err, &ve) || ve.Field != tt.field {
						t.Fatalf("err = %v, want a ValidationError on %s", err, tt.field)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				u, err := url.Parse(p.URL)
				if err != nil {
					t.Fatal(err)
				}
				q := u.Query()
				signed, err := time.Parse("20060102T150405Z", q.Get("X-Amz-Date"))
				if err != nil {
					t.Fatal(err)
				}
				type got struct {
					Method, XAmzExpires string
					Expires             time.Time
				}
				want := got{method, strconv.FormatInt(int64(tt.expires/time.Second), 10), signed.Add(tt.expires)}
				if diff := cmp.Diff(want, got{p.Method, q.Get("X-Amz-Expires"), p.Expires}); diff != "" {
					t.Errorf("presigned (-want +got):\n%s", diff)
				}
			})
		}
	}
	if calls := srv.Calls(); len(calls) != 0 {
		t.Errorf("presigning sent %d requests, want none", len(calls))
	}
}

// TestPresignPutChecksGrants: a grant S3 would refuse is refused before
// anything is signed, as Put refuses it before anything is sent.
func TestPresignPutChecksGrants(t *testing.T) {
	_, conn := start(t)
	k := conn.Bucket("docs").Key("k")
	for _, opt := range []s3.PutOption{
		s3.Grants(s3.GrantWrite(s3.UserGrantee("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"))), // WRITE has no meaning on an object
		s3.Grants(s3.GrantRead(s3.Grantee{})), // no grantee
	} {
		p, err := k.PresignPut(context.Background(), time.Hour, opt)
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("PresignPut(%v) = %v, %v; want a *goboto.ValidationError", opt, p, err)
		}
	}
	if _, err := k.PresignPut(context.Background(), time.Hour, s3.Grants(s3.GrantRead(s3.GroupGrantee(s3.AllUsers)))); err != nil {
		t.Errorf("PresignPut with a read grant to AllUsers: %v", err)
	}
}
