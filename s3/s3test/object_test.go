package s3test_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3/s3test"
)

// onlyReader hides a reader's Seek so the SDK sees an unseekable body.
type onlyReader struct{ io.Reader }

func TestPutGetObject(t *testing.T) {
	for _, tls := range []bool{false, true} {
		t.Run(fmt.Sprintf("tls=%v", tls), func(t *testing.T) {
			var opts []fakes.Option
			if tls {
				opts = append(opts, fakes.WithTLS(true))
			}
			srv := s3test.Start(t, opts...)
			ctx := context.Background()
			c := client(srv)
			mustBucket(t, c, "bkt")
			data := bytes.Repeat([]byte("goboto s3 "), 10_000)
			bodies := map[string]io.Reader{"seekable": bytes.NewReader(data)}
			if tls {
				bodies["unseekable"] = onlyReader{bytes.NewReader(data)}
			}
			for name, body := range bodies {
				key := "dir/" + name + " file+ü"
				put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key), Body: body,
					ContentType: aws.String("text/plain"), CacheControl: aws.String("max-age=60"),
					Metadata: map[string]string{"Owner": "me"}, StorageClass: types.StorageClassStandardIa,
					ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
				if err != nil {
					t.Fatalf("PutObject %s: %v", name, err)
				}
				sum := md5.Sum(data)
				wantETag := fmt.Sprintf("%q", fmt.Sprintf("%x", sum))
				if aws.ToString(put.ETag) != wantETag {
					t.Errorf("ETag = %s, want %s", aws.ToString(put.ETag), wantETag)
				}
				info, ok := srv.Object("bkt", key)
				if !ok || !bytes.Equal(info.Data, data) {
					t.Fatalf("stored %s: ok=%v len=%d, want %d bytes", name, ok, len(info.Data), len(data))
				}
				got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key),
					ChecksumMode: types.ChecksumModeEnabled})
				if err != nil {
					t.Fatalf("GetObject: %v", err)
				}
				b, err := io.ReadAll(got.Body)
				got.Body.Close()
				if err != nil || !bytes.Equal(b, data) {
					t.Fatalf("GetObject body: %d bytes, %v", len(b), err)
				}
				gotHeaders := []string{aws.ToString(got.ContentType), aws.ToString(got.CacheControl), got.Metadata["owner"],
					string(got.StorageClass), aws.ToString(got.ETag)}
				want := []string{"text/plain", "max-age=60", "me", "STANDARD_IA", wantETag}
				if diff := cmp.Diff(want, gotHeaders); diff != "" {
					t.Errorf("GetObject headers (-want +got):\n%s", diff)
				}
				if aws.ToString(got.ChecksumCRC32) == "" && aws.ToString(got.ChecksumCRC64NVME) == "" {
					t.Errorf("GetObject with checksum mode echoed no checksum; stored %v", info.Checksums)
				}
			}
		})
	}
}

func TestPutObjectDigests(t *testing.T) {
	ctx := context.Background()
	_, c := startWithBucket(t, "bkt")
	md5Of := func(s string) *string {
		sum := md5.Sum([]byte(s))
		return aws.String(base64.StdEncoding.EncodeToString(sum[:]))
	}
	tests := []struct {
		name string
		md5  *string
		want string
	}{
		{"good md5", md5Of("hello"), ""},
		{"wrong md5", md5Of("other"), "BadDigest"},
		{"invalid md5", aws.String("not-base64!"), "InvalidDigest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
				Body: strings.NewReader("hello"), ContentMD5: tt.md5})
			if got := errCode(t, err); got != tt.want {
				t.Errorf("code = %q, want %q (%v)", got, tt.want, err)
			}
		})
	}
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("nope"), Key: aws.String("k"), Body: strings.NewReader("x")})
	if got := errCode(t, err); got != "NoSuchBucket" {
		t.Errorf("PutObject missing bucket code = %q", got)
	}
}

func TestGetObjectRangesAndConditions(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "bkt")
	if err := srv.PutObject("bkt", "k", []byte("0123456789"), nil); err != nil {
		t.Fatal(err)
	}
	info, _ := srv.Object("bkt", "k")
	past, future := info.LastModified.Add(-time.Hour), info.LastModified.Add(time.Hour)
	tests := []struct {
		name      string
		in        s3.GetObjectInput
		wantBody  string
		wantRange string
		wantCode  string
	}{
		{"whole", s3.GetObjectInput{}, "0123456789", "", ""},
		{"a-b", s3.GetObjectInput{Range: aws.String("bytes=2-4")}, "234", "bytes 2-4/10", ""},
		{"a-", s3.GetObjectInput{Range: aws.String("bytes=7-")}, "789", "bytes 7-9/10", ""},
		{"-n", s3.GetObjectInput{Range: aws.String("bytes=-3")}, "789", "bytes 7-9/10", ""},
		{"past end clipped", s3.GetObjectInput{Range: aws.String("bytes=8-100")}, "89", "bytes 8-9/10", ""},
		{"unsatisfiable", s3.GetObjectInput{Range: aws.String("bytes=10-")}, "", "", "InvalidRange"},
		{"if-match ok", s3.GetObjectInput{IfMatch: aws.String(info.ETag)}, "0123456789", "", ""},
		{"if-match fails", s3.GetObjectInput{IfMatch: aws.String(`"abc"`)}, "", "", "PreconditionFailed"},
		{"if-none-match hit", s3.GetObjectInput{IfNoneMatch: aws.String(info.ETag)}, "", "", "NotModified"},
		{"if-modified-since later", s3.GetObjectInput{IfModifiedSince: &future}, "", "", "NotModified"},
		{"if-modified-since earlier", s3.GetObjectInput{IfModifiedSince: &past}, "0123456789", "", ""},
		{"if-unmodified-since earlier", s3.GetObjectInput{IfUnmodifiedSince: &past}, "", "", "PreconditionFailed"},
		{"if-match beats unmodified-since", s3.GetObjectInput{IfMatch: aws.String(info.ETag), IfUnmodifiedSince: &past}, "0123456789", "", ""},
		{"missing key", s3.GetObjectInput{Key: aws.String("nope")}, "", "", "NoSuchKey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Bucket = aws.String("bkt")
			if in.Key == nil {
				in.Key = aws.String("k")
			}
			out, err := c.GetObject(ctx, &in)
			if got := errCode(t, err); got != tt.wantCode {
				t.Fatalf("code = %q, want %q (%v)", got, tt.wantCode, err)
			}
			if err != nil {
				return
			}
			defer out.Body.Close()
			b, _ := io.ReadAll(out.Body)
			if diff := cmp.Diff([]string{tt.wantBody, tt.wantRange}, []string{string(b), aws.ToString(out.ContentRange)}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	_, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("nope")})
	if got := errCode(t, err); got != "NotFound" {
		t.Errorf("HeadObject missing code = %q, want NotFound", got)
	}
	head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	if err != nil || aws.ToInt64(head.ContentLength) != 10 || aws.ToString(head.ETag) != info.ETag {
		t.Errorf("HeadObject = %v, %v", head, err)
	}
}

func TestDeleteAndCopy(t *testing.T) {
	ctx := context.Background()
	srv, c := startWithBucket(t, "bkt")
	for _, k := range []string{"a", "b", "c"} {
		if err := srv.PutObject("bkt", k, []byte(k), map[string][]string{"X-Amz-Meta-Name": {k}, "Content-Type": {"text/x-" + k}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("never")}); err != nil {
		t.Errorf("DeleteObject of a missing key: %v", err)
	}
	cp, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("a copy"),
		CopySource: aws.String("bkt/a")})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.Object("bkt", "a copy"); got.ContentType != "text/x-a" || got.Metadata["name"] != "a" ||
		aws.ToString(cp.CopyObjectResult.ETag) != got.ETag {
		t.Errorf("COPY directive: %+v, result ETag %s", got, aws.ToString(cp.CopyObjectResult.ETag))
	}
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("b"), CopySource: aws.String("bkt/a"),
		MetadataDirective: types.MetadataDirectiveReplace, ContentType: aws.String("text/new"), Metadata: map[string]string{"new": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := srv.Object("bkt", "b"); string(got.Data) != "a" || got.ContentType != "text/new" || cmp.Diff(map[string]string{"new": "1"}, got.Metadata) != "" {
		t.Errorf("REPLACE directive: %+v", got)
	}
	for _, tt := range []struct{ src, dst, want string }{
		{"bkt/c", "c", "InvalidRequest"},
		{"bkt/missing", "x", "NoSuchKey"},
		{"nobucket/a", "x", "NoSuchBucket"},
	} {
		_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String(tt.dst), CopySource: aws.String(tt.src)})
		if got := errCode(t, err); got != tt.want {
			t.Errorf("CopyObject %s: code %q, want %q", tt.src, got, tt.want)
		}
	}
	out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Objects: []types.ObjectIdentifier{{Key: aws.String("a")}, {Key: aws.String("never")}}}})
	if err != nil {
		t.Fatal(err)
	}
	var deleted []string
	for _, d := range out.Deleted {
		deleted = append(deleted, aws.ToString(d.Key))
	}
	if diff := cmp.Diff([]string{"a", "never"}, deleted); diff != "" {
		t.Errorf("DeleteObjects (-want +got):\n%s", diff)
	}
	quiet, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{
		Quiet: aws.Bool(true), Objects: []types.ObjectIdentifier{{Key: aws.String("b")}}}})
	if err != nil || len(quiet.Deleted) != 0 {
		t.Errorf("quiet DeleteObjects = %v, %v", quiet, err)
	}
	if _, ok := srv.Object("bkt", "b"); ok {
		t.Error("b survived DeleteObjects")
	}
	many := make([]types.ObjectIdentifier, 1001)
	for i := range many {
		many[i].Key = aws.String(fmt.Sprint(i))
	}
	_, err = c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("bkt"), Delete: &types.Delete{Objects: many}})
	if got := errCode(t, err); got != "MalformedXML" {
		t.Errorf("1001 keys: code %q, want MalformedXML", got)
	}
}
