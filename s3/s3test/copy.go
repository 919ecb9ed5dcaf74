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
// percent-encoded. It returns the version asked for, "" for the latest.
func copySource(v string) (target, string, error) {
	v, query, _ := strings.Cut(v, "?")
	raw, err := url.PathUnescape(strings.TrimPrefix(v, "/"))
	b, k, ok := strings.Cut(raw, "/")
	if err != nil || !ok || b == "" || k == "" {
		return target{}, "", errInvalidArgument("Invalid copy source object key", "x-amz-copy-source", v)
	}
	id := ""
	if query != "" {
		q, err := url.ParseQuery(query)
		if err != nil || q.Has("versionId") && q.Get("versionId") == "" {
			return target{}, "", errInvalidArgument("Invalid version id specified", "x-amz-copy-source", v)
		}
		id = q.Get("versionId")
	}
	return target{bucket: b, key: k}, id, nil
}

// copyFrom returns the source of a copy for reading, with a reference to
// its body the caller must release. A delete marker cannot be copied.
func (b *Backend) copyFrom(r *fake.Request, src target, id string) (*object, error) {
	o, marker, _, err := b.getVersion(r, src.bucket, src.key, id)
	if marker != nil && id != "" {
		return nil, s3err(http.StatusBadRequest, "InvalidRequest",
			"The source of a copy request may not specifically refer to a delete marker by version id.")
	}
	return o, err
}

// copyObject serves CopyObject. The metadata directive COPY (the default)
// keeps the source's headers and metadata; REPLACE takes the request's.
// The tagging directive does the same for tags (copyTags). The copy is
// encrypted as the request asks, else by the destination's default.
func (b *Backend) copyObject(w http.ResponseWriter, r *fake.Request, t target) error {
	h := r.HTTP.Header
	src, srcVersion, err := copySource(h.Get("X-Amz-Copy-Source"))
	if err != nil {
		return err
	}
	if e := checkStorageHeaders(h); e != nil {
		return e
	}
	directive := h.Get("X-Amz-Metadata-Directive")
	switch directive {
	case "", "COPY", "REPLACE":
	default:
		return errInvalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive)
	}
	from, err := b.copyFrom(r, src, srcVersion)
	if err != nil {
		return err
	}
	defer from.body.release()
	tags, err := copyTags(h, from.tags)
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
	o := newObject(t.key, h, r.Now)
	o.body, o.etag, o.tags = from.body, from.etag, tags
	if strings.Contains(o.etag, "-") {
		// The copy is one part: its ETag is the MD5 of all its bytes
		// (or, with WithFastETags, their fast hash, as for a PUT).
		sum := b.etagHash()
		if _, err := b.writeContent(sum, from.body, 0, from.body.size); err != nil {
			return err
		}
		o.etag = quotedMD5(sum.Sum(nil))
	}
	if directive != "REPLACE" {
		o.header = from.header.Clone()
	}
	if h.Get("X-Amz-Storage-Class") == "" {
		o.storageClass = from.storageClass
	}
	if from.checksumType != "COMPOSITE" {
		// A composite checksum names the source's parts, which the
		// single-part copy does not have; a full-object one still holds.
		o.checksums = maps.Clone(from.checksums)
	}
	b.mu.Lock()
	bk, err := b.lookupBucket(r, t.bucket)
	versioned := false
	if err == nil {
		o.body.retain() // the copy shares the source's bytes
		bk.setObject(o)
		versioned = bk.versioned()
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	if versioned {
		w.Header().Set("x-amz-version-id", o.versionID)
	}
	if from.versionID != nullVersion {
		w.Header().Set("x-amz-copy-source-version-id", from.versionID)
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
