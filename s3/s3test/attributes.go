package s3test

import (
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/goboto/goboto/internal/fake"
)

// objectAttributes are the names x-amz-object-attributes takes (the
// ObjectAttributes enum of S3's API model).
var objectAttributes = []string{"ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"}

type attributesChecksumXML struct {
	checksumsXML
	ChecksumType string `xml:",omitempty"`
}

type attributesPartXML struct {
	checksumsXML
	PartNumber int
	Size       int64
}

type objectPartsXML struct {
	TotalPartsCount      int `xml:"PartsCount"` // the wire name of the model's TotalPartsCount
	PartNumberMarker     int
	NextPartNumberMarker int
	MaxParts             int
	IsTruncated          bool
	Parts                []attributesPartXML `xml:"Part"`
}

type attributesXML struct {
	XMLName      xml.Name `xml:"GetObjectAttributesResponse"`
	NS           string   `xml:"xmlns,attr"`
	ETag         string   `xml:",omitempty"`
	Checksum     *attributesChecksumXML
	ObjectParts  *objectPartsXML
	StorageClass string `xml:",omitempty"`
	ObjectSize   *int64 `xml:",omitempty"`
}

// getObjectAttributes serves GetObjectAttributes (S3 API Reference): the
// attributes x-amz-object-attributes names, of the version versionId
// names or the latest. The ETag is sent without quotes; ObjectParts is
// sent only for an object made by a multipart upload, paged by
// x-amz-max-parts (1000 by default) and x-amz-part-number-marker.
func (b *Backend) getObjectAttributes(w http.ResponseWriter, r *fake.Request, t target) error {
	h := r.HTTP.Header
	var want []string
	for _, v := range h.Values("X-Amz-Object-Attributes") {
		for _, name := range strings.Split(v, ",") {
			if name = strings.TrimSpace(name); name != "" {
				want = append(want, name)
			}
		}
	}
	if len(want) == 0 {
		return s3err(http.StatusBadRequest, "InvalidRequest", "Missing required header for this request: x-amz-object-attributes")
	}
	for _, name := range want {
		if !slices.Contains(objectAttributes, name) {
			return errInvalidArgument("Invalid attribute name specified.", "x-amz-object-attributes", name)
		}
	}
	maxParts, marker := 1000, 0
	for _, p := range []struct {
		header string
		into   *int
	}{{"X-Amz-Max-Parts", &maxParts}, {"X-Amz-Part-Number-Marker", &marker}} {
		if v := h.Get(p.header); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return errInvalidArgument("Provided "+strings.ToLower(p.header)+" not an integer or within integer range", strings.ToLower(p.header), v)
			}
			*p.into = n
		}
	}
	maxParts = min(maxParts, 1000)
	id := r.HTTP.URL.Query().Get("versionId")
	o, dm, versioned, err := b.getVersion(r, t.bucket, t.key, id)
	if dm != nil {
		markerHeaders(w.Header(), dm, id != "")
	}
	if err != nil {
		return err
	}
	o.body.release() // only metadata is read
	out := attributesXML{NS: namespace}
	for _, name := range want {
		switch name {
		case "ETag":
			out.ETag = strings.Trim(o.etag, `"`)
		case "Checksum":
			if len(o.checksums) > 0 {
				typ := o.checksumType
				if typ == "" {
					typ = "FULL_OBJECT"
				}
				out.Checksum = &attributesChecksumXML{toChecksumsXML(o.checksums), typ}
			}
		case "ObjectParts":
			if len(o.parts) > 0 {
				out.ObjectParts = partsPage(o.parts, marker, maxParts)
			}
		case "StorageClass":
			out.StorageClass = o.storageClass
		case "ObjectSize":
			size := o.body.size
			out.ObjectSize = &size
		}
	}
	if versioned {
		w.Header().Set("x-amz-version-id", o.versionID)
	}
	w.Header().Set("Last-Modified", o.lastModified.Format(http.TimeFormat))
	return writeXML(w, http.StatusOK, out)
}

// partsPage is one page of a multipart object's parts after marker.
func partsPage(parts []objectPart, marker, maxParts int) *objectPartsXML {
	out := &objectPartsXML{TotalPartsCount: len(parts), PartNumberMarker: marker, MaxParts: maxParts}
	for _, p := range parts {
		if p.number <= marker {
			continue
		}
		if len(out.Parts) == maxParts {
			out.IsTruncated = maxParts > 0 // as listPage
			break
		}
		out.Parts = append(out.Parts, attributesPartXML{toChecksumsXML(p.checksums), p.number, p.size})
		out.NextPartNumberMarker = p.number
	}
	return out
}
