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

// GrantOption gives grantees one permission through an x-amz-grant-*
// header. It is a PutOption, a BucketOption and a CopyOption, and
// SetGrants takes it. Several GrantOptions of one permission add up.
// In a bucket whose Object Ownership is BucketOwnerEnforced (the default
// for new buckets) S3 refuses grants with an error IsACLNotSupported
// matches.
type GrantOption struct {
	perm     Permission
	grantees []Grantee
}

// GrantRead lets the grantees read the object, or list the bucket
// (x-amz-grant-read).
func GrantRead(g ...Grantee) GrantOption { return GrantOption{Read, g} }

// GrantWrite lets the grantees write the bucket's objects
// (x-amz-grant-write). Objects take no WRITE grant; Put and Copy refuse it.
func GrantWrite(g ...Grantee) GrantOption { return GrantOption{Write, g} }

// GrantReadACP lets the grantees read the ACL (x-amz-grant-read-acp).
func GrantReadACP(g ...Grantee) GrantOption { return GrantOption{ReadACP, g} }

// GrantWriteACP lets the grantees replace the ACL (x-amz-grant-write-acp).
func GrantWriteACP(g ...Grantee) GrantOption { return GrantOption{WriteACP, g} }

// GrantFullControl gives the grantees every permission
// (x-amz-grant-full-control).
func GrantFullControl(g ...Grantee) GrantOption { return GrantOption{FullControl, g} }

// grantHeaders points at the x-amz-grant-* fields of one SDK input; nil
// where the operation has no such header.
type grantHeaders struct{ full, read, write, readACP, writeACP **string }

// apply adds g's grantees to the header of its permission, which check
// has made sure exists.
func (g GrantOption) apply(h grantHeaders) {
	var p **string
	switch g.perm {
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
		return
	}
	v := g.header()
	if *p != nil {
		v = **p + ", " + v
	}
	*p = aws.String(v)
}

// header is the grantee list as S3 takes it in a grant header:
// id="...", emailAddress="...", uri="...".
func (g GrantOption) header() string {
	parts := make([]string, len(g.grantees))
	for i, e := range g.grantees {
		switch e.Type {
		case CanonicalUser:
			parts[i] = `id="` + e.ID + `"`
		case Email:
			parts[i] = `emailAddress="` + e.Email + `"`
		case Group:
			parts[i] = `uri="` + e.URI + `"`
		}
	}
	return strings.Join(parts, ", ")
}

// check validates g; object says it is for an object, which takes no
// WRITE grant.
func (g GrantOption) check(object bool) error {
	switch g.perm {
	case FullControl, Read, ReadACP, WriteACP:
	case Write:
		if object {
			return goboto.Invalid("Grant.Permission", string(Write), "objects take FULL_CONTROL, READ, READ_ACP or WRITE_ACP grants")
		}
	default:
		return goboto.Invalid("Grant.Permission", string(g.perm), "FULL_CONTROL, READ, WRITE, READ_ACP or WRITE_ACP")
	}
	if len(g.grantees) == 0 {
		return goboto.Invalid("Grantee", "", "a grant names at least one grantee")
	}
	for _, e := range g.grantees {
		if err := validGrantee(e); err != nil {
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

// checkGrants validates the GrantOptions among opts, which may be of any
// option type.
func checkGrants[O any](opts []O, object bool) error {
	for _, o := range opts {
		if g, ok := any(o).(GrantOption); ok {
			if err := g.check(object); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g GrantOption) applyPut(in *s3.PutObjectInput) {
	g.apply(grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead, readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
}

func (g GrantOption) applyBucket(in *s3.CreateBucketInput) {
	g.apply(grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead, write: &in.GrantWrite,
		readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
}

func (g GrantOption) applyCopy(in *s3.CopyObjectInput) {
	g.apply(grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead, readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
}

// SetGrants replaces the bucket's whole ACL with the grants
// (PutBucketAcl with x-amz-grant-* headers). The owner keeps only what
// the grants give it, so include GrantFullControl(UserGrantee(ownerID))
// to keep control. A bucket that does not allow ACLs refuses it with an
// error IsACLNotSupported matches.
func (b *Bucket) SetGrants(ctx context.Context, grants ...GrantOption) error {
	if err := b.check(); err != nil {
		return err
	}
	if err := needGrants(grants, false); err != nil {
		return err
	}
	in := &s3.PutBucketAclInput{Bucket: aws.String(b.Name)}
	for _, g := range grants {
		g.apply(grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead, write: &in.GrantWrite,
			readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
	}
	_, err := b.client().PutBucketAcl(ctx, in)
	return core.Error(err)
}

// SetGrants replaces the object's whole ACL with the grants (PutObjectAcl
// with x-amz-grant-* headers). See Bucket.SetGrants.
func (k *Key) SetGrants(ctx context.Context, grants ...GrantOption) error {
	if err := k.check(); err != nil {
		return err
	}
	if err := needGrants(grants, true); err != nil {
		return err
	}
	in := &s3.PutObjectAclInput{Bucket: aws.String(k.Bucket().Name), Key: aws.String(k.Name)}
	for _, g := range grants {
		g.apply(grantHeaders{full: &in.GrantFullControl, read: &in.GrantRead,
			readACP: &in.GrantReadACP, writeACP: &in.GrantWriteACP})
	}
	_, err := k.client().PutObjectAcl(ctx, in)
	return core.Error(err)
}

// needGrants validates grants and refuses none at all, which would send
// an ACL request with neither body nor headers.
func needGrants(grants []GrantOption, object bool) error {
	if len(grants) == 0 {
		return goboto.Invalid("Grants", "", "at least one grant is required")
	}
	return checkGrants(grants, object)
}
