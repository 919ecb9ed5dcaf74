package s3_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

// listVersions collects a whole version listing.
func listVersions(t *testing.T, b *s3.Bucket, opts ...s3.ListOption) []s3.Version {
	t.Helper()
	var vs []s3.Version
	for v, err := range b.Versions(context.Background(), opts...) {
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, *v)
	}
	return vs
}

// versionShape is what a test can predict of a Version: not its ID or
// time.
type versionShape struct {
	Key                      string
	IsLatest, IsDeleteMarker bool
	Size                     int64
}

func shapes(vs []s3.Version) []versionShape {
	out := make([]versionShape, len(vs))
	for i, v := range vs {
		out[i] = versionShape{v.Key, v.IsLatest, v.IsDeleteMarker, v.Size}
	}
	return out
}

func TestVersionsAgainstFake(t *testing.T) {
	_, conn := start(t)
	ctx := context.Background()
	b, err := conn.CreateBucket(ctx, "history")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SetVersioning(ctx, s3.VersioningEnabled); err != nil {
		t.Fatal(err)
	}
	doc := b.Key("doc")
	for _, body := range []string{"one", "three"} {
		if err := doc.PutBytes(ctx, []byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := doc.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.Key("other").PutBytes(ctx, []byte("x")); err != nil {
		t.Fatal(err)
	}

	all := listVersions(t, b)
	want := []versionShape{{"doc", true, true, 0}, {"doc", false, false, 5}, {"doc", false, false, 3}, {"other", true, false, 1}}
	if diff := cmp.Diff(want, shapes(all)); diff != "" {
		t.Fatalf("versions (-want +got):\n%s", diff)
	}
	ids := map[string]bool{}
	for _, v := range all {
		if v.VersionID == "" || v.VersionID == "null" || ids[v.VersionID] {
			t.Errorf("version ID %q is empty, null or repeated", v.VersionID)
		}
		ids[v.VersionID] = true
	}
	// Paging one at a time by the markers lists the same.
	if diff := cmp.Diff(all, listVersions(t, b, s3.PageSize(1)), cmpopts.IgnoreUnexported(s3.Version{})); diff != "" {
		t.Errorf("paged by one (-want +got):\n%s", diff)
	}
	// Starting after the delete marker of doc.
	after := listVersions(t, b, s3.KeyMarker("doc"), s3.VersionIDMarker(all[0].VersionID))
	if diff := cmp.Diff(all[1:], after, cmpopts.IgnoreUnexported(s3.Version{})); diff != "" {
		t.Errorf("after the marker (-want +got):\n%s", diff)
	}

	// The latest is a delete marker, so a plain Get finds nothing; the
	// old versions are still there.
	if _, err := doc.Get(ctx, &bytes.Buffer{}); !goboto.IsNotFound(err) {
		t.Errorf("Get under a delete marker: err = %v, want not found", err)
	}
	var got bytes.Buffer
	if _, err := doc.Get(ctx, &got, s3.VersionID(all[2].VersionID)); err != nil || got.String() != "one" {
		t.Errorf("Get of the first version = %q, %v; want one", got.String(), err)
	}
	if err := doc.HeadVersion(ctx, all[1].VersionID); err != nil || doc.Size != 5 {
		t.Errorf("HeadVersion = size %d, %v; want 5", doc.Size, err)
	}

	// Removing the delete marker brings the last version back.
	marker, err := doc.DeleteVersion(ctx, all[0].VersionID)
	if err != nil || !marker {
		t.Fatalf("DeleteVersion(marker) = %v, %v; want true", marker, err)
	}
	got.Reset()
	if _, err := doc.Get(ctx, &got); err != nil || got.String() != "three" {
		t.Errorf("Get after removing the marker = %q, %v; want three", got.String(), err)
	}
	if marker, err := doc.DeleteVersion(ctx, all[2].VersionID); err != nil || marker {
		t.Fatalf("DeleteVersion(first) = %v, %v; want false", marker, err)
	}
	want = []versionShape{{"doc", true, false, 5}, {"other", true, false, 1}}
	if diff := cmp.Diff(want, shapes(listVersions(t, b))); diff != "" {
		t.Errorf("versions after deleting two (-want +got):\n%s", diff)
	}
}

func TestVersionsUnversionedAndPrefixes(t *testing.T) {
	srv, conn := start(t)
	if err := srv.CreateBucket("", "us-east-1", "flat"); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"a/1", "a/2", "b", "c/1"} {
		if err := srv.PutObject("flat", k, []byte(k), nil); err != nil {
			t.Fatal(err)
		}
	}
	got := listVersions(t, conn.Bucket("flat"), s3.Delimiter("/"))
	type item struct {
		Key, VersionID     string
		IsLatest, IsPrefix bool
	}
	var items []item
	for _, v := range got {
		items = append(items, item{v.Key, v.VersionID, v.IsLatest, v.IsPrefix})
	}
	want := []item{{"b", "null", true, false}, {"a/", "", false, true}, {"c/", "", false, true}}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}
}
