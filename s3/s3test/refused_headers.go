package s3test

import (
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// refusedHeaders are request headers of S3's API model that change what
// a request means but that the fake does not model. Any request carrying
// one is answered NotImplemented naming it, before anything is done,
// rather than served as if it were absent: S3 API Reference, Error
// responses, NotImplemented, "A header you provided implies functionality
// that is not implemented".
var refusedHeaders = []string{
	// SSE-C keys (the algorithm headers are refused in checkUnmodelled).
	"X-Amz-Server-Side-Encryption-Customer-Key",
	"X-Amz-Server-Side-Encryption-Customer-Key-Md5",
	"X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key",
	"X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key-Md5",
	// SSE-KMS keys and contexts: the fake keeps no KMS keys, and an
	// object said to be under a key it is not under would mislead.
	"X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id",
	"X-Amz-Server-Side-Encryption-Context",
	// The copy source's owner check (S3 API Reference, CopyObject), not
	// modelled for sources.
	"X-Amz-Source-Expected-Bucket-Owner",
	// Conditional deletes and aborts (S3 API Reference, DeleteObject,
	// AbortMultipartUpload).
	"X-Amz-If-Match-Last-Modified-Time",
	"X-Amz-If-Match-Size",
	"X-Amz-If-Match-Initiated-Time",
	// MFA delete, which the fake's buckets never have.
	"X-Amz-Mfa",
	// Appends to directory-bucket objects (S3 API Reference, PutObject).
	"X-Amz-Write-Offset-Bytes",
	// The checksum algorithms the fake does not compute.
	"X-Amz-Checksum-Md5", "X-Amz-Checksum-Sha512",
	"X-Amz-Checksum-Xxhash64", "X-Amz-Checksum-Xxhash3", "X-Amz-Checksum-Xxhash128",
	// Object annotations, bucket namespaces, lifecycle transition
	// minimums and the policy lock-out guard, none of which the fake has.
	"X-Amz-Object-Annotation-Directive",
	"X-Amz-Bucket-Namespace",
	"X-Amz-Transition-Default-Minimum-Object-Size",
	"X-Amz-Confirm-Remove-Self-Bucket-Access",
}

// errUnimplementedElement answers NotImplemented for an element of a
// request's XML body that asks for what the fake does not implement,
// naming the element, so that it is refused rather than ignored.
func errUnimplementedElement(name string) *fake.Error {
	e := errNotImplemented()
	e.Message = "The XML element " + name + " implies functionality that is not implemented"
	return e
}

// checkRefusedHeaders answers NotImplemented for the first of
// refusedHeaders h carries, with the header's name in the answer's Header
// element as S3 gives it.
func checkRefusedHeaders(h http.Header) *fake.Error {
	for _, k := range refusedHeaders {
		if h.Get(k) != "" {
			e := errNotImplemented()
			e.Extra = map[string]string{"Header": k}
			return e
		}
	}
	return nil
}
