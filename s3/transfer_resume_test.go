package s3_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/s3"
)

func TestResume(t *testing.T) {
	srv, conn := start(t)
	b := bucket(t, conn, "resumes")
	ctx := context.Background()
	data := randomBytes(11, 18*mib+3) // parts of 5 MiB: 1, 2, 3 full, 4 short
	part := func(n int) []byte { return data[(n-1)*5*mib : min(n*5*mib, len(data))] }

	// An interrupted upload: S3 has parts 1 and 3 right and part 2 wrong.
	c := conn.Client()
	cmu, err := c.CreateMultipartUpload(ctx, &awss3.CreateMultipartUploadInput{Bucket: aws.String(b.Name), Key: aws.String("big")})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(cmu.UploadId)
	for n, body := range map[int32][]byte{1: part(1), 2: randomBytes(99, 5*mib), 3: part(3)} {
		_, err := c.UploadPart(ctx, &awss3.UploadPartInput{Bucket: aws.String(b.Name), Key: aws.String("big"),
			UploadId: aws.String(id), PartNumber: aws.Int32(n), Body: bytes.NewReader(body)})
		if err != nil {
			t.Fatal(err)
		}
	}
	var listed []*s3.MultipartUpload
	for u, err := range b.Uploads(ctx, s3.Prefix("bi")) {
		if err != nil {
			t.Fatal(err)
		}
		listed = append(listed, u)
	}
	if len(listed) != 1 || listed[0].UploadID != id || listed[0].Key != "big" {
		t.Fatalf("Uploads = %+v, want the one upload of big", listed)
	}
	upload := listed[0]
	if upload.Bucket() != b || upload.Object().Name != "big" {
		t.Errorf("upload handle: Bucket() = %v, Object() = %v", upload.Bucket(), upload.Object())
	}
	if err := upload.Refresh(ctx); err != nil {
		t.Errorf("Refresh of an upload in progress: %v", err)
	}
	var sizes []int64
	for p, err := range upload.Parts(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		if p.Object().Name != "big" {
			t.Errorf("part %d: Object() = %v", p.Number, p.Object())
		}
		sizes = append(sizes, p.Size)
	}
	if diff := cmp.Diff([]int64{5 * mib, 5 * mib, 5 * mib}, sizes); diff != "" {
		t.Errorf("Parts sizes (-want +got):\n%s", diff)
	}

	srv.ResetCalls()
	var last s3.Progress
	k := b.Key("big")
	err = k.Resume(ctx, id, bytes.NewReader(data), int64(len(data)), s3.Concurrency(2), s3.OnProgress(func(p s3.Progress) { last = p }))
	if err != nil {
		t.Fatal(err)
	}
	// Part 2 differs and part 4 is missing: only those two are sent.
	want := map[string]int{"ListParts": 1, "UploadPart": 2, "CompleteMultipartUpload": 1}
	if diff := cmp.Diff(want, ops(srv)); diff != "" {
		t.Errorf("Resume calls (-want +got):\n%s", diff)
	}
	obj, ok := srv.Object(b.Name, "big")
	if !ok || !bytes.Equal(obj.Data, data) {
		t.Errorf("resumed object differs (found %v, %d bytes)", ok, len(obj.Data))
	}
	if last.Done != int64(len(data)) || last.Total != int64(len(data)) || k.ETag != obj.ETag {
		t.Errorf("last progress %+v, ETag %s (stored %s)", last, k.ETag, obj.ETag)
	}
	if left := uploadsLeft(t, b); len(left) != 0 {
		t.Errorf("uploads left: %v", left)
	}
	if err := k.Resume(ctx, id, bytes.NewReader(data), int64(len(data))); err == nil {
		t.Error("resuming a completed upload succeeded")
	}
	// A completed upload is gone: its handle's Refresh says so.
	if err := upload.Refresh(ctx); !goboto.IsNotFound(err) {
		t.Errorf("Refresh of a completed upload = %v; want a not-found error (NoSuchUpload)", err)
	}
}

func TestAbortUpload(t *testing.T) {
	_, conn := start(t)
	b := bucket(t, conn, "abort-me")
	ctx := context.Background()
	out, err := conn.Client().CreateMultipartUpload(ctx, &awss3.CreateMultipartUploadInput{Bucket: aws.String(b.Name), Key: aws.String("x")})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Key("x").AbortUpload(ctx, aws.ToString(out.UploadId)); err != nil {
		t.Fatal(err)
	}
	if left := uploadsLeft(t, b); len(left) != 0 {
		t.Errorf("uploads left: %v", left)
	}
	if err := b.Key("x").AbortUpload(ctx, aws.ToString(out.UploadId)); err == nil {
		t.Error("aborting twice succeeded")
	}
}

// failAfter reads data, then fails once n bytes have been read.
type failAfter struct {
	r *bytes.Reader
	n int
}

func (f *failAfter) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errBrokenSource
	}
	n, err := f.r.Read(p[:min(len(p), f.n)])
	f.n -= n
	return n, err
}

var errBrokenSource = errors.New("source broke")

// TestResumeKeepsChecksum: an upload kept by KeepOnError is resumed with
// the checksum it was created with, whichever it is, and only the missing
// parts are sent.
func TestResumeKeepsChecksum(t *testing.T) {
	_, conn := start(t)
	b := bucket(t, conn, "resume-sums")
	ctx := context.Background()
	data := randomBytes(12, 3*5*mib+7)
	for _, alg := range []s3.Checksum{s3.ChecksumCRC32C, s3.ChecksumCRC32, s3.ChecksumCRC64NVME, s3.ChecksumSHA256} {
		t.Run(string(alg), func(t *testing.T) {
			k := b.Key("kept-" + string(alg))
			err := k.Upload(ctx, &failAfter{r: bytes.NewReader(data), n: 2*5*mib + 100}, s3.PartSize(5*mib),
				s3.Concurrency(1), s3.WithChecksum(alg), s3.KeepOnError())
			var te *s3.TransferError
			if !errors.As(err, &te) || te.Aborted || te.UploadID == "" {
				t.Fatalf("Upload = %v; want a kept upload", err)
			}
			var got []s3.Checksum
			for u, err := range b.Uploads(ctx, s3.Prefix(k.Name)) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, u.Checksum)
			}
			if diff := cmp.Diff([]s3.Checksum{alg}, got); diff != "" {
				t.Errorf("Uploads' checksum (-want +got):\n%s", diff)
			}
			if err := k.Resume(ctx, te.UploadID, bytes.NewReader(data), int64(len(data))); err != nil {
				t.Fatalf("Resume: %v", err)
			}
			var got2 memFile
			if _, err := k.Download(ctx, &got2); err != nil {
				t.Fatalf("Download: %v", err)
			}
			if !bytes.Equal(got2.buf, data) {
				t.Error("resumed object differs from the data")
			}
		})
	}
}
