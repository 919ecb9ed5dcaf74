package s3_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/goboto/goboto/s3"
)

func ExampleKey_Upload() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	// 12 MiB in three parts of 5 MiB, sent two at a time, each with a
	// CRC32C that S3 checks. Any io.Reader will do: parts are read as
	// they go.
	data := bytes.Repeat([]byte("goboto"), 2<<20)
	k := conn.Bucket("photos").Key("big.bin")
	err := k.Upload(ctx, bytes.NewReader(data),
		s3.PartSize(5<<20), s3.Concurrency(2), s3.WithPut(s3.ContentType("application/octet-stream")),
		s3.OnProgress(func(p s3.Progress) {
			if p.Done == p.Total {
				fmt.Printf("%d of %d bytes\n", p.Done, p.Total)
			}
		}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(k.Size, strings.HasSuffix(k.ETag, `-3"`))
	// Output:
	// 12582912 of 12582912 bytes
	// 12582912 true
}

func ExampleKey_Download() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()

	// Ranges of 5 MiB fetched four at a time, each straight into its
	// place in the file.
	path := filepath.Join(os.TempDir(), "beach.jpg")
	defer os.Remove(path)
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	n, err := conn.Bucket("photos").Key("2025/beach.jpg").Download(ctx, f, s3.PartSize(5<<20), s3.Concurrency(4))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n, "bytes")
	// Output: 26 bytes
}

func ExampleKey_DownloadStream() {
	srv, conn := fakeConn()
	defer srv.Close()

	var out strings.Builder
	if _, err := conn.Bucket("photos").Key("readme.txt").DownloadStream(context.Background(), &out); err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.String())
	// Output: contents of readme.txt
}

func ExampleKey_Resume() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	b := conn.Bucket("photos")
	data := bytes.Repeat([]byte("x"), 11<<20)

	// An upload that fails is normally aborted; KeepOnError keeps it so
	// that it can be resumed. Here the reader breaks after two parts.
	r := &brokenReader{data: data, failAt: 10 << 20}
	err := b.Key("video.mp4").Upload(ctx, r, s3.PartSize(5<<20), s3.Concurrency(1), s3.KeepOnError())
	var te *s3.TransferError
	if !errors.As(err, &te) {
		log.Fatal(err)
	}
	// Later, perhaps in another process: find the upload and finish it.
	for u, err := range b.Uploads(ctx, s3.Prefix("video")) {
		if err != nil {
			log.Fatal(err)
		}
		if err := b.Key(u.Key).Resume(ctx, u.UploadID, bytes.NewReader(data), int64(len(data))); err != nil {
			log.Fatal(err)
		}
		fmt.Println("resumed", u.Key, u.UploadID == te.UploadID)
	}
	// Output: resumed video.mp4 true
}

// brokenReader fails once failAt bytes have been read.
type brokenReader struct {
	data   []byte
	off    int
	failAt int
}

func (r *brokenReader) Read(p []byte) (int, error) {
	if r.off >= r.failAt {
		return 0, errors.New("disk on fire")
	}
	n := copy(p[:min(len(p), r.failAt-r.off)], r.data[r.off:])
	r.off += n
	return n, nil
}

func ExampleBucket_SyncUp() {
	srv, conn := fakeConn()
	defer srv.Close()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "sync-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	must(os.WriteFile(filepath.Join(dir, "a.txt"), []byte("alpha"), 0o644))
	must(os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "sub", "b.txt"), []byte("beta"), 0o644))

	b := conn.Bucket("photos")
	res, err := b.SyncUp(ctx, dir, "backup")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Transferred), "sent,", res.Bytes, "bytes")
	// A second sync finds nothing changed.
	res, err = b.SyncUp(ctx, dir, "backup")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Transferred), "sent,", len(res.Skipped), "unchanged")
	// Output:
	// 2 sent, 9 bytes
	// 0 sent, 2 unchanged
}

func ExampleBucket_SyncDown() {
	srv, conn := fakeConn()
	defer srv.Close()
	dir, err := os.MkdirTemp("", "sync-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	res, err := conn.Bucket("photos").SyncDown(context.Background(), "2025", dir)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Transferred), "files")
	got, _ := os.ReadFile(filepath.Join(dir, "snow.jpg"))
	fmt.Println(string(got))
	// Output:
	// 2 files
	// contents of 2025/snow.jpg
}
