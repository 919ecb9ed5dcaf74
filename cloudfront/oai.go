package cloudfront

import (
	"context"
	"errors"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// OriginAccessIdentity is a handle on a CloudFront origin access
// identity (OAI): the legacy way to let a distribution, and nobody else,
// read an S3 bucket. Origin access control (OriginAccessControl) is what
// AWS recommends now. The exported fields are what CloudFront last
// answered.
type OriginAccessIdentity struct {
	conn *Conn

	ID string
	// S3CanonicalUserID is the canonical user S3 ACLs and bucket
	// policies grant the OAI access by.
	S3CanonicalUserID string
	Comment           string
	CallerReference   string
	ETag              string
}

// OriginAccessIdentity returns a handle on OAI id; it sends nothing.
func (c *Conn) OriginAccessIdentity(id string) *OriginAccessIdentity {
	return &OriginAccessIdentity{conn: c, ID: id}
}

// Conn returns the connection the handle uses.
func (o *OriginAccessIdentity) Conn() *Conn {
	if o == nil {
		return nil
	}
	return o.conn
}

// Path is how an S3 origin names the OAI:
// "origin-access-identity/cloudfront/<ID>" (S3Origin.OriginAccessIdentity).
func (o *OriginAccessIdentity) Path() string {
	if o == nil || o.ID == "" {
		return ""
	}
	return "origin-access-identity/cloudfront/" + o.ID
}

func (o *OriginAccessIdentity) api() (*cloudfront.Client, error) {
	if o == nil {
		return nil, goboto.Invalid("OriginAccessIdentity", "", "is nil")
	}
	client, err := o.conn.api()
	if err != nil {
		return nil, err
	}
	if o.ID == "" {
		return nil, goboto.Invalid("OriginAccessIdentity.ID", "", "is empty")
	}
	return client, nil
}

func (o *OriginAccessIdentity) set(x *types.CloudFrontOriginAccessIdentity, etag *string) {
	if x == nil {
		return
	}
	o.ID, o.S3CanonicalUserID = aws.ToString(x.Id), aws.ToString(x.S3CanonicalUserId)
	if c := x.CloudFrontOriginAccessIdentityConfig; c != nil {
		o.Comment, o.CallerReference = aws.ToString(c.Comment), aws.ToString(c.CallerReference)
	}
	if etag != nil {
		o.ETag = *etag
	}
}

// CreateOriginAccessIdentity creates an OAI with comment
// (CreateCloudFrontOriginAccessIdentity), with a made-up caller
// reference.
func (c *Conn) CreateOriginAccessIdentity(ctx context.Context, comment string) (*OriginAccessIdentity, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if len(comment) > MaxComment {
		return nil, goboto.Invalid("Comment", comment, "is longer than 128 characters")
	}
	out, err := client.CreateCloudFrontOriginAccessIdentity(ctx, &cloudfront.CreateCloudFrontOriginAccessIdentityInput{
		CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{
			CallerReference: aws.String(newCallerReference()), Comment: aws.String(comment)}})
	if err != nil {
		return nil, convert(err)
	}
	o := &OriginAccessIdentity{conn: c}
	o.set(out.CloudFrontOriginAccessIdentity, out.ETag)
	return o, nil
}

// Refresh reads the OAI (GetCloudFrontOriginAccessIdentity); a missing
// one is NoSuchCloudFrontOriginAccessIdentity, goboto.IsNotFound true.
func (o *OriginAccessIdentity) Refresh(ctx context.Context) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	out, err := client.GetCloudFrontOriginAccessIdentity(ctx, &cloudfront.GetCloudFrontOriginAccessIdentityInput{Id: aws.String(o.ID)})
	if err != nil {
		return convert(err)
	}
	o.set(out.CloudFrontOriginAccessIdentity, out.ETag)
	return nil
}

// SetComment changes the OAI's comment (UpdateCloudFrontOriginAccessIdentity),
// reading its current ETag and configuration first and retrying on
// PreconditionFailed.
func (o *OriginAccessIdentity) SetComment(ctx context.Context, comment string) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	if len(comment) > MaxComment {
		return goboto.Invalid("Comment", comment, "is longer than 128 characters")
	}
	return retryPrecondition(func() error {
		if err := o.Refresh(ctx); err != nil {
			return err
		}
		out, err := client.UpdateCloudFrontOriginAccessIdentity(ctx, &cloudfront.UpdateCloudFrontOriginAccessIdentityInput{Id: aws.String(o.ID),
			IfMatch: aws.String(o.ETag), CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{
				CallerReference: aws.String(o.CallerReference), Comment: aws.String(comment)}})
		if err != nil {
			return convert(err)
		}
		o.set(out.CloudFrontOriginAccessIdentity, out.ETag)
		return nil
	})
}

// Delete deletes the OAI (DeleteCloudFrontOriginAccessIdentity) with the
// handle's ETag, read first when none is loaded. An OAI an origin still
// names is CloudFrontOriginAccessIdentityInUse.
func (o *OriginAccessIdentity) Delete(ctx context.Context) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	if o.ETag == "" {
		if err := o.Refresh(ctx); err != nil {
			return err
		}
	}
	_, err = client.DeleteCloudFrontOriginAccessIdentity(ctx, &cloudfront.DeleteCloudFrontOriginAccessIdentityInput{Id: aws.String(o.ID), IfMatch: aws.String(o.ETag)})
	return convert(err)
}

// OriginAccessIdentities lists the account's OAIs
// (ListCloudFrontOriginAccessIdentities), one page per need.
func (c *Conn) OriginAccessIdentities(ctx context.Context, opts ...ListOption) iter.Seq2[*OriginAccessIdentity, error] {
	return func(yield func(*OriginAccessIdentity, error) bool) {
		client, err := c.api()
		if err != nil {
			yield(nil, err)
			return
		}
		o, err := listOptions(opts)
		if err != nil {
			yield(nil, err)
			return
		}
		p := cloudfront.NewListCloudFrontOriginAccessIdentitiesPaginator(client, &cloudfront.ListCloudFrontOriginAccessIdentitiesInput{MaxItems: o.maxItems()})
		core.Each(ctx, yield, p.HasMorePages,
			func(ctx context.Context) (*cloudfront.ListCloudFrontOriginAccessIdentitiesOutput, error) {
				return p.NextPage(ctx)
			},
			func(out *cloudfront.ListCloudFrontOriginAccessIdentitiesOutput) []types.CloudFrontOriginAccessIdentitySummary {
				if out.CloudFrontOriginAccessIdentityList == nil {
					return nil
				}
				return out.CloudFrontOriginAccessIdentityList.Items
			},
			func(s types.CloudFrontOriginAccessIdentitySummary) *OriginAccessIdentity {
				return &OriginAccessIdentity{conn: c, ID: aws.ToString(s.Id), S3CanonicalUserID: aws.ToString(s.S3CanonicalUserId), Comment: aws.ToString(s.Comment)}
			})
	}
}

// retryPrecondition runs attempt until it does not fail with
// PreconditionFailed, at most updateAttempts times: each attempt reads
// the resource's current ETag before it writes.
func retryPrecondition(attempt func() error) error {
	var err error
	for range updateAttempts {
		err = attempt()
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "PreconditionFailed" {
			return err
		}
	}
	return err
}
