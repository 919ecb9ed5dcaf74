package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/internal/fake"
)

// requireBoto3 returns the path of a python that imports boto3: the one
// on the developer's PATH (often a pyenv shim), or the system one. It
// skips the test when neither does. The path returned is the
// interpreter itself, so it runs without the shim's environment.
func requireBoto3(t *testing.T) string {
	t.Helper()
	var candidates []string
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	candidates = append(candidates, pythonPath)
	for _, p := range candidates {
		out, _, err := runCmd(t, os.Environ(), p, "-c", "import sys, boto3; print(sys.executable)")
		if err == nil && len(bytes.TrimSpace(out)) > 0 {
			return string(bytes.TrimSpace(out))
		}
	}
	t.Skipf("no python among %q imports boto3 (pip install boto3)", candidates)
	return ""
}

// presignedPost is a form from boto3's generate_presigned_post.
type presignedPost struct {
	URL    string
	Fields map[string]string
}

// boto3Presigned is what testdata/boto3_presign.py prints.
type boto3Presigned map[string]struct { // "default", "v4"
	Get  string
	Post presignedPost
}

// answer is the status, error code and message, or body, of an answer.
type answer struct {
	Status  int
	Code    string
	Message string
	Body    string
}

func readAnswer(t *testing.T, resp *http.Response, err error) answer {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode/100 == 2 {
		return answer{Status: resp.StatusCode, Body: string(b)}
	}
	a := answer{Status: resp.StatusCode}
	if m := regexp.MustCompile(`<Code>([^<]*)</Code>`).FindSubmatch(b); m != nil {
		a.Code = string(m[1])
	}
	if m := regexp.MustCompile(`<Message>([^<]*)</Message>`).FindSubmatch(b); m != nil {
		a.Message = string(m[1])
	}
	return a
}

// postForm POSTs f's fields and then file, as a browser form does.
func postForm(t *testing.T, client *http.Client, f presignedPost, file string) answer {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	names := make([]string, 0, len(f.Fields))
	for k := range f.Fields {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if err := mw.WriteField(k, f.Fields[k]); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", "upload.txt") // last, as S3 requires
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fw, file)
	mw.Close()
	resp, err := client.Post(f.URL, mw.FormDataContentType(), &body)
	return readAnswer(t, resp, err)
}

// sigV2Refusal is S3's answer to a Signature Version 2 request where it
// takes SigV4 only.
var sigV2Refusal = answer{Status: 400, Code: "InvalidRequest",
	Message: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."}

// TestBoto3Presigned hands boto3's presigned GET URLs and POST forms to a
// plain HTTP client, as a web application hands them to a browser, and
// sends a GET with no signature at all. None of them carries a SigV4
// scope the local cloud could route by, bar the SigV4 URL; all must reach
// S3 path-style and get S3's answers:
//
//   - SigV4 URLs and forms work (Amazon S3 API Reference, "Authenticating
//     Requests: Using Query Parameters" and "Browser-Based Uploads Using
//     POST"), and a URL used for another key fails with
//     SignatureDoesNotMatch.
//   - botocore presigns with Signature Version 2 by default in us-east-1;
//     S3 refuses SigV2 with 400 InvalidRequest, "Please use
//     AWS4-HMAC-SHA256" (Signature Version 2 is turned off for buckets
//     created since June 2020), and stores nothing.
//   - An anonymous GET of an object in a bucket that grants nothing to
//     everyone gets 403 AccessDenied (Amazon S3 User Guide, "Blocking
//     public access"; new buckets are private). An anonymous GET of an
//     object made public-read, in a bucket with ACLs turned on
//     (BucketOwnerPreferred) and no public access block, reads it (Amazon
//     S3 User Guide, "Access control list (ACL) overview": READ to the
//     AllUsers group lets anyone read the object).
func TestBoto3Presigned(t *testing.T) {
	t.Parallel()
	python := requireBoto3(t)
	srv := startCloud(t)
	region, cred := srv.DefaultRegion(), fake.DefaultCredentials()[0]
	const bucket, body = "presigned", "hello from a presigned URL"

	sdk := awss3.NewFromConfig(srv.Config(region, cred), func(o *awss3.Options) { o.UsePathStyle = true })
	ctx := t.Context()
	if _, err := sdk.CreateBucket(ctx, &awss3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	if _, err := sdk.PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("a.txt"), Body: strings.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
	// public.txt is readable by anyone: ACLs on, no public access block,
	// a public-read ACL.
	if _, err := sdk.PutBucketOwnershipControls(ctx, &awss3.PutBucketOwnershipControlsInput{Bucket: aws.String(bucket),
		OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: types.ObjectOwnershipBucketOwnerPreferred}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sdk.DeletePublicAccessBlock(ctx, &awss3.DeletePublicAccessBlockInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	const publicBody = "anyone may read this"
	if _, err := sdk.PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("public.txt"),
		Body: strings.NewReader(publicBody), ACL: types.ObjectCannedACLPublicRead}); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()

	script, err := filepath.Abs(filepath.Join("testdata", "boto3_presign.py"))
	if err != nil {
		t.Fatal(err)
	}
	env := append(clientEnv(t, cred, region), "PYTHONNOUSERSITE=1")
	stdout, stderr, err := runCmd(t, env, python, script, srv.URL(), bucket)
	if err != nil {
		t.Fatalf("boto3_presign.py: %v\nstderr: %s", err, stderr)
	}
	var got boto3Presigned
	if err := json.Unmarshal(stdout, &got); err != nil {
		t.Fatalf("boto3_presign.py: decode output: %v\n%s", err, stdout)
	}

	// sigV2 reports whether boto3 chose Signature Version 2, which only a
	// later botocore might stop doing by default.
	sigV2 := func(t *testing.T, u string) bool {
		q, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		return q.Query().Has("AWSAccessKeyId")
	}
	if sigV2(t, got["v4"].Get) || got["v4"].Post.Fields["x-amz-signature"] == "" {
		t.Fatalf("boto3 with signature_version s3v4 presigned %q and %v; want SigV4", got["v4"].Get, got["v4"].Post.Fields)
	}

	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	defer client.CloseIdleConnections()
	get := func(u string) answer {
		resp, err := client.Get(u)
		return readAnswer(t, resp, err)
	}
	ok := answer{Status: 200, Body: body}
	wantDefaultGet, wantDefaultPost := ok, answer{Status: 204}
	if sigV2(t, got["default"].Get) {
		wantDefaultGet = sigV2Refusal
	}
	if got["default"].Post.Fields["signature"] != "" {
		wantDefaultPost = sigV2Refusal
	}

	tests := []struct {
		name string
		send func() answer
		want answer
	}{
		{"SigV4 presigned GET", func() answer { return get(got["v4"].Get) }, ok},
		{"SigV4 presigned GET of another key", func() answer {
			return get(strings.Replace(got["v4"].Get, "/a.txt?", "/b.txt?", 1))
		}, answer{Status: 403, Code: "SignatureDoesNotMatch",
			Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method."}},
		{"default presigned GET", func() answer { return get(got["default"].Get) }, wantDefaultGet},
		{"SigV4 presigned POST", func() answer { return postForm(t, client, got["v4"].Post, "posted with SigV4") }, answer{Status: 204}},
		{"default presigned POST", func() answer { return postForm(t, client, got["default"].Post, "posted by default") }, wantDefaultPost},
		{"anonymous GET of a private object", func() answer { return get(srv.URL() + "/" + bucket + "/a.txt") },
			answer{Status: 403, Code: "AccessDenied", Message: "Access Denied"}},
		{"anonymous GET of a public-read object", func() answer { return get(srv.URL() + "/" + bucket + "/public.txt") },
			answer{Status: 200, Body: publicBody}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.send()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	// Every request reached S3, path-style, and was counted there.
	for _, c := range srv.Calls() {
		if c.Service != "s3" || !strings.HasPrefix(c.Path, "/"+bucket) {
			t.Errorf("%s %s went to service %q (%d %s), want s3", c.Method, c.Path, c.Service, c.Status, c.Code)
		}
	}
	if n := len(srv.Calls()); n != len(tests) {
		t.Errorf("%d calls, want %d", n, len(tests))
	}

	// What the forms stored: the SigV4 upload, and the default one only
	// if S3 took it.
	read := func(key string) (string, error) {
		out, err := sdk.GetObject(ctx, &awss3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
		if err != nil {
			return "", err
		}
		defer out.Body.Close()
		b, err := io.ReadAll(out.Body)
		return string(b), err
	}
	if s, err := read("up/v4.txt"); err != nil || s != "posted with SigV4" {
		t.Errorf("up/v4.txt = %q, %v; want the SigV4 form's file", s, err)
	}
	s, err := read("up/default.txt")
	var nsk *types.NoSuchKey
	switch {
	case wantDefaultPost.Status == 204 && (err != nil || s != "posted by default"):
		t.Errorf("up/default.txt = %q, %v; want the default form's file", s, err)
	case wantDefaultPost.Status != 204 && !errors.As(err, &nsk):
		t.Errorf("up/default.txt after a refused form: %q, %v; want NoSuchKey", s, err)
	}
}
