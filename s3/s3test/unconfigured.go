package s3test

import (
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// The fake does not model replication, Object Lock, Transfer
// Acceleration, logging, event notifications or the analytics, metrics,
// inventory and Intelligent-Tiering configurations: their Put operations
// answer NotImplemented and change nothing. Their Get, List and Delete
// operations give the answer S3 gives for a bucket where the feature was
// never configured, which is true of every bucket of the fake.

// unconfiguredOps returns the handlers of those answers, and of the
// request-payment configuration, which the fake keeps.
func (b *Backend) unconfiguredOps() map[string]handler {
	ops := map[string]handler{
		"GetBucketReplication":    b.bucketError(errReplicationNotFound),
		"DeleteBucketReplication": b.bucketStatus(http.StatusNoContent),

		"GetObjectLockConfiguration": b.bucketError(func() *fake.Error {
			return s3err(http.StatusNotFound, "ObjectLockConfigurationNotFoundError",
				"Object Lock configuration does not exist for this bucket")
		}),
		// S3 API Reference, PutObjectLegalHold and PutObjectRetention:
		// they need a bucket with Object Lock, which the fake's never
		// have.
		"GetObjectLegalHold": b.bucketError(errNoObjectLock),
		"PutObjectLegalHold": b.bucketError(errNoObjectLock),
		"GetObjectRetention": b.bucketError(errNoObjectLock),
		"PutObjectRetention": b.bucketError(errNoObjectLock),

		"GetBucketAccelerateConfiguration":   b.bucketDocument(emptyDoc("AccelerateConfiguration")),
		"GetBucketLogging":                   b.bucketDocument(emptyDoc("BucketLoggingStatus")),
		"GetBucketNotificationConfiguration": b.bucketDocument(emptyDoc("NotificationConfiguration")),

		"GetBucketRequestPayment": b.getRequestPayment,
		"PutBucketRequestPayment": b.putRequestPayment,
	}
	for _, kind := range []struct{ name, list string }{
		{"Analytics", "ListBucketAnalyticsConfigurationResult"},
		{"Metrics", "ListMetricsConfigurationsResult"},
		{"Inventory", "ListInventoryConfigurationsResult"},
		{"IntelligentTiering", "ListBucketIntelligentTieringConfigurationsOutput"},
	} {
		ops["GetBucket"+kind.name+"Configuration"] = b.bucketError(errNoSuchConfiguration)
		ops["DeleteBucket"+kind.name+"Configuration"] = b.bucketError(errNoSuchConfiguration)
		ops["ListBucket"+kind.name+"Configurations"] = b.bucketDocument(emptyList(kind.list))
	}
	return ops
}

func errReplicationNotFound() *fake.Error {
	return s3err(http.StatusNotFound, "ReplicationConfigurationNotFoundError", "The replication configuration was not found")
}

func errNoObjectLock() *fake.Error {
	return s3err(http.StatusBadRequest, "InvalidRequest", "Bucket is missing Object Lock Configuration")
}

func errNoSuchConfiguration() *fake.Error {
	return s3err(http.StatusNotFound, "NoSuchConfiguration", "The specified configuration does not exist.")
}

// bucketExists checks that the caller's bucket is there.
func (b *Backend) bucketExists(r *fake.Request, t target) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	_, err := b.lookupBucket(r, t.bucket)
	return err
}

// bucketError answers the error fn makes, once the bucket is found; a
// bucket-level error names the bucket.
func (b *Backend) bucketError(fn func() *fake.Error) handler {
	return func(w http.ResponseWriter, r *fake.Request, t target) error {
		if err := b.bucketExists(r, t); err != nil {
			return err
		}
		e := fn()
		if e.Status == http.StatusNotFound {
			e.Extra = map[string]string{"BucketName": t.bucket}
		}
		return e
	}
}

// bucketStatus answers status without a body once the bucket is found.
func (b *Backend) bucketStatus(status int) handler {
	return func(w http.ResponseWriter, r *fake.Request, t target) error {
		if err := b.bucketExists(r, t); err != nil {
			return err
		}
		w.WriteHeader(status)
		return nil
	}
}

// bucketDocument answers doc once the bucket is found.
func (b *Backend) bucketDocument(doc any) handler {
	return func(w http.ResponseWriter, r *fake.Request, t target) error {
		if err := b.bucketExists(r, t); err != nil {
			return err
		}
		return writeXML(w, http.StatusOK, doc)
	}
}

// emptyDoc is an empty document named root, S3's answer for a
// configuration never set.
func emptyDoc(root string) any {
	return struct {
		XMLName xml.Name
		NS      string `xml:"xmlns,attr"`
	}{XMLName: xml.Name{Local: root}, NS: namespace}
}

// emptyList is an empty, complete list of configurations.
func emptyList(root string) any {
	return struct {
		XMLName     xml.Name
		NS          string `xml:"xmlns,attr"`
		IsTruncated bool
	}{XMLName: xml.Name{Local: root}, NS: namespace}
}

type requestPaymentXML struct {
	XMLName xml.Name `xml:"RequestPaymentConfiguration"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	Payer   string
}

// getRequestPayment serves GetBucketRequestPayment: BucketOwner unless
// the bucket was made Requester Pays.
func (b *Backend) getRequestPayment(w http.ResponseWriter, r *fake.Request, t target) error {
	var payer string
	if err := b.configWith(r, t, func(c *bucketConfig) { payer = c.payer }); err != nil {
		return err
	}
	if payer == "" {
		payer = "BucketOwner"
	}
	return writeXML(w, http.StatusOK, requestPaymentXML{NS: namespace, Payer: payer})
}

// putRequestPayment serves PutBucketRequestPayment. Only the owner can
// reach a bucket of the fake, and the owner never pays as a requester,
// so Requester changes no other answer.
func (b *Backend) putRequestPayment(w http.ResponseWriter, r *fake.Request, t target) error {
	var in requestPaymentXML
	if err := xml.Unmarshal(r.Body, &in); err != nil || in.Payer != "BucketOwner" && in.Payer != "Requester" {
		return errMalformedXML()
	}
	if err := b.configWith(r, t, func(c *bucketConfig) { c.payer = in.Payer }); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}
