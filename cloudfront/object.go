package cloudfront

import (
	"context"
	"errors"
	"io"
	"iter"
	"net/url"
	"strings"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/cloudfront/internal/pathpattern"
	"github.com/goboto/goboto/s3"
)

// AccessMethod says how AddObject or SetPermissions let a distribution
// read an object of its S3 origin.
type AccessMethod string

const (
	// PublicReadACL: the object's ACL grants AllUsers READ (a public
	// distribution on a bucket whose ACLs and Block Public Access allow it).
	PublicReadACL AccessMethod = "public-read ACL"
	// PublicReadPolicy: a bucket-policy statement lets anyone s3:GetObject
	// (a public distribution on a bucket with ACLs disabled whose Block
	// Public Access allows public policies).
	PublicReadPolicy AccessMethod = "public-read bucket policy"
	// OAIGrant: the object's ACL grants the origin access identity's
	// canonical user READ (ACLs enabled).
	OAIGrant AccessMethod = "OAI READ grant"
	// OAIPolicy: a bucket-policy statement lets the origin access
	// identity s3:GetObject (ACLs disabled).
	OAIPolicy AccessMethod = "OAI bucket policy"
	// OACPolicy: a bucket-policy statement lets the service principal
	// cloudfront.amazonaws.com s3:GetObject on the condition that
	// AWS:SourceArn is the distribution's ARN.
	OACPolicy AccessMethod = "OAC bucket policy"
	// NoAccess: the distribution is public but the bucket's Block Public
	// Access forbids both public ACLs and public policies, so nothing was
	// granted; the object is stored, and the distribution answers 403
	// for it until the bucket allows it.
	NoAccess AccessMethod = "none (Block Public Access)"
)

// AddOptions are the settings of AddObject, SetPermissions and
// SetPermissionsAll.
type AddOptions struct {
	// KeepGrants adds the grant to the object's ACL rather than replacing
	// the ACL with the owner's and the grant (boto's replace=False).
	// Bucket-policy methods always keep the other statements.
	KeepGrants bool
	// Put are the options the upload is made with (content type, ...).
	Put []s3.PutOption
}

// AddOption changes AddOptions.
type AddOption func(*AddOptions)

// KeepGrants keeps the object's other ACL grants (boto's replace=False);
// by default an ACL method replaces them, as boto's add_object did.
func KeepGrants() AddOption { return func(o *AddOptions) { o.KeepGrants = true } }

// WithPutOptions passes options to the upload (s3.Key.Put).
func WithPutOptions(opts ...s3.PutOption) AddOption {
	return func(o *AddOptions) { o.Put = append(o.Put, opts...) }
}

// Object is an object of a distribution's S3 origin, as the distribution
// serves it. Making one (Distribution.Object) does no I/O.
type Object struct {
	dist *Distribution
	Key  string
	// Access is how the last AddObject or SetPermissions let the
	// distribution read it; empty until then.
	Access AccessMethod
}

// Object returns the object key as the distribution serves it; it sends
// nothing.
func (d *Distribution) Object(key string) *Object { return &Object{dist: d, Key: key} }

// Distribution returns the distribution the object is served by.
func (o *Object) Distribution() *Distribution {
	if o == nil {
		return nil
	}
	return o.dist
}

// URL returns the object's URL on the distribution,
// "https://d111111abcdef8.cloudfront.net/key", each path segment of the
// key percent-encoded as a viewer sends it. It needs the distribution's
// DomainName (Refresh).
func (o *Object) URL() string {
	if o == nil || o.dist == nil {
		return ""
	}
	segs := strings.Split(o.Key, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return o.dist.URL(strings.Join(segs, "/"))
}

// origin is the S3 origin that serves a key, and how it is reached.
type origin struct {
	Origin
	bucket *s3.Bucket
}

// originFor returns the S3 origin whose behaviour serves key: the first
// behaviour whose path pattern matches "/"+key (CloudFront's order),
// else the default. It needs a loaded configuration (Refresh when none
// is).
func (d *Distribution) originFor(ctx context.Context, key string) (*origin, error) {
	if err := d.loaded(ctx); err != nil {
		return nil, err
	}
	patterns := make([]string, len(d.Config.Behaviors))
	for i, b := range d.Config.Behaviors {
		patterns[i] = b.PathPattern
	}
	target := d.Config.DefaultBehavior.TargetOriginID
	if i := pathpattern.Pick(patterns, "/"+key); i >= 0 {
		target = d.Config.Behaviors[i].TargetOriginID
	}
	return d.s3Origin(target)
}

// loaded reads the distribution unless its configuration and ARN are
// known.
func (d *Distribution) loaded(ctx context.Context) error {
	if _, err := d.api(); err != nil {
		return err
	}
	if d.Config == nil || d.ARN == "" {
		return d.Refresh(ctx)
	}
	return nil
}

// s3Origin returns origin target (an origin group's primary), which must
// be an S3 bucket, with an S3 connection for its bucket's region.
func (d *Distribution) s3Origin(target string) (*origin, error) {
	for _, g := range d.Config.OriginGroups {
		if g.ID == target {
			target = g.Primary
		}
	}
	for _, o := range d.Config.Origins {
		if o.ID != target {
			continue
		}
		name, region, ok := s3Domain(o.DomainName)
		if !ok || o.Custom != nil {
			return nil, goboto.Invalid("Origin.DomainName", o.DomainName, "is not an S3 bucket origin: AddObject writes to S3 origins only")
		}
		cfg := d.conn.cfg.Copy()
		if region != "" {
			cfg.Region = region
		}
		return &origin{Origin: o, bucket: s3.New(cfg, d.conn.opts...).Bucket(name)}, nil
	}
	return nil, goboto.Invalid("TargetOriginID", target, "names no origin of distribution "+d.ID)
}

// s3Domain reads an S3 REST endpoint's bucket and region:
// bucket.s3.amazonaws.com (no region), bucket.s3.<region>.amazonaws.com,
// bucket.s3-<region>.amazonaws.com, and the .com.cn forms. A website
// endpoint (s3-website) is a custom origin, not an S3 one.
func s3Domain(domain string) (bucket, region string, ok bool) {
	host := strings.TrimSuffix(strings.ToLower(domain), ".")
	host, found := strings.CutSuffix(host, ".amazonaws.com")
	if !found {
		if host, found = strings.CutSuffix(host, ".amazonaws.com.cn"); !found {
			return "", "", false
		}
	}
	i := strings.LastIndex(host, ".s3")
	if i <= 0 {
		return "", "", false
	}
	bucket, rest := host[:i], host[i+len(".s3"):]
	switch {
	case rest == "":
	case strings.HasPrefix(rest, "-website"), strings.HasPrefix(rest, ".website"):
		return "", "", false
	case strings.HasPrefix(rest, "."), strings.HasPrefix(rest, "-"):
		region = rest[1:]
		if region == "" || strings.Contains(region, ".") {
			return "", "", false
		}
	default:
		return "", "", false
	}
	return bucket, region, true
}

// AddObject uploads body as key to the S3 origin that serves key (by the
// distribution's behaviours) and lets the distribution read it
// (SetPermissions), reporting how in the Object's Access. It never fails
// merely because the bucket has ACLs disabled: it uses the bucket policy
// instead.
func (d *Distribution) AddObject(ctx context.Context, key string, body io.Reader, opts ...AddOption) (*Object, error) {
	o := addOptions(opts)
	obj := &Object{dist: d, Key: key}
	or, err := d.originFor(ctx, key)
	if err != nil {
		return nil, err
	}
	if err := or.bucket.Key(key).Put(ctx, body, o.Put...); err != nil {
		return nil, err
	}
	if obj.Access, err = d.grant(ctx, or, key, o); err != nil {
		return obj, err
	}
	return obj, nil
}

func addOptions(opts []AddOption) AddOptions {
	var o AddOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}

// SetPermissions lets the distribution read the object, deciding by the
// origin and the bucket as AddObject does:
//
//   - an origin with origin access control: a bucket-policy statement for
//     cloudfront.amazonaws.com conditioned on the distribution's ARN;
//   - an origin access identity: a READ grant to its canonical user when
//     the bucket's ACLs are enabled (the ACL replaced by the owner's and
//     the grant unless KeepGrants), else a bucket-policy statement for
//     the identity;
//   - a public origin: a public-read ACL when ACLs are enabled and Block
//     Public Access allows public ACLs, else a public bucket-policy
//     statement when it allows public policies, else nothing (NoAccess).
//
// Policy statements cover the whole bucket (arn:aws:s3:::bucket/*), as
// CloudFront's console writes them; adding one is idempotent and keeps
// the policy's other statements.
func (o *Object) SetPermissions(ctx context.Context, opts ...AddOption) (AccessMethod, error) {
	if o == nil || o.dist == nil {
		return "", goboto.Invalid("Object", "", "is not made by Distribution.Object")
	}
	or, err := o.dist.originFor(ctx, o.Key)
	if err != nil {
		return "", err
	}
	o.Access, err = o.dist.grant(ctx, or, o.Key, addOptions(opts))
	return o.Access, err
}

// SetPermissionsAll does SetPermissions for every object of the origin
// bucket that the default behaviour serves (Objects): one policy edit
// when the method is a bucket policy, one ACL write per key otherwise.
// It returns the method used.
func (d *Distribution) SetPermissionsAll(ctx context.Context, opts ...AddOption) (AccessMethod, error) {
	o := addOptions(opts)
	var method AccessMethod
	for obj, err := range d.Objects(ctx) {
		if err != nil {
			return method, err
		}
		or, err := d.originFor(ctx, obj.Key)
		if err != nil {
			return method, err
		}
		if method, err = d.grant(ctx, or, obj.Key, o); err != nil {
			return method, err
		}
		if method != PublicReadACL && method != OAIGrant {
			return method, nil // the policy covers every key
		}
	}
	return method, nil
}

// Objects lists the keys of the S3 bucket the default behaviour's origin
// is (ListObjectsV2), one page per need, as Objects of the distribution.
func (d *Distribution) Objects(ctx context.Context, opts ...s3.ListOption) iter.Seq2[*Object, error] {
	return func(yield func(*Object, error) bool) {
		if err := d.loaded(ctx); err != nil {
			yield(nil, err)
			return
		}
		or, err := d.s3Origin(d.Config.DefaultBehavior.TargetOriginID)
		if err != nil {
			yield(nil, err)
			return
		}
		for k, err := range or.bucket.Keys(ctx, opts...) {
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(&Object{dist: d, Key: k.Name}, nil) {
				return
			}
		}
	}
}

// grant lets d read key of or by the method the origin and the bucket
// call for.
func (d *Distribution) grant(ctx context.Context, or *origin, key string, o AddOptions) (AccessMethod, error) {
	b := or.bucket
	switch {
	case or.OriginAccessControlID != "":
		return OACPolicy, addStatement(ctx, b, oacStatement(b.Name, d.ARN, d.ID))
	case or.S3 != nil && or.S3.OriginAccessIdentity != "":
		id, _ := strings.CutPrefix(or.S3.OriginAccessIdentity, "origin-access-identity/cloudfront/")
		oai := d.conn.OriginAccessIdentity(id)
		acls, err := aclsEnabled(ctx, b)
		if err != nil {
			return "", err
		}
		if !acls {
			return OAIPolicy, addStatement(ctx, b, oaiStatement(b.Name, oai.ID, OAIPrincipalARN(oai.ID)))
		}
		if err := oai.Refresh(ctx); err != nil { // its canonical user
			return "", err
		}
		return OAIGrant, grantRead(ctx, b.Key(key), s3.UserGrantee(oai.S3CanonicalUserID), o.KeepGrants)
	}
	acls, err := aclsEnabled(ctx, b)
	if err != nil {
		return "", err
	}
	pab, err := publicAccessBlock(ctx, b)
	if err != nil {
		return "", err
	}
	switch {
	case acls && !pab.BlockPublicACLs && !pab.IgnorePublicACLs:
		return PublicReadACL, grantRead(ctx, b.Key(key), s3.GroupGrantee(s3.AllUsers), o.KeepGrants)
	case !pab.BlockPublicPolicy && !pab.RestrictPublicBuckets:
		return PublicReadPolicy, addStatement(ctx, b, publicStatement(b.Name))
	}
	return NoAccess, nil
}

// aclsEnabled reports whether the bucket's Object Ownership leaves ACLs
// in force: anything but BucketOwnerEnforced, and a bucket without
// ownership controls (made before April 2023).
func aclsEnabled(ctx context.Context, b *s3.Bucket) (bool, error) {
	own, err := b.ObjectOwnership(ctx)
	var ae *goboto.APIError
	if errors.As(err, &ae) && ae.Code == "OwnershipControlsNotFoundError" {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return own != s3.BucketOwnerEnforced, nil
}

// publicAccessBlock returns the bucket's Block Public Access, all off
// when it has none.
func publicAccessBlock(ctx context.Context, b *s3.Bucket) (s3.PublicAccessBlock, error) {
	p, err := b.PublicAccessBlock(ctx)
	var ae *goboto.APIError
	if errors.As(err, &ae) && ae.Code == "NoSuchPublicAccessBlockConfiguration" {
		return s3.PublicAccessBlock{}, nil
	}
	if err != nil {
		return s3.PublicAccessBlock{}, err
	}
	return *p, nil
}

// grantRead gives g READ on k: replacing the ACL with the owner's
// FULL_CONTROL and the grant, or, with keep, adding the grant to the
// ACL unless it is there.
func grantRead(ctx context.Context, k *s3.Key, g s3.Grantee, keep bool) error {
	acl, err := k.ACL(ctx)
	if err != nil {
		return err
	}
	want := s3.GrantRead(g)
	if !keep {
		acl.Grants = []s3.Grant{s3.GrantFullControl(s3.UserGrantee(acl.Owner.ID)), want}
		return k.SetACL(ctx, acl)
	}
	for _, have := range acl.Grants {
		if have == want {
			return nil
		}
	}
	acl.Grants = append(acl.Grants, want)
	return k.SetACL(ctx, acl)
}
