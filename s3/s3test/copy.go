package s3test

import (
	"encoding/xml"
	"maps"
	"net/http"
	"net/url"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// copySource reads x-amz-copy-source: "[/]bucket/key[?versionId=...]",
// percent-encoded.
func copySource(v string) (target, error) {
	v, _, _ = strings.Cut(v, "?")
	raw, err := url.PathUnescape(strings.TrimPrefix(v, "/"))
	b, k, ok := strings.Cut(raw, "/")
	if err != nil || !ok || b == "" || k == "" {
		return target{}, errInvalidArgument("Invalid copy source object key", "x-amz-copy-source", v)
	}
	return target{bucket: b, key: k}, nil
}

// copyObject serves CopyObject. The metadata directive COPY (the default)
// keeps the source's headers and metadata; REPLACE takes the request's.
func (b *Backend) copyObject(w http.ResponseWriter, r *fake.Request, t target) error {
	h := r.HTTP.Header
	src, err := copySource(h.Get("X-Amz-Copy-Source"))
	if err != nil {
		return err
	}
	directive := h.Get("X-Amz-Metadata-Directive")
	switch directive {
	case "", "COPY", "REPLACE":
	default:
		return errInvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive)
	}
	from, err := b.getStored(r, src)
	if err != nil {
		return err
	}
	if src == t && directive != "REPLACE" && h.Get("X-Amz-Storage-Class") == "" &&
		h.Get("X-Amz-Server-Side-Encryption") == "" && h.Get("X-Amz-Website-Redirect-Location") == "" {
		return s3err(http.StatusBadRequest, "InvalidRequest",
			"This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	if preconditionsCopy(h, from) {
		return s3err(http.StatusPreconditionFailed, "PreconditionFailed",
			"At least one of the pre-conditions you specified did not hold")
	}
	o := newObject(t.key, from.data, h, r.Now)
	if directive != "REPLACE" {
		o.header = from.header.Clone()
	}
	if h.Get("X-Amz-Storage-Class") == "" {
		o.storageClass = from.storageClass
	}
	o.checksums = maps.Clone(from.checksums)
	b.mu.Lock()
	bk, err := b.lookupBucket(r, t.bucket)
	if err == nil {
		bk.objects[t.key] = o
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	w.Header().Set("x-amz-server-side-encryption", o.sse)
	return writeXML(w, http.StatusOK, struct {
		XMLName      xml.Name `xml:"CopyObjectResult"`
		NS           string   `xml:"xmlns,attr"`
		LastModified string
		ETag         string
	}{NS: namespace, LastModified: isoTime(o.lastModified), ETag: o.etag})
}

// preconditionsCopy applies x-amz-copy-source-if-* to the source object:
// true means the copy must fail with 412.
func preconditionsCopy(h http.Header, o *object) bool {
	c := http.Header{}
	for _, k := range []string{"Match", "None-Match", "Modified-Since", "Unmodified-Since"} {
		if v := h.Get("X-Amz-Copy-Source-If-" + k); v != "" {
			c.Set("If-"+k, v)
		}
	}
	status, _ := preconditions(c, o)
	return status != 0
}
