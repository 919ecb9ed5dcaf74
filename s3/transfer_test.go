package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

const mib = 1 << 20

// randomBytes returns n bytes from a generator seeded with seed.
func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	b := make([]byte, n)
	for i := 0; i+8 <= n; i += 8 {
		v := r.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	for i := n &^ 7; i < n; i++ {
		b[i] = byte(r.Uint32())
	}
	return b
}

// opaque hides every method of a reader but Read, so Upload cannot learn
// its size.
type opaque struct{ io.Reader }

// memFile is an in-memory io.WriterAt.
type memFile struct {
	mu  sync.Mutex
	buf []byte
}

func (m *memFile) WriteAt(p []byte, off int64) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if end := off + int64(len(p)); end > int64(len(m.buf)) {
		m.buf = append(m.buf, make([]byte, end-int64(len(m.buf)))...)
	}
	copy(m.buf[off:], p)
	return len(p), nil
}

// ops counts the server's calls by operation.
func ops(srv *s3test.Server) map[string]int {
	out := map[string]int{}
	for _, c := range srv.Calls() {
		out[c.Operation]++
	}
	return out
}

func bucket(t *testing.T, conn *s3.Conn, name string) *s3.Bucket {
	t.Helper()
	b, err := conn.CreateBucket(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTransferRoundTrip(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "transfers")
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		size     int
		checksum s3.Checksum
		known    bool
		wantOps  map[string]int // of the upload
	}{
		{"empty", 0, s3.ChecksumCRC32C, true, map[string]int{"PutObject": 1}},
		{"small unknown size", 1000, s3.ChecksumCRC32C, false, map[string]int{"PutObject": 1}},
		{"one part exactly", 5 * mib, s3.ChecksumCRC32, true, map[string]int{"PutObject": 1}},
		{"one byte over", 5*mib + 1, s3.ChecksumCRC32C, false,
			map[string]int{"CreateMultipartUpload": 1, "UploadPart": 2, "CompleteMultipartUpload": 1}},
		{"three parts sha256", 12*mib + 7, s3.ChecksumSHA256, true,
			map[string]int{"CreateMultipartUpload": 1, "UploadPart": 3, "CompleteMultipartUpload": 1}},
		{"three parts no checksum", 12*mib + 7, s3.ChecksumNone, false,
			map[string]int{"CreateMultipartUpload": 1, "UploadPart": 3, "CompleteMultipartUpload": 1}},
		{"three parts crc32", 11 * mib, s3.ChecksumCRC32, true,
			map[string]int{"CreateMultipartUpload": 1, "UploadPart": 3, "CompleteMultipartUpload": 1}},
		{"two parts crc64nvme", 6 * mib, s3.ChecksumCRC64NVME, false,
			map[string]int{"CreateMultipartUpload": 1, "UploadPart": 2, "CompleteMultipartUpload": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := randomBytes(uint64(tc.size), tc.size)
			var r io.Reader = bytes.NewReader(data)
			if !tc.known {
				r = opaque{r}
			}
			k := b.Key("obj/" + tc.name)
			srv.ResetCalls()
			err := k.Upload(ctx, r, s3.PartSize(5*mib), s3.Concurrency(2), s3.WithChecksum(tc.checksum),
				s3.WithPut(s3.ContentType("application/x-test")))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.wantOps, ops(srv)); diff != "" {
				t.Errorf("upload calls (-want +got):\n%s", diff)
			}
			obj, ok := srv.Object(b.Name, k.Name)
			if !ok || !bytes.Equal(obj.Data, data) {
				t.Fatalf("stored object differs (found %v, %d bytes, want %d)", ok, len(obj.Data), len(data))
			}
			if diff := cmp.Diff([]string{"application/x-test", obj.ETag}, []string{obj.ContentType, k.ETag}); diff != "" {
				t.Errorf("content type and ETag (-want +got):\n%s", diff)
			}

			var at memFile
			n, err := b.Key(k.Name).Download(ctx, &at, s3.PartSize(5*mib), s3.Concurrency(3))
			if err != nil || n != int64(tc.size) || !bytes.Equal(at.buf, data) {
				t.Errorf("Download = %d, %v; bytes equal: %v", n, err, bytes.Equal(at.buf, data))
			}
			var stream bytes.Buffer
			n, err = b.Key(k.Name).DownloadStream(ctx, &stream, s3.PartSize(5*mib), s3.Concurrency(2))
			if err != nil || n != int64(tc.size) || !bytes.Equal(stream.Bytes(), data) {
				t.Errorf("DownloadStream = %d, %v; bytes equal: %v", n, err, bytes.Equal(stream.Bytes(), data))
			}
			path := filepath.Join(t.TempDir(), "f")
			if err := b.Key(k.Name).DownloadFile(ctx, path, s3.PartSize(5*mib)); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("DownloadFile wrote %d bytes, %v; want the %d uploaded", len(got), err, len(data))
			}
		})
	}
}

func TestUploadFileAndProgress(t *testing.T) {
	_, conn := start(t)
	b := bucket(t, conn, "progress")
	ctx := context.Background()
	data := randomBytes(7, 13*mib+5)
	path := filepath.Join(t.TempDir(), "src")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		run  func(fn func(s3.Progress)) error
	}{
		{"UploadFile", func(fn func(s3.Progress)) error {
			return b.Key("p").UploadFile(ctx, path, s3.PartSize(5*mib), s3.Concurrency(3), s3.OnProgress(fn))
		}},
		{"Upload unknown size", func(fn func(s3.Progress)) error {
			return b.Key("p").Upload(ctx, opaque{bytes.NewReader(data)}, s3.PartSize(5*mib), s3.OnProgress(fn))
		}},
		{"Download", func(fn func(s3.Progress)) error {
			_, err := b.Key("p").Download(ctx, &memFile{}, s3.PartSize(5*mib), s3.Concurrency(3), s3.OnProgress(fn))
			return err
		}},
		{"DownloadStream", func(fn func(s3.Progress)) error {
			_, err := b.Key("p").DownloadStream(ctx, io.Discard, s3.PartSize(5*mib), s3.OnProgress(fn))
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var inside atomic.Int32
			var seen []s3.Progress
			overlap := false
			err := tc.run(func(p s3.Progress) {
				if inside.Add(1) != 1 {
					overlap = true
				}
				seen = append(seen, p)
				inside.Add(-1)
			})
			if err != nil {
				t.Fatal(err)
			}
			if overlap {
				t.Error("progress callbacks overlapped")
			}
			if len(seen) == 0 {
				t.Fatal("no progress reported")
			}
			for i := 1; i < len(seen); i++ {
				if seen[i].Done < seen[i-1].Done {
					t.Errorf("Done went backwards: %d then %d", seen[i-1].Done, seen[i].Done)
				}
			}
			last := seen[len(seen)-1]
			if diff := cmp.Diff([2]int64{int64(len(data)), int64(len(data))}, [2]int64{last.Done, last.Total}); diff != "" {
				t.Errorf("last progress Done, Total (-want +got):\n%s", diff)
			}
			if last.Rate <= 0 || last.Percent() != 100 {
				t.Errorf("last progress rate %v, percent %v", last.Rate, last.Percent())
			}
		})
	}
}

// bigReader claims a length it does not have, to reach the part-count
// check without the bytes.
type bigReader struct{ n int }

func (r bigReader) Read(p []byte) (int, error) { return 0, io.EOF }
func (r bigReader) Len() int                   { return r.n }

func TestTransferValidation(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "valid")
	ctx := context.Background()
	k := b.Key("k")
	srv.ResetCalls()
	for _, tc := range []struct {
		name  string
		err   error
		field string
	}{
		{"nil reader", k.Upload(ctx, nil), "Reader"},
		{"part too small", k.Upload(ctx, bytes.NewReader(nil), s3.PartSize(5*mib-1)), "PartSize"},
		{"part too big", k.Upload(ctx, bytes.NewReader(nil), s3.PartSize(5<<30+1)), "PartSize"},
		{"too many parts", k.Upload(ctx, bigReader{10001 * 5 * mib}, s3.PartSize(5*mib)), "PartSize"},
		{"object too big", k.Upload(ctx, bigReader{5<<40 + 1}), "Size"},
		{"concurrency", k.Upload(ctx, bytes.NewReader(nil), s3.Concurrency(0)), "Concurrency"},
		{"checksum", k.Upload(ctx, bytes.NewReader(nil), s3.WithChecksum("MD5")), "Checksum"},
		{"bad bucket", conn.Bucket("Bad_Bucket").Key("k").Upload(ctx, bytes.NewReader(nil)), "Bucket"},
		{"nil writer", func() error { _, err := k.Download(ctx, nil); return err }(), "Writer"},
		{"nil stream", func() error { _, err := k.DownloadStream(ctx, nil); return err }(), "Writer"},
		{"download part size", func() error { _, err := k.Download(ctx, &memFile{}, s3.PartSize(1)); return err }(), "PartSize"},
		{"resume without id", k.Resume(ctx, "", bytes.NewReader(nil), 0), "UploadID"},
		{"resume nil reader", k.Resume(ctx, "id", nil, 0), "Reader"},
		{"resume negative size", k.Resume(ctx, "id", bytes.NewReader(nil), -1), "Size"},
	} {
		var ve *goboto.ValidationError
		if !errors.As(tc.err, &ve) {
			t.Errorf("%s: err = %v, want a *goboto.ValidationError", tc.name, tc.err)
			continue
		}
		if ve.Field != tc.field {
			t.Errorf("%s: field %q, want %q", tc.name, ve.Field, tc.field)
		}
	}
	if calls := srv.Calls(); len(calls) != 0 {
		t.Errorf("bad input sent %d requests, first %s", len(calls), calls[0].Operation)
	}
}

// cancelReader yields data and cancels ctx once more than after bytes
// have been read.
type cancelReader struct {
	r      io.Reader
	after  int
	read   int
	cancel func()
}

func (c *cancelReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += n
	if c.read > c.after {
		c.cancel()
	}
	return n, err
}

func uploadsLeft(t *testing.T, b *s3.Bucket) []string {
	t.Helper()
	var ids []string
	for u, err := range b.Uploads(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.Key+" "+u.UploadID)
	}
	return ids
}

func TestUploadFailureAborts(t *testing.T) {
	srv := s3test.Start(t)
	conn := s3.New(srv.Config(""), goboto.WithRetry(1, 0))
	b := bucket(t, conn, "aborts")
	data := randomBytes(3, 23*mib)

	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		srv.ResetCalls()
		err := b.Key("cancelled").Upload(ctx, &cancelReader{r: bytes.NewReader(data), after: 11 * mib, cancel: cancel},
			s3.PartSize(5*mib), s3.Concurrency(2), s3.KeepOnError())
		var te *s3.TransferError
		if !errors.Is(err, context.Canceled) || !errors.As(err, &te) || !te.Aborted || te.UploadID == "" {
			t.Fatalf("err = %v, want an aborted *TransferError wrapping context.Canceled", err)
		}
		if got := ops(srv)["AbortMultipartUpload"]; got != 1 {
			t.Errorf("AbortMultipartUpload sent %d times, want 1", got)
		}
	})
	t.Run("part fails", func(t *testing.T) {
		remove := srv.Faults().Add(fake.Fault{Service: "s3", Operation: "UploadPart", Kind: fake.ServerError})
		defer remove()
		err := b.Key("failed").Upload(context.Background(), bytes.NewReader(data), s3.PartSize(5*mib))
		var te *s3.TransferError
		// The fake answers 500 without reading the part, so the client
		// may see the 500 or a reset while still sending.
		if !errors.As(err, &te) || !te.Aborted || te.Part == 0 {
			t.Fatalf("err = %v, want an aborted *TransferError naming a part", err)
		}
	})
	if left := uploadsLeft(t, b); len(left) != 0 {
		t.Errorf("uploads left behind: %v", left)
	}
	t.Run("kept", func(t *testing.T) {
		remove := srv.Faults().Add(fake.Fault{Service: "s3", Operation: "CompleteMultipartUpload", Kind: fake.ServerError})
		err := b.Key("kept").Upload(context.Background(), bytes.NewReader(data), s3.PartSize(5*mib), s3.KeepOnError())
		remove()
		var te *s3.TransferError
		if !errors.As(err, &te) || te.Aborted || te.UploadID == "" {
			t.Fatalf("err = %v, want a kept upload", err)
		}
		if diff := cmp.Diff([]string{"kept " + te.UploadID}, uploadsLeft(t, b)); diff != "" {
			t.Errorf("Uploads (-want +got):\n%s", diff)
		}
		srv.ResetCalls()
		if err := b.Key("kept").Resume(context.Background(), te.UploadID, bytes.NewReader(data), int64(len(data))); err != nil {
			t.Fatal(err)
		}
		if got := ops(srv)["UploadPart"]; got != 0 {
			t.Errorf("Resume re-sent %d parts S3 had", got)
		}
		if obj, _ := srv.Object(b.Name, "kept"); !bytes.Equal(obj.Data, data) {
			t.Error("resumed object differs")
		}
	})
}
