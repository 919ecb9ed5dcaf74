package s3test

import (
	"crypto/md5"
	"encoding/hex"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// object is one stored object. Objects are replaced, never changed in
// place, so a reader may keep one after the lock is released (holding a
// reference to its body, see store.go).
type object struct {
	key          string
	versionID    string // nullVersion unless stored while versioning was Enabled
	deleteMarker bool   // a delete marker has only key, versionID and lastModified
	body         content
	parts        []objectPart // a completed multipart upload's parts, for GET ?partNumber
	etag         string       // quoted
	lastModified time.Time
	header       http.Header // Content-Type, Cache-Control, ..., x-amz-meta-*
	storageClass string
	sse          string
	checksums    map[string]string // "x-amz-checksum-crc32" -> base64 value
	checksumType string            // "COMPOSITE" for a multipart object's checksums
	acl          *accessPolicy     // nil: the owner has FULL_CONTROL
	tags         []tag             // x-amz-tagging, PutObjectTagging (tagging.go)
}

// objectPart is one part of an object made by a multipart upload.
type objectPart struct {
	number    int
	size      int64
	checksums map[string]string // the part's own, kept for GET ?partNumber
}

// storedHeaders are the request headers S3 keeps with an object and sends
// back on GetObject and HeadObject.
var storedHeaders = []string{"Content-Type", "Cache-Control", "Content-Disposition", "Content-Encoding",
	"Content-Language", "Expires", "X-Amz-Website-Redirect-Location"}

// objectHeaders returns the headers of h S3 stores with an object.
func objectHeaders(h http.Header) http.Header {
	out := http.Header{}
	for _, k := range storedHeaders {
		if v := h.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	// aws-chunked is the transfer framing, not the object's encoding.
	if ce := out.Get("Content-Encoding"); ce != "" {
		var keep []string
		for _, e := range strings.Split(ce, ",") {
			if e = strings.TrimSpace(e); e != "" && !strings.EqualFold(e, "aws-chunked") {
				keep = append(keep, e)
			}
		}
		out.Del("Content-Encoding")
		if len(keep) > 0 {
			out.Set("Content-Encoding", strings.Join(keep, ","))
		}
	}
	// S3 keeps metadata names lower-cased and answers them so
	// (x-amz-meta-author), which clients that read names off the wire,
	// such as boto 2, rely on. The keys are therefore not canonical:
	// read them with index expressions, not Header.Get.
	for k, v := range h {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-amz-meta-") {
			out[lk] = append(out[lk], v...)
		}
	}
	if out.Get("Content-Type") == "" {
		out.Set("Content-Type", "binary/octet-stream")
	}
	return out
}

// newObject makes an object with the settings in h and no body yet.
func newObject(key string, h http.Header, now time.Time) *object {
	o := &object{key: key, etag: quotedMD5(emptyMD5[:]),
		lastModified: now.UTC().Truncate(time.Second), header: objectHeaders(h),
		storageClass: h.Get("X-Amz-Storage-Class"), sse: h.Get("X-Amz-Server-Side-Encryption"),
		checksums: map[string]string{}}
	if o.storageClass == "" {
		o.storageClass = "STANDARD"
	}
	// An object that asks for no encryption gets the bucket's default
	// (setObject, sseFor).
	return o
}

// emptyMD5 is the MD5 of no bytes.
var emptyMD5 = md5.Sum(nil)

// quotedMD5 is an MD5 as S3 writes it in an ETag.
func quotedMD5(sum []byte) string { return `"` + hex.EncodeToString(sum) + `"` }

// storeNew makes o, holding rc's body and sums, the newest object of the
// bucket target returns (with the ACL o gets), under the lock, and sets
// the headers every upload answers: x-amz-version-id when the bucket keeps
// versions, ETag and x-amz-server-side-encryption. When target fails, the
// body is released and nothing is stored.
func (b *Backend) storeNew(w http.ResponseWriter, o *object, rc received, target func() (*bucket, *accessPolicy, error)) error {
	o.body, o.etag, o.checksums = rc.body, rc.etag(), rc.sums
	b.mu.Lock()
	bk, acl, err := target()
	versioned := false
	if err == nil {
		o.acl = acl
		bk.setObject(o)
		versioned = bk.versioned()
	}
	b.mu.Unlock()
	if err != nil {
		o.body.release()
		return err
	}
	h := w.Header()
	if versioned {
		h.Set("x-amz-version-id", o.versionID)
	}
	h.Set("ETag", o.etag)
	h.Set("x-amz-server-side-encryption", o.sse)
	return nil
}

// putObject serves PutObject. The body streams into the store; the
// object replaces the key's only once all of it has arrived and checked.
func (b *Backend) putObject(w http.ResponseWriter, r *fake.Request, t target) error {
	b.mu.RLock()
	_, err := b.lookupBucket(r, t.bucket)
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	if e := checkStorageHeaders(r.HTTP.Header); e != nil {
		return e
	}
	tags, _, err := headerTags(r.HTTP.Header)
	if err != nil {
		return err
	}
	rc, err := b.receive(r)
	if err != nil {
		return err
	}
	o := newObject(t.key, r.HTTP.Header, r.Now)
	o.tags = tags
	err = b.storeNew(w, o, rc, func() (*bucket, *accessPolicy, error) {
		bk, err := b.lookupBucket(r, t.bucket)
		if err != nil {
			return nil, nil, err
		}
		acl, err := cannedOnPut(bk, r)
		return bk, acl, err
	})
	if err != nil {
		return err
	}
	h := w.Header()
	for k, v := range o.checksums {
		h.Set(k, v)
	}
	if len(o.checksums) > 0 {
		h.Set("x-amz-checksum-type", "FULL_OBJECT") // always, for a single PUT
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// deleteObject serves DeleteObject: 204 whether or not the key existed.
// In a versioned bucket it adds a delete marker, or with versionId
// removes that version for good.
func (b *Backend) deleteObject(w http.ResponseWriter, r *fake.Request, t target) error {
	id := r.HTTP.URL.Query().Get("versionId")
	b.mu.Lock()
	bk, err := b.lookupBucket(r, t.bucket)
	var gone *object
	if err == nil {
		if id != "" {
			gone = bk.deleteVersion(t.key, id)
		} else {
			gone = bk.deleteLatest(t.key, r.Now)
		}
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	h := w.Header()
	if id != "" {
		h.Set("x-amz-version-id", id)
	}
	if gone != nil && gone.deleteMarker {
		h.Set("x-amz-delete-marker", "true")
		h.Set("x-amz-version-id", gone.versionID)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// writeObjectHeaders sets the headers GetObject and HeadObject answer.
func writeObjectHeaders(h http.Header, o *object, checksumMode bool) {
	maps.Copy(h, o.header.Clone())
	h.Set("ETag", o.etag)
	h.Set("Last-Modified", o.lastModified.Format(http.TimeFormat))
	h.Set("Accept-Ranges", "bytes")
	h.Set("x-amz-server-side-encryption", o.sse)
	if o.storageClass != "STANDARD" {
		h.Set("x-amz-storage-class", o.storageClass)
	}
	setTagCount(h, o)
	if checksumMode {
		for k, v := range o.checksums {
			h.Set(k, v)
		}
		switch {
		case o.checksumType != "":
			h.Set("x-amz-checksum-type", o.checksumType)
		case len(o.checksums) > 0:
			h.Set("x-amz-checksum-type", "FULL_OBJECT") // a single PUT's checksum covers the whole object
		}
	}
}

// cutMeta returns the metadata name of an x-amz-meta-* header, lower-cased.
func cutMeta(header string) (string, bool) {
	return strings.CutPrefix(strings.ToLower(header), "x-amz-meta-")
}
