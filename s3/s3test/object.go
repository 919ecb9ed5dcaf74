package s3test

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// object is one stored object. Objects are replaced, never changed in
// place, so a reader may keep one after the lock is released.
type object struct {
	key          string
	data         []byte
	etag         string // quoted
	lastModified time.Time
	header       http.Header // Content-Type, Cache-Control, ..., x-amz-meta-*
	storageClass string
	sse          string
	checksums    map[string]string // "x-amz-checksum-crc32" -> base64 value
	acl          *accessPolicy     // nil: the owner has FULL_CONTROL
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
	for k, v := range h {
		if strings.HasPrefix(strings.ToLower(k), "x-amz-meta-") {
			out[k] = append([]string(nil), v...)
		}
	}
	if out.Get("Content-Type") == "" {
		out.Set("Content-Type", "binary/octet-stream")
	}
	return out
}

// newObject makes an object of data with the settings in h.
func newObject(key string, data []byte, h http.Header, now time.Time) *object {
	sum := md5.Sum(data)
	o := &object{key: key, data: data, etag: `"` + hex.EncodeToString(sum[:]) + `"`,
		lastModified: now.UTC().Truncate(time.Second), header: objectHeaders(h),
		storageClass: h.Get("X-Amz-Storage-Class"), sse: h.Get("X-Amz-Server-Side-Encryption"),
		checksums: map[string]string{}}
	if o.storageClass == "" {
		o.storageClass = "STANDARD"
	}
	if o.sse == "" {
		o.sse = "AES256" // S3 encrypts every new object with SSE-S3 by default
	}
	return o
}

// putObject serves PutObject.
func (b *Backend) putObject(w http.ResponseWriter, r *fake.Request, t target) error {
	data, trailers, err := payload(r)
	if err != nil {
		return err
	}
	if err := checkMD5(r.HTTP.Header.Get("Content-MD5"), data); err != nil {
		return err
	}
	sums, err := checksums(r.HTTP.Header, trailers, data)
	if err != nil {
		return err
	}
	o := newObject(t.key, data, r.HTTP.Header, r.Now)
	o.checksums = sums
	b.mu.Lock()
	bk, err := b.lookupBucket(r, t.bucket)
	if err == nil {
		o.acl, err = cannedOnPut(bk, r)
	}
	if err == nil {
		bk.objects[t.key] = o
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("ETag", o.etag)
	h.Set("x-amz-server-side-encryption", o.sse)
	for k, v := range o.checksums {
		h.Set(k, v)
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// payload returns the request's data, decoding an aws-chunked body, and
// the trailers it carried.
func payload(r *fake.Request) ([]byte, map[string]string, error) {
	sha := r.HTTP.Header.Get("X-Amz-Content-Sha256")
	chunked := strings.HasPrefix(sha, "STREAMING-") ||
		strings.Contains(strings.ToLower(r.HTTP.Header.Get("Content-Encoding")), "aws-chunked")
	if !chunked {
		return r.Body, nil, nil
	}
	data, trailers, err := decodeChunked(r.Body)
	if err != nil {
		return nil, nil, s3err(http.StatusBadRequest, "IncompleteBody",
			"The request body terminated unexpectedly")
	}
	if dl := r.HTTP.Header.Get("X-Amz-Decoded-Content-Length"); dl != "" && dl != itoa(len(data)) {
		return nil, nil, s3err(http.StatusBadRequest, "IncompleteBody",
			"You did not provide the number of bytes specified by the Content-Length HTTP header")
	}
	return data, trailers, nil
}

// checkMD5 compares a Content-MD5 header with data's digest.
func checkMD5(header string, data []byte) error {
	if header == "" {
		return nil
	}
	want, err := base64.StdEncoding.DecodeString(header)
	if err != nil || len(want) != md5.Size {
		return s3err(http.StatusBadRequest, "InvalidDigest", "The Content-MD5 you specified was invalid.")
	}
	if sum := md5.Sum(data); string(sum[:]) != string(want) {
		return s3err(http.StatusBadRequest, "BadDigest", "The Content-MD5 you specified did not match what we received.")
	}
	return nil
}

// deleteObject serves DeleteObject: 204 whether or not the key existed.
func (b *Backend) deleteObject(w http.ResponseWriter, r *fake.Request, t target) error {
	b.mu.Lock()
	bk, err := b.lookupBucket(r, t.bucket)
	if err == nil {
		delete(bk.objects, t.key)
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// getStored returns the object at t, for reading.
func (b *Backend) getStored(r *fake.Request, t target) (*object, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	bk, err := b.lookupBucket(r, t.bucket)
	if err != nil {
		return nil, err
	}
	o, ok := bk.objects[t.key]
	if !ok {
		return nil, errNoSuchKey(t.key)
	}
	return o, nil
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
	if checksumMode {
		for k, v := range o.checksums {
			h.Set(k, v)
		}
	}
}

// cutMeta returns the metadata name of an x-amz-meta-* header, lower-cased.
func cutMeta(header string) (string, bool) {
	return strings.CutPrefix(strings.ToLower(header), "x-amz-meta-")
}
