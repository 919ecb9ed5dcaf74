package s3

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"golang.org/x/sync/errgroup"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// TransferError says a transfer failed, and what became of its multipart
// upload. It unwraps to the cause (and to the abort's error, if that
// failed too).
type TransferError struct {
	Op          string // "Upload", "Resume" or "Download"
	Bucket, Key string
	// UploadID is the multipart upload's ID, "" when there was none.
	UploadID string
	// Part is the number of the part that failed, 0 when no one part did.
	Part int
	// Aborted reports that the multipart upload was aborted, so no parts
	// remain to be billed. When it is false and UploadID is set, Resume
	// can finish the upload.
	Aborted bool
	// AbortErr is why aborting the upload failed.
	AbortErr error
	Err      error
}

func (e *TransferError) Error() string {
	s := "s3: " + e.Op + " " + e.Bucket + "/" + e.Key
	if e.Part > 0 {
		s += " part " + strconv.Itoa(e.Part)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	switch {
	case e.AbortErr != nil:
		s += " (abort of upload " + e.UploadID + " failed: " + e.AbortErr.Error() + ")"
	case e.UploadID != "" && !e.Aborted:
		s += " (upload " + e.UploadID + " kept for Resume)"
	}
	return s
}

func (e *TransferError) Unwrap() []error {
	if e.AbortErr != nil {
		return []error{e.Err, e.AbortErr}
	}
	return []error{e.Err}
}

// Upload writes what r yields, up to EOF, as the object's content. An
// object smaller than one part goes in one PutObject; a bigger one is
// sent in parts (CreateMultipartUpload, UploadPart, CompleteMultipart
// Upload), Concurrency at a time, reading r as the parts go, so memory
// stays near (Concurrency+1) × PartSize whatever the object's size.
//
// Each part carries a CRC32C checksum (see WithChecksum) that S3 checks,
// and S3 keeps a CRC of the whole object, which Download checks.
//
// If any part fails for good or ctx is cancelled, the multipart upload is
// aborted (AbortMultipartUpload), so no parts are left to be billed,
// unless KeepOnError is set. Failures are *TransferErrors. On success,
// k.ETag and k.Size are set.
//
// When r is an *os.File, or has a Len method (bytes.Reader,
// strings.Reader, bytes.Buffer), or is an io.Seeker, its size is known
// up front: progress reports a Total and the part size grows to keep
// large objects within 10,000 parts.
func (k *Key) Upload(ctx context.Context, r io.Reader, opts ...TransferOption) error {
	if err := k.check(); err != nil {
		return err
	}
	if r == nil {
		return goboto.Invalid("Reader", "nil", "is required")
	}
	c, err := newTransferConfig(opts)
	if err != nil {
		return err
	}
	if err := c.put.check(); err != nil {
		return err
	}
	size, err := readerSize(r)
	if err != nil {
		return err
	}
	ps, err := c.plan(size)
	if err != nil {
		return err
	}
	u := &uploader{k: k, c: c, partSize: ps, size: size, prog: newProgress(c.progress, size)}
	return u.run(ctx, r)
}

// UploadFile is Upload with the contents of the file at path.
func (k *Key) UploadFile(ctx context.Context, path string, opts ...TransferOption) error {
	if err := k.check(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return k.Upload(ctx, f, opts...)
}

// readerSize returns how many bytes r has left to read, or -1 if it
// cannot tell.
func readerSize(r io.Reader) (int64, error) {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len()), nil
	case interface{ Stat() (fs.FileInfo, error) }:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1, nil
		}
		if s, ok := r.(io.Seeker); ok {
			off, err := s.Seek(0, io.SeekCurrent)
			if err != nil {
				return -1, nil
			}
			return max(fi.Size()-off, 0), nil
		}
		return fi.Size(), nil
	case io.Seeker:
		off, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1, nil
		}
		end, err := v.Seek(0, io.SeekEnd)
		if err != nil {
			return -1, nil
		}
		if _, err := v.Seek(off, io.SeekStart); err != nil {
			return 0, err
		}
		return max(end-off, 0), nil
	}
	return -1, nil
}

// buffers is one transfer's free list of part buffers. The scheduler
// never has more than Concurrency+1 parts out at once, so the list never
// grows past that. It starts from buffers earlier transfers on the same
// Conn left in its pool, and leaves its own there when done (release), so
// a run of transfers (a Sync, say) does not allocate and zero
// (Concurrency+1) × PartSize afresh for each one.
type buffers struct {
	size int64
	free chan []byte
	pool *sync.Pool // *[]byte; nil for none
}

func newBuffers(c *Conn, size int64, n int) *buffers {
	b := &buffers{size: size, free: make(chan []byte, n)}
	if c != nil {
		b.pool = &c.partBufs
	}
	return b
}

func (b *buffers) get() []byte {
	select {
	case buf := <-b.free:
		return buf
	default:
	}
	if b.pool != nil {
		// A pooled buffer much bigger than a part would hold memory the
		// transfer has no use for; it is left to the garbage collector.
		if p, _ := b.pool.Get().(*[]byte); p != nil && int64(cap(*p)) >= b.size && int64(cap(*p)) <= 2*b.size {
			return (*p)[:b.size]
		}
	}
	return make([]byte, b.size)
}

func (b *buffers) put(buf []byte) {
	select {
	case b.free <- buf[:b.size]:
	default:
	}
}

// release hands the free buffers to the Conn's pool. Only buffers no
// goroutine of the transfer holds any more may be on the free list then.
func (b *buffers) release() {
	for b.pool != nil {
		select {
		case buf := <-b.free:
			b.pool.Put(&buf)
		default:
			return
		}
	}
}

// uploader is one Upload or Resume in progress.
type uploader struct {
	k        *Key
	c        transferConfig
	partSize int64
	prog     *progress
	size     int64  // of the reader, -1 if unknown
	op       string // for TransferError; "" means "Upload"
	id       string // multipart upload ID, once there is one

	mu    sync.Mutex
	parts []partDone
}

// partDone is what CompleteMultipartUpload needs of an uploaded part.
type partDone struct {
	number int32
	etag   string
	sum    string // base64 checksum, "" for none
	crc    uint64 // when the checksum is a CRC
	size   int64
}

func (u *uploader) fail(part int, err error) error {
	op := u.op
	if op == "" {
		op = "Upload"
	}
	return &TransferError{Op: op, Bucket: u.k.Bucket().Name, Key: u.k.Name, UploadID: u.id, Part: part, Err: err}
}

// partError is a failed part's number and cause.
type partError struct {
	part int
	err  error
}

func (e *partError) Error() string { return "part " + strconv.Itoa(e.part) + ": " + e.err.Error() }
func (e *partError) Unwrap() error { return e.err }

// run reads r into parts and sends them.
func (u *uploader) run(ctx context.Context, r io.Reader) error {
	if u.size >= 0 && u.size < u.partSize {
		// A small object of known size needs only a buffer of its size
		// (and a byte more, to see that the reader ends where it said).
		buf := make([]byte, u.size+1)
		n, err := io.ReadFull(r, buf)
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return u.putSingle(ctx, buf[:n])
		case err == nil:
			err = errors.New("reader yielded more than the " + strconv.FormatInt(u.size, 10) + " bytes it said it had")
		}
		return u.fail(0, err)
	}
	bufs := newBuffers(u.k.Conn(), u.partSize, u.c.concurrency+1)
	defer bufs.release() // after g.Wait below, on every path that starts parts
	first := bufs.get()
	n, err := io.ReadFull(r, first)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return u.putSingle(ctx, first[:n])
	}
	if err != nil {
		return u.fail(0, err)
	}
	// A full first part may also be the last: peek at the next one before
	// paying for a multipart upload.
	next := bufs.get()
	m, err := io.ReadFull(r, next)
	if err == io.EOF {
		return u.putSingle(ctx, first)
	}
	if err != nil && err != io.ErrUnexpectedEOF {
		return u.fail(0, err)
	}
	if err := u.create(ctx); err != nil {
		return err
	}

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(u.c.concurrency)
	send := func(pn int, buf []byte) {
		g.Go(func() error {
			defer bufs.put(buf)
			if err := u.sendPart(gctx, u.newPart(int32(pn), buf), buf); err != nil {
				return &partError{pn, err}
			}
			return nil
		})
	}
	send(1, first)
	total, last := int64(len(first)), err == io.ErrUnexpectedEOF
	buf := next[:m]
	var readErr error
	for pn := 2; ; pn++ {
		if pn > MaxParts {
			bufs.put(buf)
			readErr = goboto.Invalid("PartSize", strconv.FormatInt(u.partSize, 10),
				"needs more than 10,000 parts for this stream; set a bigger PartSize")
			break
		}
		total += int64(len(buf))
		if last {
			u.prog.setTotal(total)
		}
		send(pn, buf)
		if last || gctx.Err() != nil {
			break
		}
		buf = bufs.get()
		n, err := io.ReadFull(r, buf)
		if err == io.EOF {
			bufs.put(buf)
			u.prog.setTotal(total)
			break
		}
		if err != nil && err != io.ErrUnexpectedEOF {
			bufs.put(buf)
			readErr = err
			break
		}
		buf, last = buf[:n], err == io.ErrUnexpectedEOF
	}
	err = g.Wait()
	if readErr != nil {
		err = readErr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return u.abort(ctx, err)
	}
	return u.complete(ctx, total)
}

// putSingle sends an object that fits one part with PutObject.
func (u *uploader) putSingle(ctx context.Context, data []byte) error {
	in := u.k.putInput(bytes.NewReader(data), u.c.put)
	alg := u.c.checksum
	if alg != ChecksumNone {
		in.ChecksumAlgorithm = alg.algorithm()
		alg.set(alg.sum(data), checksumFields{&in.ChecksumCRC32C, &in.ChecksumCRC32, &in.ChecksumCRC64NVME, &in.ChecksumSHA256})
	}
	var out *s3.PutObjectOutput
	err := retryPart(ctx, func() error {
		in.Body.(*bytes.Reader).Seek(0, io.SeekStart)
		var err error
		out, err = u.k.client().PutObject(ctx, in, u.payloadSigning)
		return core.Error(err)
	})
	if err != nil {
		return u.fail(0, err)
	}
	u.k.ETag, u.k.Size = aws.ToString(out.ETag), int64(len(data))
	if u.prog != nil {
		u.prog.total = int64(len(data)) // no other goroutine reports yet
	}
	u.prog.add(int64(len(data)))
	return nil
}

// payloadSigning replaces the SDK's choice of payload hash for PutObject
// and UploadPart (SHA-256 over plain HTTP, UNSIGNED-PAYLOAD over HTTPS)
// with loopbackPayload when the request carries our own checksum.
func (u *uploader) payloadSigning(o *s3.Options) {
	if u.c.checksum != ChecksumNone {
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			_, err := st.Finalize.Swap(payloadHashID, loopbackPayload{})
			return err
		})
	}
}

// payloadHashID is the ID of aws-sdk-go-v2's payload hash middleware.
const payloadHashID = "ComputePayloadHash"

// loopbackPayload leaves the payload unsigned over HTTPS, as the SDK
// does, and also over plain HTTP to a loopback address, where no one can
// tamper with the bytes on the way: the part's checksum header is signed
// and S3 checks the body against it, so hashing every byte with SHA-256
// for the signature as well (which the server then does again) buys
// nothing there and halves throughput. Over plain HTTP to anywhere else
// the payload is signed, since a CRC alone does not stop a tamperer.
type loopbackPayload struct{}

func (loopbackPayload) ID() string { return payloadHashID }

func (loopbackPayload) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error) {
	if req, ok := in.Request.(*smithyhttp.Request); ok && (req.IsHTTPS() || isLoopback(req.URL.Hostname())) {
		return (&v4.UnsignedPayload{}).HandleFinalize(ctx, in, next)
	}
	return (&v4.ComputePayloadSHA256{}).HandleFinalize(ctx, in, next)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// create starts the multipart upload (CreateMultipartUpload).
func (u *uploader) create(ctx context.Context) error {
	in := u.k.createInput(u.c.put)
	if u.c.checksum != ChecksumNone {
		in.ChecksumAlgorithm = u.c.checksum.algorithm()
		in.ChecksumType = u.c.checksum.checksumType()
	}
	out, err := u.k.Conn().createUpload(ctx, in)
	if err != nil {
		return u.fail(0, err)
	}
	u.id = aws.ToString(out.UploadId)
	return nil
}

// newPart is part pn, holding data, with data's checksum for the upload.
func (u *uploader) newPart(pn int32, data []byte) partDone {
	alg := u.c.checksum
	pd := partDone{number: pn, size: int64(len(data))}
	if alg.isCRC() {
		pd.crc = alg.crcOf(data)
		pd.sum = alg.encodeCRC(pd.crc)
	} else {
		pd.sum = alg.sum(data)
	}
	return pd
}

// sendPart uploads part pd, holding data (UploadPart), and records it.
func (u *uploader) sendPart(ctx context.Context, pd partDone, data []byte) error {
	alg := u.c.checksum
	body := bytes.NewReader(data)
	in := &s3.UploadPartInput{
		Bucket: aws.String(u.k.Bucket().Name), Key: aws.String(u.k.Name), UploadId: aws.String(u.id),
		PartNumber: aws.Int32(pd.number), Body: body, ContentLength: aws.Int64(pd.size),
	}
	if alg != ChecksumNone {
		in.ChecksumAlgorithm = alg.algorithm()
		alg.set(pd.sum, checksumFields{&in.ChecksumCRC32C, &in.ChecksumCRC32, &in.ChecksumCRC64NVME, &in.ChecksumSHA256})
	}
	u.sseCustomer(in)
	err := retryPart(ctx, func() error {
		body.Seek(0, io.SeekStart)
		out, err := u.k.client().UploadPart(ctx, in, u.payloadSigning)
		if err != nil {
			return core.Error(err)
		}
		pd.etag = aws.ToString(out.ETag)
		return nil
	})
	if err != nil {
		return err
	}
	u.record(pd)
	return nil
}

// sseCustomer copies SSE-C headers from the put options into a part:
// S3 wants the customer key with every part.
func (u *uploader) sseCustomer(in *s3.UploadPartInput) {
	p := u.k.putInput(nil, u.c.put)
	in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = p.SSECustomerAlgorithm, p.SSECustomerKey, p.SSECustomerKeyMD5
	in.RequestPayer, in.ExpectedBucketOwner = p.RequestPayer, p.ExpectedBucketOwner
}

func (u *uploader) record(pd partDone) {
	u.mu.Lock()
	u.parts = append(u.parts, pd)
	u.mu.Unlock()
	u.prog.add(pd.size)
}

// complete assembles the parts (CompleteMultipartUpload), sending the
// whole object's CRC, combined from the parts', for S3 to check.
func (u *uploader) complete(ctx context.Context, total int64) error {
	slices.SortFunc(u.parts, func(a, b partDone) int { return int(a.number - b.number) })
	alg := u.c.checksum
	in := &s3.CompleteMultipartUploadInput{
		Bucket: aws.String(u.k.Bucket().Name), Key: aws.String(u.k.Name), UploadId: aws.String(u.id),
		MultipartUpload: &types.CompletedMultipartUpload{Parts: make([]types.CompletedPart, len(u.parts))},
		MpuObjectSize:   aws.Int64(total),
	}
	run := crcRun{alg: alg}
	for i, p := range u.parts {
		in.MultipartUpload.Parts[i] = alg.completedPart(p.number, p.etag, p.sum)
		run.add(p.crc, p.size)
	}
	if alg.isCRC() {
		in.ChecksumType = types.ChecksumTypeFullObject
		alg.set(run.encode(), checksumFields{&in.ChecksumCRC32C, &in.ChecksumCRC32, &in.ChecksumCRC64NVME, &in.ChecksumSHA256})
	}
	p := u.k.putInput(nil, u.c.put)
	in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = p.SSECustomerAlgorithm, p.SSECustomerKey, p.SSECustomerKeyMD5
	in.RequestPayer, in.ExpectedBucketOwner = p.RequestPayer, p.ExpectedBucketOwner
	var out *s3.CompleteMultipartUploadOutput
	err := retryPart(ctx, func() error {
		var err error
		out, err = u.k.client().CompleteMultipartUpload(ctx, in)
		return core.Error(err)
	})
	if err != nil {
		return u.abort(ctx, err)
	}
	u.k.ETag, u.k.Size = aws.ToString(out.ETag), total
	return nil
}

// abort ends a failed multipart upload (AbortMultipartUpload) on a fresh
// context, unless KeepOnError asked to keep it and the caller did not
// cancel.
func (u *uploader) abort(ctx context.Context, cause error) error {
	part := 0
	var pe *partError
	if errors.As(cause, &pe) {
		part, cause = pe.part, pe.err
	}
	te := u.fail(part, cause).(*TransferError)
	if u.c.keepOnError && ctx.Err() == nil {
		return te
	}
	err := u.k.Conn().abandonUpload(ctx, u.k.Bucket().Name, u.k.Name, u.id)
	te.Aborted, te.AbortErr = err == nil, err
	return te
}
