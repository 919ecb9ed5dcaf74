package s3_test

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// readableMem is a memFile that can also be read back, as Download
// needs to check a digest.
type readableMem struct{ memFile }

func (m *readableMem) ReadAt(p []byte, off int64) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if off >= int64(len(m.buf)) {
		return 0, io.EOF
	}
	n := copy(p, m.buf[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func TestDownloadVerifiesDigest(t *testing.T) {
	srv := s3test.Start(t)
	corrupt := false
	conn := s3.New(srv.Config(""), goboto.WithEndpoint(corruptingProxy(t, srv, &corrupt)))
	b := bucket(t, conn, "digests")
	ctx := context.Background()
	data := randomBytes(7, 12*mib+1)

	// One PutObject each, so that the object's checksum covers all of it.
	sha256Key := b.Key("sha256")
	if err := sha256Key.Upload(ctx, bytes.NewReader(data), s3.PartSize(16*mib), s3.WithChecksum(s3.ChecksumSHA256)); err != nil {
		t.Fatal(err)
	}
	sha1Key := b.Key("sha1")
	sum := sha1.Sum(data)
	if _, err := conn.Client().PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String(b.Name), Key: aws.String(sha1Key.Name),
		Body: bytes.NewReader(data), ChecksumSHA1: aws.String(base64.StdEncoding.EncodeToString(sum[:]))}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		alg s3.Checksum
		k   *s3.Key
	}{{s3.ChecksumSHA256, sha256Key}, {s3.ChecksumSHA1, sha1Key}} {
		t.Run(string(tc.alg), func(t *testing.T) {
			corrupt = false
			header := "x-amz-checksum-" + map[s3.Checksum]string{s3.ChecksumSHA256: "sha256", s3.ChecksumSHA1: "sha1"}[tc.alg]
			if obj, _ := srv.Object(b.Name, tc.k.Name); len(obj.Checksums) != 1 || obj.Checksums[header] == "" {
				t.Fatalf("stored object has checksums %v, want only %s", obj.Checksums, header)
			}
			// Clean downloads check out, whichever way they go.
			var f readableMem
			if _, err := tc.k.Download(ctx, &f, s3.PartSize(5*mib)); err != nil || !bytes.Equal(f.buf, data) {
				t.Fatalf("clean Download: %v, equal %v", err, bytes.Equal(f.buf, data))
			}
			var buf bytes.Buffer
			if _, err := tc.k.DownloadStream(ctx, &buf, s3.PartSize(5*mib), s3.Concurrency(2)); err != nil || !bytes.Equal(buf.Bytes(), data) {
				t.Fatalf("clean DownloadStream: %v, equal %v", err, bytes.Equal(buf.Bytes(), data))
			}

			corrupt = true
			for _, run := range []struct {
				name string
				do   func() error
			}{
				{"Download", func() error { _, err := tc.k.Download(ctx, &readableMem{}, s3.PartSize(5*mib)); return err }},
				{"DownloadStream", func() error { _, err := tc.k.DownloadStream(ctx, io.Discard, s3.PartSize(5*mib)); return err }},
				{"DownloadFile", func() error { return tc.k.DownloadFile(ctx, filepath.Join(t.TempDir(), "out"), s3.PartSize(5*mib)) }},
			} {
				var ce *s3.ChecksumError
				if err := run.do(); !errors.As(err, &ce) || ce.Algorithm != tc.alg || ce.Want == ce.Got || ce.Size != int64(len(data)) {
					t.Errorf("%s of corrupted bytes: err = %v, want a %s *ChecksumError", run.name, err, tc.alg)
				}
			}
			// A writer that cannot be read back cannot be checked, as
			// Download's doc says.
			if _, err := tc.k.Download(ctx, &memFile{}, s3.PartSize(5*mib)); err != nil {
				t.Errorf("Download into a write-only writer: %v, want no check", err)
			}
			// Nor can an *os.File opened write-only, though it has ReadAt:
			// the download succeeds unchecked rather than failing on the
			// read-back.
			wo, err := os.OpenFile(filepath.Join(t.TempDir(), "wo"), os.O_CREATE|os.O_WRONLY, 0o600)
			if err != nil {
				t.Fatal(err)
			}
			defer wo.Close()
			if _, err := tc.k.Download(ctx, wo, s3.PartSize(5*mib)); err != nil {
				t.Errorf("Download into an O_WRONLY *os.File: %v, want no check", err)
			}
			// DownloadFile leaves nothing behind when the check fails.
			dir := t.TempDir()
			path := filepath.Join(dir, "out")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			var ce *s3.ChecksumError
			if err := tc.k.DownloadFile(ctx, path); !errors.As(err, &ce) {
				t.Errorf("DownloadFile: err = %v, want a *ChecksumError", err)
			}
			got, _ := os.ReadFile(path)
			entries, _ := os.ReadDir(dir)
			if string(got) != "old" || len(entries) != 1 {
				t.Errorf("after a failed DownloadFile the file holds %d bytes (want the 3 of \"old\") and the directory %d entries",
					len(got), len(entries))
			}
		})
	}
}

// partProxy forwards to srv and, while on, flips a byte in the middle of
// the body of every GET of one part (?partNumber).
func partProxy(t *testing.T, srv *s3test.Server, on *atomic.Bool) string {
	t.Helper()
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.Transport = srv.HTTPClient().Transport // trusts the fake's certificate
	rp.ErrorLog = log.New(io.Discard, "", 0)  // a download that fails cancels the others
	rp.ModifyResponse = func(r *http.Response) error {
		if on.Load() && r.Request.Method == http.MethodGet && r.Request.URL.Query().Has("partNumber") && r.ContentLength > 0 {
			r.Body = &flipper{ReadCloser: r.Body, at: int(r.ContentLength / 2)}
		}
		return nil
	}
	p := httptest.NewServer(rp)
	t.Cleanup(p.Close)
	return p.URL
}

// A multipart upload with SHA-256 or CRC32C parts has a composite
// checksum: a checksum of the parts' checksums, which no ranges can
// reproduce. When the download's ranges are the object's parts, each is
// fetched as a part and checked against that part's checksum.
func TestDownloadVerifiesCompositeParts(t *testing.T) {
	srv := s3test.Start(t)
	var corrupt atomic.Bool
	conn := s3.New(srv.Config(""), goboto.WithEndpoint(partProxy(t, srv, &corrupt)))
	b := bucket(t, conn, "composite")
	ctx := context.Background()
	data := randomBytes(8, 11*mib)
	k := b.Key("parts")
	// Three parts: 5, 5 and 1 MiB, each with a SHA-256.
	if err := k.Upload(ctx, bytes.NewReader(data), s3.PartSize(5*mib), s3.WithChecksum(s3.ChecksumSHA256)); err != nil {
		t.Fatal(err)
	}
	obj, _ := srv.Object(b.Name, k.Name)
	if v := obj.Checksums["x-amz-checksum-sha256"]; !strings.HasSuffix(v, "-3") {
		t.Fatalf("stored object has checksums %v, want a composite SHA-256 of 3 parts", obj.Checksums)
	}
	downloads := []struct {
		name string
		run  func(opts ...s3.TransferOption) error
	}{
		{"Download", func(opts ...s3.TransferOption) error {
			var f memFile
			if _, err := k.Download(ctx, &f, opts...); err != nil {
				return err
			}
			if !bytes.Equal(f.buf, data) {
				return errors.New("bytes differ")
			}
			return nil
		}},
		{"DownloadStream", func(opts ...s3.TransferOption) error {
			var buf bytes.Buffer
			if _, err := k.DownloadStream(ctx, &buf, opts...); err != nil {
				return err
			}
			if !bytes.Equal(buf.Bytes(), data) {
				return errors.New("bytes differ")
			}
			return nil
		}},
	}
	for _, dl := range downloads {
		corrupt.Store(false)
		srv.ResetCalls()
		if err := dl.run(s3.PartSize(5 * mib)); err != nil {
			t.Fatalf("clean %s: %v", dl.name, err)
		}
		// One HeadObject for the object, one for its part 1, and a GET
		// of each part.
		if diff := cmp.Diff(map[string]int{"HeadObject": 2, "GetObject": 3}, ops(srv)); diff != "" {
			t.Errorf("%s calls (-want +got):\n%s", dl.name, diff)
		}
		corrupt.Store(true)
		var ce *s3.ChecksumError
		var te *s3.TransferError
		err := dl.run(s3.PartSize(5 * mib))
		if !errors.As(err, &ce) || ce.Algorithm != s3.ChecksumSHA256 || ce.Want == ce.Got || ce.Size != 5*mib && ce.Size != 1*mib ||
			!errors.As(err, &te) || te.Part < 1 || te.Part > 3 {
			t.Errorf("%s of corrupted parts: err = %v, want a SHA256 *ChecksumError of one part", dl.name, err)
		}
		// Ranges that are not the parts (8 MiB) cannot be checked, and
		// are fetched as ranges, which the proxy leaves alone.
		if err := dl.run(); err != nil {
			t.Errorf("%s in 8 MiB ranges: %v", dl.name, err)
		}
	}

	corrupt.Store(true)
	var ce *s3.ChecksumError
	if err := k.DownloadFile(ctx, filepath.Join(t.TempDir(), "out"), s3.PartSize(5*mib)); !errors.As(err, &ce) {
		t.Errorf("DownloadFile of corrupted parts: err = %v, want a *ChecksumError", err)
	}
}

// An object whose parts are not all of one size, though part 1 and the
// count agree with PartSize, is still downloaded whole and right: the
// parts found elsewhere than their range are fetched as ranges.
func TestDownloadUnevenParts(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "uneven")
	ctx := context.Background()
	c := conn.Client()
	data := randomBytes(9, 12*mib)
	key := "uneven"
	up, err := c.CreateMultipartUpload(ctx, &awss3.CreateMultipartUploadInput{Bucket: aws.String(b.Name), Key: aws.String(key),
		ChecksumAlgorithm: types.ChecksumAlgorithmSha256})
	if err != nil {
		t.Fatal(err)
	}
	var parts []types.CompletedPart
	for i, span := range [][2]int{{0, 5 * mib}, {5 * mib, 11 * mib}, {11 * mib, 12 * mib}} { // 5, 6 and 1 MiB
		body := data[span[0]:span[1]]
		sum := sha256.Sum256(body)
		n := aws.Int32(int32(i + 1))
		out, err := c.UploadPart(ctx, &awss3.UploadPartInput{Bucket: aws.String(b.Name), Key: aws.String(key), UploadId: up.UploadId,
			PartNumber: n, Body: bytes.NewReader(body), ChecksumSHA256: aws.String(base64.StdEncoding.EncodeToString(sum[:]))})
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, types.CompletedPart{PartNumber: n, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256})
	}
	if _, err := c.CompleteMultipartUpload(ctx, &awss3.CompleteMultipartUploadInput{Bucket: aws.String(b.Name), Key: aws.String(key),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}); err != nil {
		t.Fatal(err)
	}
	srv.ResetCalls()
	var f memFile
	if _, err := b.Key(key).Download(ctx, &f, s3.PartSize(5*mib)); err != nil || !bytes.Equal(f.buf, data) {
		t.Fatalf("Download: %v, equal %v", err, bytes.Equal(f.buf, data))
	}
	// Parts 2 and 3 were fetched twice: as parts, then as ranges.
	if diff := cmp.Diff(map[string]int{"HeadObject": 2, "GetObject": 5}, ops(srv)); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
