// Package s3transfer benchmarks goboto's S3 transfers against the loopback
// limit, single-stream aws-sdk-go-v2 calls, feature/s3/manager and
// feature/s3/transfermanager, all against one disk-backed s3test in the
// same run. It is a module of its own so that the candidates never enter
// goboto's go.mod.
//
//	cd bench/s3transfer && go test -run XXX -bench . -benchtime 1x
//
// The object size is S3TRANSFER_SIZE bytes (default 1 GiB, 64 MiB with
// -short). S3TRANSFER_STORE=mem keeps the fake's objects in memory
// instead of on disk, taking the disk's writeback out of the upload
// figures. Throughput is b.SetBytes MB/s; "x-loopback" is the ratio to a
// plain net/http PUT of the same bytes to a handler that discards them, or
// GET of them from a handler that serves them from a file;
// "peak-heap-MiB" is the highest live heap sampled during the transfer,
// the fake server's included, since it runs in the same process.
package s3transfer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

const (
	partSize    = 8 << 20
	concurrency = 8
	bucketName  = "bench"
)

func objectSize(tb testing.TB) int64 {
	if v := os.Getenv("S3TRANSFER_SIZE"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			tb.Fatalf("S3TRANSFER_SIZE=%q: want a positive number of bytes", v)
		}
		return n
	}
	if testing.Short() {
		return 64 << 20
	}
	return 1 << 30
}

// source yields n pseudo-random bytes without holding them: a 1 MiB
// block, repeated with a per-block twist so parts differ. It seeks, for
// the candidates that need a seekable body.
type source struct {
	block []byte
	n     int64
	off   int64
}

func newSource(block []byte, n int64) *source { return &source{block: block, n: n} }

func (s *source) Read(p []byte) (int, error) {
	if s.off >= s.n {
		return 0, io.EOF
	}
	i := s.off % int64(len(s.block))
	m := copy(p, s.block[i:])
	m = int(min(int64(m), s.n-s.off))
	if i == 0 && m > 0 {
		p[0] ^= byte(s.off / int64(len(s.block))) // by position, so a re-read after Seek matches
	}
	s.off += int64(m)
	return m, nil
}

func (s *source) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		off += s.off
	case io.SeekEnd:
		off += s.n
	}
	if off < 0 {
		return 0, errors.New("negative seek")
	}
	s.off = off
	return off, nil
}

// streamOnly hides Seek, as a pipe or socket would.
type streamOnly struct{ io.Reader }

// discardAt is an io.WriterAt that drops what it gets.
type discardAt struct{}

func (discardAt) WriteAt(p []byte, _ int64) (int, error) { return len(p), nil }

// peakHeap samples the live heap every few milliseconds until stop is
// called, which returns the highest value seen.
func peakHeap() (stop func() uint64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() uint64 { close(done); wg.Wait(); return peak.Load() }
}

// env is one benchmark run's fake S3 and clients.
type env struct {
	srv   *s3test.Server
	cfg   aws.Config
	raw   *awss3.Client
	conn  *s3.Conn
	block []byte
	size  int64
}

func newEnv(tb testing.TB) *env {
	opts := []s3test.Option{s3test.WithFastETags()}
	if os.Getenv("S3TRANSFER_STORE") != "mem" {
		opts = append(opts, s3test.WithDir(tb.TempDir()))
	}
	srv := s3test.Start(tb, opts...)
	cfg := srv.Config()
	// One roomy connection pool for every candidate: the SDK's default
	// keeps few idle connections per host, which would penalise whoever
	// runs more requests at once.
	cfg.HTTPClient = &http.Client{Transport: &http.Transport{
		Proxy: nil, DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: 90 * time.Second,
	}}
	e := &env{srv: srv, cfg: cfg, block: make([]byte, 1<<20), size: objectSize(tb)}
	for i := range e.block {
		e.block[i] = byte(i*7919 + i>>8)
	}
	e.raw = awss3.NewFromConfig(cfg, func(o *awss3.Options) { o.UsePathStyle = true })
	e.conn = s3.New(cfg)
	if _, err := e.conn.CreateBucket(context.Background(), bucketName); err != nil {
		tb.Fatal(err)
	}
	return e
}

// measure runs op b.N times and reports MB/s (via SetBytes), the ratio to
// base MB/s and the peak heap.
func measure(b *testing.B, size int64, base *float64, op func() error) float64 {
	b.SetBytes(size)
	b.ReportAllocs()
	stop := peakHeap()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	el := time.Since(start)
	b.StopTimer()
	peak := stop()
	mbps := float64(size) * float64(b.N) / el.Seconds() / 1e6
	if base != nil && *base > 0 {
		b.ReportMetric(mbps / *base, "x-loopback")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	return mbps
}

func BenchmarkTransfer(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	size := e.size
	var loopPut, loopGet float64

	// The GET side serves a file of the object's bytes, as the disk-backed
	// fake does, so both can use sendfile.
	f, err := os.CreateTemp(b.TempDir(), "loopback")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(f, newSource(e.block, size)); err != nil {
		b.Fatal(err)
	}
	sink := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			io.Copy(io.Discard, r.Body)
			return
		}
		http.ServeContent(w, r, "", time.Time{}, f) // sendfile, as the fake
	}))
	defer sink.Close()
	hc := e.cfg.HTTPClient.(*http.Client)

	b.Run("loopback/put", func(b *testing.B) {
		loopPut = measure(b, size, nil, func() error {
			req, _ := http.NewRequest(http.MethodPut, sink.URL, streamOnly{newSource(e.block, size)})
			req.ContentLength = size
			resp, err := hc.Do(req)
			if err != nil {
				return err
			}
			return resp.Body.Close()
		})
	})
	b.Run("loopback/get", func(b *testing.B) {
		loopGet = measure(b, size, nil, func() error {
			resp, err := hc.Get(sink.URL)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			_, err = io.Copy(io.Discard, resp.Body)
			return err
		})
	})

	key := func(who string) *string { return aws.String("obj-" + who) }
	b.Run("raw-v2/put", func(b *testing.B) {
		measure(b, size, &loopPut, func() error {
			_, err := e.raw.PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucketName), Key: key("raw"),
				Body: newSource(e.block, size), ContentLength: aws.Int64(size)})
			return err
		})
	})
	b.Run("raw-v2/get", func(b *testing.B) {
		measure(b, size, &loopGet, func() error {
			out, err := e.raw.GetObject(ctx, &awss3.GetObjectInput{Bucket: aws.String(bucketName), Key: key("raw")})
			if err != nil {
				return err
			}
			defer out.Body.Close()
			_, err = io.Copy(io.Discard, out.Body)
			return err
		})
	})

	k := e.conn.Bucket(bucketName).Key("obj-goboto")
	opts := []s3.TransferOption{s3.PartSize(partSize), s3.Concurrency(concurrency)}
	b.Run("goboto/upload", func(b *testing.B) {
		measure(b, size, &loopPut, func() error {
			return k.Upload(ctx, streamOnly{newSource(e.block, size)}, opts...)
		})
	})
	b.Run("goboto/download", func(b *testing.B) {
		measure(b, size, &loopGet, func() error { _, err := k.Download(ctx, discardAt{}, opts...); return err })
	})
	b.Run("goboto/download-stream", func(b *testing.B) {
		measure(b, size, &loopGet, func() error { _, err := k.DownloadStream(ctx, io.Discard, opts...); return err })
	})

	up := manager.NewUploader(e.raw, func(u *manager.Uploader) { u.PartSize, u.Concurrency = partSize, concurrency })
	down := manager.NewDownloader(e.raw, func(d *manager.Downloader) { d.PartSize, d.Concurrency = partSize, concurrency })
	b.Run("manager/upload", func(b *testing.B) {
		measure(b, size, &loopPut, func() error {
			_, err := up.Upload(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucketName), Key: key("manager"),
				Body: streamOnly{newSource(e.block, size)}})
			return err
		})
	})
	b.Run("manager/download", func(b *testing.B) {
		measure(b, size, &loopGet, func() error {
			_, err := down.Download(ctx, discardAt{}, &awss3.GetObjectInput{Bucket: aws.String(bucketName), Key: key("manager")})
			return err
		})
	})

	tm := transfermanager.New(e.raw, func(o *transfermanager.Options) {
		o.PartSizeBytes, o.Concurrency = partSize, concurrency
	})
	b.Run("transfermanager/upload", func(b *testing.B) {
		measure(b, size, &loopPut, func() error {
			_, err := tm.UploadObject(ctx, &transfermanager.UploadObjectInput{Bucket: aws.String(bucketName), Key: key("tm"),
				Body: streamOnly{newSource(e.block, size)}})
			return err
		})
	})
	b.Run("transfermanager/download", func(b *testing.B) {
		measure(b, size, &loopGet, func() error {
			_, err := tm.DownloadObject(ctx, &transfermanager.DownloadObjectInput{Bucket: aws.String(bucketName), Key: key("tm"),
				WriterAt: discardAt{}})
			return err
		})
	})
}

// BenchmarkSmall compares goboto's single-request Put and Get of a 4 KiB
// object with raw aws-sdk-go-v2 calls; "x-raw-allocs" is goboto's
// allocations per call over raw v2's.
func BenchmarkSmall(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	data := bytes.Repeat([]byte("goboto!!"), 512)
	k := e.conn.Bucket(bucketName).Key("small")
	rawPut := func() error {
		_, err := e.raw.PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucketName), Key: aws.String("small-raw"),
			Body: bytes.NewReader(data)})
		return err
	}
	rawGet := func() error {
		out, err := e.raw.GetObject(ctx, &awss3.GetObjectInput{Bucket: aws.String(bucketName), Key: aws.String("small-raw")})
		if err != nil {
			return err
		}
		defer out.Body.Close()
		_, err = io.Copy(io.Discard, out.Body)
		return err
	}
	gobotoPut := func() error { return k.PutBytes(ctx, data) }
	gobotoGet := func() error { _, err := k.Get(ctx, io.Discard); return err }
	gobotoUpload := func() error { return k.Upload(ctx, bytes.NewReader(data)) }
	for _, tc := range []struct {
		name     string
		op, base func() error
	}{
		{"put/raw-v2", rawPut, nil},
		{"put/goboto", gobotoPut, rawPut},
		{"put/goboto-upload", gobotoUpload, rawPut},
		{"get/raw-v2", rawGet, nil},
		{"get/goboto", gobotoGet, rawGet},
	} {
		b.Run(tc.name, func(b *testing.B) {
			if err := tc.op(); err != nil {
				b.Fatal(err)
			}
			var ratio float64
			if tc.base != nil {
				// Counted apart from the timed loop; the fake server in
				// this process allocates the same for both.
				mine := testing.AllocsPerRun(200, func() { tc.op() })
				theirs := testing.AllocsPerRun(200, func() { tc.base() })
				ratio = mine / theirs
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if err := tc.op(); err != nil {
					b.Fatal(err)
				}
			}
			if tc.base != nil {
				b.ReportMetric(ratio, "x-raw-allocs")
			}
		})
	}
}

func TestSourceRereads(t *testing.T) {
	block := []byte("0123456789")
	read := func(chunk int) []byte {
		s := newSource(block, 25)
		var out bytes.Buffer
		buf := make([]byte, chunk)
		for {
			n, err := s.Read(buf)
			out.Write(buf[:n])
			if err != nil {
				return out.Bytes()
			}
		}
	}
	a, c := read(3), read(64)
	if len(a) != 25 || !bytes.Equal(a, c) {
		t.Fatalf("reads in 3s and 64s differ: %q, %q", a, c)
	}
}
