package s3_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// postResult is what a POST upload got back.
type postResult struct {
	Status  int
	Code    string
	Message string
	Body    string
}

// postUpload sends fields (in name order) and then the file as a
// multipart/form-data POST to url, as a browser form would.
func postUpload(t *testing.T, c *http.Client, url string, fields map[string]string, filename, content string) postResult {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if err := mw.WriteField(name, fields[name]); err != nil {
			t.Fatal(err)
		}
	}
	if filename != "" {
		fw, err := mw.CreateFormFile("file", filename)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(fw, content)
	}
	mw.Close()
	resp, err := c.Post(url, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	res := postResult{Status: resp.StatusCode, Body: string(b)}
	if resp.StatusCode >= 300 {
		var e struct{ Code, Message string }
		xml.Unmarshal(b, &e)
		res.Code, res.Message = e.Code, e.Message
	}
	return res
}

func TestPresignPostUpload(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	if err := srv.CreateBucket("", "us-east-1", "uploads"); err != nil {
		t.Fatal(err)
	}
	p, err := conn.Bucket("uploads").PresignPost(ctx, "docs/${filename}", time.Hour,
		s3.PostContentLengthRange(1, 100), s3.PostContentType("text/plain"),
		s3.PostMetadata("Owner", "ann"), s3.PostSuccessStatus(201))
	if err != nil {
		t.Fatal(err)
	}
	if want := srv.URL() + "/uploads"; p.URL != want {
		t.Errorf("URL = %q, want %q", p.URL, want)
	}
	res := postUpload(t, srv.HTTPClient(), p.URL, p.Fields, "a.txt", "hello")
	if res.Status != http.StatusCreated {
		t.Fatalf("POST: %d %s %s", res.Status, res.Code, res.Message)
	}
	var pr struct{ Bucket, Key, ETag string }
	if err := xml.Unmarshal([]byte(res.Body), &pr); err != nil {
		t.Fatalf("PostResponse %q: %v", res.Body, err)
	}
	obj, ok := srv.Object("uploads", "docs/a.txt")
	if !ok {
		t.Fatal("POST stored no object at docs/a.txt")
	}
	type stored struct {
		Bucket, Key, ETag, Data, ContentType string
		Metadata                             map[string]string
	}
	want := stored{"uploads", "docs/a.txt", obj.ETag, "hello", "text/plain", map[string]string{"owner": "ann"}}
	got := stored{pr.Bucket, pr.Key, pr.ETag, string(obj.Data), obj.ContentType, obj.Metadata}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("upload (-want +got):\n%s", diff)
	}
}

const sigMismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method."

func TestPresignPostRefused(t *testing.T) {
	var skew atomic.Int64
	srv := s3test.Start(t, fakes.WithClock(func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }))
	conn := s3.New(srv.Config(""))
	ctx := context.Background()
	for _, b := range []string{"uploads", "elsewhere"} {
		if err := srv.CreateBucket("", "us-east-1", b); err != nil {
			t.Fatal(err)
		}
	}
	p, err := conn.Bucket("uploads").PresignPost(ctx, "in/${filename}", time.Minute,
		s3.PostContentLengthRange(2, 10), s3.PostContentType("text/plain"))
	if err != nil {
		t.Fatal(err)
	}
	with := func(change func(f map[string]string)) map[string]string {
		f := maps.Clone(p.Fields)
		change(f)
		return f
	}
	policyWith := func(old, new string) func(f map[string]string) {
		return func(f map[string]string) {
			doc, _ := base64.StdEncoding.DecodeString(f["policy"])
			f["policy"] = base64.StdEncoding.EncodeToString(bytes.Replace(doc, []byte(old), []byte(new), 1))
		}
	}
	tests := []struct {
		name     string
		url      string
		fields   map[string]string
		filename string
		content  string
		skew     time.Duration
		want     postResult // Body is not compared
	}{
		{"signature", "", with(func(f map[string]string) { f["x-amz-signature"] = strings.Repeat("0", 64) }), "a", "hello", 0,
			postResult{Status: 403, Code: "SignatureDoesNotMatch", Message: sigMismatch}},
		{"policy re-encoded unsigned", "", with(policyWith(`"in/"`, `"out/"`)), "a", "hello", 0,
			postResult{Status: 403, Code: "SignatureDoesNotMatch", Message: sigMismatch}},
		{"key outside the prefix", "", with(func(f map[string]string) { f["key"] = "out/a" }), "a", "hello", 0,
			postResult{Status: 403, Code: "AccessDenied", Message: `Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "in/"]`}},
		{"content type", "", with(func(f map[string]string) { f["Content-Type"] = "text/html" }), "a", "hello", 0,
			postResult{Status: 403, Code: "AccessDenied", Message: `Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "text/plain"]`}},
		{"extra field", "", with(func(f map[string]string) { f["x-amz-meta-extra"] = "1" }), "a", "hello", 0,
			postResult{Status: 403, Code: "AccessDenied", Message: "Invalid according to Policy: Extra input fields: x-amz-meta-extra"}},
		{"too large", "", p.Fields, "a", "hello, world", 0,
			postResult{Status: 400, Code: "EntityTooLarge", Message: "Your proposed upload exceeds the maximum allowed size"}},
		{"too small", "", p.Fields, "a", "h", 0,
			postResult{Status: 400, Code: "EntityTooSmall", Message: "Your proposed upload is smaller than the minimum allowed size"}},
		{"other bucket", srv.URL() + "/elsewhere", p.Fields, "a", "hello", 0,
			postResult{Status: 403, Code: "AccessDenied", Message: `Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "uploads"]`}},
		{"expired", "", p.Fields, "a", "hello", 2 * time.Minute,
			postResult{Status: 403, Code: "AccessDenied", Message: "Invalid according to Policy: Policy expired."}},
		{"no file", "", p.Fields, "", "", 0,
			postResult{Status: 400, Code: "InvalidArgument", Message: "POST requires exactly one file upload per request."}},
		{"unsigned", "", map[string]string{"key": "in/a"}, "a", "hello", 0,
			postResult{Status: 403, Code: "AccessDenied", Message: "Access Denied"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			skew.Store(int64(tt.skew))
			defer skew.Store(0)
			url := p.URL
			if tt.url != "" {
				url = tt.url
			}
			got := postUpload(t, srv.HTTPClient(), url, tt.fields, tt.filename, tt.content)
			got.Body = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("answer (-want +got):\n%s", diff)
			}
		})
	}
	for _, at := range [][2]string{{"uploads", "in/a"}, {"uploads", "out/a"}, {"elsewhere", "in/a"}} {
		if _, ok := srv.Object(at[0], at[1]); ok {
			t.Errorf("a refused upload stored %s/%s", at[0], at[1])
		}
	}
	// The untampered form still works, answering 204 by default.
	if got := postUpload(t, srv.HTTPClient(), p.URL, p.Fields, "a", "hello"); got.Status != http.StatusNoContent {
		t.Errorf("untampered POST: %d %s %s, want 204", got.Status, got.Code, got.Message)
	}
}

func TestAnonymousStillRefused(t *testing.T) {
	// POST uploads made the fake let unsigned requests through; every
	// other anonymous request must still be refused.
	srv, _ := start(t)
	if err := srv.CreateBucket("", "us-east-1", "docs"); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("docs", "k", []byte("secret"), nil); err != nil {
		t.Fatal(err)
	}
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
		req, _ := http.NewRequest(method, srv.URL()+"/docs/k", strings.NewReader(""))
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "AccessDenied") {
			t.Errorf("anonymous %s: %d %s, want 403 AccessDenied", method, resp.StatusCode, b)
		}
	}
	if obj, ok := srv.Object("docs", "k"); !ok || string(obj.Data) != "secret" {
		t.Error("anonymous requests changed the object")
	}
}

func TestPresignPostSessionToken(t *testing.T) {
	srv := s3test.Start(t)
	cfg := srv.ConfigFor(fake.Credential{AccountID: fake.TestAccountID, AccessKeyID: fake.SessionAccessKey,
		SecretAccessKey: fake.SessionSecretKey, SessionToken: fake.SessionTokenValue}, "us-east-1")
	conn := s3.New(cfg)
	if err := srv.CreateBucket("", "us-east-1", "uploads"); err != nil {
		t.Fatal(err)
	}
	p, err := conn.Bucket("uploads").PresignPost(context.Background(), "k", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if p.Fields["x-amz-security-token"] != fake.SessionTokenValue {
		t.Errorf("x-amz-security-token = %q, want the session token", p.Fields["x-amz-security-token"])
	}
	if got := postUpload(t, srv.HTTPClient(), p.URL, p.Fields, "f", "data"); got.Status != http.StatusNoContent {
		t.Fatalf("POST with session credentials: %d %s %s", got.Status, got.Code, got.Message)
	}
	delete(p.Fields, "x-amz-security-token")
	if got := postUpload(t, srv.HTTPClient(), p.URL, p.Fields, "f", "data"); got.Status != http.StatusBadRequest || got.Code != "InvalidToken" {
		t.Errorf("POST without the token: %d %s, want 400 InvalidToken", got.Status, got.Code)
	}
}

func TestPresignPostPolicy(t *testing.T) {
	srv, conn := start(t)
	before := time.Now().UTC().Truncate(time.Second)
	p, err := conn.Bucket("uploads").PresignPost(context.Background(), "exact.txt", 90*time.Minute,
		s3.PostACL(s3.Private), s3.PostContentTypePrefix("image/"), s3.PostEquals("Cache-Control", "no-cache"))
	if err != nil {
		t.Fatal(err)
	}
	date := p.Fields["x-amz-date"]
	signed, err := time.Parse("20060102T150405Z", date)
	if err != nil || signed.Before(before) || signed.After(time.Now()) {
		t.Fatalf("x-amz-date = %q (%v), want the signing time", date, err)
	}
	doc, err := base64.StdEncoding.DecodeString(p.Fields["policy"])
	if err != nil {
		t.Fatal(err)
	}
	var policy struct {
		Expiration string
		Conditions []any
	}
	if err := json.Unmarshal(doc, &policy); err != nil {
		t.Fatal(err)
	}
	cred := fake.TestAccessKeyID + "/" + date[:8] + "/us-east-1/s3/aws4_request"
	wantPolicy := []any{
		map[string]any{"bucket": "uploads"},
		map[string]any{"key": "exact.txt"},
		map[string]any{"x-amz-algorithm": "AWS4-HMAC-SHA256"},
		map[string]any{"x-amz-credential": cred},
		map[string]any{"x-amz-date": date},
		map[string]any{"acl": "private"},
		[]any{"starts-with", "$Content-Type", "image/"},
		map[string]any{"Cache-Control": "no-cache"},
	}
	if diff := cmp.Diff(wantPolicy, policy.Conditions); diff != "" {
		t.Errorf("policy conditions (-want +got):\n%s", diff)
	}
	wantExp := signed.Add(90 * time.Minute)
	if policy.Expiration != wantExp.Format("2006-01-02T15:04:05.000Z") || !p.Expires.Equal(wantExp) {
		t.Errorf("expiration = %s, Expires = %v; want %v", policy.Expiration, p.Expires, wantExp)
	}
	wantFields := map[string]string{
		"key": "exact.txt", "acl": "private", "Cache-Control": "no-cache", "policy": p.Fields["policy"],
		"x-amz-algorithm": "AWS4-HMAC-SHA256", "x-amz-credential": cred, "x-amz-date": date,
		"x-amz-signature": s3test.PostSignature(fake.TestSecretKey, date[:8], "us-east-1", p.Fields["policy"]),
	}
	if diff := cmp.Diff(wantFields, p.Fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("PresignPost sent %d requests, want none", n)
	}
}

func TestPresignPostValidation(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		bucket  string
		key     string
		expires time.Duration
		conds   []s3.PostCondition
		field   string
	}{
		{"zero expiry", "docs", "k", 0, nil, "Expires"},
		{"over 7 days", "docs", "k", 7*24*time.Hour + time.Second, nil, "Expires"},
		{"bad bucket", "Docs", "k", time.Hour, nil, "Bucket"},
		{"empty key", "docs", "", time.Hour, nil, "Key"},
		{"long key", "docs", strings.Repeat("k", 1025), time.Hour, nil, "Key"},
		{"inverted range", "docs", "k", time.Hour, []s3.PostCondition{s3.PostContentLengthRange(10, 1)}, "ContentLengthRange"},
		{"negative range", "docs", "k", time.Hour, []s3.PostCondition{s3.PostContentLengthRange(-1, 1)}, "ContentLengthRange"},
		{"status", "docs", "k", time.Hour, []s3.PostCondition{s3.PostSuccessStatus(302)}, "SuccessActionStatus"},
		{"metadata name", "docs", "k", time.Hour, []s3.PostCondition{s3.PostMetadata("a b", "v")}, "Metadata"},
		{"canned acl", "docs", "k", time.Hour, []s3.PostCondition{s3.PostACL("world-writable")}, "CannedACL"},
		{"reserved field", "docs", "k", time.Hour, []s3.PostCondition{s3.PostEquals("Policy", "x")}, "PostCondition"},
		{"zero condition", "docs", "k", time.Hour, []s3.PostCondition{{}}, "PostCondition"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := conn.Bucket(tt.bucket).PresignPost(ctx, tt.key, tt.expires, tt.conds...)
			var ve *goboto.ValidationError
			if !errors.As(err, &ve) || ve.Field != tt.field {
				t.Errorf("err = %v, want a ValidationError on %s", err, tt.field)
			}
		})
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d requests, want none", n)
	}
}

func TestPresignPostURL(t *testing.T) {
	tests := []struct {
		region, bucket, want string
	}{
		{"eu-west-1", "photos", "https://photos.s3.eu-west-1.amazonaws.com"},
		{"us-east-1", "photos", "https://photos.s3.us-east-1.amazonaws.com"},
		// A dotted name cannot be a TLS host label: S3 wants path style.
		{"eu-west-1", "my.photos", "https://s3.eu-west-1.amazonaws.com/my.photos"},
		{"cn-north-1", "photos", "https://photos.s3.cn-north-1.amazonaws.com.cn"},
	}
	for _, tt := range tests {
		conn := s3.New(aws.Config{Region: tt.region, Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")})
		p, err := conn.Bucket(tt.bucket).PresignPost(context.Background(), "k", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if p.URL != tt.want {
			t.Errorf("%s in %s: URL = %q, want %q", tt.bucket, tt.region, p.URL, tt.want)
		}
		if want := "AKIDEXAMPLE/" + p.Fields["x-amz-date"][:8] + "/" + tt.region + "/s3/aws4_request"; p.Fields["x-amz-credential"] != want {
			t.Errorf("x-amz-credential = %q, want %q", p.Fields["x-amz-credential"], want)
		}
	}
}

func TestPresignPostTLS(t *testing.T) {
	srv := s3test.Start(t, fakes.WithTLS(true))
	conn := s3.New(srv.Config(""))
	if err := srv.CreateBucket("", "us-east-1", "uploads"); err != nil {
		t.Fatal(err)
	}
	p, err := conn.Bucket("uploads").PresignPost(context.Background(), "k", time.Hour, s3.PostSuccessStatus(201))
	if err != nil {
		t.Fatal(err)
	}
	res := postUpload(t, srv.HTTPClient(), p.URL, p.Fields, "f", "over TLS")
	var pr struct{ Location string }
	xml.Unmarshal([]byte(res.Body), &pr)
	if res.Status != http.StatusCreated || pr.Location != srv.URL()+"/uploads/k" {
		t.Errorf("POST over TLS: %d %s, Location %q; want 201 and %s/uploads/k", res.Status, res.Code, pr.Location, srv.URL())
	}
}
