package s3_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// allKeys lists every key of the bucket, in order.
func allKeys(t *testing.T, b *s3.Bucket) []string {
	t.Helper()
	var keys []string
	for e, err := range b.Keys(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, e.Name)
	}
	return keys
}

func seed(t *testing.T, srv *s3test.Server, bucket string, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if err := srv.PutObject(bucket, k, []byte("remote "+k), nil); err != nil {
			t.Fatal(err)
		}
	}
}

// denied is a fault that refuses op once, with an error no retry repeats.
func denied(op string) fake.Fault {
	return fake.Fault{Service: "s3", Operation: op, Kind: fake.ServerError, Times: 1,
		Err: &fake.Error{Status: http.StatusForbidden, Code: "AccessDenied", Message: "Access Denied", Sender: true}}
}

func TestSyncUpDelete(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "mirror-up")
	ctx := context.Background()
	seed(t, srv, b.Name,
		"site/keep.txt", "site/stale.txt", "site/sub/old.txt", // the last two have no file
		"site/folder/",             // a folder marker, which no file could have written
		"site/a//b", "site/x/../y", // keys SyncDown refuses
		"site/link", "site/linkdir/x", // at and under links the walk skips
		"sitemap.txt", "other/stale.txt", // outside the prefix
	)
	outside := t.TempDir()
	writeFiles(t, outside, map[string][]byte{"x": []byte("outside")})
	src := t.TempDir()
	writeFiles(t, src, map[string][]byte{"keep.txt": []byte("local keep"), "new.txt": []byte("new"), "sub/other.txt": []byte("o")})
	if err := os.Symlink(filepath.Join(src, "keep.txt"), filepath.Join(src, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(src, "linkdir")); err != nil {
		t.Fatal(err)
	}
	before := allKeys(t, b)

	// Without SyncDelete nothing goes.
	if res, err := b.SyncUp(ctx, src, "site"); err != nil || res.Deleted != nil {
		t.Fatalf("SyncUp = deleted %v, %v", res.Deleted, err)
	}
	srv.ResetCalls()
	// One failed upload: the sync fails and deletes nothing.
	writeFiles(t, src, map[string][]byte{"new.txt": []byte("newer"), "sub/other.txt": []byte("other")})
	remove := srv.Faults().Add(denied("PutObject"))
	res, err := b.SyncUp(ctx, src, "site", s3.SyncDelete())
	remove()
	if err == nil || res.Deleted != nil {
		t.Fatalf("SyncUp with a failed PUT = deleted %v, %v; want an error and nothing deleted", res.Deleted, err)
	}
	if n := ops(srv)["DeleteObjects"]; n != 0 {
		t.Errorf("a failed SyncUp sent %d DeleteObjects", n)
	}
	wantAfterUpload := sorted(append(before, "site/new.txt", "site/sub/other.txt"))
	if diff := cmp.Diff(wantAfterUpload, allKeys(t, b)); diff != "" {
		t.Errorf("keys after a failed SyncUp (-want +got):\n%s", diff)
	}

	res, err = b.SyncUp(ctx, src, "site", s3.SyncDelete())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"site/stale.txt", "site/sub/old.txt"}, res.Deleted); diff != "" {
		t.Errorf("Deleted (-want +got):\n%s", diff)
	}
	want := []string{"other/stale.txt", "site/a//b", "site/folder/", "site/keep.txt", "site/link", "site/linkdir/x",
		"site/new.txt", "site/sub/other.txt", "site/x/../y", "sitemap.txt"}
	if diff := cmp.Diff(want, allKeys(t, b)); diff != "" {
		t.Errorf("keys after SyncUp with SyncDelete (-want +got):\n%s", diff)
	}

	// A directory reached through a link is walked, not taken for empty.
	linked := filepath.Join(t.TempDir(), "linked")
	if err := os.Symlink(src, linked); err != nil {
		t.Fatal(err)
	}
	res, err = b.SyncUp(ctx, linked, "site", s3.SyncDelete())
	if err != nil || res.Deleted != nil || len(res.Skipped) != 3 {
		t.Errorf("SyncUp through a linked dir = skipped %v, deleted %v, %v; want 3 skipped, none deleted", res.Skipped, res.Deleted, err)
	}
}

func TestSyncUpDeleteBatches(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "mirror-many")
	var stale []string
	for i := range 1001 {
		stale = append(stale, fmt.Sprintf("p/stale-%04d", i))
	}
	seed(t, srv, b.Name, stale...)
	src := t.TempDir()
	writeFiles(t, src, map[string][]byte{"only": []byte("1")})
	ctx := context.Background()

	// The first call of 1000 fails: Deleted lists only the key of the
	// second, and the *DeleteError the 1000 others.
	remove := srv.Faults().Add(denied("DeleteObjects"))
	res, err := b.SyncUp(ctx, src, "p/", s3.SyncDelete())
	remove()
	var de *s3.DeleteError
	if !errors.As(err, &de) || len(de.Failed) != 1000 {
		t.Fatalf("SyncUp with a failed DeleteObjects: err = %v, want a *DeleteError of 1000 keys", err)
	}
	if diff := cmp.Diff(stale[1000:], res.Deleted); diff != "" {
		t.Errorf("Deleted after a failed call (-want +got):\n%s", diff)
	}

	srv.ResetCalls()
	res, err = b.SyncUp(ctx, src, "p/", s3.SyncDelete())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stale[:1000], res.Deleted); diff != "" {
		t.Errorf("Deleted (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"p/only"}, allKeys(t, b)); diff != "" {
		t.Errorf("keys left (-want +got):\n%s", diff)
	}
	if n := ops(srv)["DeleteObjects"]; n != 1 {
		t.Errorf("DeleteObjects calls = %d, want 1 for 1000 keys", n)
	}
}

// tree lists the entries under dir, "/" after directories and "@" after
// symbolic links.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.IsDir():
			rel += "/"
		case d.Type()&os.ModeSymlink != 0:
			rel += "@"
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSyncDownDelete(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "mirror-down")
	ctx := context.Background()
	seed(t, srv, b.Name, "p/a.txt", "p/sub/b.txt", "p/folder/", "px/c.txt", "other/extra.txt")
	top := t.TempDir()
	outside := filepath.Join(top, "outside")
	dst := filepath.Join(top, "dst")
	writeFiles(t, outside, map[string][]byte{"secret.txt": []byte("s"), "extra.txt": []byte("e")})
	writeFiles(t, dst, map[string][]byte{
		"a.txt":            []byte("old a"), // replaced
		"extra.txt":        []byte("x"),     // removed
		"sub/old/gone.txt": []byte("g"),     // removed, and sub/old with it
		"c.txt":            []byte("c"),     // px/c.txt is not under p/: removed
	})
	if err := os.MkdirAll(filepath.Join(dst, "keepdir"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"link": filepath.Join(outside, "secret.txt"), "linkdir": outside} {
		if err := os.Symlink(target, filepath.Join(dst, link)); err != nil {
			t.Fatal(err)
		}
	}
	outsideBefore := tree(t, outside)
	localBefore := tree(t, dst)

	// A failed download: the sync fails and removes nothing.
	remove := srv.Faults().Add(denied("HeadObject"))
	res, err := b.SyncDown(ctx, "p", dst, s3.SyncDelete(), s3.SyncFiles(1))
	remove()
	if err == nil || res.Deleted != nil {
		t.Fatalf("SyncDown with a failed GET = deleted %v, %v; want an error and nothing removed", res.Deleted, err)
	}
	if diff := cmp.Diff(localBefore, tree(t, dst)); diff != "" {
		t.Errorf("local tree after a failed SyncDown (-want +got):\n%s", diff)
	}

	res, err = b.SyncDown(ctx, "p", dst, s3.SyncDelete())
	if err != nil {
		t.Fatal(err)
	}
	wantDeleted := []string{filepath.Join(dst, "c.txt"), filepath.Join(dst, "extra.txt"), filepath.Join(dst, "sub", "old", "gone.txt")}
	if diff := cmp.Diff(wantDeleted, res.Deleted); diff != "" {
		t.Errorf("Deleted (-want +got):\n%s", diff)
	}
	want := []string{"a.txt", "keepdir/", "link@", "linkdir@", "sub/", "sub/b.txt"}
	if diff := cmp.Diff(want, tree(t, dst)); diff != "" {
		t.Errorf("local tree (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(outsideBefore, tree(t, outside)); diff != "" {
		t.Errorf("outside the directory (-want +got):\n%s", diff)
	}
	if got, _ := os.ReadFile(filepath.Join(dst, "a.txt")); string(got) != "remote p/a.txt" {
		t.Errorf("a.txt = %q", got)
	}

	// Nothing left to remove the second time.
	res, err = b.SyncDown(ctx, "p", dst, s3.SyncDelete())
	if err != nil || res.Deleted != nil {
		t.Errorf("second SyncDown = deleted %v, %v; want none", res.Deleted, err)
	}
}

func TestSyncRootMustBeDir(t *testing.T) {
	_, conn := start(t)
	b := conn.Bucket("some-bucket")
	file := filepath.Join(t.TempDir(), "f")
	writeFiles(t, filepath.Dir(file), map[string][]byte{"f": nil})
	_, err := b.SyncUp(context.Background(), file, "p", s3.SyncDelete())
	var ve *goboto.ValidationError
	if !errors.As(err, &ve) || ve.Field != "Dir" {
		t.Errorf("SyncUp of a file: err = %v, want a ValidationError on Dir", err)
	}
}
