package s3test

import (
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// ownershipEnforced is the Object Ownership of a new bucket: ACLs are
// disabled and the bucket owner owns every object.
const ownershipEnforced = "BucketOwnerEnforced"

type ownershipControls struct {
	XMLName xml.Name `xml:"OwnershipControls"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	Rules   []struct {
		ObjectOwnership string
	} `xml:"Rule"`
}

// getOwnership serves GetBucketOwnershipControls.
func (b *Backend) getOwnership(w http.ResponseWriter, r *fake.Request, t target) error {
	b.mu.RLock()
	bk, err := b.lookupBucket(r, t.bucket)
	var own string
	if err == nil {
		own = bk.ownership
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	if own == "" {
		e := s3err(http.StatusNotFound, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found")
		e.Extra = map[string]string{"BucketName": t.bucket}
		return e
	}
	out := ownershipControls{NS: namespace}
	out.Rules = append(out.Rules, struct{ ObjectOwnership string }{own})
	return writeXML(w, http.StatusOK, out)
}

// putOwnership serves PutBucketOwnershipControls. Turning on
// BucketOwnerEnforced while the bucket's ACL grants others access fails, as
// in S3.
func (b *Backend) putOwnership(w http.ResponseWriter, r *fake.Request, t target) error {
	var in ownershipControls
	if err := xml.Unmarshal(r.Body, &in); err != nil || len(in.Rules) != 1 {
		return errMalformedXML()
	}
	own := in.Rules[0].ObjectOwnership
	switch own {
	case "BucketOwnerPreferred", "ObjectWriter", ownershipEnforced:
	default:
		return errMalformedXML()
	}
	err := b.locked(func() error {
		bk, err := b.lookupBucket(r, t.bucket)
		if err != nil {
			return err
		}
		if own == ownershipEnforced && bk.acl != nil && !bk.acl.ownerOnly(bk.owner) {
			return s3err(http.StatusBadRequest, "InvalidBucketAclWithObjectOwnership",
				"Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting")
		}
		bk.ownership = own
		return nil
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// deleteOwnership serves DeleteBucketOwnershipControls.
func (b *Backend) deleteOwnership(w http.ResponseWriter, r *fake.Request, t target) error {
	err := b.locked(func() error {
		bk, err := b.lookupBucket(r, t.bucket)
		if err == nil {
			bk.ownership = ""
		}
		return err
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
