package s3test

import (
	"encoding/xml"
	"net/http"
	"slices"

	"github.com/goboto/goboto/internal/fake"
)

// encryptionRule is a bucket's default encryption. A bucket without one
// has S3's default since January 2023: SSE-S3 (AES256), without an S3
// Bucket Key (S3 User Guide, "Setting default server-side encryption
// behavior for Amazon S3 buckets").
type encryptionRule struct {
	Default struct {
		SSEAlgorithm   string
		KMSMasterKeyID string `xml:",omitempty"`
	} `xml:"ApplyServerSideEncryptionByDefault"`
	BucketKeyEnabled bool
	// BlockedEncryptionTypes is read only to be refused: the fake blocks
	// no encryption type.
	BlockedEncryptionTypes *struct {
		EncryptionType []string
	} `xml:",omitempty"`
}

type encryptionXML struct {
	XMLName xml.Name         `xml:"ServerSideEncryptionConfiguration"`
	NS      string           `xml:"xmlns,attr,omitempty"`
	Rules   []encryptionRule `xml:"Rule"`
}

// defaultEncryption is the rule of a bucket never configured.
func defaultEncryption() *encryptionRule {
	r := &encryptionRule{}
	r.Default.SSEAlgorithm = "AES256"
	return r
}

// encryptionOf returns the bucket's default encryption rule. The lock
// must be held.
func (bk *bucket) encryptionOf() *encryptionRule {
	if bk.config.encryption == nil {
		return defaultEncryption()
	}
	return bk.config.encryption
}

// sseFor is the encryption of a new object that asked for sse ("" when
// it asked for none): the bucket's default when it did not. The lock must
// be held.
func (bk *bucket) sseFor(sse string) string {
	if sse != "" {
		return sse
	}
	return bk.encryptionOf().Default.SSEAlgorithm
}

// getBucketEncryption serves GetBucketEncryption: the rule set, or S3's
// SSE-S3 default, which every bucket has since January 2023, so S3 no
// longer answers ServerSideEncryptionConfigurationNotFoundError.
func (b *Backend) getBucketEncryption(w http.ResponseWriter, r *fake.Request, t target) error {
	var rule encryptionRule
	if err := b.configWith(r, t, func(c *bucketConfig) {
		if c.encryption != nil {
			rule = *c.encryption
		} else {
			rule = *defaultEncryption()
		}
	}); err != nil {
		return err
	}
	return writeXML(w, http.StatusOK, encryptionXML{NS: namespace, Rules: []encryptionRule{rule}})
}

// putBucketEncryption serves PutBucketEncryption: one rule with an
// algorithm S3 knows; a KMS key only with a KMS algorithm.
func (b *Backend) putBucketEncryption(w http.ResponseWriter, r *fake.Request, t target) error {
	var in encryptionXML
	if err := xml.Unmarshal(r.Body, &in); err != nil || len(in.Rules) != 1 {
		return errMalformedXML()
	}
	rule := in.Rules[0]
	if rule.BlockedEncryptionTypes != nil {
		return errUnimplementedElement("BlockedEncryptionTypes")
	}
	if !slices.Contains(encryptions, rule.Default.SSEAlgorithm) {
		return errMalformedXML()
	}
	if rule.Default.KMSMasterKeyID != "" && rule.Default.SSEAlgorithm == "AES256" {
		return errInvalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
			"ApplyServerSideEncryptionByDefault", "")
	}
	if err := b.configWith(r, t, func(c *bucketConfig) { c.encryption = &rule }); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// deleteBucketEncryption serves DeleteBucketEncryption: the bucket goes
// back to S3's default, SSE-S3.
func (b *Backend) deleteBucketEncryption(w http.ResponseWriter, r *fake.Request, t target) error {
	if err := b.configWith(r, t, func(c *bucketConfig) { c.encryption = nil }); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
