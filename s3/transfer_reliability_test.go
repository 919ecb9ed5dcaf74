package s3_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/fakes"
	"github.com/goboto/goboto/internal/fake"
	"github.com/goboto/goboto/s3"
	"github.com/goboto/goboto/s3/s3test"
)

// The reliability test runs at a sixteenth of S3's scale: parts of
// 5 relUnits (320 KiB) instead of 5 MiB, S3's floor lowered to match in
// client and fake alike, and objects, pool and chunks shrunk by as much.
// So 100 transfers of 2 or 3 parts each, Concurrency 2, run at once in a
// few hundred MB (under -race too) rather than 3.4 GB, with as many
// parts, requests and faults as at full size.
const (
	relUnit = 64 << 10
	relPart = 5 * relUnit
)

// reliabilityFaults makes about 30% of op's requests misbehave: throttles,
// 500s, connection resets, slow bodies and (downloads) bodies cut short.
// Each rule draws on its own, and a request gets at most one of them.
func reliabilityFaults(op string) []fake.Fault {
	fs := []fake.Fault{
		{Service: "s3", Operation: op, Kind: fake.Throttle, Probability: 0.08},
		{Service: "s3", Operation: op, Kind: fake.ServerError, Probability: 0.08},
		{Service: "s3", Operation: op, Kind: fake.Reset, Probability: 0.08},
		{Service: "s3", Operation: op, Kind: fake.SlowBody, Probability: 0.05, ChunkSize: relUnit / 4, Delay: time.Millisecond},
	}
	if op == "GetObject" {
		fs = append(fs, fake.Fault{Service: "s3", Operation: op, Kind: fake.Truncate, Probability: 0.04})
	}
	return fs
}

// TestTransferReliability runs 100 uploads and then 100 downloads at once
// over plain HTTP, and 25 over TLS (a quarter of each with -short), while
// the fake misbehaves on about 30% of part requests, and checks that
// every object arrives byte-identical and that no multipart upload is
// left behind. It needs no more than the SDK's default 3 attempts per
// request: the transfer's own part retries (4 per part) cover bodies cut
// short and the SDK's retry quota running dry.
func TestTransferReliability(t *testing.T) {
	// Objects are windows at distinct offsets of one random pool, so that
	// making and checking 100 of them costs no per-byte work (which the
	// race detector would make slow).
	pool := randomBytes(42, 24*relUnit)
	for _, tc := range []struct {
		tls bool
		n   int
	}{{false, 100}, {true, 25}} {
		n := tc.n
		if testing.Short() {
			n = tc.n / 4
		}
		t.Run(fmt.Sprintf("tls=%v", tc.tls), func(t *testing.T) {
			opts := []fakes.Option{s3test.WithMinPartSize(relPart)}
			if tc.tls {
				opts = append(opts, fakes.WithTLS(true))
			}
			srv := s3test.Start(t, opts...)
			conn := s3.New(srv.Config(""), goboto.WithRetry(3, 50*time.Millisecond))
			b := bucket(t, conn, "reliable")
			ctx := context.Background()
			size := func(i int) int { return relPart + 1 + (i*977*1031)%(6*relUnit) } // 2 or 3 parts
			data := func(i int) []byte { off := i * 97 * 1031 % (12 * relUnit); return pool[off : off+size(i)] }
			xfer := []s3.TransferOption{s3.PartSize(relPart), s3.Concurrency(2), s3.MinPartSizeForTest(relPart)}
			for _, op := range []string{"UploadPart", "GetObject", "PutObject"} {
				for _, f := range reliabilityFaults(op) {
					srv.Faults().Add(f)
				}
			}
			parallel := func(fn func(i int) error) {
				defer func(start time.Time) { t.Logf("phase took %v", time.Since(start)) }(time.Now())
				var wg sync.WaitGroup
				errs := make([]error, n)
				for i := range n {
					wg.Go(func() { errs[i] = fn(i) })
				}
				wg.Wait()
				for i, err := range errs {
					if err != nil {
						t.Errorf("transfer %d (%d bytes): %v", i, size(i), err)
					}
				}
			}
			parallel(func(i int) error {
				return b.Key(fmt.Sprint("obj-", i)).Upload(ctx, opaque{bytes.NewReader(data(i))}, xfer...)
			})
			parallel(func(i int) error {
				k := b.Key(fmt.Sprint("obj-", i))
				// The bytes are compared as they arrive rather than
				// collected, so 100 downloads hold no copies of their
				// objects.
				var err error
				if i%2 == 0 {
					w := &streamCheck{want: data(i)}
					if _, err = k.DownloadStream(ctx, w, xfer...); err == nil {
						err = w.result()
					}
				} else {
					w := newCheckAt(data(i))
					if _, err = k.Download(ctx, w, xfer...); err == nil {
						err = w.result()
					}
				}
				return err
			})
			faults := 0
			for _, c := range srv.Calls() {
				if c.Fault != 0 {
					faults++
				}
			}
			t.Logf("%d requests, %d hit by a fault", len(srv.Calls()), faults)
			if faults == 0 {
				t.Error("no faults were injected")
			}

			// A cancelled upload under the same faults leaves nothing.
			cctx, cancel := context.WithCancel(ctx)
			err := b.Key("cancelled").Upload(cctx, &cancelReader{r: bytes.NewReader(pool), after: 12 * relUnit, cancel: cancel}, xfer...)
			cancel()
			if err == nil {
				t.Error("cancelled upload succeeded")
			}
			srv.Faults().Clear()
			if left := uploadsLeft(t, b); len(left) != 0 {
				t.Errorf("%d multipart uploads left behind: %v", len(left), left)
			}
		})
	}
}

// streamCheck is an io.Writer that compares what it is given, in order,
// with want, keeping none of it.
type streamCheck struct {
	want []byte
	n    int
	bad  int // offset of the first difference, -1 for none yet
	set  bool
}

func (c *streamCheck) Write(p []byte) (int, error) {
	if !c.set && (c.n+len(p) > len(c.want) || !bytes.Equal(p, c.want[c.n:c.n+len(p)])) {
		c.bad, c.set = c.n, true
	}
	c.n += len(p)
	return len(p), nil
}

func (c *streamCheck) result() error {
	switch {
	case c.set:
		return fmt.Errorf("downloaded bytes differ from offset %d", c.bad)
	case c.n != len(c.want):
		return fmt.Errorf("downloaded %d bytes, want %d", c.n, len(c.want))
	}
	return nil
}

// checkAt is an io.WriterAt that compares each write with want at its
// offset and marks the bytes written, keeping none of them: a write that
// differs is a failure even if a later attempt rewrites the range.
type checkAt struct {
	want []byte
	mu   sync.Mutex
	seen []uint64 // a bit per byte of want
	bad  error
}

func newCheckAt(want []byte) *checkAt {
	return &checkAt{want: want, seen: make([]uint64, (len(want)+63)/64)}
}

func (c *checkAt) WriteAt(p []byte, off int64) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	end := off + int64(len(p))
	if off < 0 || end > int64(len(c.want)) {
		c.bad = fmt.Errorf("write of %d bytes at %d outside the object's %d", len(p), off, len(c.want))
		return len(p), nil
	}
	if c.bad == nil && !bytes.Equal(p, c.want[off:end]) {
		c.bad = fmt.Errorf("downloaded bytes at %d-%d differ", off, end-1)
	}
	for i := off; i < end; i++ {
		c.seen[i/64] |= 1 << (i % 64)
	}
	return len(p), nil
}

func (c *checkAt) result() error {
	if c.bad != nil {
		return c.bad
	}
	for i := range c.want {
		if c.seen[i/64]&(1<<(i%64)) == 0 {
			return fmt.Errorf("byte %d never written", i)
		}
	}
	return nil
}
