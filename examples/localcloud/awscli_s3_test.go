package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goboto/goboto/internal/fake"
)

// TestAWSCLIS3 drives the aws CLI's high-level s3 commands (mb, cp, ls,
// sync, cp back down, rm, rb) against the local cloud's fake S3, which
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
	top := run("s3", "ls", "s3://cli-bucket/")
	if !strings.Contains(top, "PRE tree/") || !strings.Contains(top, " a.txt") {
		t.Errorf("s3 ls (delimiter) = %q, want the tree/ prefix and a.txt", top)
	}

	_, stderr, err := awsCLI(t, srv, env, "s3", "rb", "s3://cli-bucket")
	if err == nil || !strings.Contains(string(stderr), "BucketNotEmpty") {
		t.Errorf("rb of a full bucket: err %v, stderr %s", err, stderr)
	}
	run("s3", "rm", "--recursive", "s3://cli-bucket/")
	run("s3", "rb", "s3://cli-bucket")
}
