package suite

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto/internal/core"
	gs3 "github.com/goboto/goboto/s3"
)

// minPart is S3's smallest part size but for the last part.
const minPart = 5 << 20

// upload is a multipart upload driven through the v2 client, which goboto
// wraps only in its transfers.
type upload struct {
	e      *Env
	t      *testing.T
	bucket string
	key    string
	id     string
}

func (e *Env) createUpload(t *testing.T, b *gs3.Bucket, key string) *upload {
	t.Helper()
	ctx := context.Background()
	out, err := e.Conn.Client().CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{
		Bucket: aws.String(b.Name), Key: aws.String(key),
	})
	if err != nil {
		t.Fatalf("%s: CreateMultipartUpload: %v", e.Name, core.Error(err))
	}
	u := &upload{e: e, t: t, bucket: b.Name, key: key, id: aws.ToString(out.UploadId)}
	// Abort whatever is left, so the bucket can be deleted; a completed
	// upload answers NoSuchUpload, which is fine.
	t.Cleanup(func() { u.abort() })
	return u
}

// part uploads data as part n and returns the completed-part entry.
func (u *upload) part(n int32, data []byte) types.CompletedPart {
	u.t.Helper()
	out, err := u.e.Conn.Client().UploadPart(context.Background(), &s3.UploadPartInput{
		Bucket: aws.String(u.bucket), Key: aws.String(u.key), UploadId: aws.String(u.id),
		PartNumber: aws.Int32(n), Body: bytes.NewReader(data),
	})
	if err != nil {
		u.t.Fatalf("%s: UploadPart %d: %v", u.e.Name, n, core.Error(err))
	}
	return types.CompletedPart{PartNumber: aws.Int32(n), ETag: out.ETag}
}

func (u *upload) complete(parts ...types.CompletedPart) (*s3.CompleteMultipartUploadOutput, error) {
	out, err := u.e.Conn.Client().CompleteMultipartUpload(context.Background(), &s3.CompleteMultipartUploadInput{
		Bucket: aws.String(u.bucket), Key: aws.String(u.key), UploadId: aws.String(u.id),
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
	})
	return out, core.Error(err)
}

func (u *upload) abort() error {
	_, err := u.e.Conn.Client().AbortMultipartUpload(context.Background(), &s3.AbortMultipartUploadInput{
		Bucket: aws.String(u.bucket), Key: aws.String(u.key), UploadId: aws.String(u.id),
	})
	return core.Error(err)
}

// fill returns n bytes of a repeating pattern seeded by c.
func fill(n int, c byte) []byte {
	b := bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstuvwxyz"), n/36+1)[:n]
	b[0] = c
	return b
}

// multipartETag is S3's ETag of a multipart object: the MD5 of the parts'
// MD5s, then "-" and the number of parts.
func multipartETag(parts ...[]byte) string {
	var sums []byte
	for _, p := range parts {
		s := md5.Sum(p)
		sums = append(sums, s[:]...)
	}
	s := md5.Sum(sums)
	return `"` + hex.EncodeToString(s[:]) + "-" + strconv.Itoa(len(parts)) + `"`
}

// testMultipart uploads an object in two parts and reads it back.
func testMultipart(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	p1, p2 := fill(minPart, 'A'), fill(1000, 'B')
	u := e.createUpload(t, b, "big/object")

	uploads, err := e.Conn.Client().ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b.Name)})
	if err != nil {
		t.Fatalf("%s: ListMultipartUploads: %v", e.Name, core.Error(err))
	}
	if len(uploads.Uploads) != 1 || aws.ToString(uploads.Uploads[0].UploadId) != u.id {
		t.Errorf("%s: ListMultipartUploads = %d uploads; want just %s", e.Name, len(uploads.Uploads), u.id)
	}

	c1, c2 := u.part(1, p1), u.part(2, p2)
	parts, err := e.Conn.Client().ListParts(ctx, &s3.ListPartsInput{
		Bucket: aws.String(b.Name), Key: aws.String(u.key), UploadId: aws.String(u.id)})
	if err != nil {
		t.Fatalf("%s: ListParts: %v", e.Name, core.Error(err))
	}
	var sizes []int64
	for _, p := range parts.Parts {
		sizes = append(sizes, aws.ToInt64(p.Size))
	}
	if len(sizes) != 2 || sizes[0] != minPart || sizes[1] != 1000 {
		t.Errorf("%s: ListParts sizes = %v; want [%d 1000]", e.Name, sizes, minPart)
	}

	out, err := u.complete(c1, c2)
	if err != nil {
		t.Fatalf("%s: CompleteMultipartUpload: %v", e.Name, err)
	}
	if got, want := aws.ToString(out.ETag), multipartETag(p1, p2); got != want {
		t.Errorf("%s: multipart ETag = %s; want %s", e.Name, got, want)
	}
	k := b.Key(u.key)
	var buf bytes.Buffer
	if _, err := k.Get(ctx, &buf); err != nil || !bytes.Equal(buf.Bytes(), append(p1, p2...)) {
		t.Errorf("%s: Get of the multipart object: %d bytes, %v; want %d", e.Name, buf.Len(), err, len(p1)+len(p2))
	}
	// A range across the part boundary: p1's last two bytes, p2's first two.
	buf.Reset()
	want := string(p1[minPart-2:]) + string(p2[:2])
	if _, err := k.Get(ctx, &buf, gs3.Range(minPart-2, 4)); err != nil || buf.String() != want {
		t.Errorf("%s: ranged Get across parts = %q, %v; want %q", e.Name, buf.String(), err, want)
	}
}

// testMultipartErrors checks the errors of CompleteMultipartUpload and of
// a missing upload.
func testMultipartErrors(t *testing.T, e *Env) {
	b := e.bucket(t)
	big, small := fill(minPart, 'A'), fill(100, 'B')
	u := e.createUpload(t, b, "mp")
	c1, c2, c3 := u.part(1, big), u.part(2, small), u.part(3, small)

	_, err := u.complete(c2, c1)
	e.wantCode(t, "Complete with parts out of order", err, "InvalidPartOrder", http.StatusBadRequest)

	bad := types.CompletedPart{PartNumber: aws.Int32(4), ETag: c1.ETag}
	_, err = u.complete(c1, bad)
	e.wantCode(t, "Complete with a part never uploaded", err, "InvalidPart", http.StatusBadRequest)

	wrong := types.CompletedPart{PartNumber: aws.Int32(2), ETag: aws.String(`"00000000000000000000000000000000"`)}
	_, err = u.complete(c1, wrong)
	e.wantCode(t, "Complete with a wrong part ETag", err, "InvalidPart", http.StatusBadRequest)

	_, err = u.complete(c2, c3)
	e.wantCode(t, "Complete with a small first part", err, "EntityTooSmall", http.StatusBadRequest)

	_, err = u.complete()
	if e.Diff.EmptyCompleteInvalidRequest {
		e.wantCode(t, "Complete with no parts", err, "InvalidRequest", http.StatusBadRequest)
	} else {
		e.wantCode(t, "Complete with no parts", err, "MalformedXML", http.StatusBadRequest)
	}
	_, err = e.Conn.Client().UploadPart(context.Background(), &s3.UploadPartInput{
		Bucket: aws.String(b.Name), Key: aws.String("mp"), UploadId: aws.String(u.id),
		PartNumber: aws.Int32(10001), Body: strings.NewReader("x"),
	})
	e.wantCode(t, "UploadPart 10001", core.Error(err), "InvalidArgument", http.StatusBadRequest)

	if err := u.abort(); err != nil {
		t.Fatalf("%s: AbortMultipartUpload: %v", e.Name, err)
	}
	_, err = u.complete(c1, c2)
	e.wantCode(t, "Complete after Abort", err, "NoSuchUpload", http.StatusNotFound)
	_, err = e.Conn.Client().UploadPart(context.Background(), &s3.UploadPartInput{
		Bucket: aws.String(b.Name), Key: aws.String("mp"), UploadId: aws.String(u.id),
		PartNumber: aws.Int32(1), Body: strings.NewReader("x"),
	})
	e.wantCode(t, "UploadPart after Abort", core.Error(err), "NoSuchUpload", http.StatusNotFound)
	if err := b.Key("mp").Refresh(context.Background()); status(err) != http.StatusNotFound {
		t.Errorf("%s: Head of the aborted upload's key: err = %v; want 404", e.Name, err)
	}
}

// testMultipartDeleteBucket deletes a bucket whose only content is an
// upload in progress, which S3 allows.
func testMultipartDeleteBucket(t *testing.T, e *Env) {
	b := e.bucket(t)
	u := e.createUpload(t, b, "pending")
	u.part(1, []byte("part"))
	if err := b.Delete(context.Background()); err != nil {
		t.Errorf("%s: Delete of a bucket with only an upload in progress: %v; want success", e.Name, err)
	}
}

// testMultipartReupload uploads a part twice: the second upload replaces
// the first, whose ETag no longer completes the upload.
func testMultipartReupload(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	u := e.createUpload(t, b, "again")
	old := u.part(1, []byte("first"))
	cur := u.part(1, []byte("second"))
	_, err := u.complete(old)
	e.wantCode(t, "Complete with the replaced part's ETag", err, "InvalidPart", http.StatusBadRequest)
	if _, err := u.complete(cur); err != nil {
		t.Fatalf("%s: Complete: %v", e.Name, err)
	}
	var buf bytes.Buffer
	if _, err := b.Key("again").Get(ctx, &buf); err != nil || buf.String() != "second" {
		t.Errorf("%s: Get = %q, %v; want %q", e.Name, buf.String(), err, "second")
	}
	_, err = e.Conn.Client().ListParts(ctx, &s3.ListPartsInput{
		Bucket: aws.String(b.Name), Key: aws.String("again"), UploadId: aws.String(u.id)})
	e.wantCode(t, "ListParts after Complete", core.Error(err), "NoSuchUpload", http.StatusNotFound)
}
