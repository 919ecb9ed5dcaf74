package transfer

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"golang.org/x/sync/errgroup"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Resume finishes the multipart upload uploadID of obj with the size
// bytes of r, which must be the content the upload was started with. It
// lists the parts S3 already has (ListParts), re-reads each from r and
// keeps it if its checksum, or else its ETag (the MD5 of its bytes),
// matches, uploads the parts that are missing or differ (UploadPart) and
// completes the upload (CompleteMultipartUpload).
//
// The part size is the one the upload was started with: the size of its
// part 1 when S3 has it and c.PartSize is 0. The parts' checksum
// algorithm is the one the upload was created with. Failures abort the
// upload as Upload's do, unless KeepOnError is set.
func Resume(ctx context.Context, api API, obj Object, c Config, uploadID string, r io.ReaderAt, size int64) (Result, error) {
	u := &uploader{api: api, obj: obj, c: c, op: "Resume", id: uploadID}
	have, alg, err := u.listParts(ctx)
	if err != nil {
		return Result{}, u.fail(0, err)
	}
	u.c.Checksum = alg
	if p1, ok := have[1]; ok && c.PartSize == 0 && p1.size < size {
		u.c.PartSize = p1.size
	}
	if u.partSize, err = u.c.Plan(size); err != nil {
		return Result{}, err
	}
	if u.partSize < u.c.minPartSize() && size > u.partSize {
		return Result{}, goboto.Invalid("PartSize", strconv.FormatInt(u.partSize, 10), "part 1 of the upload is smaller than 5 MiB")
	}
	u.prog = NewMeter(c.Progress, size)
	err = u.resume(ctx, r, size, have)
	return u.res, err
}

// havePart is what ListParts says of a part S3 has.
type havePart struct {
	size int64
	etag string
	sum  string // its additional checksum, "" for none
}

// listParts fetches the parts S3 has of the upload (ListParts, every
// page) and the checksum algorithm the upload was created with.
func (u *uploader) listParts(ctx context.Context) (map[int]havePart, Checksum, error) {
	have := map[int]havePart{}
	alg := ChecksumNone
	in := &s3.ListPartsInput{Bucket: aws.String(u.obj.Bucket), Key: aws.String(u.obj.Key), UploadId: aws.String(u.id)}
	p := s3.NewListPartsPaginator(u.api, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, "", core.Error(err)
		}
		if a := ChecksumOf(out.ChecksumAlgorithm); a != "" {
			alg = a
		}
		for _, x := range out.Parts {
			have[int(aws.ToInt32(x.PartNumber))] = havePart{size: aws.ToInt64(x.Size), etag: aws.ToString(x.ETag), sum: PartSum(x)}
		}
	}
	return have, alg, nil
}

// resume re-reads every part of r, uploading those S3 lacks.
func (u *uploader) resume(ctx context.Context, r io.ReaderAt, size int64, have map[int]havePart) error {
	n := int(PartCount(size, u.partSize))
	bufs := newBuffers(u.c.Pool, u.partSize, u.c.Concurrency)
	defer bufs.release() // after g.Wait below
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(u.c.Concurrency)
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
			if p, ok := have[pn]; ok && p.size == length && u.samePart(p, pd.sum, data) {
				pd.etag = p.etag // S3 has it already
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
func (u *uploader) samePart(p havePart, sum string, data []byte) bool {
	if p.sum != "" && u.c.Checksum != ChecksumNone {
		return p.sum == sum
	}
	m := md5.Sum(data)
	return strings.EqualFold(strings.Trim(p.etag, `"`), hex.EncodeToString(m[:]))
}

// PartSum is a listed part's additional checksum, "" for none.
func PartSum(p types.Part) string {
	for _, v := range []*string{p.ChecksumCRC32C, p.ChecksumCRC32, p.ChecksumCRC64NVME, p.ChecksumSHA256} {
		if s := aws.ToString(v); s != "" {
			return s
		}
	}
	return ""
}

// ChecksumOf is the Checksum of an SDK algorithm name, "" for none or one
// transfers do not send.
func ChecksumOf(a types.ChecksumAlgorithm) Checksum {
	switch a {
	case types.ChecksumAlgorithmCrc32c:
		return ChecksumCRC32C
	case types.ChecksumAlgorithmCrc32:
		return ChecksumCRC32
	case types.ChecksumAlgorithmCrc64nvme:
		return ChecksumCRC64NVME
	case types.ChecksumAlgorithmSha256:
		return ChecksumSHA256
	}
	return ""
}
