package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// flipper flips one byte of a body.
type flipper struct {
	io.ReadCloser
	at, seen int
}

func (f *flipper) Read(p []byte) (int, error) {
	n, err := f.ReadCloser.Read(p)
	if f.at >= f.seen && f.at < f.seen+n {
		p[f.at-f.seen] ^= 0x20
	}
	f.seen += n
	return n, err
}

// corruptingProxy forwards to srv and, while *on, flips a byte in the
// middle of every ranged GET's body, as a bad disk or middlebox might.
func corruptingProxy(t *testing.T, srv *s3test.Server, on *bool) string {
	t.Helper()
	u, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.Transport = srv.HTTPClient().Transport // trusts the fake's certificate
	rp.ModifyResponse = func(r *http.Response) error {
		if *on && r.Request.Method == http.MethodGet && r.Request.Header.Get("Range") != "" && r.ContentLength > 0 {
			r.Body = &flipper{ReadCloser: r.Body, at: int(r.ContentLength / 2)}
		}
		return nil
	}
	p := httptest.NewServer(rp)
	t.Cleanup(p.Close)
	return p.URL
}

func TestDownloadVerifiesChecksum(t *testing.T) {
	srv := s3test.Start(t)
	corrupt := false
	conn := s3.New(srv.Config(""), goboto.WithEndpoint(corruptingProxy(t, srv, &corrupt)))
	b := bucket(t, conn, "verify")
	ctx := context.Background()
	data := randomBytes(5, 12*mib+1)
	for _, alg := range []s3.Checksum{s3.ChecksumCRC32C, s3.ChecksumCRC32, s3.ChecksumCRC64NVME} {
		t.Run(string(alg), func(t *testing.T) {
			corrupt = false
			k := b.Key("k-" + string(alg))
			// One PutObject, so that the fake keeps the full-object
			// checksum; the downloads below combine three ranges' CRCs to
			// check it.
			if err := k.Upload(ctx, bytes.NewReader(data), s3.PartSize(16*mib), s3.WithChecksum(alg)); err != nil {
				t.Fatal(err)
			}
			header := "x-amz-checksum-" + strings.ToLower(string(alg))
			if obj, _ := srv.Object(b.Name, k.Name); obj.Checksums[header] == "" {
				t.Fatalf("stored object has no %s: %v", header, obj.Checksums)
			}
			var f memFile
			if _, err := k.Download(ctx, &f, s3.PartSize(5*mib)); err != nil || !bytes.Equal(f.buf, data) {
				t.Fatalf("clean download: %v, equal %v", err, bytes.Equal(f.buf, data))
			}
			corrupt = true
			for _, tc := range []struct {
				name string
				run  func() error
			}{
				{"Download", func() error { _, err := k.Download(ctx, &memFile{}, s3.PartSize(5*mib)); return err }},
				{"DownloadStream", func() error {
					_, err := k.DownloadStream(ctx, io.Discard, s3.PartSize(5*mib))
					return err
				}},
			} {
				var ce *s3.ChecksumError
				if err := tc.run(); !errors.As(err, &ce) || ce.Want == ce.Got || ce.Algorithm != alg {
					t.Errorf("%s of corrupted bytes: err = %v, want a %s *ChecksumError", tc.name, err, alg)
				}
			}
			// DownloadFile leaves nothing behind when the check fails.
			dir := t.TempDir()
			path := filepath.Join(dir, "out")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			var ce *s3.ChecksumError
			if err := k.DownloadFile(ctx, path, s3.PartSize(5*mib)); !errors.As(err, &ce) {
				t.Errorf("DownloadFile: err = %v, want a *ChecksumError", err)
			}
			got, _ := os.ReadFile(path)
			entries, _ := os.ReadDir(dir)
			if string(got) != "old" || len(entries) != 1 {
				t.Errorf("after a failed DownloadFile the file holds %q and the directory %d entries", got, len(entries))
			}
		})
	}
}

func TestDownloadObjectChanges(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "changes")
	ctx := context.Background()
	data := randomBytes(8, 11*mib)
	if err := b.Key("k").Upload(ctx, bytes.NewReader(data), s3.PartSize(5*mib)); err != nil {
		t.Fatal(err)
	}
	replaced := false
	for _, stream := range []bool{false, true} {
		replace := s3.OnProgress(func(p s3.Progress) {
			if !replaced {
				replaced = true
				if err := srv.PutObject(b.Name, "k", []byte("new content"), nil); err != nil {
					t.Error(err)
				}
			}
		})
		var err error
		if stream {
			_, err = b.Key("k").DownloadStream(ctx, io.Discard, s3.PartSize(5*mib), s3.Concurrency(1), replace)
		} else {
			_, err = b.Key("k").Download(ctx, &memFile{}, s3.PartSize(5*mib), s3.Concurrency(1), replace)
		}
		if !s3.IsPreconditionFailed(err) {
			t.Errorf("stream %v: object replaced mid-download: err = %v, want PreconditionFailed", stream, err)
		}
		if err := b.Key("k").Upload(ctx, bytes.NewReader(data), s3.PartSize(5*mib)); err != nil {
			t.Fatal(err)
		}
		replaced = false
	}
	if _, err := b.Key("missing").Download(ctx, &memFile{}); !goboto.IsNotFound(err) {
		t.Errorf("missing key: err = %v, want not found", err)
	}
}

func TestTransferTLS(t *testing.T) {
	srv := s3test.Start(t, fakes.WithTLS(true))
	conn := s3.New(srv.Config(""))
	b := bucket(t, conn, "over-tls")
	ctx := context.Background()
	for _, size := range []int{100, 11 * mib} {
		data := randomBytes(uint64(size), size)
		if err := b.Key("k").Upload(ctx, opaque{bytes.NewReader(data)}, s3.PartSize(5*mib)); err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		var buf bytes.Buffer
		if _, err := b.Key("k").DownloadStream(ctx, &buf, s3.PartSize(5*mib)); err != nil || !bytes.Equal(buf.Bytes(), data) {
			t.Errorf("%d bytes: DownloadStream %v, equal %v", size, err, bytes.Equal(buf.Bytes(), data))
		}
	}
}
