package s3test

import (
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// bucketConfig is a bucket's configuration. Unlike S3, which normalises
// them, the documents are kept and answered as sent, after checking that
// the policy is a JSON object and each XML document parses with the right
// root element; a nil document was never set or was deleted.
type bucketConfig struct {
	versioning string // "", "Enabled" or "Suspended"
	policy     []byte
	cors       []byte
	lifecycle  []byte
	website    []byte
	tags       []tag           // PutBucketTagging (tagging.go)
	encryption *encryptionRule // nil: S3's default, SSE-S3 (encryption.go)
	payer      string          // "" or "BucketOwner": the owner pays; "Requester"
}

// configOps returns the handlers of the bucket-configuration operations:
// versioning, policy, CORS, lifecycle, website, default encryption and
// tagging, and of object tagging.
func (b *Backend) configOps() map[string]handler {
	return map[string]handler{
		"GetBucketVersioning": b.getBucketVersioning,
		"PutBucketVersioning": b.putBucketVersioning,

		"GetBucketPolicy":    b.getDoc(docPolicy),
		"PutBucketPolicy":    b.putDoc(docPolicy),
		"DeleteBucketPolicy": b.deleteDoc(docPolicy),

		"GetBucketCors":    b.getDoc(docCORS),
		"PutBucketCors":    b.putDoc(docCORS),
		"DeleteBucketCors": b.deleteDoc(docCORS),

		"GetBucketLifecycleConfiguration": b.getDoc(docLifecycle),
		"PutBucketLifecycleConfiguration": b.putDoc(docLifecycle),
		"DeleteBucketLifecycle":           b.deleteDoc(docLifecycle),

		"GetBucketWebsite":    b.getDoc(docWebsite),
		"PutBucketWebsite":    b.putDoc(docWebsite),
		"DeleteBucketWebsite": b.deleteDoc(docWebsite),

		"GetBucketEncryption":    b.getBucketEncryption,
		"PutBucketEncryption":    b.putBucketEncryption,
		"DeleteBucketEncryption": b.deleteBucketEncryption,

		"GetBucketTagging":    b.getBucketTagging,
		"PutBucketTagging":    b.putBucketTagging,
		"DeleteBucketTagging": b.deleteBucketTagging,
		"GetObjectTagging":    b.getObjectTagging,
		"PutObjectTagging":    b.putObjectTagging,
		"DeleteObjectTagging": b.deleteObjectTagging,
	}
}

// configWith runs fn on the caller's bucket t.bucket under the write lock.
func (b *Backend) configWith(r *fake.Request, t target, fn func(*bucketConfig)) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	bk, err := b.lookupBucket(r, t.bucket)
	if err != nil {
		return err
	}
	fn(&bk.config)
	return nil
}

type versioningXML struct {
	XMLName xml.Name `xml:"VersioningConfiguration"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	Status  string   `xml:"Status,omitempty"`
	// MFADelete is read only to be refused: the fake has no MFA.
	MFADelete string `xml:"MFADelete,omitempty"`
}

// getBucketVersioning serves GetBucketVersioning; a bucket never
// configured answers an empty VersioningConfiguration.
func (b *Backend) getBucketVersioning(w http.ResponseWriter, r *fake.Request, t target) error {
	var status string
	if err := b.configWith(r, t, func(c *bucketConfig) { status = c.versioning }); err != nil {
		return err
	}
	return writeXML(w, http.StatusOK, versioningXML{NS: namespace, Status: status})
}

// putBucketVersioning serves PutBucketVersioning (Status only; MFA Delete
// is not modelled).
func (b *Backend) putBucketVersioning(w http.ResponseWriter, r *fake.Request, t target) error {
	var v versioningXML
	if err := xml.Unmarshal(r.Body, &v); err != nil || v.Status != "Enabled" && v.Status != "Suspended" {
		return errMalformedXML()
	}
	if v.MFADelete != "" {
		return errUnimplementedElement("MFADelete")
	}
	if err := b.configWith(r, t, func(c *bucketConfig) { c.versioning = v.Status }); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}
