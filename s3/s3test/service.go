package s3test

import (
	"net/http"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// namespace is the xmlns of S3's answers.
const namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

// timeFormat is the ISO 8601 form S3 writes times in XML.
const timeFormat = "2006-01-02T15:04:05.000Z"

func isoTime(t time.Time) string { return t.UTC().Format(timeFormat) }

// handler serves one S3 operation on a request's target.
type handler func(w http.ResponseWriter, r *fake.Request, t target) error

// handle dispatches an authenticated request by its operation.
func (b *Backend) handle(w http.ResponseWriter, r *fake.Request) error {
	w.Header().Set("x-amz-id-2", hostID(r.RequestID))
	h, ok := b.ops[r.Operation]
	if !ok {
		return errNotImplemented()
	}
	if e := checkRefusedHeaders(r.HTTP.Header); e != nil {
		return e
	}
	return h(w, r, addressOf(r.HTTP))
}

// operations gathers the handlers of every operation the fake answers:
// objects and buckets here, access control (acl.go), bucket configuration
// and tagging (config.go) and the answers for features never configured
// (unconfigured.go) from their own files. Every other operation Operation
// names is NotImplemented.
func (b *Backend) operations() map[string]handler {
	ops := map[string]handler{
		"ListBuckets":        b.listBuckets,
		"CreateBucket":       b.createBucket,
		"DeleteBucket":       b.deleteBucket,
		"HeadBucket":         b.headBucket,
		"GetBucketLocation":  b.getBucketLocation,
		"ListObjects":        b.listObjectsV1,
		"ListObjectsV2":      b.listObjectsV2,
		"PutObject":          b.putObject,
		"GetObject":          b.getObject,
		"HeadObject":         b.headObject,
		"DeleteObject":       b.deleteObject,
		"DeleteObjects":      b.deleteObjects,
		"CopyObject":         b.copyObject,
		"UploadPartCopy":     b.uploadPartCopy,
		"ListObjectVersions": b.listObjectVersions,

		"CreateMultipartUpload":   b.createMultipartUpload,
		"UploadPart":              b.uploadPart,
		"CompleteMultipartUpload": b.completeMultipartUpload,
		"AbortMultipartUpload":    b.abortMultipartUpload,
		"ListParts":               b.listParts,
		"ListMultipartUploads":    b.listMultipartUploads,
		"PostObject":              b.postObject, // browser uploads, post.go
		"GetObjectAttributes":     b.getObjectAttributes,
	}
	for _, family := range []map[string]handler{b.aclOps(), b.configOps(), b.unconfiguredOps()} {
		for name, h := range family {
			ops[name] = h
		}
	}
	return ops
}

// locked runs fn under the write lock, so a handler can change state
// under it and answer after it is released: a client slow to read its
// answer never holds up the others.
func (b *Backend) locked(fn func() error) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return fn()
}

// writeXML answers status with v in S3's content type.
func writeXML(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/xml")
	return fake.WriteXML(w, status, v)
}
