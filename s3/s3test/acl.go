package s3test

import (
	"bytes"
	"encoding/xml"
	"net/http"

	"github.com/goboto/goboto/internal/fake"
)

// aclOps returns the handlers of the access-control operations: ACLs,
// ownership controls and the public access block.
//
// New buckets start as S3's do: Object Ownership BucketOwnerEnforced (ACLs
// disabled) and all four public access block settings on. Where the fake
// differs: grants to e-mail addresses are kept as sent (S3 turns them into
// canonical users, and refuses unknown addresses); objects always belong
// to the bucket owner; BlockPublicPolicy does not refuse public bucket
// policies. BlockPublicAcls refuses public ACLs as they are set;
// IgnorePublicAcls and RestrictPublicBuckets limit the reads of
// access.go.
func (b *Backend) aclOps() map[string]handler {
	return map[string]handler{
		"GetBucketAcl":                  b.getBucketACL,
		"PutBucketAcl":                  b.putBucketACL,
		"GetObjectAcl":                  b.getObjectACL,
		"PutObjectAcl":                  b.putObjectACL,
		"GetBucketOwnershipControls":    b.getOwnership,
		"PutBucketOwnershipControls":    b.putOwnership,
		"DeleteBucketOwnershipControls": b.deleteOwnership,
		"GetPublicAccessBlock":          b.getPublicAccessBlock,
		"PutPublicAccessBlock":          b.putPublicAccessBlock,
		"DeletePublicAccessBlock":       b.deletePublicAccessBlock,
	}
}

// getBucketACL serves GetBucketAcl.
func (b *Backend) getBucketACL(w http.ResponseWriter, r *fake.Request, t target) error {
	b.mu.RLock()
	bk, err := b.lookupBucket(r, t.bucket)
	var p *accessPolicy
	if err == nil {
		p = bk.acl
	}
	b.mu.RUnlock()
	if err != nil {
		return err
	}
	return writeACL(w, p, bk.owner)
}

// putBucketACL serves PutBucketAcl.
func (b *Backend) putBucketACL(w http.ResponseWriter, r *fake.Request, t target) error {
	err := b.locked(func() error {
		bk, err := b.lookupBucket(r, t.bucket)
		if err != nil {
			return err
		}
		p, err := requestACL(r, bk)
		if err != nil {
			return err
		}
		bk.acl = p
		return nil
	})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// getObjectACL serves GetObjectAcl, of the version versionId names or
// the latest.
func (b *Backend) getObjectACL(w http.ResponseWriter, r *fake.Request, t target) error {
	o, _, _, err := b.getVersion(r, t.bucket, t.key, r.HTTP.URL.Query().Get("versionId"))
	if err != nil {
		return err
	}
	o.body.release()
	return writeACL(w, o.acl, r.Account())
}

// putObjectACL serves PutObjectAcl, of the version versionId names or
// the latest. Objects are never changed in place, so the version is
// replaced by a copy with the new ACL.
func (b *Backend) putObjectACL(w http.ResponseWriter, r *fake.Request, t target) error {
	if err := b.withObjectVersion(w, r, t, func(bk *bucket, o *object) (*object, error) {
		p, err := requestACL(r, bk)
		if err != nil {
			return nil, err
		}
		c := *o
		c.acl = p
		return &c, nil
	}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// requestACL reads the ACL a Put*Acl request sets, from its x-amz-acl or
// x-amz-grant-* headers or its AccessControlPolicy body, and refuses it
// when the bucket does not allow ACLs.
func requestACL(r *fake.Request, bk *bucket) (*accessPolicy, error) {
	p, err := aclFromHeaders(r, bk.owner)
	if err != nil {
		return nil, err
	}
	if p == nil {
		if len(bytes.TrimSpace(r.Body)) == 0 {
			return nil, errMalformedXML()
		}
		p = new(accessPolicy)
		if err := xml.Unmarshal(r.Body, p); err != nil {
			return nil, errMalformedXML()
		}
		if err := p.check(); err != nil {
			return nil, err
		}
	}
	return p, allowed(bk, p)
}

// cannedOnPut applies the x-amz-acl or x-amz-grant-* headers of
// PutObject or CreateMultipartUpload: nil when it has none, an error when
// the bucket does not allow the ACL.
func cannedOnPut(bk *bucket, r *fake.Request) (*accessPolicy, error) {
	p, err := aclFromHeaders(r, bk.owner)
	if p == nil || err != nil {
		return nil, err
	}
	return p, allowed(bk, p)
}

// writeACL answers an AccessControlPolicy: p, or the owner's FULL_CONTROL
// when p is nil.
func writeACL(w http.ResponseWriter, p *accessPolicy, owner string) error {
	if p == nil {
		p, _ = cannedPolicy("private", owner)
	}
	out := *p
	out.NS = namespace
	out.Owner = aclOwner{ID: ownerID(owner)}
	// A copy of the grants, so the stored policy is not changed, with the
	// type written once, as xsi:type: encoding/xml would write InType as a
	// second, namespaced type attribute, which botocore rejects as a
	// duplicate.
	out.Grants = append([]grant(nil), p.Grants...)
	for i := range out.Grants {
		g := &out.Grants[i].Grantee
		g.XSI, g.Type, g.InType = xsiNamespace, g.InType, ""
		g.DisplayName = "" // S3 stopped returning DisplayName in November 2025
	}
	return writeXML(w, http.StatusOK, &out)
}

// allowed refuses p when the bucket's Object Ownership disables ACLs, or
// when p is public and the bucket's public access block has
// BlockPublicAcls.
func allowed(bk *bucket, p *accessPolicy) error {
	if bk.ownership == ownershipEnforced && !p.ownerOnly(bk.owner) {
		return errACLNotSupported()
	}
	if bk.pab != nil && bk.pab.BlockPublicAcls && p.public() {
		return errAccessDenied()
	}
	return nil
}

func errACLNotSupported() *fake.Error {
	return s3err(http.StatusBadRequest, "AccessControlListNotSupported", "The bucket does not allow ACLs")
}
