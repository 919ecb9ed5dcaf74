package transfer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/google/go-cmp/cmp"

	"github.com/goboto/goboto"
)

// The engine's tests run against memS3: no server, no HTTP. Parts are
// small (S3's 5 MiB floor is the s3 package's check, not the engine's),
// so many parts cost little.

const testPart = 1 << 10

func testData(n int) []byte {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

var testObj = Object{Bucket: "b", Key: "k"}

func testConfig(concurrency int) Config {
	return Config{PartSize: testPart, Concurrency: concurrency, Checksum: ChecksumCRC32C}
}

// progressLog records progress reports and checks, as they come, that
// calls never overlap.
type progressLog struct {
	busy    atomic.Bool
	overlap atomic.Bool
	mu      sync.Mutex
	got     []Progress
}

func (l *progressLog) fn(p Progress) {
	if !l.busy.CompareAndSwap(false, true) {
		l.overlap.Store(true)
	}
	l.mu.Lock()
	l.got = append(l.got, p)
	l.mu.Unlock()
	l.busy.Store(false)
}

// check fails t unless Done never went backwards and the last report was
// Done == Total == size.
func (l *progressLog) check(t *testing.T, size int64) {
	t.Helper()
	if l.overlap.Load() {
		t.Error("progress calls overlapped")
	}
	if len(l.got) == 0 {
		t.Fatal("no progress reported")
	}
	for i := 1; i < len(l.got); i++ {
		if l.got[i].Done < l.got[i-1].Done {
			t.Errorf("progress went back from %d to %d", l.got[i-1].Done, l.got[i].Done)
		}
	}
	last := l.got[len(l.got)-1]
	if diff := cmp.Diff([2]int64{size, size}, [2]int64{last.Done, last.Total}); diff != "" {
		t.Errorf("last progress Done, Total (-want +got):\n%s", diff)
	}
}

func TestUploadRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name    string
		size    int
		known   bool
		wantOps []string
	}{
		{"empty", 0, true, []string{"PutObject"}},
		{"empty, unknown size", 0, false, []string{"PutObject"}},
		{"under a part", testPart - 1, true, []string{"PutObject"}},
		{"one whole part, unknown size", testPart, false, []string{"PutObject"}},
		{"a part and a byte", testPart + 1, true,
			[]string{"CreateMultipartUpload", "UploadPart", "UploadPart", "CompleteMultipartUpload"}},
		{"five parts, unknown size", 5 * testPart, false,
			[]string{"CreateMultipartUpload", "UploadPart", "UploadPart", "UploadPart", "UploadPart", "UploadPart", "CompleteMultipartUpload"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMemS3()
			data := testData(tc.size)
			var log progressLog
			c := testConfig(3)
			c.Progress = log.fn
			size := int64(-1)
			var r io.Reader = struct{ io.Reader }{bytes.NewReader(data)}
			if tc.known {
				size, r = int64(len(data)), bytes.NewReader(data)
			}
			res, err := Upload(context.Background(), m, testObj, c, r, size)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.wantOps, m.ops()); diff != "" {
				t.Errorf("calls (-want +got):\n%s", diff)
			}
			o, err := m.object("k")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(o.data, data) {
				t.Error("stored bytes differ")
			}
			if diff := cmp.Diff(Result{ETag: o.etag, Size: int64(len(data))}, res); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
			log.check(t, int64(len(data)))
		})
	}
}

// A part that fails for good fails the upload, names the part, and
// aborts the multipart upload, so that none of its parts stay billed;
// with KeepOnError the upload is kept for Resume.
func TestUploadFailedPartAborts(t *testing.T) {
	for _, keep := range []bool{false, true} {
		m := newMemS3()
		m.beforePart = func(_ context.Context, pn int32) error {
			if pn == 3 {
				return apiErr(403, "AccessDenied") // not transient: tried once
			}
			return nil
		}
		c := testConfig(2)
		c.KeepOnError = keep
		data := testData(6 * testPart)
		_, err := Upload(context.Background(), m, testObj, c, bytes.NewReader(data), int64(len(data)))
		var te *Error
		if !errors.As(err, &te) {
			t.Fatalf("keep=%v: err = %v, want an *Error", keep, err)
		}
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "AccessDenied" {
			t.Errorf("keep=%v: err = %v, want it to wrap AccessDenied", keep, err)
		}
		type outcome struct {
			Part          int
			HasUploadID   bool
			Aborted       bool
			Aborts        int
			Completes     int
			Part3Attempts int
			UploadsLeft   int
		}
		part3 := 0
		for _, c := range m.callsOf("UploadPart") {
			if c.part == 3 {
				part3++
			}
		}
		want := outcome{Part: 3, HasUploadID: true, Aborted: !keep, Aborts: 1, Part3Attempts: 1}
		if keep {
			want.Aborts, want.UploadsLeft = 0, 1
		}
		got := outcome{te.Part, te.UploadID != "", te.Aborted, len(m.callsOf("AbortMultipartUpload")),
			len(m.callsOf("CompleteMultipartUpload")), part3, len(m.uploads)}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("keep=%v (-want +got):\n%s", keep, diff)
		}
	}
}

// Cancelling the caller's context mid-upload aborts the multipart
// upload, even with KeepOnError, and the abort runs on a context the
// cancellation did not reach, bounded by a deadline of its own.
func TestUploadCancelAborts(t *testing.T) {
	m := newMemS3()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m.beforePart = func(pctx context.Context, pn int32) error {
		if pn == 2 {
			cancel()
			return pctx.Err()
		}
		return nil
	}
	c := testConfig(1)
	c.KeepOnError = true
	data := testData(10 * testPart)
	_, err := Upload(ctx, m, testObj, c, bytes.NewReader(data), int64(len(data)))
	var te *Error
	if !errors.As(err, &te) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want an *Error wrapping context.Canceled", err)
	}
	aborts := m.callsOf("AbortMultipartUpload")
	if diff := cmp.Diff([]memCall{{op: "AbortMultipartUpload", deadline: true}}, aborts, cmp.AllowUnexported(memCall{})); diff != "" {
		t.Errorf("aborts (-want +got):\n%s", diff)
	}
	if !te.Aborted || len(m.uploads) != 0 {
		t.Errorf("Aborted = %v, %d uploads left; want the upload aborted", te.Aborted, len(m.uploads))
	}
	// With one part at a time, cancelling in part 2 leaves parts 3-10
	// unsent.
	if n := len(m.callsOf("UploadPart")); n > 2 {
		t.Errorf("%d UploadParts after a cancel in part 2, want at most 2", n)
	}
}

// A context cancelled before the upload starts sends nothing that could
// leave an upload behind.
func TestUploadCancelledBeforeStart(t *testing.T) {
	m := newMemS3()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := testData(4 * testPart)
	if _, err := Upload(ctx, m, testObj, testConfig(2), bytes.NewReader(data), int64(len(data))); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if ops := m.ops(); len(ops) != 0 {
		t.Errorf("calls %v, want none", ops)
	}
}

// The scheduler runs exactly Concurrency parts at once: the first parts
// wait until that many are in flight (which a scheduler running fewer
// would never reach), and no more are ever started alongside them.
func TestUploadConcurrencyBound(t *testing.T) {
	for _, conc := range []int{1, 3, 8} {
		m := newMemS3()
		open := make(chan struct{})
		var once sync.Once
		m.beforePart = func(ctx context.Context, _ int32) error {
			m.mu.Lock()
			n := m.inflight
			m.mu.Unlock()
			if n >= conc {
				once.Do(func() { close(open) })
			}
			select {
			case <-open:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		// The deadline only turns a scheduler that never reaches conc into
		// a failure instead of a hung test.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		data := testData(20 * testPart)
		_, err := Upload(ctx, m, testObj, testConfig(conc), bytes.NewReader(data), int64(len(data)))
		cancel()
		if err != nil {
			t.Fatalf("concurrency %d: %v", conc, err)
		}
		if m.maxInflight != conc {
			t.Errorf("concurrency %d: %d parts in flight at most, want %d", conc, m.maxInflight, conc)
		}
	}
}

// An upload of many parts makes at most Concurrency+1 part buffers,
// reusing them part after part, and leaves them in the pool for the next
// transfer.
func TestUploadReusesBuffers(t *testing.T) {
	var made atomic.Int64
	pool := &sync.Pool{New: func() any {
		made.Add(1)
		b := make([]byte, testPart)
		return &b
	}}
	m := newMemS3()
	c := testConfig(2)
	c.Pool = pool
	data := testData(30 * testPart)
	// Unknown size: the reader is read into the buffers part by part.
	if _, err := Upload(context.Background(), m, testObj, c, struct{ io.Reader }{bytes.NewReader(data)}, -1); err != nil {
		t.Fatal(err)
	}
	if n := made.Load(); n > int64(c.Concurrency+1) {
		t.Errorf("%d part buffers made for 30 parts, want at most %d", n, c.Concurrency+1)
	}
	if o, _ := m.object("k"); o == nil || !bytes.Equal(o.data, data) {
		t.Error("stored bytes differ: a buffer was reused while its part was in flight")
	}
	if b, _ := pool.Get().(*[]byte); b == nil || len(*b) != testPart {
		t.Error("the pool holds no part buffer after the upload")
	}
}

// Resume keeps the parts S3 already has with the right content, sends
// those missing or different, and completes the object.
func TestResume(t *testing.T) {
	m := newMemS3()
	ctx := context.Background()
	data := testData(4*testPart + 100)
	cu, err := m.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Key: aws.String("k"), ChecksumAlgorithm: ChecksumCRC32C.algorithm()})
	if err != nil {
		t.Fatal(err)
	}
	id := aws.ToString(cu.UploadId)
	part := func(pn int32, b []byte) {
		t.Helper()
		if _, err := m.UploadPart(ctx, &s3.UploadPartInput{UploadId: aws.String(id), PartNumber: aws.Int32(pn),
			Body: bytes.NewReader(b), ChecksumCRC32C: aws.String(crc32cOf(b))}); err != nil {
			t.Fatal(err)
		}
	}
	part(1, data[:testPart])
	part(2, testData(testPart))          // stale content
	part(3, data[2*testPart:3*testPart]) // good
	m.calls = nil                        // count only Resume's calls
	var log progressLog
	// The part size and checksum come from the upload; the floor is
	// lowered from S3's 5 MiB to the test's parts.
	c := Config{Concurrency: 2, Progress: log.fn, MinPartSize: testPart}
	res, err := Resume(ctx, m, testObj, c, id, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var sent []int32
	for _, c := range m.callsOf("UploadPart") {
		sent = append(sent, c.part)
	}
	slices.Sort(sent)
	if diff := cmp.Diff([]int32{2, 4, 5}, sent); diff != "" {
		t.Errorf("parts sent (-want +got):\n%s", diff)
	}
	o, err := m.object("k")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(o.data, data) || res.Size != int64(len(data)) {
		t.Errorf("resumed object: %d bytes (result %d), want %d, equal: %v", len(o.data), res.Size, len(data), bytes.Equal(o.data, data))
	}
	log.check(t, int64(len(data)))
}

func TestDownloadRoundTrip(t *testing.T) {
	m := newMemS3()
	ctx := context.Background()
	data := testData(7*testPart + 3)
	if _, err := Upload(ctx, m, testObj, testConfig(2), bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	for _, stream := range []bool{false, true} {
		var log progressLog
		c := testConfig(3)
		c.Progress = log.fn
		d, _, err := NewDownload(ctx, m, testObj, c)
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		if stream {
			var buf bytes.Buffer
			_, err = d.ToWriter(ctx, &buf)
			got = buf.Bytes()
		} else {
			w := &memWriterAt{}
			_, err = d.ToWriterAt(ctx, w)
			got = w.buf
		}
		if err != nil {
			t.Fatalf("stream=%v: %v", stream, err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("stream=%v: downloaded bytes differ", stream)
		}
		log.check(t, int64(len(data)))
	}
}

// An object whose bytes no longer match the CRC S3 holds fails the
// download with a ChecksumError.
func TestDownloadChecksumMismatch(t *testing.T) {
	m := newMemS3()
	ctx := context.Background()
	data := testData(3 * testPart)
	if _, err := Upload(ctx, m, testObj, testConfig(2), bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	m.objects["k"].data[testPart+5] ^= 1
	for _, stream := range []bool{false, true} {
		d, _, err := NewDownload(ctx, m, testObj, testConfig(2))
		if err != nil {
			t.Fatal(err)
		}
		if stream {
			_, err = d.ToWriter(ctx, io.Discard)
		} else {
			_, err = d.ToWriterAt(ctx, &memWriterAt{})
		}
		var ce *ChecksumError
		if !errors.As(err, &ce) || ce.Algorithm != ChecksumCRC32C {
			t.Errorf("stream=%v: err = %v, want a CRC32C ChecksumError", stream, err)
		}
	}
}

// memWriterAt is an in-memory io.WriterAt.
type memWriterAt struct {
	mu  sync.Mutex
	buf []byte
}

func (w *memWriterAt) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if end := int(off) + len(p); end > len(w.buf) {
		w.buf = append(w.buf, make([]byte, end-len(w.buf))...)
	}
	copy(w.buf[off:], p)
	return len(p), nil
}
