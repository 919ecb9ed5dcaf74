package s3

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"golang.org/x/sync/errgroup"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Resume finishes the key's multipart upload uploadID with the size bytes
// of r, which must be the content the upload was started with. It lists
// the parts S3 already has (ListParts), re-reads each from r and keeps it
// if its size and ETag (the MD5 of its bytes) match, uploads the parts
// that are missing or differ (UploadPart) and completes the upload
// (CompleteMultipartUpload).
//
// The part size is the one the upload was started with: the size of its
// part 1 when S3 has it and no PartSize option says otherwise. The parts'
// checksum algorithm is the one the upload was created with. Failures
// abort the upload as Upload's do, unless KeepOnError is set.
func (k *Key) Resume(ctx context.Context, uploadID string, r io.ReaderAt, size int64, opts ...TransferOption) error {
	if err := k.check(); err != nil {
		return err
	}
	switch {
	case uploadID == "":
		return goboto.Invalid("UploadID", "", "is required")
	case r == nil:
		return goboto.Invalid("Reader", "nil", "is required")
	case size < 0:
		return goboto.Invalid("Size", strconv.FormatInt(size, 10), "must not be negative")
	}
	c, err := newTransferConfig(opts)
	if err != nil {
		return err
	}
	u := &uploader{k: k, c: c, op: "Resume", id: uploadID}
	have, alg, err := u.listParts(ctx)
	if err != nil {
		return u.fail(0, err)
	}
	u.c.checksum = alg
	if p1, ok := have[1]; ok && c.partSize == 0 && p1.Size < size {
		u.c.partSize = p1.Size
	}
	if u.partSize, err = u.c.plan(size); err != nil {
		return err
	}
	if u.partSize < MinPartSize && size > u.partSize {
		return goboto.Invalid("PartSize", strconv.FormatInt(u.partSize, 10), "part 1 of the upload is smaller than 5 MiB")
	}
	u.prog = newProgress(c.progress, size)
	return u.resume(ctx, r, size, have)
}

// ResumeFile is Resume with the file at path as the content.
func (k *Key) ResumeFile(ctx context.Context, uploadID, path string, opts ...TransferOption) error {
	if err := k.check(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	return k.Resume(ctx, uploadID, f, fi.Size(), opts...)
}

// listParts fetches the parts S3 has of the upload (ListParts, every
// page) and the checksum algorithm the upload was created with.
func (u *uploader) listParts(ctx context.Context) (map[int]UploadedPart, Checksum, error) {
	have := map[int]UploadedPart{}
	alg := ChecksumNone
	in := &s3.ListPartsInput{Bucket: aws.String(u.k.Bucket().Name), Key: aws.String(u.k.Name), UploadId: aws.String(u.id)}
	p := s3.NewListPartsPaginator(u.k.client(), in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, "", core.Error(err)
		}
		if a := checksumOf(out.ChecksumAlgorithm); a != "" {
			alg = a
		}
		for _, x := range out.Parts {
			have[int(aws.ToInt32(x.PartNumber))] = uploadedPart(x)
		}
	}
	return have, alg, nil
}

// resume re-reads every part of r, uploading those S3 lacks.
func (u *uploader) resume(ctx context.Context, r io.ReaderAt, size int64, have map[int]UploadedPart) error {
	n := int(partCount(size, u.partSize))
	bufs := newBuffers(u.k.Conn(), u.partSize, u.c.concurrency)
	defer bufs.release() // after g.Wait below
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(u.c.concurrency)
	for pn := 1; pn <= n && gctx.Err() == nil; pn++ {
		off := int64(pn-1) * u.partSize
		length := min(u.partSize, size-off)
		g.Go(func() error {
			buf := bufs.get()
			defer bufs.put(buf)
			data := buf[:length]
			if m, err := r.ReadAt(data, off); m < len(data) {
				if err == nil || err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return &partError{pn, err}
			}
			pd := u.newPart(int32(pn), data)
			if p, ok := have[pn]; ok && p.Size == length && u.samePart(p, pd.sum, data) {
				pd.etag = p.ETag // S3 has it already
				u.record(pd)
				return nil
			}
			if err := u.sendPart(gctx, pd, data); err != nil {
				return &partError{pn, err}
			}
			return nil
		})
	}
	err := g.Wait()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return u.abort(ctx, err)
	}
	return u.complete(ctx, size)
}

// samePart reports whether S3's part p holds data, whose checksum under
// the upload's algorithm is sum: p's checksum, when it has one of that
// algorithm, is sum, or else its ETag is data's MD5. (Parts of SSE-KMS
// objects have ETags that are not MD5s; without a checksum they are sent
// again, which is safe.)
func (u *uploader) samePart(p UploadedPart, sum string, data []byte) bool {
	if p.Checksum != "" && u.c.checksum != ChecksumNone {
		return p.Checksum == sum
	}
	m := md5.Sum(data)
	return strings.EqualFold(strings.Trim(p.ETag, `"`), hex.EncodeToString(m[:]))
}
