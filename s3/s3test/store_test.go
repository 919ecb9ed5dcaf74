package s3test_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/s3/s3test"
)

// pattern returns n bytes that differ from one offset to the next, seeded
// by seed, so a misplaced range or segment shows.
func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7+i/251) ^ seed
	}
	return b
}

// files counts the files in dir.
func files(t testing.TB, dir string) int {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// signedRequest builds a request to srv signed for S3 with an unsigned
// payload, as a raw HTTP client would send it.
func signedRequest(t testing.TB, srv *s3test.Server, method, path string, body io.Reader, size int64) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = size
	req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	cfg := srv.Config("")
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, "UNSIGNED-PAYLOAD", "s3", cfg.Region, time.Now()); err != nil {
		t.Fatal(err)
	}
	return req
}

func TestStorage(t *testing.T) {
	const mib = 1 << 20
	small, first, second, last := pattern(3*mib+17, 1), pattern(5*mib, 2), pattern(5*mib+3, 3), pattern(1000, 4)
	whole := bytes.Join([][]byte{first, second, last}, nil)
	for _, disk := range []bool{false, true} {
		t.Run(fmt.Sprintf("disk=%v", disk), func(t *testing.T) {
			dir := t.TempDir()
			var opts []fakes.Option
			if disk {
				opts = append(opts, s3test.WithDir(dir))
			}
			srv := s3test.Start(t, opts...)
			c := client(srv)
			ctx := context.Background()
			mustBucket(t, c, "bkt")
			put := func(key string, data []byte) {
				t.Helper()
				if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key),
					Body: bytes.NewReader(data), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32c}); err != nil {
					t.Fatalf("PutObject %s: %v", key, err)
				}
			}
			put("small", small)
			put("empty", nil)
			up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("multi")})
			if err != nil {
				t.Fatal(err)
			}
			var parts []types.CompletedPart
			for i, p := range [][]byte{first, second, last} {
				n := aws.Int32(int32(i + 1))
				out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("multi"),
					UploadId: up.UploadId, PartNumber: n, Body: bytes.NewReader(p)})
				if err != nil {
					t.Fatalf("UploadPart %d: %v", i+1, err)
				}
				parts = append(parts, types.CompletedPart{PartNumber: n, ETag: out.ETag})
			}
			// A part uploaded again replaces the first upload's bytes.
			out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("multi"),
				UploadId: up.UploadId, PartNumber: aws.Int32(3), Body: bytes.NewReader(last)})
			if err != nil {
				t.Fatal(err)
			}
			parts[2].ETag = out.ETag
			if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"),
				Key: aws.String("multi"), UploadId: up.UploadId,
				MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("bkt"), Key: aws.String("copy"),
				CopySource: aws.String("bkt/multi")}); err != nil {
				t.Fatal(err)
			}
			if disk {
				// small, multi's three parts; empty bodies keep no file, a copy shares its source's.
				if diff := cmp.Diff(4, files(t, dir)); diff != "" {
					t.Errorf("files after puts (-want +got):\n%s", diff)
				}
			}

			reads := []struct {
				key, rng string
				want     []byte
			}{
				{"small", "", small},
				{"empty", "", []byte{}},
				{"multi", "", whole},
				{"copy", "", whole},
				{"small", "bytes=10-20", small[10:21]},
				{"multi", "bytes=5242870-5242890", whole[5*mib-10 : 5*mib+11]},
				{"multi", "bytes=10485700-", whole[10485700:]},
				{"multi", "bytes=-1005", whole[len(whole)-1005:]},
				{"copy", "bytes=0-0", whole[:1]},
			}
			for _, rd := range reads {
				in := &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(rd.key)}
				if rd.rng != "" {
					in.Range = aws.String(rd.rng)
				}
				got, err := c.GetObject(ctx, in)
				if err != nil {
					t.Fatalf("GetObject %s %s: %v", rd.key, rd.rng, err)
				}
				data, err := io.ReadAll(got.Body)
				got.Body.Close()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(data, rd.want) {
					t.Errorf("GetObject %s %q: %d bytes, not the %d stored", rd.key, rd.rng, len(data), len(rd.want))
				}
			}

			for _, k := range []string{"small", "empty", "multi", "copy"} {
				if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String(k)}); err != nil {
					t.Fatal(err)
				}
			}
			if disk {
				if diff := cmp.Diff(0, files(t, dir)); diff != "" {
					t.Errorf("files after deletes (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// An aborted upload and a failed put leave no bytes behind.
func TestDiskCleanup(t *testing.T) {
	dir := t.TempDir()
	srv := s3test.Start(t, s3test.WithDir(dir))
	c := client(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		UploadId: up.UploadId, PartNumber: aws.Int32(1), Body: bytes.NewReader(pattern(1000, 0))}); err != nil {
		t.Fatal(err)
	}
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("bad"),
		Body: bytes.NewReader(pattern(1000, 0)), ChecksumCRC32: aws.String("AAAAAA==")})
	if diff := cmp.Diff("BadDigest", errCode(t, err)); diff != "" {
		t.Errorf("put with a wrong CRC32 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(1, files(t, dir)); diff != "" {
		t.Errorf("files with one part uploaded (-want +got):\n%s", diff)
	}
	if _, err := c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("bkt"),
		Key: aws.String("k"), UploadId: up.UploadId}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(0, files(t, dir)); diff != "" {
		t.Errorf("files after abort (-want +got):\n%s", diff)
	}
}

// A GET in flight keeps reading the object it started on after the key
// is replaced; the old bytes go once it is done.
func TestDiskReaderKeepsReplaced(t *testing.T) {
	dir := t.TempDir()
	srv := s3test.Start(t, s3test.WithDir(dir))
	c := client(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	old, replacement := pattern(32<<20, 1), pattern(1000, 2)
	if err := srv.PutObject("bkt", "k", old, nil); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 1)
	if _, err := io.ReadFull(got.Body, head); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String("k"),
		Body: bytes.NewReader(replacement)}); err != nil {
		t.Fatal(err)
	}
	rest, err := io.ReadAll(got.Body)
	got.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(head, rest...), old) {
		t.Errorf("the reader in flight got %d bytes, not the %d of the object it started on", 1+len(rest), len(old))
	}
	srv.Close() // waits for the handler to finish
	if diff := cmp.Diff(1, files(t, dir)); diff != "" {
		t.Errorf("files after the reader is done (-want +got):\n%s", diff)
	}
	info, ok := srv.Object("bkt", "k")
	if !ok || !bytes.Equal(info.Data, replacement) {
		t.Errorf("stored object: %d bytes, want the %d of the replacement", len(info.Data), len(replacement))
	}
}

// WithFastETags still gives equal content equal ETags and different
// content different ones, and multipart uploads still complete.
func TestFastETags(t *testing.T) {
	srv := s3test.Start(t, s3test.WithFastETags())
	c := client(srv)
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	etag := func(key string, data []byte, contentMD5 bool) string {
		t.Helper()
		in := &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key), Body: bytes.NewReader(data)}
		if contentMD5 {
			sum := md5.Sum(data)
			in.ContentMD5 = aws.String(base64.StdEncoding.EncodeToString(sum[:]))
		}
		out, err := c.PutObject(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.ETag)
	}
	a, a2, other := etag("a", []byte("same"), false), etag("a2", []byte("same"), false), etag("b", []byte("other"), false)
	sum := md5.Sum([]byte("same"))
	got := []bool{a == a2, a != other, a != fmt.Sprintf("%q", fmt.Sprintf("%x", sum)), len(a) == 34,
		etag("m", []byte("same"), true) == fmt.Sprintf("%q", fmt.Sprintf("%x", sum))}
	if diff := cmp.Diff([]bool{true, true, true, true, true}, got); diff != "" {
		t.Errorf("[equal, differ, not MD5, 32 hex digits, MD5 with Content-MD5] (-want +got):\n%s\n%s %s %s", diff, a, a2, other)
	}
}

// zeros is an endless reader of zero bytes that allocates nothing.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// A 256 MiB object on disk goes up and down without the fake holding it
// in memory: the process allocates a small fraction of its size.
func TestDiskBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 256 MiB")
	}
	const size = 256 << 20
	dir := t.TempDir()
	srv := s3test.Start(t, s3test.WithDir(dir), fakes.WithTLS(false)) // the store's memory is measured, not TLS's buffers
	mustBucket(t, client(srv), "bkt")
	hc := srv.HTTPClient()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	resp, err := hc.Do(signedRequest(t, srv, http.MethodPut, "/bkt/big", io.LimitReader(zeros{}, size), size))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT: %s", resp.Status)
	}
	resp, err = hc.Do(signedRequest(t, srv, http.MethodGet, "/bkt/big", nil, 0))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil || n != size {
		t.Fatalf("GET: %d bytes, %v", n, err)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size/8 {
		t.Errorf("moving %d MiB allocated %d MiB; want under %d MiB", size>>20, alloc>>20, size/8>>20)
	}
}

// BenchmarkThroughput compares raw PUT and GET of one object against the
// fake (on disk, on disk with WithFastETags, in memory) with the same
// requests to a plain net/http handler on loopback that discards or
// serves the bytes from memory: the ratios are the fake's throughput as a
// fraction of the loopback limit. A PUT's MD5 caps the fake's PUT at MD5's
// speed unless ETags are fast.
func BenchmarkThroughput(b *testing.B) {
	const size = 64 << 20
	for _, store := range []string{"disk", "disk-fastetags", "memory"} {
		b.Run(fmt.Sprintf("%s/%dMiB", store, size>>20), func(b *testing.B) {
			data := pattern(size, 9)
			var opts []fakes.Option
			if store != "memory" {
				opts = append(opts, s3test.WithDir(b.TempDir()))
			}
			if store == "disk-fastetags" {
				opts = append(opts, s3test.WithFastETags())
			}
			srv := s3test.Start(b, opts...)
			mustBucket(b, client(srv), "bkt")
			plain := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodPut {
					io.Copy(io.Discard, r.Body)
					return
				}
				w.Header().Set("Content-Length", strconv.Itoa(len(data)))
				w.Write(data)
			})}
			ln := listen(b)
			go plain.Serve(ln)
			b.Cleanup(func() { plain.Close() })
			plainURL := "http://" + ln.Addr().String()
			hc := srv.HTTPClient()

			do := func(req *http.Request) time.Duration {
				start := time.Now()
				resp, err := hc.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || req.Method == http.MethodGet && n != int64(size) {
					b.Fatalf("%s %s: %s, %d bytes", req.Method, req.URL, resp.Status, n)
				}
				return time.Since(start)
			}
			var fakePut, fakeGet, plainPut, plainGet time.Duration
			b.SetBytes(int64(4 * size))
			b.ResetTimer()
			for range b.N {
				req, _ := http.NewRequest(http.MethodPut, plainURL+"/x", bytes.NewReader(data))
				plainPut += do(req)
				req, _ = http.NewRequest(http.MethodGet, plainURL+"/x", nil)
				plainGet += do(req)
				fakePut += do(signedRequest(b, srv, http.MethodPut, "/bkt/k", bytes.NewReader(data), int64(size)))
				fakeGet += do(signedRequest(b, srv, http.MethodGet, "/bkt/k", nil, 0))
			}
			b.ReportMetric(plainPut.Seconds()/fakePut.Seconds(), "put-ratio")
			b.ReportMetric(plainGet.Seconds()/fakeGet.Seconds(), "get-ratio")
			mbps := func(d time.Duration) float64 { return float64(size) * float64(b.N) / d.Seconds() / 1e6 }
			b.ReportMetric(mbps(fakePut), "fake-put-MB/s")
			b.ReportMetric(mbps(fakeGet), "fake-get-MB/s")
			b.ReportMetric(mbps(plainPut), "loopback-put-MB/s")
			b.ReportMetric(mbps(plainGet), "loopback-get-MB/s")
		})
	}
}

func listen(t testing.TB) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// recorder is an HTTP client that notes each request's payload hash.
type recorder struct {
	base   aws.HTTPClient
	hashes []string
}

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	r.hashes = append(r.hashes, req.Header.Get("X-Amz-Content-Sha256"))
	return r.base.Do(req)
}

// Over TLS aws-sdk-go-v2 sends an unseekable body aws-chunked with a
// trailing checksum; it streams into the disk store and checks out.
func TestUnseekableOverTLS(t *testing.T) {
	srv := s3test.Start(t, fakes.WithTLS(true), s3test.WithDir(t.TempDir()))
	cfg := srv.Config("")
	rec := &recorder{base: cfg.HTTPClient}
	cfg.HTTPClient = rec
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()
	mustBucket(t, c, "bkt")
	data := pattern(3<<20+11, 5)
	tests := []struct {
		name string
		algo types.ChecksumAlgorithm
	}{
		{"crc32", types.ChecksumAlgorithmCrc32},
		{"crc64nvme", types.ChecksumAlgorithmCrc64nvme},
		{"sha256", types.ChecksumAlgorithmSha256},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec.hashes = nil
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(tt.name),
				Body: onlyReader{bytes.NewReader(data)}, ChecksumAlgorithm: tt.algo})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"STREAMING-UNSIGNED-PAYLOAD-TRAILER"}, rec.hashes); diff != "" {
				t.Errorf("payload hashes sent (-want +got):\n%s", diff)
			}
			info, ok := srv.Object("bkt", tt.name)
			if !ok || !bytes.Equal(info.Data, data) {
				t.Fatalf("stored %d bytes, want %d", len(info.Data), len(data))
			}
			if len(info.Checksums) != 1 {
				t.Errorf("checksums kept: %v, want the %s one", info.Checksums, tt.name)
			}
		})
	}
}

func TestGetPartNumber(t *testing.T) {
	const mib = 1 << 20
	ctx := context.Background()
	srv, c := startWithBucket(t, "bkt")
	parts := [][]byte{pattern(5*mib, 1), pattern(5*mib+1, 2), pattern(1000, 3)}
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("multi")})
	if err != nil {
		t.Fatal(err)
	}
	var done []types.CompletedPart
	for i, p := range parts {
		out, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("bkt"), Key: aws.String("multi"), UploadId: up.UploadId,
			PartNumber: aws.Int32(int32(i + 1)), Body: bytes.NewReader(p)})
		if err != nil {
			t.Fatal(err)
		}
		done = append(done, types.CompletedPart{PartNumber: aws.Int32(int32(i + 1)), ETag: out.ETag})
	}
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("bkt"), Key: aws.String("multi"),
		UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}}); err != nil {
		t.Fatal(err)
	}
	if err := srv.PutObject("bkt", "single", []byte("whole"), nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key   string
		part  int32
		rng   string
		want  []byte
		count int32
		code  string
	}{
		{"multi", 1, "", parts[0], 3, ""},
		{"multi", 2, "", parts[1], 3, ""},
		{"multi", 3, "", parts[2], 3, ""},
		{"multi", 4, "", nil, 0, "InvalidPartNumber"},
		{"multi", 1, "bytes=0-1", nil, 0, "InvalidRequest"},
		{"single", 1, "", []byte("whole"), 0, ""},
		{"single", 2, "", nil, 0, "InvalidPartNumber"},
	}
	for _, tt := range tests {
		in := &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(tt.key), PartNumber: aws.Int32(tt.part)}
		if tt.rng != "" {
			in.Range = aws.String(tt.rng)
		}
		out, err := c.GetObject(ctx, in)
		if diff := cmp.Diff(tt.code, errCode(t, err)); diff != "" {
			t.Errorf("GetObject %s part %d (-want +got):\n%s", tt.key, tt.part, diff)
			continue
		}
		if err != nil {
			continue
		}
		data, _ := io.ReadAll(out.Body)
		out.Body.Close()
		if !bytes.Equal(data, tt.want) || aws.ToInt32(out.PartsCount) != tt.count {
			t.Errorf("GetObject %s part %d: %d bytes, %d parts; want %d bytes, %d parts",
				tt.key, tt.part, len(data), aws.ToInt32(out.PartsCount), len(tt.want), tt.count)
		}
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String(tt.key), PartNumber: aws.Int32(tt.part)})
		if err != nil {
			t.Errorf("HeadObject %s part %d: %v", tt.key, tt.part, err)
		} else if aws.ToInt64(head.ContentLength) != int64(len(tt.want)) {
			t.Errorf("HeadObject %s part %d: length %d, want %d", tt.key, tt.part, aws.ToInt64(head.ContentLength), len(tt.want))
		}
	}
}
