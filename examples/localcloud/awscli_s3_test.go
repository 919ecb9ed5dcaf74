package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIS3 drives the aws CLI's high-level s3 commands (mb, cp, ls,
// sync both ways and with --delete, rm, rb) and s3api's object ACL calls against the local cloud's fake S3, which
// botocore addresses path-style once --endpoint-url is set.
func TestAWSCLIS3(t *testing.T) {
	t.Parallel()
	requireAWSCLI(t)
	srv := startCloud(t)
	env := clientEnv(t, fake.DefaultCredentials()[0], srv.DefaultRegion())

	src := t.TempDir()
	files := map[string]string{"a.txt": "hello\n", "dir/b.txt": "world\n", "dir/sub/c.bin": strings.Repeat("x", 70000)}
	for name, body := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) string {
		t.Helper()
		out, stderr, err := awsCLI(t, srv, env, args...)
		if err != nil {
			t.Fatalf("aws %q: %v\nstderr: %s", args, err, stderr)
		}
		return string(out)
	}

	run("s3", "mb", "s3://cli-bucket")
	run("s3", "cp", filepath.Join(src, "a.txt"), "s3://cli-bucket/a.txt")
	run("s3", "sync", src, "s3://cli-bucket/tree/")
	listing := run("s3", "ls", "--recursive", "s3://cli-bucket/")
	for _, want := range []string{" a.txt", " tree/a.txt", " tree/dir/b.txt", " tree/dir/sub/c.bin", " 70000 "} {
		if !strings.Contains(listing, want) {
			t.Errorf("s3 ls --recursive lacks %q:\n%s", want, listing)
		}
	}
	// A second sync finds nothing to upload.
	if out := run("s3", "sync", src, "s3://cli-bucket/tree/"); strings.Contains(out, "upload:") {
		t.Errorf("second sync uploaded again:\n%s", out)
	}
	dst := t.TempDir()
	run("s3", "sync", "s3://cli-bucket/tree/", dst)
	for name, body := range files {
		got, err := os.ReadFile(filepath.Join(dst, filepath.FromSlash(name)))
		if err != nil || string(got) != body {
			t.Errorf("downloaded %s: %d bytes, %v; want %d bytes", name, len(got), err, len(body))
		}
	}
	// sync --delete mirrors a local removal: DeleteObjects through botocore.
	if err := os.Remove(filepath.Join(src, "a.txt")); err != nil {
		t.Fatal(err)
	}
	if out := run("s3", "sync", "--delete", src, "s3://cli-bucket/tree/"); !strings.Contains(out, "delete: s3://cli-bucket/tree/a.txt") || strings.Contains(out, "upload:") {
		t.Errorf("sync --delete after removing a.txt printed:\n%s\nwant a.txt deleted and nothing uploaded", out)
	}
	if listing := run("s3", "ls", "--recursive", "s3://cli-bucket/tree/"); strings.Contains(listing, "tree/a.txt") || !strings.Contains(listing, "tree/dir/b.txt") {
		t.Errorf("after sync --delete, s3 ls --recursive:\n%s\nwant tree/a.txt gone and the rest kept", listing)
	}
	top := run("s3", "ls", "s3://cli-bucket/")
	if !strings.Contains(top, "PRE tree/") || !strings.Contains(top, " a.txt") {
		t.Errorf("s3 ls (delimiter) = %q, want the tree/ prefix and a.txt", top)
	}

	// ACLs through s3api: new buckets enforce bucket-owner ownership, so
	// only the owner's own full control is accepted.
	run("s3api", "put-object-acl", "--bucket", "cli-bucket", "--key", "a.txt", "--acl", "private")
	if _, stderr, err := awsCLI(t, srv, env, "s3api", "put-object-acl", "--bucket", "cli-bucket", "--key", "a.txt", "--acl", "public-read"); err == nil || !strings.Contains(string(stderr), "AccessControlListNotSupported") {
		t.Errorf("public-read under BucketOwnerEnforced: err %v, stderr %s", err, stderr)
	}
	var acl struct {
		Owner  struct{ ID string }
		Grants []struct {
			Grantee    struct{ Type, ID string }
			Permission string
		}
	}
	awsJSON(t, srv, env, &acl, "s3api", "get-object-acl", "--bucket", "cli-bucket", "--key", "a.txt")
	if len(acl.Grants) != 1 || acl.Grants[0].Permission != "FULL_CONTROL" || acl.Grants[0].Grantee.Type != "CanonicalUser" || acl.Grants[0].Grantee.ID != acl.Owner.ID {
		t.Errorf("get-object-acl = %+v, want the owner's FULL_CONTROL", acl)
	}

	_, stderr, err := awsCLI(t, srv, env, "s3", "rb", "s3://cli-bucket")
	if err == nil || !strings.Contains(string(stderr), "BucketNotEmpty") {
		t.Errorf("rb of a full bucket: err %v, stderr %s", err, stderr)
	}
	run("s3", "rm", "--recursive", "s3://cli-bucket/")
	run("s3", "rb", "s3://cli-bucket")
}
