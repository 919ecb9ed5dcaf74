package s3test_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3/s3test"
)

// postAnswer is what a POST upload answered.
type postAnswer struct {
	Status    int
	Code      string
	VersionID string
	ETag      string
}

// post uploads file to bucket/key as a browser form signed by the main
// test account, with a policy that allows exactly the form's fields (and
// content-length-range maxSize when it is positive).
func post(t *testing.T, srv *s3test.Server, bucket, key string, fields map[string]string, file []byte, maxSize int) postAnswer {
	t.Helper()
	f := signedForm(t, bucket, key, fields, maxSize)
	return f.send(t, srv, bytes.NewReader(file), int64(len(file)))
}

// form is a signed POST form around its file: what goes before the file
// (the fields and the file part's header) and after it.
type form struct {
	bucket      string
	head, tail  []byte
	contentType string
}

// signedForm builds the form post sends, for any file.
func signedForm(t testing.TB, bucket, key string, fields map[string]string, maxSize int) form {
	t.Helper()
	date := time.Now().UTC().Format("20060102")
	all := map[string]string{"key": key, "x-amz-algorithm": "AWS4-HMAC-SHA256",
		"x-amz-credential": fake.TestAccessKeyID + "/" + date + "/us-east-1/s3/aws4_request", "x-amz-date": date + "T000000Z"}
	for k, v := range fields {
		all[k] = v
	}
	conds := []any{map[string]string{"bucket": bucket}}
	for k, v := range all {
		conds = append(conds, []string{"eq", "$" + k, v})
	}
	if maxSize > 0 {
		conds = append(conds, []any{"content-length-range", 0, maxSize})
	}
	doc, err := json.Marshal(map[string]any{"expiration": "2099-01-01T00:00:00Z", "conditions": conds})
	if err != nil {
		t.Fatal(err)
	}
	all["policy"] = base64.StdEncoding.EncodeToString(doc)
	all["x-amz-signature"] = s3test.PostSignature(fake.TestSecretKey, date, "us-east-1", all["policy"])

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		mw.WriteField(k, all[k])
	}
	mw.CreateFormFile("file", "upload.bin") // last, as S3 requires
	n := body.Len()
	mw.Close()
	whole := body.Bytes()
	return form{bucket: bucket, head: whole[:n], tail: whole[n:], contentType: mw.FormDataContentType()}
}

// send POSTs the form with size bytes of file, streamed from it.
func (f form) send(t testing.TB, srv *s3test.Server, file io.Reader, size int64) postAnswer {
	t.Helper()
	return f.sendCtx(t, context.Background(), srv, file, size)
}

// sendCtx is send with a context, which may carry an httptrace.
func (f form) sendCtx(t testing.TB, ctx context.Context, srv *s3test.Server, file io.Reader, size int64) postAnswer {
	t.Helper()
	body := io.MultiReader(bytes.NewReader(f.head), file, bytes.NewReader(f.tail))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL()+"/"+f.bucket, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = int64(len(f.head)+len(f.tail)) + size
	req.Header.Set("Content-Type", f.contentType)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var e struct{ Code string }
	xml.Unmarshal(b, &e)
	return postAnswer{resp.StatusCode, e.Code, resp.Header.Get("x-amz-version-id"), resp.Header.Get("ETag")}
}

// TestPostVersions posts twice to one key of buckets with each versioning
// state: each POST makes a version as a PUT would.
func TestPostVersions(t *testing.T) {
	tests := []struct {
		versioning types.BucketVersioningStatus
		want       []string // versions listed, newest first: "new" for a new ID, or "null"
	}{
		{"", []string{"null"}},
		{types.BucketVersioningStatusEnabled, []string{"new", "new"}},
		{types.BucketVersioningStatusSuspended, []string{"null"}},
	}
	for _, tt := range tests {
		name := string(tt.versioning)
		if name == "" {
			name = "never set"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			srv, c := startWithBucket(t, "bkt")
			if tt.versioning != "" {
				if _, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("bkt"),
					VersioningConfiguration: &types.VersioningConfiguration{Status: tt.versioning}}); err != nil {
					t.Fatal(err)
				}
			}
			var answered []string
			for _, data := range []string{"first", "second"} {
				a := post(t, srv, "bkt", "k", nil, []byte(data), 0)
				if a.Status != http.StatusNoContent {
					t.Fatalf("POST: %+v", a)
				}
				answered = append([]string{a.VersionID}, answered...)
			}
			out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("bkt")})
			if err != nil {
				t.Fatal(err)
			}
			var listed, kinds []string
			for _, v := range out.Versions {
				id := aws.ToString(v.VersionId)
				listed = append(listed, id)
				if id != "null" {
					id = "new"
				}
				kinds = append(kinds, id)
			}
			if diff := cmp.Diff(tt.want, kinds); diff != "" {
				t.Errorf("versions (-want +got):\n%s", diff)
			}
			if tt.versioning != "" {
				// The answers name the versions made (the null one twice).
				if tt.versioning == types.BucketVersioningStatusSuspended {
					listed = append(listed, "null")
				}
				if diff := cmp.Diff(listed, answered); diff != "" {
					t.Errorf("x-amz-version-id answered (-listed +answered):\n%s", diff)
				}
			} else if answered[0] != "" {
				t.Errorf("unversioned bucket answered version %q", answered[0])
			}
			o, _ := srv.Object("bkt", "k")
			if string(o.Data) != "second" {
				t.Errorf("current object %q, want the second POST", o.Data)
			}
		})
	}
}

// TestPostACL posts with the acl field to buckets of each Object
// Ownership: it is refused as x-amz-acl on a PUT would be, and otherwise
// becomes the object's ACL.
func TestPostACL(t *testing.T) {
	tests := []struct {
		name      string
		ownership types.ObjectOwnership
		openPAB   bool // delete the bucket's public access block
		acl       string
		code      string
		grants    []string // the object's grants: "<grantee> <permission>"
	}{
		{"enforced, public-read", types.ObjectOwnershipBucketOwnerEnforced, true, "public-read", "AccessControlListNotSupported", nil},
		{"enforced, bucket-owner-full-control", types.ObjectOwnershipBucketOwnerEnforced, false, "bucket-owner-full-control", "",
			[]string{"owner FULL_CONTROL"}},
		{"object writer, public-read", types.ObjectOwnershipObjectWriter, true, "public-read", "",
			[]string{"owner FULL_CONTROL", "AllUsers READ"}},
		{"object writer, public-read blocked", types.ObjectOwnershipObjectWriter, false, "public-read", "AccessDenied", nil},
		{"object writer, authenticated-read", types.ObjectOwnershipObjectWriter, true, "authenticated-read", "",
			[]string{"owner FULL_CONTROL", "AuthenticatedUsers READ"}},
		{"not a canned ACL", types.ObjectOwnershipObjectWriter, true, "everyone", "InvalidArgument", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := s3test.Start(t)
			c := client(srv)
			ctx := context.Background()
			if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt"), ObjectOwnership: tt.ownership}); err != nil {
				t.Fatal(err)
			}
			if tt.openPAB {
				if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String("bkt")}); err != nil {
					t.Fatal(err)
				}
			}
			a := post(t, srv, "bkt", "k", map[string]string{"acl": tt.acl}, []byte("data"), 0)
			if a.Code != tt.code {
				t.Fatalf("POST answered %+v, want code %q", a, tt.code)
			}
			if _, stored := srv.Object("bkt", "k"); stored != (tt.code == "") {
				t.Errorf("object stored = %v after answer %+v", stored, a)
			}
			if tt.code != "" {
				return
			}
			acl, err := c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, g := range acl.Grants {
				who := "owner"
				switch aws.ToString(g.Grantee.URI) {
				case "http://acs.amazonaws.com/groups/global/AllUsers":
					who = "AllUsers"
				case "http://acs.amazonaws.com/groups/global/AuthenticatedUsers":
					who = "AuthenticatedUsers"
				}
				got = append(got, who+" "+string(g.Permission))
			}
			if diff := cmp.Diff(tt.grants, got); diff != "" {
				t.Errorf("object grants (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPostStoresAsPut checks that a POST stores its file through PUT's
// path: Content-MD5 checked, ETags made the same way (fast ones too),
// content-length-range checked on what arrived, the server's clock.
func TestPostStoresAsPut(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	data := bytes.Repeat([]byte("post body "), 100_000) // 1 MB, past the small-copy path
	md5sum := md5.Sum(data)
	goodMD5 := base64.StdEncoding.EncodeToString(md5sum[:])
	tests := []struct {
		name     string
		opts     []fakes.Option
		fields   map[string]string
		maxSize  int
		code     string
		modified time.Time // zero: not checked
	}{
		{"plain", nil, nil, 0, "", time.Time{}},
		{"fast ETags", []fakes.Option{s3test.WithFastETags()}, nil, 0, "", time.Time{}},
		{"right Content-MD5", nil, map[string]string{"content-md5": goodMD5}, 0, "", time.Time{}},
		{"wrong Content-MD5", nil, map[string]string{"content-md5": base64.StdEncoding.EncodeToString(make([]byte, 16))}, 0, "BadDigest", time.Time{}},
		{"within content-length-range", nil, nil, len(data), "", time.Time{}},
		{"past content-length-range", nil, nil, len(data) - 1, "EntityTooLarge", time.Time{}},
		{"on disk", []fakes.Option{s3test.WithDir(t.TempDir())}, nil, 0, "", time.Time{}},
		{"server clock", []fakes.Option{fakes.WithClock(func() time.Time { return at })}, nil, 0, "", at},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := s3test.Start(t, tt.opts...)
			if err := srv.CreateBucket("", "", "bkt"); err != nil {
				t.Fatal(err)
			}
			a := post(t, srv, "bkt", "posted", tt.fields, data, tt.maxSize)
			if a.Code != tt.code {
				t.Fatalf("POST answered %+v, want code %q", a, tt.code)
			}
			o, stored := srv.Object("bkt", "posted")
			if tt.code != "" {
				if stored {
					t.Errorf("refused POST stored an object")
				}
				return
			}
			// The same bytes seeded as a PUT would store them.
			if err := srv.PutObject("bkt", "seeded", data, nil); err != nil {
				t.Fatal(err)
			}
			seeded, _ := srv.Object("bkt", "seeded")
			type result struct {
				Stored     bool
				Same       bool
				ETag       string
				StoredETag string
			}
			want := result{true, true, seeded.ETag, seeded.ETag}
			got := result{stored, bytes.Equal(o.Data, data), a.ETag, o.ETag}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if md5ETag := `"` + hex.EncodeToString(md5sum[:]) + `"`; (o.ETag == md5ETag) != (tt.name != "fast ETags") {
				t.Errorf("ETag %s with MD5 %s: WithFastETags not heeded", o.ETag, md5ETag)
			}
			if !tt.modified.IsZero() && !o.LastModified.Equal(tt.modified) {
				t.Errorf("LastModified %v, want the server clock's %v", o.LastModified, tt.modified)
			}
		})
	}
}
