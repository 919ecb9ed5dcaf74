package transfer

import (
	"context"
	"fmt"
	"hash"
	"io"
	"os"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"golang.org/x/sync/errgroup"

	"github.com/goboto/goboto/internal/core"
)

// Download is a download in progress, its object's attributes fetched.
type Download struct{ d *download }

// NewDownload fetches the attributes of obj (HeadObject, with
// checksums) and settles what the download will verify. The HeadObject
// answer is returned for the caller to keep.
func NewDownload(ctx context.Context, api API, obj Object, c Config) (*Download, *s3.HeadObjectOutput, error) {
	d, out, err := newDownload(ctx, api, obj, c)
	if err != nil {
		return nil, nil, err
	}
	return &Download{d}, out, nil
}

// Size is the object's size.
func (d *Download) Size() int64 { return d.d.size }

// ToWriterAt copies the object into w at offset 0 with concurrent ranged
// GetObject requests of PartSize bytes, Concurrency at a time, each
// streaming straight into its place in w, sending the HeadObject's ETag
// as If-Match with every range. It verifies a full-object CRC from the
// ranges, composite part checksums when the parts are the ranges, and a
// full-object SHA-256 or SHA-1 by reading w back when it is an
// io.ReaderAt.
func (d *Download) ToWriterAt(ctx context.Context, w io.WriterAt) (int64, error) {
	return d.d.toWriterAt(ctx, w, false)
}

// ToWriter fetches ranges concurrently but writes them to w in order,
// through a window of at most Concurrency parts, so memory stays near
// (Concurrency+1) × PartSize. A whole-object check comes after the last
// write; a part that fails its check is never written.
func (d *Download) ToWriter(ctx context.Context, w io.Writer) (int64, error) {
	return d.d.toWriter(ctx, w)
}

// ToFile downloads into a temporary file beside path and renames it into
// place only when the whole object has arrived and checked out.
func (d *Download) ToFile(ctx context.Context, path string) error {
	return d.d.toFile(ctx, path)
}

func (d *download) toFile(ctx context.Context, path string) error {
	return WriteFile(path, func(f *os.File) error {
		_, err := d.toWriterAt(ctx, f, true)
		return err
	})
}

// copyBuffer is the size of the buffer each range of a Download copies
// through.
const copyBuffer = 256 << 10

// download is one Download in progress.
type download struct {
	api      API
	obj      Object
	c        Config
	partSize int64
	size     int64
	etag     string
	alg      Checksum // ChecksumNone: nothing to verify
	want     string   // the object's checksum, base64
	// part, when not ChecksumNone, is the algorithm of the object's
	// composite checksum, whose parts coincide with the ranges: each
	// range is fetched as a part and checked against the part's checksum.
	part Checksum
	prog *Meter
}

// newDownload fetches the object's attributes (HeadObject, with
// checksums).
func newDownload(ctx context.Context, api API, obj Object, c Config) (*download, *s3.HeadObjectOutput, error) {
	d := &download{api: api, obj: obj, c: c, partSize: c.PartSize}
	if d.partSize == 0 {
		d.partSize = DefaultPartSize
	}
	out, err := api.HeadObject(ctx, &s3.HeadObjectInput{
		Bucket: aws.String(obj.Bucket), Key: aws.String(obj.Key), ChecksumMode: types.ChecksumModeEnabled,
	})
	if err != nil {
		return nil, nil, d.fail(0, core.Error(err))
	}
	d.size, d.etag = aws.ToInt64(out.ContentLength), aws.ToString(out.ETag)
	d.alg, d.want = objectChecksum(out)
	d.part = ChecksumNone
	if alg := compositeChecksum(out); d.alg == ChecksumNone && alg != ChecksumNone && d.size > 0 {
		ok, err := d.partsCoincide(ctx)
		if err != nil {
			return nil, nil, d.fail(0, err)
		}
		if ok {
			d.part = alg
		}
	}
	d.prog = NewMeter(c.Progress, d.size)
	if d.size == 0 {
		d.prog.Add(0) // nothing to fetch, but the caller hears it is done
	}
	return d, out, nil
}

func (d *download) fail(part int, err error) error {
	return &Error{Op: "Download", Bucket: d.obj.Bucket, Key: d.obj.Key, Part: part, Err: err}
}

// parts is how many ranges the object is fetched in.
func (d *download) parts() int {
	if d.size == 0 {
		return 0
	}
	return int(PartCount(d.size, d.partSize))
}

func (d *download) span(i int) (off, n int64) {
	off = int64(i) * d.partSize
	return off, min(d.partSize, d.size-off)
}

// fetch GETs range i and hands its body to consume (afresh for every
// attempt), which must read exactly the range's length. It returns the
// range's CRC when the download verifies one. When the object's parts
// coincide with the ranges (d.part), it GETs part i+1 instead and checks
// the part's own checksum.
func (d *download) fetch(ctx context.Context, i int, consume func(body io.Reader, n int64) (int64, error)) (uint64, error) {
	off, n := d.span(i)
	in := &s3.GetObjectInput{
		Bucket: aws.String(d.obj.Bucket), Key: aws.String(d.obj.Key), IfMatch: aws.String(d.etag),
		Range: aws.String("bytes=" + strconv.FormatInt(off, 10) + "-" + strconv.FormatInt(off+n-1, 10)),
	}
	var crc uint64
	err := Retry(ctx, func() error {
		out, want, err := d.get(ctx, i, in)
		if err != nil {
			return err
		}
		defer out.Body.Close()
		var body io.Reader = out.Body
		var h, ph hash.Hash
		if d.alg.isCRC() {
			h = d.alg.newHash()
			body = io.TeeReader(body, h)
		}
		if want != "" {
			ph = d.part.newHash()
			body = io.TeeReader(body, ph)
		}
		got, err := consume(body, n)
		if err != nil {
			return err
		}
		if got != n {
			return io.ErrUnexpectedEOF
		}
		if h != nil {
			crc = crcValue(h)
		}
		if ph != nil {
			if sum := d.part.encode(ph); sum != want {
				return &ChecksumError{Bucket: d.obj.Bucket, Key: d.obj.Key, Algorithm: d.part, Want: want, Got: sum, Size: n}
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	d.prog.Add(n)
	return crc, nil
}

// get sends range i's GetObject, in, or when parts coincide with ranges
// the GetObject of part i+1, and returns the part's checksum to check
// (d.part's, "" for none). A part that turns out not to be range i (the
// object's parts were not all of one size) is dropped and range i
// fetched instead, unverified.
func (d *download) get(ctx context.Context, i int, in *s3.GetObjectInput) (*s3.GetObjectOutput, string, error) {
	if d.part != ChecksumNone {
		out, err := d.api.GetObject(ctx, partInput(in, i), withoutSDKValidation)
		if err != nil {
			return nil, "", core.Error(err)
		}
		if off, n := d.span(i); spans(out.ContentRange, off, n) {
			return out, partChecksum(out, d.part), nil
		}
		out.Body.Close()
	}
	out, err := d.api.GetObject(ctx, in)
	if err != nil {
		return nil, "", core.Error(err)
	}
	return out, "", nil
}

// verify compares the ranges' combined CRC with the object's.
func (d *download) verify(crcs []uint64) error {
	if !d.alg.isCRC() || d.size == 0 {
		return nil
	}
	run := crcRun{alg: d.alg}
	for i, c := range crcs {
		_, n := d.span(i)
		run.add(c, n)
	}
	if got := run.encode(); got != d.want {
		return d.fail(0, &ChecksumError{Bucket: d.obj.Bucket, Key: d.obj.Key, Algorithm: d.alg,
			Want: d.want, Got: got, Size: d.size})
	}
	return nil
}

// verifyDigest compares a SHA-256 or SHA-1 of the whole object, taken
// in order, with the object's.
func (d *download) verifyDigest(h hash.Hash) error {
	if got := d.alg.encode(h); got != d.want {
		return d.fail(0, &ChecksumError{Bucket: d.obj.Bucket, Key: d.obj.Key, Algorithm: d.alg,
			Want: d.want, Got: got, Size: d.size})
	}
	return nil
}

// readBack hashes the object as it now stands in ra, where toWriterAt
// wrote it.
func (d *download) readBack(ra io.ReaderAt) (hash.Hash, error) {
	h := d.alg.newHash()
	buf := make([]byte, min(copyBuffer, max(d.size, 1)))
	n, err := io.CopyBuffer(h, io.NewSectionReader(ra, 0, d.size), buf)
	if err == nil && n != d.size {
		err = io.ErrUnexpectedEOF
	}
	return h, err
}

// toWriterAt fetches the ranges into w and verifies them. A full-object
// digest is checked by reading w back when it is an io.ReaderAt; when
// that read fails, mustReadBack makes it an error (ToFile's own
// file), and otherwise the digest goes unchecked, as for a w that cannot
// be read at all.
func (d *download) toWriterAt(ctx context.Context, w io.WriterAt, mustReadBack bool) (int64, error) {
	n := d.parts()
	crcs := make([]uint64, n)
	// Concurrency workers take the ranges in turn, each with its copy
	// buffer: a worker done with one range starts the next at once, where
	// a goroutine per range would wait for the loop starting them to be
	// scheduled, which on a busy machine is a wait per range.
	var next atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	for range min(max(d.c.Concurrency, 1), n) {
		g.Go(func() error {
			// Bigger copies than io.Copy's 32 KiB mean fewer reads and
			// writes.
			buf := make([]byte, min(copyBuffer, d.partSize))
			for gctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return nil
				}
				off, _ := d.span(i)
				crc, err := d.fetch(gctx, i, func(body io.Reader, n int64) (int64, error) {
					return io.CopyBuffer(io.NewOffsetWriter(w, off), io.LimitReader(body, n), buf)
				})
				if err != nil {
					return d.fail(i+1, err)
				}
				crcs[i] = crc
			}
			return nil
		})
	}
	err := g.Wait()
	if err == nil && ctx.Err() != nil {
		err = d.fail(0, ctx.Err())
	}
	if err == nil {
		err = d.verify(crcs)
	}
	if ra, ok := w.(io.ReaderAt); ok && err == nil && d.alg.isDigest() {
		h, rerr := d.readBack(ra)
		switch {
		case rerr == nil:
			err = d.verifyDigest(h)
		case mustReadBack:
			err = d.fail(0, fmt.Errorf("reading back the download to check its %s: %w", d.alg, rerr))
		}
	}
	if err != nil {
		return 0, err
	}
	return d.size, nil
}

// slot is one range of a ToWriter, filled by a fetcher and written
// by the caller's goroutine in order.
type slot struct {
	i    int
	done chan struct{}
	buf  []byte
	crc  uint64
	err  error
}

func (d *download) toWriter(ctx context.Context, w io.Writer) (int64, error) {
	n := d.parts()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	bufs := newBuffers(d.c.Pool, d.partSize, d.c.Concurrency+1)
	defer bufs.release() // after fetchers.Wait below
	// The window's capacity bounds the ranges fetched but not yet
	// written, and so the buffers alive: Concurrency queued plus the one
	// being written.
	window := make(chan *slot, d.c.Concurrency)
	var fetchers sync.WaitGroup
	go func() {
		defer close(window)
		for i := range n {
			s := &slot{i: i, done: make(chan struct{})}
			select {
			case window <- s:
			case <-ctx.Done():
				return
			}
			fetchers.Add(1)
			go func() {
				defer fetchers.Done()
				defer close(s.done)
				_, n := d.span(s.i)
				s.buf = bufs.get()[:n]
				s.crc, s.err = d.fetch(ctx, s.i, func(body io.Reader, n int64) (int64, error) {
					// In pieces, so that the CRC fetch takes on the way
					// reads bytes that are still in cache.
					m := 0
					for m < len(s.buf) {
						k, err := io.ReadFull(body, s.buf[m:min(m+copyBuffer, len(s.buf))])
						m += k
						if err == io.ErrUnexpectedEOF || err == io.EOF {
							return int64(m), nil // counted short by fetch
						}
						if err != nil {
							return int64(m), err
						}
					}
					return int64(m), nil
				})
			}()
		}
	}()
	crcs := make([]uint64, n)
	var digest hash.Hash // of what was written, in order
	if d.alg.isDigest() {
		digest = d.alg.newHash()
	}
	var written int64
	var err error
	for s := range window {
		<-s.done
		if err == nil {
			if s.err != nil {
				err = d.fail(s.i+1, s.err)
			} else if _, werr := w.Write(s.buf); werr != nil {
				err = d.fail(s.i+1, werr)
			} else {
				written += int64(len(s.buf))
				crcs[s.i] = s.crc
				if digest != nil {
					digest.Write(s.buf)
				}
			}
			if err != nil {
				cancel()
			}
		}
		bufs.put(s.buf)
	}
	fetchers.Wait()
	if err == nil && ctx.Err() != nil {
		err = d.fail(0, ctx.Err())
	}
	if err == nil {
		err = d.verify(crcs)
	}
	if err == nil && digest != nil {
		err = d.verifyDigest(digest)
	}
	return written, err
}
