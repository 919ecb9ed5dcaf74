package suite

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3"
)

// testCopy copies within and across buckets, with and without new
// metadata.
func testCopy(t *testing.T, e *Env) {
	ctx := context.Background()
	src, dst := e.bucket(t), e.bucket(t)
	k := src.Key("a/src key.txt")
	if err := k.PutBytes(ctx, []byte("copy me"), s3.ContentType("text/plain"),
		s3.Metadata(map[string]string{"owner": "alice"})); err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	for _, tc := range []struct {
		name   string
		bucket string
		key    string
		opts   []s3.CopyOption
		want   attrs
	}{
		{"same bucket", src.Name, "b/copy.txt", nil,
			attrs{Size: 7, ContentType: "text/plain", Metadata: map[string]string{"owner": "alice"}}},
		{"other bucket", dst.Name, "copy.txt", nil,
			attrs{Size: 7, ContentType: "text/plain", Metadata: map[string]string{"owner": "alice"}}},
		{"replace metadata", dst.Name, "re typed.csv", []s3.CopyOption{s3.ReplaceMetadata("text/csv", map[string]string{"owner": "bob"})},
			attrs{Size: 7, ContentType: "text/csv", Metadata: map[string]string{"owner": "bob"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := k.Copy(ctx, tc.bucket, tc.key, tc.opts...)
			if err != nil {
				t.Fatalf("%s: Copy: %v", e.Name, err)
			}
			if c.ETag != k.ETag {
				t.Errorf("%s: copy ETag = %s; want the source's %s", e.Name, c.ETag, k.ETag)
			}
			h := e.Conn.Bucket(tc.bucket).Key(tc.key)
			var buf bytes.Buffer
			if _, err := h.Get(ctx, &buf); err != nil || buf.String() != "copy me" {
				t.Errorf("%s: Get copy = %q, %v", e.Name, buf.String(), err)
			}
			if diff := cmp.Diff(tc.want, attrsOf(h)); diff != "" {
				t.Errorf("%s: copy attributes (-want +got):\n%s", e.Name, diff)
			}
		})
	}
	_, err := src.Key("missing").Copy(ctx, dst.Name, "x")
	e.wantCode(t, "Copy of a missing key", err, "NoSuchKey", http.StatusNotFound)
	_, err = k.Copy(ctx, e.NewBucketName(), "x")
	e.wantCode(t, "Copy into a missing bucket", err, "NoSuchBucket", http.StatusNotFound)
	// S3 refuses to copy an object onto itself unless something changes.
	_, err = k.Copy(ctx, src.Name, k.Name)
	e.wantCode(t, "Copy onto itself", err, "InvalidRequest", http.StatusBadRequest)
	if _, err := k.Copy(ctx, src.Name, k.Name, s3.ReplaceMetadata("text/markdown", nil)); err != nil {
		t.Errorf("%s: Copy onto itself with new metadata: %v", e.Name, err)
	} else if err := k.Refresh(ctx); err != nil || k.ContentType != "text/markdown" || len(k.Metadata) != 0 {
		t.Errorf("%s: after Copy onto itself: %+v, %v; want text/markdown and no metadata", e.Name, attrsOf(k), err)
	}
}
