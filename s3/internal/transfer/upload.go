package transfer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/netip"
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

// Upload writes what r yields, up to EOF, as obj's content: an object
// smaller than one part in one PutObject, a bigger one in parts
// (CreateMultipartUpload, UploadPart, CompleteMultipartUpload),
// Concurrency at a time, reading r as the parts go, so memory stays near
// (Concurrency+1) × PartSize. size is what r holds, -1 if unknown
// (ReaderSize). If any part fails for good or ctx is cancelled, the
// multipart upload is aborted unless KeepOnError is set and ctx was not
// cancelled. Failures are *Errors.
func Upload(ctx context.Context, api API, obj Object, c Config, r io.Reader, size int64) (Result, error) {
	ps, err := c.Plan(size)
	if err != nil {
		return Result{}, err
	}
	u := &uploader{api: api, obj: obj, c: c, partSize: ps, size: size, prog: NewMeter(c.Progress, size)}
	err = u.run(ctx, r)
	return u.res, err
}

// Result is what S3 answered of a finished upload.
type Result struct {
	ETag string
	Size int64
}

// ReaderSize returns how many bytes r has left to read, or -1 if it
// cannot tell.
func ReaderSize(r io.Reader) (int64, error) {
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

// uploader is one Upload or Resume in progress.
type uploader struct {
	api      API
	obj      Object
	c        Config
	partSize int64
	prog     *Meter
	size     int64  // of the reader, -1 if unknown
	op       string // for Error; "" means "Upload"
	id       string // multipart upload ID, once there is one
	res      Result
	crcTab   any // Checksum.crcTable's, made by readPart (one goroutine)

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
	return &Error{Op: op, Bucket: u.obj.Bucket, Key: u.obj.Key, UploadID: u.id, Part: part, Err: err}
}

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
	bufs := newBuffers(u.c.Pool, u.partSize, u.c.Concurrency+1)
	defer bufs.release() // after g.Wait below, on every path that starts parts
	first := bufs.get()
	n, firstCRC, err := u.readPart(r, first)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return u.putSingle(ctx, first[:n])
	}
	if err != nil {
		return u.fail(0, err)
	}
	// A full first part may also be the last: peek at the next one before
	// paying for a multipart upload.
	next := bufs.get()
	m, crc, err := u.readPart(r, next)
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
	g.SetLimit(u.c.Concurrency)
	send := func(pn int, buf []byte, crc uint64) {
		g.Go(func() error {
			defer bufs.put(buf)
			if err := u.sendPart(gctx, u.partWithCRC(int32(pn), buf, crc), buf); err != nil {
				return &partError{pn, err}
			}
			return nil
		})
	}
	send(1, first, firstCRC)
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
			u.prog.SetTotal(total)
		}
		send(pn, buf, crc)
		if last || gctx.Err() != nil {
			break
		}
		buf = bufs.get()
		var n int
		n, crc, err = u.readPart(r, buf)
		if err == io.EOF {
			bufs.put(buf)
			u.prog.SetTotal(total)
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
	in := u.putInput()
	in.Body = bytes.NewReader(data)
	alg := u.c.Checksum
	if alg != ChecksumNone {
		in.ChecksumAlgorithm = alg.algorithm()
		alg.set(alg.sum(data), checksumFields{&in.ChecksumCRC32C, &in.ChecksumCRC32, &in.ChecksumCRC64NVME, &in.ChecksumSHA256})
	}
	var out *s3.PutObjectOutput
	err := Retry(ctx, func() error {
		in.Body.(*bytes.Reader).Seek(0, io.SeekStart)
		var err error
		out, err = u.api.PutObject(ctx, in, u.payloadSigning)
		return core.Error(err)
	})
	if err != nil {
		return u.fail(0, err)
	}
	u.res = Result{ETag: aws.ToString(out.ETag), Size: int64(len(data))}
	if u.prog != nil {
		u.prog.total = int64(len(data)) // no other goroutine reports yet
	}
	u.prog.Add(int64(len(data)))
	return nil
}

// payloadSigning replaces the SDK's choice of payload hash for PutObject
// and UploadPart (SHA-256 over plain HTTP, UNSIGNED-PAYLOAD over HTTPS)
// with loopbackPayload when the request carries our own checksum.
func (u *uploader) payloadSigning(o *s3.Options) {
	if u.c.Checksum != ChecksumNone {
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
	in := CreateInput(u.putInput())
	if u.c.Checksum != ChecksumNone {
		in.ChecksumAlgorithm = u.c.Checksum.algorithm()
		in.ChecksumType = u.c.Checksum.checksumType()
	}
	out, err := Create(ctx, u.api, in)
	if err != nil {
		return u.fail(0, err)
	}
	u.id = aws.ToString(out.UploadId)
	return nil
}

// crcChunk is how much of a part readPart reads before it takes the CRC
// of what arrived: little enough to be still in the core's cache, where
// a CRC runs at several times the speed it has over a whole part read
// back from memory.
const crcChunk = 128 << 10

// readPart fills buf from r as io.ReadFull does and, when the upload
// sends a CRC, returns the CRC of what it read, taken piece by piece as
// the bytes land.
func (u *uploader) readPart(r io.Reader, buf []byte) (int, uint64, error) {
	alg := u.c.Checksum
	if !alg.isCRC() {
		n, err := io.ReadFull(r, buf)
		return n, 0, err
	}
	if u.crcTab == nil {
		u.crcTab = alg.crcTable()
	}
	tab := u.crcTab
	var crc uint64
	n := 0
	for n < len(buf) {
		k, err := io.ReadFull(r, buf[n:min(n+crcChunk, len(buf))])
		crc = alg.crcUpdate(crc, tab, buf[n:n+k])
		n += k
		if err != nil {
			if n > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return n, crc, err
		}
	}
	return n, crc, nil
}

// partWithCRC is newPart for data whose CRC readPart took.
func (u *uploader) partWithCRC(pn int32, data []byte, crc uint64) partDone {
	alg := u.c.Checksum
	if !alg.isCRC() {
		return u.newPart(pn, data)
	}
	return partDone{number: pn, size: int64(len(data)), crc: crc, sum: alg.encodeCRC(crc)}
}

// newPart is part pn, holding data, with data's checksum for the upload.
func (u *uploader) newPart(pn int32, data []byte) partDone {
	alg := u.c.Checksum
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
	alg := u.c.Checksum
	body := bytes.NewReader(data)
	in := &s3.UploadPartInput{
		Bucket: aws.String(u.obj.Bucket), Key: aws.String(u.obj.Key), UploadId: aws.String(u.id),
		PartNumber: aws.Int32(pd.number), Body: body, ContentLength: aws.Int64(pd.size),
	}
	if alg != ChecksumNone {
		in.ChecksumAlgorithm = alg.algorithm()
		alg.set(pd.sum, checksumFields{&in.ChecksumCRC32C, &in.ChecksumCRC32, &in.ChecksumCRC64NVME, &in.ChecksumSHA256})
	}
	u.sseCustomer(in)
	err := Retry(ctx, func() error {
		body.Seek(0, io.SeekStart)
		out, err := u.api.UploadPart(ctx, in, u.payloadSigning)
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
	p := u.obj.put()
	in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = p.SSECustomerAlgorithm, p.SSECustomerKey, p.SSECustomerKeyMD5
	in.RequestPayer, in.ExpectedBucketOwner = p.RequestPayer, p.ExpectedBucketOwner
}

func (u *uploader) record(pd partDone) {
	u.mu.Lock()
	u.parts = append(u.parts, pd)
	u.mu.Unlock()
	u.prog.Add(pd.size)
}

// complete assembles the parts (CompleteMultipartUpload), sending the
// whole object's CRC, combined from the parts', for S3 to check.
func (u *uploader) complete(ctx context.Context, total int64) error {
	slices.SortFunc(u.parts, func(a, b partDone) int { return int(a.number - b.number) })
	alg := u.c.Checksum
	in := &s3.CompleteMultipartUploadInput{
		Bucket: aws.String(u.obj.Bucket), Key: aws.String(u.obj.Key), UploadId: aws.String(u.id),
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
	p := u.obj.put()
	in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = p.SSECustomerAlgorithm, p.SSECustomerKey, p.SSECustomerKeyMD5
	in.RequestPayer, in.ExpectedBucketOwner = p.RequestPayer, p.ExpectedBucketOwner
	var out *s3.CompleteMultipartUploadOutput
	err := Retry(ctx, func() error {
		var err error
		out, err = u.api.CompleteMultipartUpload(ctx, in)
		return core.Error(err)
	})
	if err != nil {
		return u.abort(ctx, err)
	}
	u.res = Result{ETag: aws.ToString(out.ETag), Size: total}
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
	te := u.fail(part, cause).(*Error)
	if u.c.KeepOnError && ctx.Err() == nil {
		return te
	}
	err := Abandon(ctx, u.api, u.obj.Bucket, u.obj.Key, u.id)
	te.Aborted, te.AbortErr = err == nil, err
	return te
}

// putInput is a copy of the object's PutObject settings, for a PutObject
// of its own.
func (u *uploader) putInput() *s3.PutObjectInput {
	in := *u.obj.put()
	in.Bucket, in.Key = aws.String(u.obj.Bucket), aws.String(u.obj.Key)
	return &in
}

// CreateInput carries an object's PutObject settings over to Create
// MultipartUpload, whose object settings PutObject shares field for
// field.
func CreateInput(p *s3.PutObjectInput) *s3.CreateMultipartUploadInput {
	return &s3.CreateMultipartUploadInput{
		Bucket: p.Bucket, Key: p.Key,
		ACL: p.ACL, CacheControl: p.CacheControl, ContentDisposition: p.ContentDisposition,
		ContentEncoding: p.ContentEncoding, ContentLanguage: p.ContentLanguage, ContentType: p.ContentType,
		Expires: p.Expires, GrantFullControl: p.GrantFullControl, GrantRead: p.GrantRead,
		GrantReadACP: p.GrantReadACP, GrantWriteACP: p.GrantWriteACP, Metadata: p.Metadata,
		ObjectLockLegalHoldStatus: p.ObjectLockLegalHoldStatus, ObjectLockMode: p.ObjectLockMode,
		ObjectLockRetainUntilDate: p.ObjectLockRetainUntilDate, RequestPayer: p.RequestPayer,
		SSECustomerAlgorithm: p.SSECustomerAlgorithm, SSECustomerKey: p.SSECustomerKey,
		SSECustomerKeyMD5: p.SSECustomerKeyMD5, SSEKMSEncryptionContext: p.SSEKMSEncryptionContext,
		SSEKMSKeyId: p.SSEKMSKeyId, ServerSideEncryption: p.ServerSideEncryption,
		BucketKeyEnabled: p.BucketKeyEnabled, StorageClass: p.StorageClass, Tagging: p.Tagging,
		WebsiteRedirectLocation: p.WebsiteRedirectLocation, ExpectedBucketOwner: p.ExpectedBucketOwner,
	}
}
