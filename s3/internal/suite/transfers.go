package suite

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"testing"

	"github.com/goboto/goboto/s3"
)

// transferSize is big enough for three parts of S3's 5 MiB minimum.
const (
	transferPart = 5 << 20
	transferSize = 2*transferPart + 123_457
)

// randomBytes returns n random bytes.
func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// memAt is an io.WriterAt over a byte slice of a known size.
type memAt struct{ b []byte }

func (m *memAt) WriteAt(p []byte, off int64) (int, error) {
	if off < 0 || off+int64(len(p)) > int64(len(m.b)) {
		return 0, errors.New("memAt: write out of range")
	}
	return copy(m.b[off:], p), nil
}

// onlyReader hides every method of r but Read, so Upload cannot learn the
// size and must stream.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

// testTransfers uploads in parts from a reader of unknown length, then
// downloads in parts, both ways, checking the bytes and the CRC the
// download verifies against what the server stored.
func testTransfers(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	data := randomBytes(t, transferSize)
	k := b.Key("big/object.bin")
	var last s3.Progress
	err := k.Upload(ctx, onlyReader{bytes.NewReader(data)}, s3.PartSize(transferPart), s3.Concurrency(3),
		s3.OnProgress(func(p s3.Progress) { last = p }))
	if err != nil {
		t.Fatalf("%s: Upload: %v", e.Name, err)
	}
	if last.Done != int64(len(data)) || last.Total != int64(len(data)) {
		t.Errorf("%s: last progress = %d of %d, want %d of %d", e.Name, last.Done, last.Total, len(data), len(data))
	}
	at := &memAt{b: make([]byte, len(data))}
	n, err := k.Download(ctx, at, s3.PartSize(transferPart), s3.Concurrency(3))
	if err != nil || n != int64(len(data)) || !bytes.Equal(at.b, data) {
		t.Errorf("%s: Download = %d, %v; bytes equal: %v", e.Name, n, err, bytes.Equal(at.b, data))
	}
	var buf bytes.Buffer
	n, err = k.DownloadStream(ctx, &buf, s3.PartSize(transferPart), s3.Concurrency(2))
	if err != nil || n != int64(len(data)) || !bytes.Equal(buf.Bytes(), data) {
		t.Errorf("%s: DownloadStream = %d, %v; bytes equal: %v", e.Name, n, err, bytes.Equal(buf.Bytes(), data))
	}
	for u, err := range b.Uploads(ctx) {
		if err != nil {
			t.Fatalf("%s: Uploads: %v", e.Name, err)
		}
		t.Errorf("%s: upload %s of %s left in progress", e.Name, u.UploadID, u.Key)
	}
}

// failingReader returns data, then err once limit bytes have been read.
type failingReader struct {
	data  []byte
	limit int
	err   error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.limit <= 0 {
		return 0, f.err
	}
	n := copy(p, f.data[:min(len(f.data), f.limit)])
	f.data, f.limit = f.data[n:], f.limit-n
	return n, nil
}

// testTransferFailures: a failed upload is aborted, leaving nothing in
// progress; with KeepOnError it stays, and Resume finishes it. The reader
// fails in the third part, once the multipart upload exists (an upload
// that fails within its first part has nothing to abort).
func testTransferFailures(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	data := randomBytes(t, transferSize)
	broken := errors.New("the disk went away")

	k := b.Key("aborted.bin")
	err := k.Upload(ctx, &failingReader{data: data, limit: 2*transferPart + 1000, err: broken}, s3.PartSize(transferPart), s3.Concurrency(1))
	var te *s3.TransferError
	if !errors.Is(err, broken) || !errors.As(err, &te) || te.UploadID == "" || !te.Aborted {
		t.Fatalf("%s: Upload from a failing reader = %v; want the reader's error in an aborted *s3.TransferError", e.Name, err)
	}
	for u, err := range b.Uploads(ctx) {
		if err != nil {
			t.Fatalf("%s: Uploads: %v", e.Name, err)
		}
		t.Errorf("%s: aborted upload %s of %s still in progress", e.Name, u.UploadID, u.Key)
	}

	k = b.Key("resumed.bin")
	err = k.Upload(ctx, &failingReader{data: data, limit: 2*transferPart + 1000, err: broken}, s3.PartSize(transferPart),
		s3.Concurrency(1), s3.KeepOnError())
	if !errors.As(err, &te) || te.Aborted || te.UploadID == "" {
		t.Fatalf("%s: Upload with KeepOnError = %v; want a *s3.TransferError keeping its upload", e.Name, err)
	}
	var parts int
	for _, err := range k.Parts(ctx, te.UploadID) {
		if err != nil {
			t.Fatalf("%s: Parts: %v", e.Name, err)
		}
		parts++
	}
	if parts < 1 || parts > 2 {
		t.Errorf("%s: %d parts kept, want 1 or 2 (the parts read before the failure)", e.Name, parts)
	}
	if err := k.Resume(ctx, te.UploadID, bytes.NewReader(data), int64(len(data)), s3.Concurrency(2)); err != nil {
		t.Fatalf("%s: Resume: %v", e.Name, err)
	}
	var buf bytes.Buffer
	if _, err := k.Get(ctx, &buf); err != nil || !bytes.Equal(buf.Bytes(), data) {
		t.Errorf("%s: after Resume: Get: %v; bytes equal: %v", e.Name, err, bytes.Equal(buf.Bytes(), data))
	}

	// A cancelled upload is aborted too.
	cctx, cancel := context.WithCancel(ctx)
	err = b.Key("cancelled.bin").Upload(cctx, onlyReader{bytes.NewReader(data)}, s3.PartSize(transferPart), s3.Concurrency(1),
		s3.OnProgress(func(p s3.Progress) {
			if p.Done > 0 {
				cancel()
			}
		}))
	cancel()
	if !errors.Is(err, context.Canceled) {
		t.Errorf("%s: cancelled Upload = %v, want context.Canceled", e.Name, err)
	}
	for u, err := range b.Uploads(ctx) {
		if err != nil {
			t.Fatalf("%s: Uploads: %v", e.Name, err)
		}
		t.Errorf("%s: upload %s of %s left after a cancel", e.Name, u.UploadID, u.Key)
	}
}

// testMultipartCopy copies an object in parts (UploadPartCopy) and keeps
// its content type and metadata.
func testMultipartCopy(t *testing.T, e *Env) {
	ctx := context.Background()
	b := e.bucket(t)
	data := randomBytes(t, transferSize)
	src := b.Key("src.bin")
	if err := src.PutBytes(ctx, data, s3.ContentType("application/x-test"), s3.Metadata(map[string]string{"origin": "suite"})); err != nil {
		t.Fatalf("%s: PutBytes: %v", e.Name, err)
	}
	dst, err := src.Copy(ctx, b.Name, "dst.bin", s3.CopyPartSize(transferPart))
	if err != nil {
		t.Fatalf("%s: multipart Copy: %v", e.Name, err)
	}
	var buf bytes.Buffer
	if _, err := dst.Get(ctx, &buf); err != nil || !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("%s: Get of the copy: %v; bytes equal: %v", e.Name, err, bytes.Equal(buf.Bytes(), data))
	}
	if dst.ContentType != "application/x-test" || dst.Metadata["origin"] != "suite" {
		t.Errorf("%s: copy has type %q, metadata %v; want the source's", e.Name, dst.ContentType, dst.Metadata)
	}
}
