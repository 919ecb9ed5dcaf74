package s3test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// copyRange reads x-amz-copy-source-range, "bytes=first-last", against a
// source of size bytes. Absent, it is the whole source.
func copyRange(v string, size int64) (off, n int64, err error) {
	if v == "" {
		return 0, size, nil
	}
	malformed := errInvalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
		"x-amz-copy-source-range", v)
	spec, ok := strings.CutPrefix(v, "bytes=")
	a, z, ok2 := strings.Cut(spec, "-")
	if !ok || !ok2 {
		return 0, 0, malformed
	}
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(z, 10, 64)
	if err1 != nil || err2 != nil || first < 0 || last < first {
		return 0, 0, malformed
	}
	if last >= size {
		return 0, 0, errInvalidArgument(fmt.Sprintf("Range specified is not valid for source object of size: %d", size),
			"x-amz-copy-source-range", v)
	}
	return first, last - first + 1, nil
}

// uploadPartCopy serves UploadPartCopy: a part made of a byte range of an
// existing object. The part shares the source's stored bytes; only its
// ETag, the MD5 of the range, is computed, by streaming the range.
func (b *Backend) uploadPartCopy(w http.ResponseWriter, r *fake.Request, t target) error {
	pn := r.HTTP.URL.Query().Get("partNumber")
	n, err := strconv.Atoi(pn)
	if err != nil || n < 1 || n > maxPartNumber {
		return errInvalidArgument(fmt.Sprintf("Part number must be an integer between 1 and %d, inclusive", maxPartNumber),
			"partNumber", pn)
	}
	h := r.HTTP.Header
	src, srcVersion, err := copySource(h.Get("X-Amz-Copy-Source"))
	if err != nil {
		return err
	}
	b.mu.RLock()
	_, _, err = b.lookupUpload(r, t)
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	from, err := b.copyFrom(r, src, srcVersion)
	if err != nil {
		return err
	}
	defer from.body.release()
	if preconditionsCopy(h, from) {
		return s3err(http.StatusPreconditionFailed, "PreconditionFailed",
			"At least one of the pre-conditions you specified did not hold")
	}
	off, size, err := copyRange(h.Get("X-Amz-Copy-Source-Range"), from.body.size)
	if err != nil {
		return err
	}
	sum := b.etagHash()
	if _, err := b.writeContent(sum, from.body, off, size); err != nil {
		return err
	}
	p := &part{number: n, body: from.body.slice(off, size), etag: quotedMD5(sum.Sum(nil)),
		lastModified: r.Now.UTC().Truncate(time.Second)}
	b.mu.Lock()
	_, u, err := b.lookupUpload(r, t)
	if err == nil {
		p.body.retain()
		u.setPart(p)
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	if from.versionID != nullVersion {
		w.Header().Set("x-amz-copy-source-version-id", from.versionID)
	}
	return writeXML(w, http.StatusOK, struct {
		XMLName      xml.Name `xml:"CopyPartResult"`
		NS           string   `xml:"xmlns,attr"`
		LastModified string
		ETag         string
	}{NS: namespace, LastModified: isoTime(p.lastModified), ETag: p.etag})
}
