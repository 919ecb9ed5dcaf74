//lint:file-ignore SA1019 feature/s3/manager is deprecated, but it is one of the peers measured against.

// Package s3transfer benchmarks goboto's S3 transfers against the loopback
// limit, single-stream aws-sdk-go-v2 calls, feature/s3/manager and
// feature/s3/transfermanager, all against one disk-backed s3test in the
// same run. It is a module of its own so that the candidates never enter
// goboto's go.mod.
//
//	cd bench/s3transfer && go test -run XXX -bench Transfer -benchtime 1x -count 3
//
// The object size is S3TRANSFER_SIZE bytes (default 1 GiB, 64 MiB with
// -short). The fake keeps its objects in a fresh directory made inside
// S3TRANSFER_DIR (default os.TempDir()), so the same run can be taken on
// a disk (/tmp) and on tmpfs (/dev/shm); S3TRANSFER_STORE=mem keeps them
// in memory instead.
//
// Throughput is b.SetBytes MB/s. Two baselines are measured in the same
// run, with the same HTTP client:
//
//   - loopback: one plain net/http PUT of the object's bytes to a handler
//     that discards them, or one GET of them from a handler that serves
//     them from a file in the same directory as the fake's, copying
//     through a buffer as the fake does (sendfile(2) is slower over
//     loopback here);
//   - loopback-parallel: the same, cut into parts of the transfers' part
//     size, Concurrency of them moving at once over as many connections,
//     the shape of goboto's, manager's and transfermanager's transfers.
//
// "x-loopback" and "x-loopback-parallel" are a candidate's MB/s over each.
// loopback/put-file and loopback-parallel/put-file write what they
// receive to a file in the fake's directory with plain io.Copy: the
// storage's own cost, which the discarding baselines do not pay and the
// fake does. "peak-heap-MiB" is the highest live heap sampled during the
// transfer, the fake server's included, since it runs in the same process.
package s3transfer

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/testutil"
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
	dir   string // the fake's files, and the baselines'
	block []byte
	size  int64
	dials atomic.Int64 // connections the shared HTTP client opened
}

func newEnv(tb testing.TB) *env {
	dir, err := os.MkdirTemp(cmp.Or(os.Getenv("S3TRANSFER_DIR"), os.TempDir()), "s3transfer-")
	if err != nil {
		tb.Fatal(err)
	}
	// Registered before Start, so it runs after the server has closed.
	tb.Cleanup(func() { os.RemoveAll(dir) })
	// Plain HTTP, as the loopback baselines are: TLS would measure the
	// cipher, the same for every candidate.
	opts := []fakes.Option{s3test.WithFastETags(), fakes.WithTLS(false)}
	if os.Getenv("S3TRANSFER_STORE") != "mem" {
		opts = append(opts, s3test.WithDir(dir))
	}
	srv := s3test.Start(tb, opts...)
	cfg := srv.Config("")
	// One roomy connection pool for every candidate: the SDK's default
	// keeps few idle connections per host, which would penalise whoever
	// runs more requests at once.
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	e := &env{srv: srv, dir: dir, block: make([]byte, 1<<20), size: objectSize(tb)}
	cfg.HTTPClient = &http.Client{Transport: &http.Transport{
		Proxy: nil, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			e.dials.Add(1)
			return dialer.DialContext(ctx, network, addr)
		},
		MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: 90 * time.Second,
	}}
	e.cfg = cfg
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

// baselines are the loopback figures of one run, MB/s.
type baselines struct{ single, parallel float64 }

// measure runs op b.N times and reports MB/s (via SetBytes), the ratios
// to the baselines, when given, and the peak heap.
func measure(b *testing.B, size int64, base *baselines, op func() error) float64 {
	b.SetBytes(size)
	b.ReportAllocs()
	stop := peakHeap()
	b.ResetTimer()
	for range b.N {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	el := b.Elapsed() // what StopTimer left out (disk/* file removal) is not counted
	peak := stop()
	mbps := float64(size) * float64(b.N) / el.Seconds() / 1e6
	if base != nil && base.single > 0 {
		b.ReportMetric(mbps/base.single, "x-loopback")
	}
	if base != nil && base.parallel > 0 {
		b.ReportMetric(mbps/base.parallel, "x-loopback-parallel")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	return mbps
}

// inParts runs part(off, n) for every partSize piece of size bytes,
// concurrency at a time, and returns the first error.
func inParts(size int64, part func(off, n int64) error) error {
	next := make(chan int64)
	errs := make(chan error, concurrency)
	for range concurrency {
		go func() {
			var first error
			for off := range next {
				if err := part(off, min(partSize, size-off)); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		}()
	}
	for off := int64(0); off < size; off += partSize {
		next <- off
	}
	close(next)
	var first error
	for range concurrency {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// sourceAt is n bytes of the benchmark's object from off, as a stream.
func (e *env) sourceAt(off, n int64) io.Reader {
	s := newSource(e.block, e.size)
	s.Seek(off, io.SeekStart)
	return streamOnly{io.LimitReader(s, n)}
}

// copyingWriter makes http.ServeContent copy through a buffer of the
// fake's size, as the fake serves its files, rather than with sendfile(2),
// which is slower over loopback here and would make a weak baseline.
type copyingWriter struct {
	http.ResponseWriter
	buf []byte
}

func (w copyingWriter) ReadFrom(r io.Reader) (int64, error) {
	return io.CopyBuffer(struct{ io.Writer }{w.ResponseWriter}, struct{ io.Reader }{r}, w.buf)
}

// loopbackServer answers PUT by discarding the body (through io.Discard,
// or at /big through a 256 KiB buffer; or, at /file, copying it into a
// new file in dir, removed once written) and GET by serving f, Range
// included.
func loopbackServer(dir string, f *os.File, size int64) *httptest.Server {
	bufs := sync.Pool{New: func() any { b := make([]byte, 256<<10); return &b }}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut {
			buf := bufs.Get().(*[]byte)
			defer bufs.Put(buf)
			// A reader of its own, so that requests at once do not share
			// the file's offset.
			http.ServeContent(copyingWriter{w, *buf}, r, "", time.Time{}, io.NewSectionReader(f, 0, size))
			return
		}
		if r.URL.Path == "/big" {
			// Discards through a 256 KiB buffer: fewer read(2) calls
			// than io.Discard's 8 KiB, the cheapest a handler receives.
			buf := bufs.Get().(*[]byte)
			defer bufs.Put(buf)
			for {
				if _, err := r.Body.Read(*buf); err != nil {
					return
				}
			}
		}
		if r.URL.Path != "/file" {
			io.Copy(io.Discard, r.Body)
			return
		}
		out, err := os.CreateTemp(dir, "put-")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer os.Remove(out.Name())
		_, err = io.Copy(out, r.Body)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}))
}

// loopbackPut is one plain PUT of n bytes of the object from off.
func (e *env) loopbackPut(url string, off, n int64) error {
	req, err := http.NewRequest(http.MethodPut, url, e.sourceAt(off, n))
	if err != nil {
		return err
	}
	req.ContentLength = n
	resp, err := e.cfg.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New("loopback PUT: " + resp.Status)
	}
	return nil
}

// loopbackGet is one plain GET of n bytes of the object from off (n < 0:
// all of it).
func (e *env) loopbackGet(url string, off, n int64) error {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if n >= 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(off, 10)+"-"+strconv.FormatInt(off+n-1, 10))
	}
	resp, err := e.cfg.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return errors.New("loopback GET: " + resp.Status)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func BenchmarkTransfer(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	size := e.size
	var put, get baselines

	// The GET side serves a file of the object's bytes from the fake's
	// directory, as the disk-backed fake does.
	f, err := os.CreateTemp(e.dir, "loopback-")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := io.Copy(f, newSource(e.block, size)); err != nil {
		b.Fatal(err)
	}
	sink := loopbackServer(e.dir, f, size)
	defer sink.Close()

	b.Run("loopback/put", func(b *testing.B) {
		put.single = measure(b, size, nil, func() error { return e.loopbackPut(sink.URL, 0, size) })
	})
	b.Run("loopback-parallel/put", func(b *testing.B) {
		put.parallel = measure(b, size, nil, func() error {
			return inParts(size, func(off, n int64) error { return e.loopbackPut(sink.URL, off, n) })
		})
	})
	b.Run("loopback/put-file", func(b *testing.B) {
		measure(b, size, &put, func() error { return e.loopbackPut(sink.URL+"/file", 0, size) })
	})
	b.Run("loopback-parallel/put-file", func(b *testing.B) {
		measure(b, size, &put, func() error {
			return inParts(size, func(off, n int64) error { return e.loopbackPut(sink.URL+"/file", off, n) })
		})
	})
	// The storage's own ceilings, no network: the same bytes written in
	// part-sized files, 8 at once, through the page cache and past it.
	diskBufs := e.newDiskBufs()
	b.Run("disk/write", func(b *testing.B) {
		measure(b, size, &put, func() error { return e.diskWrite(b, diskBufs, false) })
	})
	b.Run("disk/write-direct", func(b *testing.B) {
		measure(b, size, &put, func() error { return e.diskWrite(b, diskBufs, true) })
	})
	b.Run("loopback/get", func(b *testing.B) {
		get.single = measure(b, size, nil, func() error { return e.loopbackGet(sink.URL, 0, -1) })
	})
	b.Run("loopback-parallel/get", func(b *testing.B) {
		get.parallel = measure(b, size, nil, func() error {
			return inParts(size, func(off, n int64) error { return e.loopbackGet(sink.URL, off, n) })
		})
	})

	key := func(who string) *string { return aws.String("obj-" + who) }
	b.Run("raw-v2/put", func(b *testing.B) {
		measure(b, size, &put, func() error {
			_, err := e.raw.PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucketName), Key: key("raw"),
				Body: newSource(e.block, size), ContentLength: aws.Int64(size)})
			return err
		})
	})
	b.Run("raw-v2/get", func(b *testing.B) {
		measure(b, size, &get, func() error {
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
		measure(b, size, &put, func() error {
			return k.Upload(ctx, streamOnly{newSource(e.block, size)}, opts...)
		})
	})
	b.Run("goboto/download", func(b *testing.B) {
		measure(b, size, &get, func() error { _, err := k.Download(ctx, discardAt{}, opts...); return err })
	})
	b.Run("goboto/download-stream", func(b *testing.B) {
		measure(b, size, &get, func() error { _, err := k.DownloadStream(ctx, io.Discard, opts...); return err })
	})

	up := manager.NewUploader(e.raw, func(u *manager.Uploader) { u.PartSize, u.Concurrency = partSize, concurrency })
	down := manager.NewDownloader(e.raw, func(d *manager.Downloader) { d.PartSize, d.Concurrency = partSize, concurrency })
	b.Run("manager/upload", func(b *testing.B) {
		measure(b, size, &put, func() error {
			_, err := up.Upload(ctx, &awss3.PutObjectInput{Bucket: aws.String(bucketName), Key: key("manager"),
				Body: streamOnly{newSource(e.block, size)}})
			return err
		})
	})
	b.Run("manager/download", func(b *testing.B) {
		measure(b, size, &get, func() error {
			_, err := down.Download(ctx, discardAt{}, &awss3.GetObjectInput{Bucket: aws.String(bucketName), Key: key("manager")})
			return err
		})
	})

	tm := transfermanager.New(e.raw, func(o *transfermanager.Options) {
		o.PartSizeBytes, o.Concurrency = partSize, concurrency
	})
	b.Run("transfermanager/upload", func(b *testing.B) {
		measure(b, size, &put, func() error {
			_, err := tm.UploadObject(ctx, &transfermanager.UploadObjectInput{Bucket: aws.String(bucketName), Key: key("tm"),
				Body: streamOnly{newSource(e.block, size)}})
			return err
		})
	})
	b.Run("transfermanager/download", func(b *testing.B) {
		measure(b, size, &get, func() error {
			_, err := tm.DownloadObject(ctx, &transfermanager.DownloadObjectInput{Bucket: aws.String(bucketName), Key: key("tm"),
				WriterAt: discardAt{}})
			return err
		})
	})
}

// BenchmarkSmall compares goboto's single-request Put and Get of a 4 KiB
// object with raw aws-sdk-go-v2 calls. Each case with a baseline runs
// goboto's call and raw v2's side by side in blocks of 20
// (testutil.SideBySide) and reports goboto's over raw v2's: x_raw_time,
// x_raw_cpu (the whole process's CPU: both clients' and the in-process
// fake's) and x_raw_allocs. ns/op is one block of each.
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
			if tc.base != nil {
				testutil.SideBySide(b, 20, must(b, tc.op), must(b, tc.base))
				return
			}
			if err := tc.op(); err != nil { // warm the connections
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := tc.op(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// must makes fn a benchmark step that stops b on error.
func must(b *testing.B, fn func() error) func() {
	return func() {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
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

// inParts covers every byte once, whatever the last part's size.
func TestInParts(t *testing.T) {
	for _, size := range []int64{1, partSize, partSize + 1, 3*partSize - 5} {
		var mu sync.Mutex
		var got []int64
		err := inParts(size, func(off, n int64) error {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, off, n)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var pieces [][2]int64
		for i := 0; i < len(got); i += 2 {
			pieces = append(pieces, [2]int64{got[i], got[i+1]})
		}
		slices.SortFunc(pieces, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
		var want [][2]int64
		for off := int64(0); off < size; off += partSize {
			want = append(want, [2]int64{off, min(partSize, size-off)})
		}
		if !slices.Equal(want, pieces) {
			t.Errorf("size %d: parts %v, want %v", size, pieces, want)
		}
	}
}
