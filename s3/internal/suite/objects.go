package suite

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	v2s3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/s3"
)

// attrs are the Key fields the suite compares after Head and Get.
type attrs struct {
	Size         int64
	ContentType  string
	Metadata     map[string]string
	CacheControl string
}

func attrsOf(k *s3.Key) attrs {
	return attrs{Size: k.Size, ContentType: k.ContentType, Metadata: k.Metadata, CacheControl: k.CacheControl}
}

// testObjects puts an object with headers and reads them back through
// Head, Get and GetFile, then deletes it.
func testObjects(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	body := []byte("hello, world")
	k := b.Key("dir/hello world+ü.txt")
	err := k.PutBytes(ctx, body, s3.ContentType("text/plain"),
		s3.Metadata(map[string]string{"owner": "alice", "colour": "blue"}), s3.CacheControl("max-age=60"))
	if err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	if k.ETag == "" {
		t.Errorf("%s: PutBytes left ETag empty", e.Name)
	}
	want := attrs{Size: 12, ContentType: "text/plain", Metadata: map[string]string{"owner": "alice", "colour": "blue"},
		CacheControl: "max-age=60"}

	h := b.Key(k.Name)
	if err := h.Refresh(ctx); err != nil {
		t.Fatalf("%s: Head: %v", e.Name, err)
	}
	if diff := cmp.Diff(want, attrsOf(h)); diff != "" {
		t.Errorf("%s: Head attributes (-want +got):\n%s", e.Name, diff)
	}
	if h.ETag != k.ETag {
		t.Errorf("%s: Head ETag = %s, Put ETag = %s", e.Name, h.ETag, k.ETag)
	}
	if h.LastModified.IsZero() {
		t.Errorf("%s: Head left LastModified zero", e.Name)
	}

	g := b.Key(k.Name)
	var buf bytes.Buffer
	n, err := g.Get(ctx, &buf)
	if err != nil || n != int64(len(body)) || !bytes.Equal(buf.Bytes(), body) {
		t.Errorf("%s: Get = %d %q, %v; want %d %q", e.Name, n, buf.Bytes(), err, len(body), body)
	}
	if diff := cmp.Diff(want, attrsOf(g)); diff != "" {
		t.Errorf("%s: Get attributes (-want +got):\n%s", e.Name, diff)
	}

	path := filepath.Join(t.TempDir(), "out.txt")
	if err := k.GetFile(ctx, path); err != nil {
		t.Fatalf("%s: GetFile: %v", e.Name, err)
	}
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, body) {
		t.Errorf("%s: GetFile wrote %q, %v; want %q", e.Name, got, err, body)
	}

	// An empty object and a replaced one.
	empty := b.Key("empty")
	if err := empty.PutBytes(ctx, nil); err != nil {
		t.Fatalf("%s: PutBytes empty: %v", e.Name, err)
	}
	buf.Reset()
	if n, err := empty.Get(ctx, &buf); err != nil || n != 0 {
		t.Errorf("%s: Get empty = %d, %v; want 0, nil", e.Name, n, err)
	}
	if err := k.PutBytes(ctx, []byte("replaced")); err != nil {
		t.Fatalf("%s: PutBytes over: %v", e.Name, err)
	}
	buf.Reset()
	if _, err := k.Get(ctx, &buf); err != nil || buf.String() != "replaced" {
		t.Errorf("%s: Get after overwrite = %q, %v", e.Name, buf.String(), err)
	}
	if len(k.Metadata) != 0 || k.ContentType == "text/plain" {
		t.Errorf("%s: overwrite kept the old headers: %+v", e.Name, attrsOf(k))
	}

	if err := k.Delete(ctx); err != nil {
		t.Fatalf("%s: Delete: %v", e.Name, err)
	}
	err = k.Refresh(ctx)
	if !goboto.IsNotFound(err) || status(err) != http.StatusNotFound {
		t.Errorf("%s: Head after Delete: err = %v; want a 404 IsNotFound matches", e.Name, err)
	}
	_, err = k.Get(ctx, &buf)
	e.wantCode(t, "Get after Delete", err, "NoSuchKey", http.StatusNotFound)
	if err := k.Delete(ctx); err != nil {
		t.Errorf("%s: Delete of a missing key: %v; want success", e.Name, err)
	}

	long := b.Key(strings.Repeat("k", 1025))
	e.wantValidation(t, "Put of a 1025-byte key", long.PutBytes(ctx, body), "Key")
}

// testKeyNames round-trips keys with characters that need escaping or
// that file-backed servers find awkward.
func testKeyNames(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	for _, tc := range []struct {
		key string
		// odd: where Diff.RejectsOddKeys, the key is refused or, when
		// storedAs is set, stored under that name.
		odd      bool
		storedAs string
	}{
		{key: "plain"},
		{key: "sp ace/and+plus"},
		{key: "q?uery#frag%25&amp=;"},
		{key: "ünï/çødé/日本"},
		{key: "trailing/"},
		{key: "tab\tcr\rlf\n"},
		{key: "/leading", odd: true, storedAs: "leading"},
		{key: "a//b", odd: true},
		{key: "./dot", odd: true},
	} {
		t.Run(tc.key, func(t *testing.T) {
			k := b.Key(tc.key)
			err := k.PutBytes(ctx, []byte(tc.key))
			if tc.odd && e.Diff.RejectsOddKeys {
				if tc.storedAs == "" {
					if status(err) != http.StatusBadRequest {
						t.Errorf("%s: Put %q: err = %v; the flag says it is refused (400)", e.Name, tc.key, err)
					}
					return
				}
				listed := e.names(t, b, s3.Prefix(tc.storedAs))
				if err != nil || len(listed) == 0 || listed[0] != tc.storedAs {
					t.Errorf("%s: Put %q = %v, listed as %q; the flag says it is stored as %q", e.Name, tc.key, err, listed, tc.storedAs)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: Put %q: %v", e.Name, tc.key, err)
			}
			var buf bytes.Buffer
			if _, err := k.Get(ctx, &buf); err != nil || buf.String() != tc.key {
				t.Errorf("%s: Get %q = %q, %v", e.Name, tc.key, buf.String(), err)
			}
			listed := e.names(t, b, s3.Prefix(tc.key))
			if len(listed) == 0 || listed[0] != tc.key {
				t.Errorf("%s: Keys with prefix %q = %q", e.Name, tc.key, listed)
			}
			if c, err := k.Copy(ctx, b.Name, tc.key+".copy"); err != nil || c.ETag != k.ETag {
				t.Errorf("%s: Copy %q: %v", e.Name, tc.key, err)
			}
		})
	}
}

// testDigests sends wrong and malformed Content-MD5 headers through the v2
// client, which goboto does not set itself.
func testDigests(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	for _, tc := range []struct {
		name, md5, code string
	}{
		{"wrong", "1B2M2Y8AsgTpgAmY7PhCfg==", "BadDigest"}, // the MD5 of no bytes
		{"malformed", "not-base64!", "InvalidDigest"},
	} {
		_, err := e.Conn.Client().PutObject(ctx, &v2s3.PutObjectInput{
			Bucket: aws.String(b.Name), Key: aws.String("d"), Body: strings.NewReader("data"), ContentMD5: aws.String(tc.md5),
		})
		e.wantCode(t, "PutObject with a "+tc.name+" Content-MD5", core.Error(err), tc.code, http.StatusBadRequest)
	}
	if err := b.Key("d").Refresh(ctx); status(err) != http.StatusNotFound {
		t.Errorf("%s: Head after refused puts: err = %v; want 404", e.Name, err)
	}
	err := e.Conn.Bucket(e.NewBucketName()).Key("k").Refresh(ctx)
	if !goboto.IsNotFound(err) || status(err) != http.StatusNotFound {
		t.Errorf("%s: Head in a missing bucket: err = %v; want a 404 IsNotFound matches", e.Name, err)
	}
}
