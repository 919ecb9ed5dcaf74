package s3test

import (
	"github.com/goboto/goboto/internal/fake"
)

// Reads from outside a bucket owner's account: anonymous (unsigned)
// requests, and signed requests of other accounts. S3 lets them read
// when the bucket policy or an ACL grants it and the bucket's public
// access block does not stop it (Amazon S3 User Guide, "Blocking public
// access to your Amazon S3 storage", "Access control list (ACL)
// overview", "Bucket policy examples", "Controlling ownership of objects
// and disabling ACLs for your bucket"):
//
//   - A bucket policy Allow names them by Principal "*" or {"AWS": "*"}
//     (anyone, anonymous included) or by their account; an explicit Deny
//     wins over every Allow and every ACL grant. With
//     RestrictPublicBuckets, a bucket whose policy is public grants
//     nobody outside the owner's account anything through it.
//   - An ACL grant to AllUsers (anyone), AuthenticatedUsers (any signed
//     request, from any account) or the requester's canonical user ID
//     grants its permission; FULL_CONTROL grants them all. With
//     IgnorePublicAcls the AllUsers and AuthenticatedUsers grants are
//     ignored; with Object Ownership BucketOwnerEnforced every ACL is.
//   - Object READ (or s3:GetObject, s3:GetObjectVersion with a
//     versionId) reads the object with GetObject and HeadObject; bucket
//     READ (or s3:ListBucket, s3:ListBucketVersions) lists it.
//
// Everything else from outside the account stays AccessDenied: the fake
// grants no writes and no ACL or configuration reads to other accounts
// or to anonymous requests, whatever the ACL or policy says. The owner's
// own requests are never limited by its bucket policy.

// anonymousAllowed reports whether an unsigned request for op may reach
// its handler, which decides by the bucket's policy and ACLs; every
// other unsigned request is AccessDenied at once.
func anonymousAllowed(op string) bool {
	switch op {
	case "PostObject", "GetObject", "HeadObject", "ListObjects", "ListObjectsV2", "ListObjectVersions":
		return true
	}
	return false
}

// guest is a requester reading a bucket of another account.
type guest struct {
	bk         *bucket
	who        requester
	statements []statement
}

// lookupReadable is lookupBucket for a read a requester outside the
// owner's account may be allowed: for the owner it is lookupBucket and g
// is nil; for anyone else a missing bucket is NoSuchBucket, as S3
// answers anyone, and g says what they may do. The lock must be held.
func (b *Backend) lookupReadable(r *fake.Request, name string) (bk *bucket, g *guest, err error) {
	bk, ok := b.buckets[name]
	if !ok || bk.owner == r.Account() {
		bk, err = b.lookupBucket(r, name)
		return bk, nil, err
	}
	if want := r.HTTP.Header.Get("X-Amz-Expected-Bucket-Owner"); want != "" && want != bk.owner {
		return nil, nil, errAccessDenied()
	}
	who := requester{account: r.Account(), principal: principalOf(r)}
	return bk, &guest{bk: bk, who: who, statements: parseStatements(bk.config.policy)}, nil
}

// may reports whether g may do action on resource, which acl (the
// object's or the bucket's; nil grants the owner alone) may grant with
// permission perm.
func (g *guest) may(action, resource string, acl *accessPolicy, perm string) bool {
	pab := g.bk.pab
	// RestrictPublicBuckets leaves "AWS service principals and
	// authorized users within the bucket owner's account" their access
	// ("Blocking public access to your Amazon S3 storage").
	restricted := pab != nil && pab.RestrictPublicBuckets && publicPolicy(g.statements) &&
		(g.who.principal == nil || g.who.principal.Service == "")
	switch evaluate(g.statements, g.who, action, resource, restricted) {
	case policyDeny:
		return false
	case policyAllow:
		return true
	}
	return g.aclGrants(acl, perm)
}

// aclGrants reports whether acl grants g perm.
func (g *guest) aclGrants(acl *accessPolicy, perm string) bool {
	if acl == nil || g.bk.ownership == ownershipEnforced {
		return false
	}
	ignorePublic := g.bk.pab != nil && g.bk.pab.IgnorePublicAcls
	signed := g.who.account != "" || g.who.principal != nil
	for _, gr := range acl.Grants {
		if gr.Permission != perm && gr.Permission != "FULL_CONTROL" {
			continue
		}
		e := gr.Grantee
		switch {
		case e.InType == "Group" && e.URI == allUsers:
			if !ignorePublic {
				return true
			}
		case e.InType == "Group" && e.URI == authenticatedUsers:
			if !ignorePublic && signed {
				return true
			}
		case e.InType == "CanonicalUser":
			if g.who.account != "" && e.ID == ownerID(g.who.account) ||
				g.who.principal != nil && g.who.principal.CanonicalUser != "" && e.ID == g.who.principal.CanonicalUser {
				return true
			}
		}
	}
	return false
}

// mayList reports whether g may list the bucket with action
// (s3:ListBucket or s3:ListBucketVersions).
func (g *guest) mayList(action string) bool {
	return g.may(action, bucketARN(g.bk.name), g.bk.acl, "READ")
}

func bucketARN(name string) string        { return "arn:aws:s3:::" + name }
func objectARN(bucket, key string) string { return "arn:aws:s3:::" + bucket + "/" + key }

// readVersion returns version id ("" for the latest) of bucketName/key
// as getVersion does. With action "" only the owner may read it; with
// s3:GetObject or s3:GetObjectVersion, so may a requester the bucket's
// policy or the version's ACL allows. For such a requester a missing
// key or version is AccessDenied unless it may list the bucket (S3 API
// Reference, GetObject: "If you don't have the s3:ListBucket
// permission, Amazon S3 returns an HTTP status code 403 Access Denied
// error"), and no delete marker is revealed.
func (b *Backend) readVersion(r *fake.Request, bucketName, key, id, action string) (o, marker *object, versioned bool, err error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	var bk *bucket
	var g *guest
	if action == "" {
		bk, err = b.lookupBucket(r, bucketName)
	} else {
		bk, g, err = b.lookupReadable(r, bucketName)
	}
	if err != nil {
		return nil, nil, false, err
	}
	o, marker, err = bk.findVersion(key, id, r.HTTP.Method)
	if g != nil {
		if err != nil && !g.mayList("s3:ListBucket") || err == nil && !g.may(action, objectARN(bucketName, key), o.acl, "READ") {
			return nil, nil, false, errAccessDenied()
		}
	}
	if err != nil {
		return nil, marker, bk.versioned(), err
	}
	o.body.retain()
	return o, nil, bk.versioned(), nil
}

// getAction is the policy action of a GetObject or HeadObject.
func getAction(versionID string) string {
	if versionID != "" {
		return "s3:GetObjectVersion"
	}
	return "s3:GetObject"
}
