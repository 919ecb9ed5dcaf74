package s3test

import (
	"net/http"
	"slices"

	"github.com/goboto/goboto/internal/fake"
)

// storageClasses are the x-amz-storage-class values S3 knows (the
// StorageClass enum of its API model).
var storageClasses = []string{"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
	"INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
	"EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP", "AWS_BACKUP_WARM", "AWS_BACKUP_LOW_COST_WARM"}

// encryptions are the x-amz-server-side-encryption values a general
// purpose bucket takes.
var encryptions = []string{"AES256", "aws:kms", "aws:kms:dsse"}

// checkStorageHeaders refuses an unknown storage class or server-side
// encryption on a request that writes an object, as S3 does before it
// reads the body.
func checkStorageHeaders(h http.Header) *fake.Error {
	if sc := h.Get("X-Amz-Storage-Class"); sc != "" && !slices.Contains(storageClasses, sc) {
		return s3err(http.StatusBadRequest, "InvalidStorageClass", "The storage class you specified is not valid")
	}
	if sse := h.Get("X-Amz-Server-Side-Encryption"); sse != "" && !slices.Contains(encryptions, sse) {
		return errInvalidArgument("The encryption method specified is not supported", "x-amz-server-side-encryption", sse)
	}
	return checkUnmodelled(h)
}

// checkUnmodelled refuses headers that would change what a write means
// but that the fake does not model, rather than ignore them: Object Lock
// settings, which need a bucket with Object Lock (S3 API Reference,
// PutObject: "Bucket is missing Object Lock Configuration"), which the
// fake's buckets never have; SSE-C keys; and conditional writes.
func checkUnmodelled(h http.Header) *fake.Error {
	for _, k := range []string{"X-Amz-Object-Lock-Mode", "X-Amz-Object-Lock-Retain-Until-Date", "X-Amz-Object-Lock-Legal-Hold"} {
		if h.Get(k) != "" {
			return errNoObjectLock()
		}
	}
	for _, k := range []string{"X-Amz-Server-Side-Encryption-Customer-Algorithm", "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Algorithm",
		"If-Match", "If-None-Match"} {
		if h.Get(k) != "" {
			return errNotImplemented()
		}
	}
	return nil
}
