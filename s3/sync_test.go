package s3_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

func TestSync(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "synced")
	ctx := context.Background()
	src := t.TempDir()
	files := map[string][]byte{
		"a.txt":            []byte("alpha"),
		"empty":            {},
		"sub/b.bin":        randomBytes(2, 6*mib+3), // two parts
		"sub/deeper/c.txt": []byte("gamma"),
	}
	writeFiles(t, src, files)
	if err := os.Symlink(filepath.Join(src, "a.txt"), filepath.Join(src, "link")); err != nil {
		t.Fatal(err)
	}
	opts := []s3.TransferOption{s3.PartSize(5 * mib), s3.SyncFiles(2)}
	var total int64
	for _, d := range files {
		total += int64(len(d))
	}

	var last s3.Progress
	res, err := b.SyncUp(ctx, src, "backup", append(opts, s3.OnProgress(func(p s3.Progress) { last = p }))...)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"backup/a.txt", "backup/empty", "backup/sub/b.bin", "backup/sub/deeper/c.txt"}
	if diff := cmp.Diff(keys, sorted(res.Transferred)); diff != "" {
		t.Errorf("SyncUp transferred (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([3]int64{total, total, total}, [3]int64{res.Bytes, last.Done, last.Total}); diff != "" {
		t.Errorf("bytes, progress done and total (-want +got):\n%s", diff)
	}
	for name, data := range files {
		if obj, ok := srv.Object(b.Name, "backup/"+name); !ok || !slices.Equal(obj.Data, data) {
			t.Errorf("object for %s differs (found %v)", name, ok)
		}
	}

	// Nothing changed: nothing is sent.
	srv.ResetCalls()
	res, err = b.SyncUp(ctx, src, "backup/", opts...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(keys, sorted(res.Skipped)); diff != "" || len(res.Transferred) != 0 {
		t.Errorf("second SyncUp skipped (-want +got):\n%s\ntransferred %v", diff, res.Transferred)
	}
	if diff := cmp.Diff(map[string]int{"ListObjectsV2": 1}, ops(srv)); diff != "" {
		t.Errorf("second SyncUp calls (-want +got):\n%s", diff)
	}

	// An edited file of the same size, newer than its object, is sent.
	writeFiles(t, src, map[string][]byte{"a.txt": []byte("ALPHA")})
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(src, "a.txt"), future, future); err != nil {
		t.Fatal(err)
	}
	files["a.txt"] = []byte("ALPHA")
	res, err = b.SyncUp(ctx, src, "backup", opts...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"backup/a.txt"}, res.Transferred); diff != "" {
		t.Errorf("SyncUp after an edit (-want +got):\n%s", diff)
	}

	// Down into a fresh directory, then again with nothing to do.
	dst := t.TempDir()
	res, err = b.SyncDown(ctx, "backup", dst, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(keys, sorted(res.Transferred)); diff != "" {
		t.Errorf("SyncDown transferred (-want +got):\n%s", diff)
	}
	for name, data := range files {
		got, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(name)))
		if err != nil || !slices.Equal(got, data) {
			t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(got), err, len(data))
		}
	}
	srv.ResetCalls()
	res, err = b.SyncDown(ctx, "backup", dst, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(keys, sorted(res.Skipped)); diff != "" || len(res.Transferred) != 0 {
		t.Errorf("second SyncDown skipped (-want +got):\n%s\ntransferred %v", diff, res.Transferred)
	}
	if diff := cmp.Diff(map[string]int{"ListObjectsV2": 1}, ops(srv)); diff != "" {
		t.Errorf("second SyncDown calls (-want +got):\n%s", diff)
	}
}

func TestSyncDownRejectsEscapes(t *testing.T) {
	for _, key := range []string{"pfx/../evil", "pfx/a/../../evil", "pfx//etc/passwd", "pfx/./x"} {
		srv, conn := start(t)
		b := bucket(t, conn, "escapes")
		if err := srv.PutObject(b.Name, "pfx/ok", []byte("fine"), nil); err != nil {
			t.Fatal(err)
		}
		if err := srv.PutObject(b.Name, key, []byte("bad"), nil); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		_, err := b.SyncDown(context.Background(), "pfx", filepath.Join(dir, "out"))
		var ve *goboto.ValidationError
		if !errors.As(err, &ve) || ve.Field != "Key" {
			t.Errorf("key %q: err = %v, want a ValidationError on Key", key, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("key %q: SyncDown wrote %d entries", key, len(entries))
		}
	}
}

func TestSyncValidation(t *testing.T) {
	_, conn := start(t)
	b := conn.Bucket("some-bucket")
	ctx := context.Background()
	for _, tc := range []struct {
		name, field string
		err         error
	}{
		{"no dir up", "Dir", func() error { _, err := b.SyncUp(ctx, "", "p"); return err }()},
		{"no dir down", "Dir", func() error { _, err := b.SyncDown(ctx, "p", ""); return err }()},
		{"files", "SyncFiles", func() error { _, err := b.SyncUp(ctx, t.TempDir(), "p", s3.SyncFiles(0)); return err }()},
		{"bucket", "Bucket", func() error { _, err := conn.Bucket("x").SyncUp(ctx, t.TempDir(), "p"); return err }()},
	} {
		var ve *goboto.ValidationError
		if !errors.As(tc.err, &ve) || ve.Field != tc.field {
			t.Errorf("%s: err = %v, want a ValidationError on %s", tc.name, tc.err, tc.field)
		}
	}
}
