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
	} `xml:"Object"`
}

type deletedXML struct {
	Key string
}

type deleteErrorXML struct {
	Key, Code, Message string
}

// deleteObjects serves DeleteObjects. Quiet leaves the deleted keys out
// of the answer; keys that did not exist count as deleted, as in S3.
func (b *Backend) deleteObjects(w http.ResponseWriter, r *fake.Request, t target) error {
	var req deleteRequest
	if err := xml.Unmarshal(r.Body, &req); err != nil || len(req.Objects) == 0 || len(req.Objects) > maxDeleteKeys {
		return errMalformedXML()
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
				out.Errors = append(out.Errors, deleteErrorXML{o.Key, "InvalidArgument", "Invalid key"})
				continue
			}
			delete(bk.objects, o.Key)
			if !req.Quiet {
				out.Deleted = append(out.Deleted, deletedXML{o.Key})
			}
		}
	}
	b.mu.Unlock()
	if err != nil {
		return err
	}
	return writeXML(w, http.StatusOK, out)
}
