package s3

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
)

// versionPages are two ListObjectVersions answers in S3's shape: the
// first truncated after a delete marker, with markers naming where the
// second starts.
var versionPages = []string{
	`<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bkt</Name><Prefix>d</Prefix>
<KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><NextKeyMarker>doc</NextKeyMarker><NextVersionIdMarker>v2</NextVersionIdMarker>
<MaxKeys>3</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>
<DeleteMarker><Key>doc</Key><VersionId>v3</VersionId><IsLatest>true</IsLatest><LastModified>2026-01-03T00:00:00.000Z</LastModified><Owner><ID>o1</ID></Owner></DeleteMarker>
<Version><Key>doc</Key><VersionId>v2</VersionId><IsLatest>false</IsLatest><LastModified>2026-01-02T00:00:00.000Z</LastModified><ETag>&quot;e2&quot;</ETag><Size>20</Size><Owner><ID>o1</ID></Owner><StorageClass>STANDARD</StorageClass></Version>
<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>
</ListVersionsResult>`,
	`<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bkt</Name><Prefix>d</Prefix>
<KeyMarker>doc</KeyMarker><VersionIdMarker>v2</VersionIdMarker><MaxKeys>3</MaxKeys><Delimiter>/</Delimiter><IsTruncated>false</IsTruncated>
<Version><Key>doc</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;e1&quot;</ETag><Size>10</Size><StorageClass>STANDARD</StorageClass></Version>
<Version><Key>dz</Key><VersionId>null</VersionId><IsLatest>true</IsLatest><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>&quot;e0&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Version>
</ListVersionsResult>`,
}

func TestVersionsWire(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		page := 0
		if r.URL.Query().Get("key-marker") != "" {
			page = 1
		}
		xmlAnswer(w, 200, versionPages[page])
	})
	var got []Version
	b := rec.conn("us-east-1").Bucket("bkt")
	for v, err := range b.Versions(context.Background(), Prefix("d"), Delimiter("/"), PageSize(3)) {
		if err != nil {
			t.Fatal(err)
		}
		if v.Bucket() != b || v.Object().Name != v.Key {
			t.Errorf("version %s/%s: Bucket() = %v, Object() = %v", v.Key, v.VersionID, v.Bucket(), v.Object())
		}
		got = append(got, *v)
	}
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	want := []Version{
		{Key: "doc", VersionID: "v3", IsLatest: true, IsDeleteMarker: true, LastModified: day(3), Owner: Owner{ID: "o1"}},
		{Key: "doc", VersionID: "v2", Size: 20, ETag: `"e2"`, LastModified: day(2), StorageClass: "STANDARD", Owner: Owner{ID: "o1"}},
		{Key: "dir/", IsPrefix: true},
		{Key: "doc", VersionID: "v1", Size: 10, ETag: `"e1"`, LastModified: day(1), StorageClass: "STANDARD"},
		{Key: "dz", VersionID: "null", IsLatest: true, Size: 1, ETag: `"e0"`, LastModified: day(1), StorageClass: "STANDARD"},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(Version{})); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var queries []url.Values
	for _, r := range rec.reqs {
		queries = append(queries, r.URL.Query())
	}
	wantQ := []url.Values{
		{"versions": {""}, "prefix": {"d"}, "delimiter": {"/"}, "max-keys": {"3"}},
		{"versions": {""}, "prefix": {"d"}, "delimiter": {"/"}, "max-keys": {"3"}, "key-marker": {"doc"}, "version-id-marker": {"v2"}},
	}
	if diff := cmp.Diff(wantQ, queries); diff != "" {
		t.Errorf("queries (-want +got):\n%s", diff)
	}
}

func TestVersionsEarlyBreak(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { xmlAnswer(w, 200, versionPages[0]) })
	n := 0
	for _, err := range rec.conn("us-east-1").Bucket("bkt").Versions(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 {
			break
		}
	}
	if c := rec.count(); c != 1 {
		t.Errorf("%d pages fetched, want 1", c)
	}
}

func TestVersionsValidation(t *testing.T) {
	rec := newRecorder(t, nil)
	conn := rec.conn("us-east-1")
	ctx := context.Background()
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"page size", func() error { return firstErr(conn.Bucket("bkt").Versions(ctx, PageSize(1001))) }, "PageSize"},
		{"negative page size", func() error { return firstErr(conn.Bucket("bkt").Versions(ctx, PageSize(-1))) }, "PageSize"},
		{"version marker alone", func() error {
			return firstErr(conn.Bucket("bkt").Versions(ctx, VersionIDMarker("v1")))
		}, "VersionIDMarker"},
		{"bucket", func() error { return firstErr(conn.Bucket("B").Versions(ctx)) }, "Bucket"},
		{"get empty version", func() error { _, err := conn.Bucket("bkt").Key("k").Get(ctx, nil, VersionID("")); return err }, "VersionID"},
		{"head empty version", func() error { return conn.Bucket("bkt").Key("k").HeadVersion(ctx, "") }, "VersionID"},
		{"delete empty version", func() error { _, err := conn.Bucket("bkt").Key("k").DeleteVersion(ctx, ""); return err }, "VersionID"},
		{"delete bad key", func() error { _, err := conn.Bucket("bkt").Key("").DeleteVersion(ctx, "v1"); return err }, "Key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ve *goboto.ValidationError
			if err := tt.call(); !errors.As(err, &ve) || ve.Field != tt.field {
				t.Errorf("err = %v, want a ValidationError on %s", err, tt.field)
			}
		})
	}
	if c := rec.count(); c != 0 {
		t.Errorf("%d requests sent for bad input, want 0", c)
	}
}

func TestVersionIDWire(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			w.Header().Set("x-amz-delete-marker", "true")
			w.Header().Set("x-amz-version-id", r.URL.Query().Get("versionId"))
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Length", "2")
		w.Write([]byte("hi"))
	})
	k := rec.conn("us-east-1").Bucket("bkt").Key("k")
	ctx := context.Background()
	if _, err := k.Get(ctx, io.Discard, VersionID("v 1")); err != nil {
		t.Fatal(err)
	}
	if err := k.HeadVersion(ctx, "v2"); err != nil {
		t.Fatal(err)
	}
	marker, err := k.DeleteVersion(ctx, "v3")
	if err != nil || !marker {
		t.Errorf("DeleteVersion = %v, %v; want true, nil", marker, err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var got []string
	for _, r := range rec.reqs {
		got = append(got, r.Method+" "+r.URL.Path+" "+r.URL.Query().Get("versionId"))
	}
	want := []string{"GET /bkt/k v 1", "HEAD /bkt/k v2", "DELETE /bkt/k v3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}
