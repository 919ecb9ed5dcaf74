package s3test

import "net/http"

// partChecksums sets the checksum headers of a GET or HEAD of one part of
// a multipart object (?partNumber) with x-amz-checksum-mode: ENABLED.
//
// S3 documents that a multipart object's checksum may not be one of its
// bytes, but not what a part read answers. What the fake does follows
// what S3 was seen to answer (LocalStack's tests against S3, July 2025):
// an object with COMPOSITE checksums answers the part's own checksums,
// as UploadPart computed them, with x-amz-checksum-type COMPOSITE; an
// object with FULL_OBJECT checksums answers them only when the part is
// the whole object (readObject's whole) and otherwise no checksum.
func partChecksums(h http.Header, o *object, p *objectPart) {
	if o.checksumType != checksumComposite {
		return
	}
	n := 0
	for k, v := range p.checksums {
		// Only the algorithms the composite was made of: a part may
		// carry a checksum its siblings lack.
		if _, ok := o.checksums[k]; ok {
			h.Set(k, v)
			n++
		}
	}
	if n > 0 {
		h.Set("x-amz-checksum-type", checksumComposite)
	}
}
