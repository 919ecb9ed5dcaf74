package s3test

import (
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// maxDeleteKeys is the most keys one DeleteObjects request may name.
const maxDeleteKeys = 1000

type deleteRequest struct {
	Quiet   bool
	Objects []struct {
		Key       string
		VersionID string `xml:"VersionId"`
		// Conditional deletes: refused, since deleting without the
		// condition would do what the caller said not to.
		ETag, LastModifiedTime, Size string
	} `xml:"Object"`
}

type deletedXML struct {
	Key                   string
	VersionID             string `xml:"VersionId,omitempty"`
	DeleteMarker          bool   `xml:",omitempty"`
	DeleteMarkerVersionID string `xml:"DeleteMarkerVersionId,omitempty"`
}

type deleteErrorXML struct {
	Key       string
	VersionID string `xml:"VersionId,omitempty"`
	Code      string
	Message   string
}

// deleteObjects serves DeleteObjects. Quiet leaves the deleted keys out
// of the answer; keys that did not exist count as deleted, as in S3. Each
// key is deleted as DeleteObject would (versions.go).
func (b *Backend) deleteObjects(w http.ResponseWriter, r *fake.Request, t target) error {
	var req deleteRequest
	if err := xml.Unmarshal(r.Body, &req); err != nil || len(req.Objects) == 0 || len(req.Objects) > maxDeleteKeys {
		return errMalformedXML()
	}
	for _, o := range req.Objects {
		for name, v := range map[string]string{"ETag": o.ETag, "LastModifiedTime": o.LastModifiedTime, "Size": o.Size} {
			if v != "" {
				return errUnimplementedElement(name)
			}
		}
	}
	out := struct {
		XMLName xml.Name `xml:"DeleteResult"`
		NS      string   `xml:"xmlns,attr"`
		Deleted []deletedXML
		Errors  []deleteErrorXML `xml:"Error"`
	}{NS: namespace}
	b.mu.Lock()
	bk, err := b.lookupBucket(r, t.bucket)
	if err == nil {
		for _, o := range req.Objects {
			if o.Key == "" {
				out.Errors = append(out.Errors, deleteErrorXML{o.Key, o.VersionID, "InvalidArgument", "Invalid key"})
				continue
			}
			d := deletedXML{Key: o.Key, VersionID: o.VersionID}
			if o.VersionID != "" {
				if gone := bk.deleteVersion(o.Key, o.VersionID); gone != nil && gone.deleteMarker {
					d.DeleteMarker, d.DeleteMarkerVersionID = true, gone.versionID
				}
			} else if m := bk.deleteLatest(o.Key, r.Now); m != nil {
				d.DeleteMarker, d.DeleteMarkerVersionID = true, m.versionID
			}
			if !req.Quiet {
				out.Deleted = append(out.Deleted, d)
			}
		}
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	return writeXML(w, http.StatusOK, out)
}
