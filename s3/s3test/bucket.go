package s3test

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"net/http"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/goboto/goboto/internal/fake"
)

// bucket is one S3 bucket. The Backend's lock guards it.
type bucket struct {
	name, owner, region string
	created             time.Time
	objects             map[string]*object   // current version of each key (versions.go)
	history             map[string][]*object // older versions and delete markers, newest first
	uploads             map[string]*upload   // upload ID -> multipart upload
	ownership           string               // ObjectOwnership; "" after DeleteBucketOwnershipControls
	acl                 *accessPolicy        // nil: the owner has FULL_CONTROL
	pab                 *publicAccessBlock   // nil: none configured
	config              bucketConfig         // versioning, policy, CORS, lifecycle, website (config.go)
}

// hostID stands in for S3's x-amz-id-2: opaque base64 tied to the request.
func hostID(requestID string) string {
	return base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(requestID, "-", "")))
}

// validBucketName applies S3's general purpose bucket naming rules.
func validBucketName(name string) bool {
	if len(name) < 3 || len(name) > 63 || strings.Contains(name, "..") {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if !alnum && c != '.' && c != '-' {
			return false
		}
		if (i == 0 || i == len(name)-1) && !alnum {
			return false
		}
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return false
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return false
		}
	}
	return true
}

// lookupBucket returns the caller's bucket. A bucket of another account is
// AccessDenied: only the reads of access.go (lookupReadable) honour the
// bucket policies and ACLs that grant others access. The lock must be
// held.
func (b *Backend) lookupBucket(r *fake.Request, name string) (*bucket, error) {
	bk, ok := b.buckets[name]
	if !ok {
		return nil, errNoSuchBucket(name)
	}
	if bk.owner != r.Account() {
		return nil, errAccessDenied()
	}
	// x-amz-expected-bucket-owner guards against writing to a bucket
	// another account took over: S3 answers 403 when it names another
	// account.
	if want := r.HTTP.Header.Get("X-Amz-Expected-Bucket-Owner"); want != "" && want != bk.owner {
		return nil, errAccessDenied()
	}
	return bk, nil
}

type createBucketConfiguration struct {
	LocationConstraint string
	// Directory buckets' Location and Bucket settings: refused, since
	// the fake makes only general purpose buckets.
	Location *struct{ Name, Type string }
	Bucket   *struct{ DataRedundancy, Type string }
}

// createBucket serves CreateBucket, with x-amz-object-ownership and an
// ACL from x-amz-acl or x-amz-grant-*, which a BucketOwnerEnforced bucket
// (the default) refuses unless it grants the owner alone.
func (b *Backend) createBucket(w http.ResponseWriter, r *fake.Request, t target) error {
	if !validBucketName(t.bucket) {
		return errInvalidBucketName(t.bucket)
	}
	if v := r.HTTP.Header.Get("X-Amz-Bucket-Object-Lock-Enabled"); v != "" && v != "false" {
		// The fake has no Object Lock; a bucket made without it would
		// quietly lack the protection asked for.
		return errNotImplemented()
	}
	var cfg createBucketConfiguration
	if len(bytes.TrimSpace(r.Body)) > 0 {
		if err := xml.Unmarshal(r.Body, &cfg); err != nil {
			return errMalformedXML()
		}
		if cfg.Location != nil {
			return errUnimplementedElement("Location")
		}
		if cfg.Bucket != nil {
			return errUnimplementedElement("Bucket")
		}
	}
	region, err := bucketRegion(r.Region, cfg.LocationConstraint)
	if err != nil {
		return err
	}
	ownership := ownershipEnforced
	switch own := r.HTTP.Header.Get("X-Amz-Object-Ownership"); own {
	case "":
	case "BucketOwnerPreferred", "ObjectWriter", ownershipEnforced:
		ownership = own
	default:
		return errInvalidArgument("Invalid x-amz-object-ownership header: "+own, "x-amz-object-ownership", own)
	}
	acl, err := aclFromHeaders(r, r.Account())
	if err != nil {
		return err
	}
	if acl != nil && ownership == ownershipEnforced && !acl.ownerOnly(r.Account()) {
		return errBucketACLEnforced()
	}
	if acl != nil && acl.public() {
		// A new bucket's public access block is all on (newBucketPAB),
		// and BlockPublicAcls refuses a public ACL on CreateBucket too.
		return errBucketACLBlocked()
	}
	err = b.locked(func() error {
		if bk, ok := b.buckets[t.bucket]; ok {
			if bk.owner != r.Account() {
				e := s3err(http.StatusConflict, "BucketAlreadyExists",
					"The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.")
				e.Extra = map[string]string{"BucketName": t.bucket}
				return e
			}
			// us-east-1 answers 200 to its owner for legacy compatibility.
			if !(bk.region == "us-east-1" && region == "us-east-1") {
				e := s3err(http.StatusConflict, "BucketAlreadyOwnedByYou",
					"Your previous request to create the named bucket succeeded and you already own it.")
				e.Extra = map[string]string{"BucketName": t.bucket}
				return e
			}
			return nil
		}
		b.buckets[t.bucket] = &bucket{name: t.bucket, owner: r.Account(), region: region,
			created: r.Now.UTC().Truncate(time.Millisecond), objects: map[string]*object{}, uploads: map[string]*upload{},
			ownership: ownership, pab: newBucketPAB(), acl: acl}
		return nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/"+t.bucket)
	w.WriteHeader(http.StatusOK)
	return nil
}

// bucketRegion decides a new bucket's region from the request's region and
// its LocationConstraint, as S3 does: us-east-1 takes no constraint (or
// any other region's), elsewhere the constraint must name the region.
func bucketRegion(reqRegion, constraint string) (string, error) {
	if reqRegion == "us-east-1" {
		switch constraint {
		case "":
			return "us-east-1", nil
		case "us-east-1":
			e := s3err(http.StatusBadRequest, "InvalidLocationConstraint", "The specified location-constraint is not valid")
			e.Extra = map[string]string{"LocationConstraint": constraint}
			return "", e
		}
		return constraint, nil
	}
	if constraint == reqRegion {
		return constraint, nil
	}
	name := constraint
	if name == "" {
		name = "unspecified"
	}
	return "", s3err(http.StatusBadRequest, "IllegalLocationConstraintException",
		"The "+name+" location constraint is incompatible for the region specific endpoint this request was sent to.")
}

// deleteBucket serves DeleteBucket.
func (b *Backend) deleteBucket(w http.ResponseWriter, r *fake.Request, t target) error {
	err := b.locked(func() error {
		bk, err := b.lookupBucket(r, t.bucket)
		if err != nil {
			return err
		}
		if len(bk.objects) > 0 || len(bk.history) > 0 {
			e := s3err(http.StatusConflict, "BucketNotEmpty", "The bucket you tried to delete is not empty")
			e.Extra = map[string]string{"BucketName": t.bucket}
			return e
		}
		for _, u := range bk.uploads {
			u.release()
		}
		delete(b.buckets, t.bucket)
		return nil
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// headBucket serves HeadBucket: 200 with x-amz-bucket-region, or an error
// status without a body.
func (b *Backend) headBucket(w http.ResponseWriter, r *fake.Request, t target) error {
	b.mu.RLock()
	bk, err := b.lookupBucket(r, t.bucket)
	var region string
	if err == nil {
		region = bk.region
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	w.Header().Set("x-amz-bucket-region", region)
	w.WriteHeader(http.StatusOK)
	return nil
}

// getBucketLocation serves GetBucketLocation; us-east-1 is written as an
// empty LocationConstraint.
func (b *Backend) getBucketLocation(w http.ResponseWriter, r *fake.Request, t target) error {
	b.mu.RLock()
	bk, err := b.lookupBucket(r, t.bucket)
	var region string
	if err == nil {
		region = bk.region
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	if region == "us-east-1" {
		region = ""
	}
	return writeXML(w, http.StatusOK, struct {
		XMLName xml.Name `xml:"LocationConstraint"`
		NS      string   `xml:"xmlns,attr"`
		Region  string   `xml:",chardata"`
	}{NS: namespace, Region: region})
}

type bucketXML struct {
	Name         string
	CreationDate string
	BucketRegion string
}

// listBuckets serves ListBuckets: the caller's buckets by name, narrowed
// by prefix and bucket-region and paged by max-buckets (1-10,000) and
// continuation-token, as the S3 API Reference describes ListBuckets. The
// token is the last name of the page, base64-encoded.
func (b *Backend) listBuckets(w http.ResponseWriter, r *fake.Request, _ target) error {
	q := r.HTTP.URL.Query()
	prefix, region := q.Get("prefix"), q.Get("bucket-region")
	limit := 0
	if v := q.Get("max-buckets"); q.Has("max-buckets") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return errInvalidArgument("max-buckets must be between 1 and 10000", "max-buckets", v)
		}
		limit = n
	}
	after := ""
	if tok := q.Get("continuation-token"); q.Has("continuation-token") {
		name, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(name) == 0 {
			return errInvalidArgument("The continuation token provided is incorrect", "continuation-token", tok)
		}
		after = string(name)
	}
	b.mu.RLock()
	var list []bucketXML
	for _, bk := range b.buckets {
		if bk.owner == r.Account() && strings.HasPrefix(bk.name, prefix) && (region == "" || bk.region == region) && bk.name > after {
			list = append(list, bucketXML{bk.name, isoTime(bk.created), bk.region})
		}
	}
	b.mu.RUnlock()
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	next := ""
	if limit > 0 && len(list) > limit {
		list = list[:limit]
		next = base64.RawURLEncoding.EncodeToString([]byte(list[limit-1].Name))
	}
	// S3 stopped returning DisplayName in November 2025 (S3 API
	// Reference, Owner); the ID stays.
	type owner struct{ ID string }
	return writeXML(w, http.StatusOK, struct {
		XMLName           xml.Name    `xml:"ListAllMyBucketsResult"`
		NS                string      `xml:"xmlns,attr"`
		Owner             owner       `xml:"Owner"`
		Buckets           []bucketXML `xml:"Buckets>Bucket"`
		ContinuationToken string      `xml:"ContinuationToken,omitempty"`
		Prefix            string      `xml:"Prefix,omitempty"`
	}{NS: namespace, Owner: owner{ownerID(r.Account())}, Buckets: list, ContinuationToken: next, Prefix: prefix})
}

// ownerID is the canonical user ID the fake gives an account.
func ownerID(account string) string {
	return strings.Repeat("0", 64-len(account)) + account
}
