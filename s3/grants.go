package s3

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// UserGrantee is the grantee that is the canonical user id.
func UserGrantee(id string) Grantee { return Grantee{Type: CanonicalUser, ID: id} }

// EmailGrantee is the grantee that is the AWS account with the e-mail
// address addr. S3 accepts these in a few regions only.
func EmailGrantee(addr string) Grantee { return Grantee{Type: Email, Email: addr} }

// GroupGrantee is the grantee that is a predefined group: AllUsers,
// AuthenticatedUsers or LogDelivery.
func GroupGrantee(uri string) Grantee { return Grantee{Type: Group, URI: uri} }

// GrantRead lets the grantee read the object, or list the bucket
// (x-amz-grant-read).
func GrantRead(g Grantee) Grant { return Grant{Grantee: g, Permission: Read} }

// GrantWrite lets the grantee write the bucket's objects
// (x-amz-grant-write). Objects take no WRITE grant; Put and Copy refuse it.
func GrantWrite(g Grantee) Grant { return Grant{Grantee: g, Permission: Write} }

// GrantReadACP lets the grantee read the ACL (x-amz-grant-read-acp).
func GrantReadACP(g Grantee) Grant { return Grant{Grantee: g, Permission: ReadACP} }

// GrantWriteACP lets the grantee replace the ACL (x-amz-grant-write-acp).
func GrantWriteACP(g Grantee) Grant { return Grant{Grantee: g, Permission: WriteACP} }

// GrantFullControl gives the grantee every permission
// (x-amz-grant-full-control).
func GrantFullControl(g Grantee) Grant { return Grant{Grantee: g, Permission: FullControl} }

// grantHeaders points at the x-amz-grant-* fields of one SDK input; nil
// where the operation has no such header.
type grantHeaders struct{ full, read, write, readACP, writeACP **string }

// applyGrants adds each grant's grantee to the header of its permission,
// in order, which checkGrants has made sure exists.
func applyGrants(grants []Grant, h grantHeaders) {
	for _, g := range grants {
		var p **string
		switch g.Permission {
		case FullControl:
			p = h.full
		case Read:
			p = h.read
		case Write:
			p = h.write
		case ReadACP:
			p = h.readACP
		case WriteACP:
			p = h.writeACP
		}
		if p == nil {
			continue
		}
		v := grantHeader(g.Grantee)
		if *p != nil {
			v = **p + ", " + v
		}
		*p = aws.String(v)
	}
}

// grantHeader is a grantee as S3 takes it in a grant header: id="...",
// emailAddress="..." or uri="...".
func grantHeader(e Grantee) string {
	switch e.Type {
	case CanonicalUser:
		return `id="` + e.ID + `"`
	case Email:
		return `emailAddress="` + e.Email + `"`
	}
	return `uri="` + e.URI + `"`
}

// checkGrants validates grants; object says they are for an object,
// which takes no WRITE grant.
func checkGrants(grants []Grant, object bool) error {
	for _, g := range grants {
		switch g.Permission {
		case FullControl, Read, ReadACP, WriteACP:
		case Write:
			if object {
				return goboto.Invalid("Grant.Permission", string(Write), "objects take FULL_CONTROL, READ, READ_ACP or WRITE_ACP grants")
			}
		default:
			return goboto.Invalid("Grant.Permission", string(g.Permission), "FULL_CONTROL, READ, WRITE, READ_ACP or WRITE_ACP")
		}
		if err := validGrantee(g.Grantee); err != nil {
			return err
		}
	}
	return nil
}

// validGrantee checks a grantee for a grant header, where a quote or a
// comma inside a value would end it early.
func validGrantee(e Grantee) error {
	const bad = "\",\r\n"
	switch e.Type {
	case CanonicalUser:
		if e.ID == "" || strings.ContainsAny(e.ID, bad) || e.Email != "" || e.URI != "" {
			return goboto.Invalid("Grantee.ID", e.ID, "a CanonicalUser grantee has a canonical user ID and nothing else")
		}
	case Email:
		if !strings.Contains(e.Email, "@") || strings.ContainsAny(e.Email, bad) || e.ID != "" || e.URI != "" {
			return goboto.Invalid("Grantee.Email", e.Email, "an AmazonCustomerByEmail grantee has an e-mail address and nothing else")
		}
	case Group:
		if e.URI != AllUsers && e.URI != AuthenticatedUsers && e.URI != LogDelivery || e.ID != "" || e.Email != "" {
			return goboto.Invalid("Grantee.URI", e.URI, "a Group grantee has the URI of AllUsers, AuthenticatedUsers or LogDelivery")
		}
	default:
		return goboto.Invalid("Grantee.Type", string(e.Type), "CanonicalUser, AmazonCustomerByEmail or Group")
	}
	return nil
}

// SetGrants replaces the bucket's whole ACL with the grants
// (PutBucketAcl with x-amz-grant-* headers). The owner keeps only what
// the grants give it, so include GrantFullControl(UserGrantee(ownerID))
// to keep control. A bucket that does not allow ACLs refuses it with an
// error IsACLNotSupported matches.
func (b *Bucket) SetGrants(ctx context.Context, grants ...Grant) error {
	if err := b.check(); err != nil {
		return err
	}
	if err := needGrants(grants, false); err != nil {
		return err
	}
	in := &s3.PutBucketAclInput{Bucket: aws.String(b.Name)}
	applyGrants(grants, grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead, write: &in.GrantWrite,
		readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
	_, err := b.client().PutBucketAcl(ctx, in)
	return core.Error(err)
}

// SetGrants replaces the object's whole ACL with the grants (PutObjectAcl
// with x-amz-grant-* headers). See Bucket.SetGrants.
func (k *Key) SetGrants(ctx context.Context, grants ...Grant) error {
	if err := k.check(); err != nil {
		return err
	}
	if err := needGrants(grants, true); err != nil {
		return err
	}
	in := &s3.PutObjectAclInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name)}
	applyGrants(grants, grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead,
		readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
	_, err := k.client().PutObjectAcl(ctx, in)
	return core.Error(err)
}

// needGrants validates grants and refuses none at all, which would send
// an ACL request with neither body nor headers.
func needGrants(grants []Grant, object bool) error {
	if len(grants) == 0 {
		return goboto.Invalid("Grants", "", "at least one grant is required")
	}
	return checkGrants(grants, object)
}
