package s3test

import (
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// publicAccessBlock is a PublicAccessBlockConfiguration document.
type publicAccessBlock struct {
	XMLName               xml.Name `xml:"PublicAccessBlockConfiguration"`
	NS                    string   `xml:"xmlns,attr,omitempty"`
	BlockPublicAcls       bool
	IgnorePublicAcls      bool
	BlockPublicPolicy     bool
	RestrictPublicBuckets bool
}

// newBucketPAB is the public access block of a new bucket: S3 turns on
// all four settings.
func newBucketPAB() *publicAccessBlock {
	return &publicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}
}

// getPublicAccessBlock serves GetPublicAccessBlock.
func (b *Backend) getPublicAccessBlock(w http.ResponseWriter, r *fake.Request, t target) error {
	b.mu.RLock()
	bk, err := b.lookupBucket(r, t.bucket)
	var pab *publicAccessBlock
	if err == nil {
		pab = bk.pab
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	if pab == nil {
		e := s3err(http.StatusNotFound, "NoSuchPublicAccessBlockConfiguration",
			"The public access block configuration was not found")
		e.Extra = map[string]string{"BucketName": t.bucket}
		return e
	}
	out := *pab
	out.NS = namespace
	return writeXML(w, http.StatusOK, &out)
}

// putPublicAccessBlock serves PutPublicAccessBlock.
func (b *Backend) putPublicAccessBlock(w http.ResponseWriter, r *fake.Request, t target) error {
	in := new(publicAccessBlock)
	if err := xml.Unmarshal(r.Body, in); err != nil {
		return errMalformedXML()
	}
	err := b.locked(func() error {
		bk, err := b.lookupBucket(r, t.bucket)
		if err == nil {
			bk.pab = in
		}
		return err
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// deletePublicAccessBlock serves DeletePublicAccessBlock.
func (b *Backend) deletePublicAccessBlock(w http.ResponseWriter, r *fake.Request, t target) error {
	err := b.locked(func() error {
		bk, err := b.lookupBucket(r, t.bucket)
		if err == nil {
			bk.pab = nil
		}
		return err
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
