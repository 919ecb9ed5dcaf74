package suite

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/s3"
)

// testVersions keeps versions in a versioned bucket: two puts and a
// delete leave two versions and a delete marker, newest first, and the
// old version can still be read.
func testVersions(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	if err := b.SetVersioning(ctx, s3.VersioningEnabled); err != nil {
		t.Fatalf("%s: SetVersioning: %v", e.Name, err)
	}
	k := b.Key("doc.txt")
	for _, body := range []string{"first", "second"} {
		if err := k.PutBytes(ctx, []byte(body)); err != nil {
			t.Fatalf("%s: PutBytes: %v", e.Name, err)
		}
	}
	if err := k.Delete(ctx); err != nil {
		t.Fatalf("%s: Delete: %v", e.Name, err)
	}
	type entry struct {
		Key                      string
		IsLatest, IsDeleteMarker bool
		Size                     int64
	}
	var got []entry
	var versions []*s3.Version
	for v, err := range b.Versions(ctx) {
		if err != nil {
			t.Fatalf("%s: Versions: %v", e.Name, err)
		}
		got = append(got, entry{v.Key, v.IsLatest, v.IsDeleteMarker, v.Size})
		versions = append(versions, v)
	}
	want := []entry{{"doc.txt", true, true, 0}, {"doc.txt", false, false, 6}, {"doc.txt", false, false, 5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("%s: Versions (-want +got):\n%s", e.Name, diff)
	}
	var buf bytes.Buffer
	if _, err := k.Get(ctx, &buf, s3.VersionID(versions[2].VersionID)); err != nil || buf.String() != "first" {
		t.Errorf("%s: Get of the first version = %q, %v", e.Name, buf.String(), err)
	}
	_, err := k.Get(ctx, io.Discard)
	e.wantCode(t, "Get behind a delete marker", err, "NoSuchKey", http.StatusNotFound)
	// The listed latest version reads again through its handle.
	if err := versions[1].Refresh(ctx); err != nil || versions[1].Size != 6 {
		t.Errorf("%s: Version.Refresh = %v, size %d; want 6", e.Name, err, versions[1].Size)
	}
	// Remove every version through its handle, so the bucket can go.
	for _, v := range versions {
		if _, err := v.Delete(ctx); err != nil {
			t.Errorf("%s: Version.Delete(%s): %v", e.Name, v.VersionID, err)
		}
	}
}

// testPresignPost uploads with a presigned POST form through plain
// net/http, and sees a form that breaks its policy refused.
func testPresignPost(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	post, err := b.PresignPost(ctx, "uploads/${filename}", 10*time.Minute,
		s3.PostContentLengthRange(1, 1024), s3.PostContentType("text/plain"), s3.PostSuccessStatus(201))
	if err != nil {
		t.Fatalf("%s: PresignPost: %v", e.Name, err)
	}
	send := func(content []byte, tamper map[string]string) *http.Response {
		t.Helper()
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		for name, v := range post.Fields {
			if tv, ok := tamper[name]; ok {
				v = tv
			}
			if err := w.WriteField(name, v); err != nil {
				t.Fatal(err)
			}
		}
		fw, err := w.CreateFormFile("file", "note.txt")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(content)
		w.Close()
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, post.URL, &body)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", w.FormDataContentType())
		resp, err := e.HTTPClient.Do(req)
		if err != nil {
			t.Fatalf("%s: POST: %v", e.Name, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	if resp := send([]byte("posted by a browser"), nil); resp.StatusCode != http.StatusCreated {
		t.Fatalf("%s: POST answered %s, want 201 Created", e.Name, resp.Status)
	}
	k := b.Key("uploads/note.txt")
	var buf bytes.Buffer
	if _, err := k.Get(ctx, &buf); err != nil || buf.String() != "posted by a browser" || k.ContentType != "text/plain" {
		t.Errorf("%s: posted object = %q (%s), %v", e.Name, buf.String(), k.ContentType, err)
	}
	if resp := send(bytes.Repeat([]byte("x"), 2048), nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("%s: POST over content-length-range answered %s, want 400", e.Name, resp.Status)
	}
	if resp := send([]byte("x"), map[string]string{"Content-Type": "text/html"}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("%s: POST breaking the Content-Type condition answered %s, want 403", e.Name, resp.Status)
	}
}
