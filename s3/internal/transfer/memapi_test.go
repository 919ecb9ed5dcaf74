package transfer

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
)

// memS3 is an in-memory API: one bucket's objects and multipart uploads,
// with hooks a test sets to fail or watch calls. It checks what S3
// checks of what the engine sends (part checksums, the whole object's
// CRC32C at completion, If-Match on ranges) with its own code, not the
// engine's, so an engine that computes them wrongly fails here.
type memS3 struct {
	mu      sync.Mutex
	objects map[string]*memObject
	uploads map[string]*memUpload
	nextID  int
	calls   []memCall

	// beforePart, when set, runs as UploadPart begins, outside the lock;
	// a non-nil error fails the part.
	beforePart func(ctx context.Context, pn int32) error
	// inflight and maxInflight count UploadParts and ranged GetObjects
	// running at once.
	inflight, maxInflight int
}

type memObject struct {
	data   []byte
	etag   string
	crc32c string // full-object CRC32C, "" for none
}

type memUpload struct {
	key   string
	alg   types.ChecksumAlgorithm
	parts map[int32]memPart
}

type memPart struct {
	data []byte
	etag string
	sum  string
}

// memCall is one call: the operation, its part number (0 for none), and
// whether its context was already done when it arrived.
type memCall struct {
	op      string
	part    int32
	ctxDone bool
	// deadline reports that the context had a deadline.
	deadline bool
}

func newMemS3() *memS3 {
	return &memS3{objects: map[string]*memObject{}, uploads: map[string]*memUpload{}}
}

func (m *memS3) record(ctx context.Context, op string, part int32) {
	_, dl := ctx.Deadline()
	m.mu.Lock()
	m.calls = append(m.calls, memCall{op: op, part: part, ctxDone: ctx.Err() != nil, deadline: dl})
	m.mu.Unlock()
}

// ops lists the operations called, in order.
func (m *memS3) ops() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, c := range m.calls {
		out = append(out, c.op)
	}
	return out
}

func (m *memS3) callsOf(op string) []memCall {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []memCall
	for _, c := range m.calls {
		if c.op == op {
			out = append(out, c)
		}
	}
	return out
}

func apiErr(status int, code string) error {
	return &goboto.APIError{Service: "S3", Code: code, Message: code, StatusCode: status}
}

func etagOf(b []byte) string {
	s := md5.Sum(b)
	return `"` + hex.EncodeToString(s[:]) + `"`
}

// crc32cOf is S3's base64 big-endian CRC32C of b.
func crc32cOf(b []byte) string {
	v := crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli))
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, v))
}

func (m *memS3) enter() {
	m.mu.Lock()
	m.inflight++
	m.maxInflight = max(m.maxInflight, m.inflight)
	m.mu.Unlock()
}

func (m *memS3) leave() {
	m.mu.Lock()
	m.inflight--
	m.mu.Unlock()
}

func (m *memS3) PutObject(ctx context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	m.record(ctx, "PutObject", 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(in.Body)
	if err != nil {
		return nil, err
	}
	if want := aws.ToString(in.ChecksumCRC32C); want != "" && want != crc32cOf(data) {
		return nil, apiErr(400, "BadDigest")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	o := &memObject{data: data, etag: etagOf(data), crc32c: crc32cOf(data)}
	m.objects[aws.ToString(in.Key)] = o
	return &s3.PutObjectOutput{ETag: aws.String(o.etag)}, nil
}

func (m *memS3) CreateMultipartUpload(ctx context.Context, in *s3.CreateMultipartUploadInput, _ ...func(*s3.Options)) (*s3.CreateMultipartUploadOutput, error) {
	m.record(ctx, "CreateMultipartUpload", 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.nextID++
	id := "upload-" + strconv.Itoa(m.nextID)
	m.uploads[id] = &memUpload{key: aws.ToString(in.Key), alg: in.ChecksumAlgorithm, parts: map[int32]memPart{}}
	return &s3.CreateMultipartUploadOutput{UploadId: aws.String(id)}, nil
}

func (m *memS3) UploadPart(ctx context.Context, in *s3.UploadPartInput, _ ...func(*s3.Options)) (*s3.UploadPartOutput, error) {
	pn := aws.ToInt32(in.PartNumber)
	m.record(ctx, "UploadPart", pn)
	m.enter()
	defer m.leave()
	if m.beforePart != nil {
		if err := m.beforePart(ctx, pn); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(in.Body)
	if err != nil {
		return nil, err
	}
	sum := aws.ToString(in.ChecksumCRC32C)
	if sum != "" && sum != crc32cOf(data) {
		return nil, apiErr(400, "BadDigest")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	u, ok := m.uploads[aws.ToString(in.UploadId)]
	if !ok {
		return nil, apiErr(404, "NoSuchUpload")
	}
	p := memPart{data: data, etag: etagOf(data), sum: sum}
	u.parts[pn] = p
	return &s3.UploadPartOutput{ETag: aws.String(p.etag)}, nil
}

func (m *memS3) CompleteMultipartUpload(ctx context.Context, in *s3.CompleteMultipartUploadInput, _ ...func(*s3.Options)) (*s3.CompleteMultipartUploadOutput, error) {
	m.record(ctx, "CompleteMultipartUpload", 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	id := aws.ToString(in.UploadId)
	u, ok := m.uploads[id]
	if !ok {
		return nil, apiErr(404, "NoSuchUpload")
	}
	var data []byte
	for i, cp := range in.MultipartUpload.Parts {
		pn := aws.ToInt32(cp.PartNumber)
		p, ok := u.parts[pn]
		if !ok || p.etag != aws.ToString(cp.ETag) {
			return nil, apiErr(400, "InvalidPart")
		}
		if i > 0 && pn <= aws.ToInt32(in.MultipartUpload.Parts[i-1].PartNumber) {
			return nil, apiErr(400, "InvalidPartOrder")
		}
		if p.sum != "" && aws.ToString(cp.ChecksumCRC32C) != p.sum {
			return nil, apiErr(400, "InvalidPart")
		}
		data = append(data, p.data...)
	}
	if n := aws.ToInt64(in.MpuObjectSize); in.MpuObjectSize != nil && n != int64(len(data)) {
		return nil, apiErr(400, "InvalidRequest")
	}
	if want := aws.ToString(in.ChecksumCRC32C); want != "" && want != crc32cOf(data) {
		return nil, apiErr(400, "BadDigest")
	}
	delete(m.uploads, id)
	o := &memObject{data: data, etag: fmt.Sprintf(`"%x-%d"`, md5.Sum(data), len(in.MultipartUpload.Parts)), crc32c: crc32cOf(data)}
	m.objects[u.key] = o
	return &s3.CompleteMultipartUploadOutput{ETag: aws.String(o.etag)}, nil
}

func (m *memS3) AbortMultipartUpload(ctx context.Context, in *s3.AbortMultipartUploadInput, _ ...func(*s3.Options)) (*s3.AbortMultipartUploadOutput, error) {
	m.record(ctx, "AbortMultipartUpload", 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	id := aws.ToString(in.UploadId)
	if _, ok := m.uploads[id]; !ok {
		return nil, apiErr(404, "NoSuchUpload")
	}
	delete(m.uploads, id)
	return &s3.AbortMultipartUploadOutput{}, nil
}

// ListParts answers every part in one page.
func (m *memS3) ListParts(ctx context.Context, in *s3.ListPartsInput, _ ...func(*s3.Options)) (*s3.ListPartsOutput, error) {
	m.record(ctx, "ListParts", 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	u, ok := m.uploads[aws.ToString(in.UploadId)]
	if !ok {
		return nil, apiErr(404, "NoSuchUpload")
	}
	out := &s3.ListPartsOutput{ChecksumAlgorithm: u.alg}
	for _, pn := range slices.Sorted(func(yield func(int32) bool) {
		for pn := range u.parts {
			if !yield(pn) {
				return
			}
		}
	}) {
		p := u.parts[pn]
		lp := types.Part{PartNumber: aws.Int32(pn), ETag: aws.String(p.etag), Size: aws.Int64(int64(len(p.data)))}
		if p.sum != "" {
			lp.ChecksumCRC32C = aws.String(p.sum)
		}
		out.Parts = append(out.Parts, lp)
	}
	return out, nil
}

func (m *memS3) object(key string) (*memObject, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	o, ok := m.objects[key]
	if !ok {
		return nil, apiErr(404, "NoSuchKey")
	}
	return o, nil
}

func (m *memS3) HeadObject(ctx context.Context, in *s3.HeadObjectInput, _ ...func(*s3.Options)) (*s3.HeadObjectOutput, error) {
	m.record(ctx, "HeadObject", aws.ToInt32(in.PartNumber))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o, err := m.object(aws.ToString(in.Key))
	if err != nil {
		return nil, err
	}
	out := &s3.HeadObjectOutput{ContentLength: aws.Int64(int64(len(o.data))), ETag: aws.String(o.etag)}
	if in.ChecksumMode == types.ChecksumModeEnabled && o.crc32c != "" {
		out.ChecksumCRC32C, out.ChecksumType = aws.String(o.crc32c), types.ChecksumTypeFullObject
	}
	return out, nil
}

// GetObject answers ranges "bytes=a-b" only, as the engine sends them.
func (m *memS3) GetObject(ctx context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	m.record(ctx, "GetObject", 0)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o, err := m.object(aws.ToString(in.Key))
	if err != nil {
		return nil, err
	}
	if in.IfMatch != nil && aws.ToString(in.IfMatch) != o.etag {
		return nil, apiErr(412, "PreconditionFailed")
	}
	a, b, ok := strings.Cut(strings.TrimPrefix(aws.ToString(in.Range), "bytes="), "-")
	from, err1 := strconv.Atoi(a)
	to, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || from > to || to >= len(o.data) {
		return nil, apiErr(416, "InvalidRange")
	}
	body := bytes.Clone(o.data[from : to+1])
	return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader(body)), ContentLength: aws.Int64(int64(len(body))),
		ETag: aws.String(o.etag)}, nil
}

var _ API = (*memS3)(nil)
