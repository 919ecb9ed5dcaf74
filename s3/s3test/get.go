package s3test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// getObject serves GetObject, with a single byte Range, versionId and the
// If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since
// preconditions.
func (b *Backend) getObject(w http.ResponseWriter, r *fake.Request, t target) error {
	return b.readObject(w, r, t, true)
}

// headObject serves HeadObject: GetObject's headers without the body. Its
// errors carry no body (the HTTP server drops it), as in S3.
func (b *Backend) headObject(w http.ResponseWriter, r *fake.Request, t target) error {
	return b.readObject(w, r, t, false)
}

func (b *Backend) readObject(w http.ResponseWriter, r *fake.Request, t target, body bool) error {
	id := r.HTTP.URL.Query().Get("versionId")
	o, marker, versioned, err := b.readVersion(r, t.bucket, t.key, id, getAction(id))
	if marker != nil {
		// A delete marker answers in the object's place.
		markerHeaders(w.Header(), marker, id != "")
	}
	if err != nil {
		return err
	}
	defer o.body.release()
	if versioned {
		w.Header().Set("x-amz-version-id", o.versionID)
	}
	if status, cond := preconditions(r.HTTP.Header, o); status == http.StatusPreconditionFailed {
		e := s3err(status, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
		e.Extra = map[string]string{"Condition": cond}
		return e
	} else if status == http.StatusNotModified {
		h := w.Header()
		h.Set("ETag", o.etag)
		h.Set("Last-Modified", o.lastModified.Format(http.TimeFormat))
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	size := o.body.size
	var first, last int64
	var partial bool
	var part *objectPart
	pn := r.HTTP.URL.Query().Get("partNumber")
	if pn != "" {
		if r.HTTP.Header.Get("Range") != "" {
			return s3err(http.StatusBadRequest, "InvalidRequest", "Cannot specify both Range header and partNumber query parameter")
		}
		part, first, last, partial, err = partRange(o, pn)
		if len(o.parts) > 0 {
			w.Header().Set("x-amz-mp-parts-count", strconv.Itoa(len(o.parts)))
		}
	} else {
		first, last, partial, err = parseRange(r.HTTP.Header.Get("Range"), size)
	}
	if err != nil {
		return err
	}
	h := w.Header()
	checksumMode := strings.EqualFold(r.HTTP.Header.Get("X-Amz-Checksum-Mode"), "ENABLED")
	// A part of a multipart object answers checksums of its own
	// (partChecksums); otherwise only an answer of the whole object
	// carries the object's checksums.
	whole := !partial || pn != "" && first == 0 && last == size-1
	writeObjectHeaders(h, o, checksumMode && whole && (part == nil || o.checksumType != checksumComposite))
	if checksumMode && part != nil {
		partChecksums(h, o, part)
	}
	status := http.StatusOK
	if partial {
		status = http.StatusPartialContent
		h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", first, last, size))
	} else {
		first, last = 0, size-1
	}
	h.Set("Content-Length", strconv.FormatInt(last-first+1, 10))
	w.WriteHeader(status)
	if body && last >= first {
		// The status is sent; a failure now can only cut the body short.
		b.writeContent(w, o.body, first, last-first+1)
	}
	return nil
}

// partRange returns the bytes of part pn of o: a part of a multipart
// object by the number it was uploaded with (returned as part), or, as S3
// does, the whole of any other object as its part 1 (part nil).
func partRange(o *object, pn string) (part *objectPart, first, last int64, partial bool, err error) {
	n, perr := strconv.Atoi(pn)
	if perr != nil || n < 1 || n > maxPartNumber {
		return nil, 0, 0, false, errInvalidArgument(fmt.Sprintf("Part number must be an integer between 1 and %d, inclusive", maxPartNumber),
			"partNumber", pn)
	}
	unsatisfiable := func(count int) error {
		e := s3err(http.StatusRequestedRangeNotSatisfiable, "InvalidPartNumber", "The requested partnumber is not satisfiable")
		e.Extra = map[string]string{"PartNumberRequested": pn, "ActualPartCount": strconv.Itoa(count)}
		return e
	}
	if len(o.parts) == 0 {
		if n != 1 {
			return nil, 0, 0, false, unsatisfiable(1)
		}
		if o.body.size == 0 {
			return nil, 0, 0, false, nil
		}
		return nil, 0, o.body.size - 1, true, nil
	}
	var off int64
	for i, p := range o.parts {
		if p.number == n {
			return &o.parts[i], off, off + p.size - 1, p.size > 0, nil
		}
		off += p.size
	}
	return nil, 0, 0, false, unsatisfiable(len(o.parts))
}

// preconditions returns 412, 304 or 0 (proceed) for the conditional
// headers of h, and the header that failed, in RFC 7232's order, which S3
// follows: If-Match decides over If-Unmodified-Since, If-None-Match over
// If-Modified-Since.
func preconditions(h http.Header, o *object) (int, string) {
	if im := h.Get("If-Match"); im != "" {
		if !etagMatches(im, o.etag) {
			return http.StatusPreconditionFailed, "If-Match"
		}
	} else if t, ok := httpTime(h.Get("If-Unmodified-Since")); ok && o.lastModified.After(t) {
		return http.StatusPreconditionFailed, "If-Unmodified-Since"
	}
	if inm := h.Get("If-None-Match"); inm != "" {
		if etagMatches(inm, o.etag) {
			return http.StatusNotModified, "If-None-Match"
		}
	} else if t, ok := httpTime(h.Get("If-Modified-Since")); ok && !o.lastModified.After(t) {
		return http.StatusNotModified, "If-Modified-Since"
	}
	return 0, ""
}

// etagMatches reports whether a list of entity tags (or "*") names etag.
func etagMatches(list, etag string) bool {
	for _, e := range strings.Split(list, ",") {
		e = strings.TrimSpace(e)
		if e == "*" || strings.Trim(e, `"`) == strings.Trim(etag, `"`) {
			return true
		}
	}
	return false
}

func httpTime(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, false
	}
	t, err := http.ParseTime(v)
	return t, err == nil
}

// parseRange reads a single "bytes=a-b", "bytes=a-" or "bytes=-n" range
// of an object of size bytes. A header S3 would ignore (absent, not
// bytes, several ranges, malformed) gives partial false; a range that
// starts past the end is InvalidRange.
func parseRange(v string, size int64) (first, last int64, partial bool, err error) {
	spec, ok := strings.CutPrefix(v, "bytes=")
	if !ok || strings.Contains(spec, ",") {
		return 0, 0, false, nil
	}
	a, z, ok := strings.Cut(strings.TrimSpace(spec), "-")
	if !ok {
		return 0, 0, false, nil
	}
	invalid := func() error {
		e := s3err(http.StatusRequestedRangeNotSatisfiable, "InvalidRange", "The requested range is not satisfiable")
		e.Extra = map[string]string{"RangeRequested": v, "ActualObjectSize": strconv.FormatInt(size, 10)}
		return e
	}
	if a == "" {
		n, perr := strconv.ParseInt(z, 10, 64)
		if perr != nil || n < 0 {
			return 0, 0, false, nil
		}
		if n == 0 || size == 0 {
			return 0, 0, false, invalid()
		}
		return max(size-n, 0), size - 1, true, nil
	}
	first, perr := strconv.ParseInt(a, 10, 64)
	if perr != nil || first < 0 {
		return 0, 0, false, nil
	}
	last = size - 1
	if z != "" {
		if last, perr = strconv.ParseInt(z, 10, 64); perr != nil || last < first {
			return 0, 0, false, nil
		}
		last = min(last, size-1)
	}
	if first >= size {
		return 0, 0, false, invalid()
	}
	return first, last, true, nil
}
