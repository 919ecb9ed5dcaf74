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

// reliabilityFaults makes about 30% of op's requests misbehave: throttles,
// 500s, connection resets, slow bodies and (downloads) bodies cut short.
// Each rule draws on its own, and a request gets at most one of them.
func reliabilityFaults(op string) []fake.Fault {
	fs := []fake.Fault{
		{Service: "s3", Operation: op, Kind: fake.Throttle, Probability: 0.08},
		{Service: "s3", Operation: op, Kind: fake.ServerError, Probability: 0.08},
		{Service: "s3", Operation: op, Kind: fake.Reset, Probability: 0.08},
		{Service: "s3", Operation: op, Kind: fake.SlowBody, Probability: 0.05, ChunkSize: 256 << 10, Delay: time.Millisecond},
	}
	if op == "GetObject" {
		fs = append(fs, fake.Fault{Service: "s3", Operation: op, Kind: fake.Truncate, Probability: 0.04})
	}
	return fs
}

// TestTransferReliability runs 100 uploads and then 100 downloads at once
// over plain HTTP, and 25 over TLS (a quarter of each with -short), while the fake misbehaves on about 30% of part
// requests, and checks that every object arrives byte-identical and that
// no multipart upload is left behind. It needs no more than the SDK's
// default 3 attempts per request: the transfer's own part retries (4 per
// part) cover bodies cut short and the SDK's retry quota running dry.
func TestTransferReliability(t *testing.T) {
	// Objects are windows at distinct offsets of one random pool, so that
	// making and checking 100 of them costs no per-byte work (which the
	// race detector would make slow).
	pool := randomBytes(42, 24*mib)
	for _, tc := range []struct {
		tls bool
		n   int
	}{{false, 100}, {true, 25}} {
		n := tc.n
		if testing.Short() {
			n = tc.n / 4
		}
		t.Run(fmt.Sprintf("tls=%v", tc.tls), func(t *testing.T) {
			var opts []fakes.Option
			if tc.tls {
				opts = append(opts, fakes.WithTLS(true))
			}
			srv := s3test.Start(t, opts...)
			conn := s3.New(srv.Config(""), goboto.WithRetry(3, 50*time.Millisecond))
			b := bucket(t, conn, "reliable")
			ctx := context.Background()
			size := func(i int) int { return 5*mib + 1 + (i*977*1031)%(6*mib) } // 5-11 MiB: 2 or 3 parts
			data := func(i int) []byte { off := i * 97 * 1031 % (12 * mib); return pool[off : off+size(i)] }
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
				return b.Key(fmt.Sprint("obj-", i)).Upload(ctx, opaque{bytes.NewReader(data(i))},
					s3.PartSize(5*mib), s3.Concurrency(2))
			})
			parallel(func(i int) error {
				k := b.Key(fmt.Sprint("obj-", i))
				var got []byte
				var err error
				if i%2 == 0 {
					buf := bytes.NewBuffer(make([]byte, 0, size(i)))
					_, err = k.DownloadStream(ctx, buf, s3.PartSize(5*mib), s3.Concurrency(2))
					got = buf.Bytes()
				} else {
					f := memFile{buf: make([]byte, size(i))}
					_, err = k.Download(ctx, &f, s3.PartSize(5*mib), s3.Concurrency(2))
					got = f.buf
				}
				if err == nil && !bytes.Equal(got, data(i)) {
					err = fmt.Errorf("downloaded bytes differ")
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
			err := b.Key("cancelled").Upload(cctx, &cancelReader{r: bytes.NewReader(pool), after: 12 * mib, cancel: cancel},
				s3.PartSize(5*mib), s3.Concurrency(2))
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
