package s3_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

func start(t *testing.T) (*s3test.Server, *s3.Conn) {
	t.Helper()
	srv := s3test.Start(t)
	return srv, s3.New(srv.Config(""))
}

func TestBucketLifecycle(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "life-cycle")
	if err != nil {
		t.Fatal(err)
	}
	ok, err := b.Exists(ctx)
	if err != nil || !ok {
		t.Fatalf("Exists = %v, %v; want true", ok, err)
	}
	loc, err := b.Location(ctx)
	if err != nil || loc != conn.Region() {
		t.Errorf("Location = %q, %v; want %q", loc, err, conn.Region())
	}
	var names []string
	for bk, err := range conn.Buckets(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, bk.Name)
	}
	if diff := cmp.Diff([]string{"life-cycle"}, names); diff != "" {
		t.Errorf("Buckets (-want +got):\n%s", diff)
	}
	if err := b.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, err := b.Exists(ctx); err != nil || ok {
		t.Errorf("Exists after Delete = %v, %v; want false, nil", ok, err)
	}
	if len(srv.Buckets()) != 0 {
		t.Errorf("fake still has buckets: %v", srv.Buckets())
	}
}

func TestCreateBucketRegion(t *testing.T) {
	srv := s3test.Start(t)
	cfg := srv.Config("")
	cfg.Region = "eu-west-1"
	conn := s3.New(cfg)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "in-ireland")
	if err != nil {
		t.Fatal(err)
	}
	loc, err := b.Location(ctx)
	if err != nil || loc != "eu-west-1" {
		t.Errorf("Location = %q, %v; want eu-west-1", loc, err)
	}
}

func TestObjects(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "objects")
	if err != nil {
		t.Fatal(err)
	}
	k := b.Key("dir/hello.txt")
	if err := k.PutBytes(ctx, []byte("hello, world"), s3.ContentType("text/plain"),
		s3.Metadata(map[string]string{"owner": "alice"}), s3.CacheControl("max-age=60")); err != nil {
		t.Fatal(err)
	}
	obj, ok := srv.Object("objects", "dir/hello.txt")
	if !ok || string(obj.Data) != "hello, world" || obj.ContentType != "text/plain" || obj.Metadata["owner"] != "alice" {
		t.Fatalf("fake holds %+v, %v", obj, ok)
	}

	h := b.Key("dir/hello.txt")
	if err := h.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if h.Size != 12 || h.ETag != obj.ETag || h.ContentType != "text/plain" || h.Metadata["owner"] != "alice" || h.CacheControl != "max-age=60" {
		t.Errorf("Head attributes = %+v", h)
	}

	var buf bytes.Buffer
	n, err := k.Get(ctx, &buf, s3.Range(7, 5))
	if err != nil || n != 5 || buf.String() != "world" {
		t.Errorf("ranged Get = %d %q, %v; want 5 \"world\"", n, buf.String(), err)
	}
	if k.Size != 12 {
		t.Errorf("Size after ranged Get = %d, want the whole object's 12", k.Size)
	}

	_, err = k.Get(ctx, &buf, s3.IfMatch(`"not-the-etag"`))
	if !s3.IsPreconditionFailed(err) {
		t.Errorf("Get IfMatch wrong etag: err = %v, want PreconditionFailed", err)
	}
	_, err = k.Get(ctx, &buf, s3.IfNoneMatch(obj.ETag))
	if !s3.IsNotModified(err) {
		t.Errorf("Get IfNoneMatch etag: err = %v, want NotModified", err)
	}

	path := filepath.Join(t.TempDir(), "copy.txt")
	if err := k.GetFile(ctx, path); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "hello, world" {
		t.Errorf("GetFile wrote %q", got)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("new file's mode = %v, %v; want 0644", fi.Mode(), err)
	}

	dst, err := k.Copy(ctx, "objects", "copied.txt")
	if err != nil {
		t.Fatal(err)
	}
	if dst.ETag != obj.ETag {
		t.Errorf("copy ETag = %q, want %q", dst.ETag, obj.ETag)
	}
	if _, err := k.Copy(ctx, "objects", "re typed.csv", s3.ReplaceMetadata("text/csv", map[string]string{"owner": "bob"})); err != nil {
		t.Fatal(err)
	}
	if c, ok := srv.Object("objects", "re typed.csv"); !ok || c.ContentType != "text/csv" || c.Metadata["owner"] != "bob" || string(c.Data) != "hello, world" {
		t.Errorf("copy with new metadata: fake holds %+v, %v", c, ok)
	}

	if err := k.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	err = k.Refresh(ctx)
	if !goboto.IsNotFound(err) {
		t.Errorf("Head after Delete: err = %v, want not found", err)
	}
	_, err = k.Get(ctx, &buf)
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "NoSuchKey" || !goboto.IsNotFound(err) {
		t.Errorf("Get after Delete: err = %v, want NoSuchKey", err)
	}
}

func TestPutFile(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "files")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(path, []byte("file body"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := b.Key("in.txt").PutFile(ctx, path, s3.StorageClass("STANDARD_IA")); err != nil {
		t.Fatal(err)
	}
	obj, ok := srv.Object("files", "in.txt")
	if !ok || string(obj.Data) != "file body" || obj.StorageClass != "STANDARD_IA" {
		t.Errorf("fake holds %+v, %v", obj, ok)
	}
}

func TestKeysAndDeleteKeys(t *testing.T) {
	srv, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "many")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 25 {
		name := "f" + strconv.Itoa(100+i)
		if i%5 == 0 {
			name = "dir" + strconv.Itoa(i) + "/x"
		}
		keys = append(keys, name)
		if err := srv.PutObject("many", name, []byte(name), nil); err != nil {
			t.Fatal(err)
		}
	}
	var flat []string
	for e, err := range b.Keys(ctx, s3.PageSize(7)) {
		if err != nil {
			t.Fatal(err)
		}
		flat = append(flat, e.Name)
	}
	if len(flat) != 25 {
		t.Errorf("listed %d keys, want 25: %v", len(flat), flat)
	}

	var prefixes, files int
	for e, err := range b.Keys(ctx, s3.Delimiter("/")) {
		if err != nil {
			t.Fatal(err)
		}
		if e.IsPrefix {
			prefixes++
			if !strings.HasSuffix(e.Name, "/") {
				t.Errorf("prefix %q lacks the delimiter", e.Name)
			}
		} else {
			files++
		}
	}
	if prefixes != 5 || files != 20 {
		t.Errorf("got %d prefixes and %d keys, want 5 and 20", prefixes, files)
	}

	var after []string
	for e, err := range b.Keys(ctx, s3.Prefix("f"), s3.StartAfter("f120")) {
		if err != nil {
			t.Fatal(err)
		}
		after = append(after, e.Name)
	}
	if diff := cmp.Diff([]string{"f121", "f122", "f123", "f124"}, after); diff != "" {
		t.Errorf("Prefix f after f120 (-want +got):\n%s", diff)
	}

	if err := b.DeleteKeys(ctx, keys); err != nil {
		t.Fatal(err)
	}
	if left, err := goboto.Collect(b.Keys(ctx)); err != nil || len(left) != 0 {
		t.Errorf("after DeleteKeys: %d keys left, %v", len(left), err)
	}
}

func TestNoSuchBucket(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	_, err := goboto.Collect(conn.Bucket("missing").Keys(ctx))
	var ae *goboto.APIError
	if !errors.As(err, &ae) || ae.Code != "NoSuchBucket" || !goboto.IsNotFound(err) {
		t.Errorf("Keys of a missing bucket: err = %v, want NoSuchBucket", err)
	}
}
