package s3

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// CannedACL names one of S3's predefined ACLs.
type CannedACL string

// The canned ACLs. Buckets take all but the bucket-owner-* ones, which are
// for objects.
const (
	Private                CannedACL = "private"
	PublicRead             CannedACL = "public-read"
	PublicReadWrite        CannedACL = "public-read-write"
	AuthenticatedRead      CannedACL = "authenticated-read"
	AWSExecRead            CannedACL = "aws-exec-read"
	LogDeliveryWrite       CannedACL = "log-delivery-write"
	BucketOwnerRead        CannedACL = "bucket-owner-read"
	BucketOwnerFullControl CannedACL = "bucket-owner-full-control"
)

var cannedACLs = []CannedACL{Private, PublicRead, PublicReadWrite, AuthenticatedRead, AWSExecRead,
	LogDeliveryWrite, BucketOwnerRead, BucketOwnerFullControl}

// GranteeType says who a grant is to.
type GranteeType string

// The kinds of grantee.
const (
	CanonicalUser GranteeType = "CanonicalUser"
	Email         GranteeType = "AmazonCustomerByEmail"
	Group         GranteeType = "Group"
)

// Permission is what a grant allows.
type Permission string

// The permissions a grant can give.
const (
	FullControl Permission = "FULL_CONTROL"
	Read        Permission = "READ"
	Write       Permission = "WRITE"
	ReadACP     Permission = "READ_ACP"
	WriteACP    Permission = "WRITE_ACP"
)

var permissions = []Permission{FullControl, Read, Write, ReadACP, WriteACP}

// The URIs of the predefined groups a Group grantee names, under S3's
// own names. They are ACL grantees, not a sharing audience: goboto's
// word for "every AWS account" in Share and Unshare is goboto.Everyone,
// and S3 has no Share. AllUsers is anyone at all, signed or not, which
// is more than goboto.Everyone; AuthenticatedUsers is any AWS account.
const (
	AllUsers           = "http://acs.amazonaws.com/groups/global/AllUsers"
	AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	LogDelivery        = "http://acs.amazonaws.com/groups/s3/LogDelivery"
)

// AccessControlPolicy is a bucket's or object's ACL: its owner and the
// grants. (The name ACL is taken by the CreateBucket option.)
type AccessControlPolicy struct {
	Owner  Owner
	Grants []Grant
}

// Owner is the canonical user owning a bucket or object. S3 stopped
// returning display names in November 2025; the canonical ID is all
// there is.
type Owner struct {
	ID string
}

// Grant gives a grantee one permission.
type Grant struct {
	Grantee    Grantee
	Permission Permission
}

// Grantee is who a grant is to: a canonical user (ID), an AWS account by
// e-mail address (Email) or a predefined group (URI).
type Grantee struct {
	Type  GranteeType
	ID    string
	Email string
	URI   string
}

// IsACLNotSupported reports whether err is S3 refusing an ACL because the
// bucket's Object Ownership is "bucket owner enforced", which disables
// ACLs. Writes of objects and ACLs get AccessControlListNotSupported;
// CreateBucket with an ACL or grants (enforced is the default for new
// buckets), and enforcing ownership on a bucket whose ACL grants others,
// get InvalidBucketAclWithObjectOwnership for the same reason.
func IsACLNotSupported(err error) bool {
	var ae *goboto.APIError
	return errors.As(err, &ae) && (ae.Code == "AccessControlListNotSupported" || ae.Code == "InvalidBucketAclWithObjectOwnership")
}

func validCanned(acl CannedACL) error {
	if !slices.Contains(cannedACLs, acl) {
		return goboto.Invalid("CannedACL", string(acl), "one of "+joinCanned())
	}
	return nil
}

func joinCanned() string {
	s := make([]string, len(cannedACLs))
	for i, c := range cannedACLs {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// toSDK validates p and converts it to the SDK's shape.
func (p *AccessControlPolicy) toSDK() (*types.AccessControlPolicy, error) {
	if p == nil {
		return nil, goboto.Invalid("AccessControlPolicy", "nil", "must not be nil")
	}
	if p.Owner.ID == "" {
		return nil, goboto.Invalid("Owner.ID", "", "must be the owner's canonical user ID")
	}
	out := &types.AccessControlPolicy{Owner: &types.Owner{ID: aws.String(p.Owner.ID)}}
	for _, g := range p.Grants {
		if !slices.Contains(permissions, g.Permission) {
			return nil, goboto.Invalid("Grant.Permission", string(g.Permission), "FULL_CONTROL, READ, WRITE, READ_ACP or WRITE_ACP")
		}
		e := g.Grantee
		sg := &types.Grantee{Type: types.Type(e.Type)}
		switch e.Type {
		case CanonicalUser:
			if e.ID == "" || e.Email != "" || e.URI != "" {
				return nil, goboto.Invalid("Grantee.ID", e.ID, "a CanonicalUser grantee has an ID and nothing else")
			}
			sg.ID = aws.String(e.ID)
		case Email:
			if e.Email == "" || e.ID != "" || e.URI != "" {
				return nil, goboto.Invalid("Grantee.Email", e.Email, "an AmazonCustomerByEmail grantee has an Email and nothing else")
			}
			sg.EmailAddress = aws.String(e.Email)
		case Group:
			if e.URI != AllUsers && e.URI != AuthenticatedUsers && e.URI != LogDelivery || e.ID != "" || e.Email != "" {
				return nil, goboto.Invalid("Grantee.URI", e.URI, "a Group grantee has the URI of AllUsers, AuthenticatedUsers or LogDelivery")
			}
			sg.URI = aws.String(e.URI)
		default:
			return nil, goboto.Invalid("Grantee.Type", string(e.Type), "CanonicalUser, AmazonCustomerByEmail or Group")
		}
		out.Grants = append(out.Grants, types.Grant{Grantee: sg, Permission: types.Permission(g.Permission)})
	}
	return out, nil
}

func fromSDK(owner *types.Owner, grants []types.Grant) *AccessControlPolicy {
	p := &AccessControlPolicy{}
	if owner != nil {
		p.Owner = Owner{ID: aws.ToString(owner.ID)}
	}
	for _, g := range grants {
		var e Grantee
		if g.Grantee != nil {
			e = Grantee{Type: GranteeType(g.Grantee.Type), ID: aws.ToString(g.Grantee.ID),
				Email: aws.ToString(g.Grantee.EmailAddress), URI: aws.ToString(g.Grantee.URI)}
		}
		p.Grants = append(p.Grants, Grant{Grantee: e, Permission: Permission(g.Permission)})
	}
	return p
}

// ACL returns the bucket's ACL (GetBucketAcl).
func (b *Bucket) ACL(ctx context.Context) (*AccessControlPolicy, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	out, err := b.client().GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(b.Name)})
	if err != nil {
		return nil, core.Error(err)
	}
	return fromSDK(out.Owner, out.Grants), nil
}

// SetACL replaces the bucket's ACL with p (PutBucketAcl). A bucket whose
// Object Ownership is BucketOwnerEnforced refuses it with an error
// IsACLNotSupported matches.
func (b *Bucket) SetACL(ctx context.Context, p *AccessControlPolicy) error {
	if err := b.check(); err != nil {
		return err
	}
	acp, err := p.toSDK()
	if err != nil {
		return err
	}
	_, err = b.client().PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b.Name), AccessControlPolicy: acp})
	return core.Error(err)
}

// SetCannedACL replaces the bucket's ACL with a canned one (PutBucketAcl
// with x-amz-acl). See SetACL for buckets that do not allow ACLs.
func (b *Bucket) SetCannedACL(ctx context.Context, acl CannedACL) error {
	if err := b.check(); err != nil {
		return err
	}
	if err := validCanned(acl); err != nil {
		return err
	}
	_, err := b.client().PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b.Name), ACL: types.BucketCannedACL(acl)})
	return core.Error(err)
}

// ACL returns the object's ACL (GetObjectAcl).
func (k *Key) ACL(ctx context.Context) (*AccessControlPolicy, error) {
	if err := k.check(); err != nil {
		return nil, err
	}
	out, err := k.client().GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name)})
	if err != nil {
		return nil, core.Error(err)
	}
	return fromSDK(out.Owner, out.Grants), nil
}

// SetACL replaces the object's ACL with p (PutObjectAcl). In a bucket that
// does not allow ACLs the error is one IsACLNotSupported matches.
func (k *Key) SetACL(ctx context.Context, p *AccessControlPolicy) error {
	if err := k.check(); err != nil {
		return err
	}
	acp, err := p.toSDK()
	if err != nil {
		return err
	}
	_, err = k.client().PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name), AccessControlPolicy: acp})
	return core.Error(err)
}

// SetCannedACL replaces the object's ACL with a canned one (PutObjectAcl
// with x-amz-acl).
func (k *Key) SetCannedACL(ctx context.Context, acl CannedACL) error {
	if err := k.check(); err != nil {
		return err
	}
	if err := validCanned(acl); err != nil {
		return err
	}
	_, err := k.client().PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name), ACL: types.ObjectCannedACL(acl)})
	return core.Error(err)
}
