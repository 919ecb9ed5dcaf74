package s3test

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// minPartSize is the smallest part S3 accepts in a completed upload,
// except for the last.
const minPartSize = 5 << 20

// maxPartNumber is the highest part number S3 accepts.
const maxPartNumber = 10000

// upload is one multipart upload in progress. The Backend's lock guards it.
type upload struct {
	id, key   string
	initiated time.Time
	template  *object // headers, storage class and encryption of the result
	parts     map[int]*part
	checksum  uploadChecksum
}

// part is one uploaded part.
type part struct {
	number       int
	body         content // holds one reference
	checksums    map[string]string
	etag         string // quoted MD5
	lastModified time.Time
}

func newUploadID() string {
	b := make([]byte, 24)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func errNoSuchUpload(id string) *fake.Error {
	e := s3err(http.StatusNotFound, "NoSuchUpload",
		"The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.")
	e.Extra = map[string]string{"UploadId": id}
	return e
}

// lookupUpload returns the caller's upload of t's key. The lock must be
// held.
func (b *Backend) lookupUpload(r *fake.Request, t target) (*bucket, *upload, error) {
	bk, err := b.lookupBucket(r, t.bucket)
	if err != nil {
		return nil, nil, err
	}
	id := r.HTTP.URL.Query().Get("uploadId")
	u, ok := bk.uploads[id]
	if !ok || u.key != t.key {
		return nil, nil, errNoSuchUpload(id)
	}
	return bk, u, nil
}

// createMultipartUpload serves CreateMultipartUpload.
func (b *Backend) createMultipartUpload(w http.ResponseWriter, r *fake.Request, t target) error {
	if e := checkStorageHeaders(r.HTTP.Header); e != nil {
		return e
	}
	sum, e := parseUploadChecksum(r.HTTP.Header)
	if e != nil {
		return e
	}
	tags, _, err := headerTags(r.HTTP.Header)
	if err != nil {
		return err
	}
	u := &upload{id: newUploadID(), key: t.key, initiated: r.Now.UTC(),
		template: newObject(t.key, r.HTTP.Header, r.Now), parts: map[int]*part{}, checksum: sum}
	u.template.tags = tags
	b.mu.Lock()
	bk, err := b.lookupBucket(r, t.bucket)
	if err == nil {
		u.template.acl, err = cannedOnPut(bk, r)
		u.template.sse = bk.sseFor(u.template.sse)
	}
	if err == nil {
		bk.uploads[u.id] = u
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	w.Header().Set("x-amz-server-side-encryption", u.template.sse)
	u.checksum.setHeaders(w.Header())
	return writeXML(w, http.StatusOK, struct {
		XMLName  xml.Name `xml:"InitiateMultipartUploadResult"`
		NS       string   `xml:"xmlns,attr"`
		Bucket   string
		Key      string
		UploadID string `xml:"UploadId"`
	}{NS: namespace, Bucket: t.bucket, Key: t.key, UploadID: u.id})
}

// uploadPart serves UploadPart.
func (b *Backend) uploadPart(w http.ResponseWriter, r *fake.Request, t target) error {
	pn := r.HTTP.URL.Query().Get("partNumber")
	n, err := strconv.Atoi(pn)
	if err != nil || n < 1 || n > maxPartNumber {
		return errInvalidArgument(fmt.Sprintf("Part number must be an integer between 1 and %d, inclusive", maxPartNumber),
			"partNumber", pn)
	}
	b.mu.RLock()
	_, u, err := b.lookupUpload(r, t)
	var declared uploadChecksum
	if err == nil {
		declared = u.checksum
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	rc, err := b.receive(r)
	if err != nil {
		return err
	}
	sums, err := b.partChecksums(declared, rc.sums, rc.body)
	if err != nil {
		rc.body.release()
		return err
	}
	p := &part{number: n, body: rc.body, etag: rc.etag(), lastModified: r.Now.UTC().Truncate(time.Second), checksums: sums}
	b.mu.Lock()
	_, u, err = b.lookupUpload(r, t)
	if err == nil {
		u.setPart(p)
	}
	b.mu.Unlock()
	if err != nil {
		p.body.release()
		return err
	}
	w.Header().Set("ETag", p.etag)
	for k, v := range sums {
		w.Header().Set(k, v)
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

type completeRequest struct {
	Parts []completePart `xml:"Part"`
}

// setPart stores p, releasing the part of the same number it replaces.
// The lock must be held.
func (u *upload) setPart(p *part) {
	if old, ok := u.parts[p.number]; ok {
		old.body.release()
	}
	u.parts[p.number] = p
}

// release drops the upload's parts.
func (u *upload) release() {
	for _, p := range u.parts {
		p.body.release()
	}
	u.parts = nil
}

// sameChecksums reports whether the checksums a CompleteMultipartUpload
// request gives for a part agree with the ones it was uploaded with.
func sameChecksums(claims, stored map[string]string) bool {
	for h, v := range claims {
		if s, ok := stored[h]; ok && s != v {
			return false
		}
	}
	return true
}

// completeMultipartUpload serves CompleteMultipartUpload: the listed parts,
// in ascending order, become the object; its ETag is the MD5 of the parts'
// MD5s followed by "-<number of parts>".
func (b *Backend) completeMultipartUpload(w http.ResponseWriter, r *fake.Request, t target) error {
	var req completeRequest
	if err := xml.Unmarshal(r.Body, &req); err != nil || len(req.Parts) == 0 {
		return errMalformedXML()
	}
	if e := checkUnmodelled(r.HTTP.Header); e != nil {
		return e
	}
	for _, p := range req.Parts {
		if name := p.unimplementedChecksum(); name != "" {
			return errUnimplementedElement(name)
		}
	}
	o, versioned, err := b.complete(r, t, req)
	if err != nil {
		return err
	}
	if versioned {
		w.Header().Set("x-amz-version-id", o.versionID)
	}
	w.Header().Set("x-amz-server-side-encryption", o.sse)
	return writeXML(w, http.StatusOK, struct {
		XMLName  xml.Name `xml:"CompleteMultipartUploadResult"`
		NS       string   `xml:"xmlns,attr"`
		Location string
		Bucket   string
		Key      string
		ETag     string
		checksumsXML
		ChecksumType string `xml:",omitempty"`
	}{NS: namespace, Location: "/" + t.bucket + "/" + t.key, Bucket: t.bucket, Key: t.key, ETag: o.etag,
		checksumsXML: toChecksumsXML(o.checksums), ChecksumType: o.checksumType})
}

// complete makes the parts req lists the object, under the lock, and
// returns it and whether the bucket is versioned.
func (b *Backend) complete(r *fake.Request, t target, req completeRequest) (*object, bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	bk, u, err := b.lookupUpload(r, t)
	if err != nil {
		return nil, false, err
	}
	if e := checkCompleteType(u.checksum, r.HTTP.Header); e != nil {
		return nil, false, e
	}
	var bodies []content
	var used []*part
	var layout []objectPart
	var sums []byte
	for i := 1; i < len(req.Parts); i++ {
		if req.Parts[i].PartNumber <= req.Parts[i-1].PartNumber {
			return nil, false, s3err(http.StatusBadRequest, "InvalidPartOrder",
				"The list of parts was not in ascending order. The parts list must be specified in order by part number.")
		}
	}
	for i, lp := range req.Parts {
		p, ok := u.parts[lp.PartNumber]
		if !ok || strings.Trim(lp.ETag, `"`) != strings.Trim(p.etag, `"`) || !sameChecksums(lp.claims(), p.checksums) {
			e := s3err(http.StatusBadRequest, "InvalidPart",
				"One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
			e.Extra = map[string]string{"UploadId": u.id, "PartNumber": strconv.Itoa(lp.PartNumber), "ETag": lp.ETag}
			return nil, false, e
		}
		if _, ok := p.checksums[u.checksum.algo.header]; ok {
			if e := checkCompletePart(u.checksum, lp); e != nil {
				return nil, false, e
			}
		}
		if i < len(req.Parts)-1 && p.body.size < b.minPart {
			e := s3err(http.StatusBadRequest, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.")
			e.Extra = map[string]string{"ProposedSize": strconv.FormatInt(p.body.size, 10), "MinSizeAllowed": strconv.FormatInt(b.minPart, 10),
				"PartNumber": strconv.Itoa(lp.PartNumber), "ETag": p.etag}
			return nil, false, e
		}
		bodies = append(bodies, p.body)
		used = append(used, p)
		layout = append(layout, objectPart{number: p.number, size: p.body.size})
		raw, _ := hex.DecodeString(strings.Trim(p.etag, `"`))
		sums = append(sums, raw...)
	}
	// S3 API Reference, CompleteMultipartUpload, x-amz-mp-object-size: a
	// size other than the parts' total is 400 InvalidRequest.
	if want := r.HTTP.Header.Get("X-Amz-Mp-Object-Size"); want != "" {
		var total int64
		for _, l := range layout {
			total += l.size
		}
		if want != strconv.FormatInt(total, 10) {
			return nil, false, s3err(http.StatusBadRequest, "InvalidRequest",
				"The provided x-amz-mp-object-size header value "+want+" does not match the object size "+strconv.FormatInt(total, 10))
		}
	}
	whole := md5.Sum(sums)
	checksums, checksumType, err := b.completedChecksums(u.checksum, used, r.HTTP.Header)
	if err != nil {
		return nil, false, err
	}
	o := *u.template
	o.body, o.lastModified = concat(bodies...), r.Now.UTC().Truncate(time.Second)
	for i, p := range used {
		// After completedChecksums, which may have computed them.
		layout[i].checksums = maps.Clone(p.checksums)
	}
	o.parts = layout
	o.etag = fmt.Sprintf(`"%s-%d"`, hex.EncodeToString(whole[:]), len(req.Parts))
	o.checksums, o.checksumType = checksums, checksumType
	// The object takes its own references to the parts' bytes; the
	// upload's go with it.
	o.body.retain()
	u.release()
	bk.setObject(&o)
	delete(bk.uploads, u.id)
	return &o, bk.versioned(), nil
}

// abortMultipartUpload serves AbortMultipartUpload.
func (b *Backend) abortMultipartUpload(w http.ResponseWriter, r *fake.Request, t target) error {
	b.mu.Lock()
	bk, u, err := b.lookupUpload(r, t)
	if err == nil {
		u.release()
		delete(bk.uploads, u.id)
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type partXML struct {
	PartNumber   int
	LastModified string
	ETag         string
	Size         int64
	checksumsXML
}

// listParts serves ListParts with max-parts and part-number-marker.
func (b *Backend) listParts(w http.ResponseWriter, r *fake.Request, t target) error {
	q := r.HTTP.URL.Query()
	maxParts, marker := 1000, 0
	if v := q.Get("max-parts"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return errInvalidArgument("Provided max-parts not an integer or within integer range", "max-parts", v)
		}
		maxParts = min(n, 1000)
	}
	if v := q.Get("part-number-marker"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return errInvalidArgument("Provided part-number-marker not an integer or within integer range", "part-number-marker", v)
		}
		marker = n
	}
	b.mu.RLock()
	_, u, err := b.lookupUpload(r, t)
	var parts []partXML
	truncated := false
	storageClass := ""
	var declared uploadChecksum
	if err == nil {
		storageClass, declared = u.template.storageClass, u.checksum
		var nums []int
		for n := range u.parts {
			if n > marker {
				nums = append(nums, n)
			}
		}
		slices.Sort(nums)
		if len(nums) > maxParts {
			nums, truncated = nums[:maxParts], maxParts > 0 // as listPage
		}
		for _, n := range nums {
			p := u.parts[n]
			parts = append(parts, partXML{n, isoTime(p.lastModified), p.etag, p.body.size, toChecksumsXML(p.checksums)})
		}
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	next := marker
	if len(parts) > 0 {
		next = parts[len(parts)-1].PartNumber
	}
	return writeXML(w, http.StatusOK, struct {
		XMLName              xml.Name `xml:"ListPartsResult"`
		NS                   string   `xml:"xmlns,attr"`
		Bucket               string
		Key                  string
		UploadID             string `xml:"UploadId"`
		PartNumberMarker     int
		NextPartNumberMarker int
		MaxParts             int
		IsTruncated          bool
		Parts                []partXML `xml:"Part"`
		StorageClass         string
		ChecksumAlgorithm    string `xml:",omitempty"`
		ChecksumType         string `xml:",omitempty"`
	}{NS: namespace, Bucket: t.bucket, Key: t.key, UploadID: q.Get("uploadId"), PartNumberMarker: marker,
		NextPartNumberMarker: next, MaxParts: maxParts, IsTruncated: truncated, Parts: parts, StorageClass: storageClass,
		ChecksumAlgorithm: declared.algoName(), ChecksumType: declared.typ})
}

type uploadXML struct {
	Key               string
	UploadID          string `xml:"UploadId"`
	Initiated         string
	StorageClass      string
	ChecksumAlgorithm string `xml:",omitempty"`
	ChecksumType      string `xml:",omitempty"`
}

// listMultipartUploads serves ListMultipartUploads with prefix,
// delimiter, key-marker, upload-id-marker and max-uploads, ordered by key
// then initiation.
func (b *Backend) listMultipartUploads(w http.ResponseWriter, r *fake.Request, t target) error {
	q := r.HTTP.URL.Query()
	maxUploads := 1000
	if v := q.Get("max-uploads"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return errInvalidArgument("Provided max-uploads not an integer or within integer range", "max-uploads", v)
		}
		maxUploads = min(n, 1000)
	}
	prefix, keyMarker, idMarker := q.Get("prefix"), q.Get("key-marker"), q.Get("upload-id-marker")
	delimiter := q.Get("delimiter")
	b.mu.RLock()
	bk, err := b.lookupBucket(r, t.bucket)
	var ups []*upload
	if err == nil {
		for _, u := range bk.uploads {
			if strings.HasPrefix(u.key, prefix) {
				ups = append(ups, u)
			}
		}
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	slices.SortFunc(ups, func(a, c *upload) int {
		if a.key != c.key {
			return strings.Compare(a.key, c.key)
		}
		if d := a.initiated.Compare(c.initiated); d != 0 {
			return d
		}
		return strings.Compare(a.id, c.id)
	})
	out := struct {
		XMLName            xml.Name `xml:"ListMultipartUploadsResult"`
		NS                 string   `xml:"xmlns,attr"`
		Bucket             string
		KeyMarker          string
		UploadIDMarker     string `xml:"UploadIdMarker"`
		NextKeyMarker      string
		NextUploadIDMarker string `xml:"NextUploadIdMarker"`
		Prefix             string
		Delimiter          string `xml:",omitempty"`
		MaxUploads         int
		IsTruncated        bool
		Uploads            []uploadXML `xml:"Upload"`
		CommonPrefixes     []prefixXML
	}{NS: namespace, Bucket: t.bucket, KeyMarker: keyMarker, UploadIDMarker: idMarker, Prefix: prefix,
		Delimiter: delimiter, MaxUploads: maxUploads}
	past := keyMarker == ""
	markerPrefix := delimiter != "" && keyMarker != "" && strings.HasSuffix(keyMarker, delimiter)
	for _, u := range ups {
		if markerPrefix && strings.HasPrefix(u.key, keyMarker) {
			continue
		}
		if !past {
			// Skip up to the marker: keys before it, and with an
			// upload-id-marker the same key's uploads up to that ID.
			if u.key < keyMarker || u.key == keyMarker && (idMarker == "" || u.id != idMarker) {
				continue
			}
			past = true
			if u.key == keyMarker {
				continue
			}
		}
		cp := ""
		if delimiter != "" {
			if i := strings.Index(u.key[len(prefix):], delimiter); i >= 0 {
				cp = u.key[:len(prefix)+i+len(delimiter)]
			}
		}
		if n := len(out.CommonPrefixes); cp != "" && n > 0 && out.CommonPrefixes[n-1].Prefix == cp {
			continue
		}
		if len(out.Uploads)+len(out.CommonPrefixes) == maxUploads {
			out.IsTruncated = maxUploads > 0 // as listPage
			break
		}
		if cp != "" {
			out.CommonPrefixes = append(out.CommonPrefixes, prefixXML{cp})
			out.NextKeyMarker, out.NextUploadIDMarker = cp, ""
			continue
		}
		out.Uploads = append(out.Uploads, uploadXML{u.key, u.id, isoTime(u.initiated), u.template.storageClass,
			u.checksum.algoName(), u.checksum.typ})
		out.NextKeyMarker, out.NextUploadIDMarker = u.key, u.id
	}
	return writeXML(w, http.StatusOK, out)
}
