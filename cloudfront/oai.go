package cloudfront

import (
	"context"
	"iter"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// OriginAccessIdentity is a handle on a CloudFront origin access
// identity (OAI), the legacy way to let a distribution read a private S3
// bucket; origin access control (OriginAccessControl) is what AWS
// recommends now. Making one (Conn.OriginAccessIdentity) does no I/O;
// its exported fields are what CloudFront last answered.
type OriginAccessIdentity struct {
	conn *Conn

	ID string
	// CanonicalUserID is the identity's S3 canonical user ID, which S3
	// ACL grants and bucket policies ({"CanonicalUser": ...}) name it by.
	CanonicalUserID string
	Comment         string
	CallerReference string // GetCloudFrontOriginAccessIdentity(Config) only
	// ETag is the version last seen; SetComment and Delete send it as
	// If-Match.
	ETag string
}

// OriginAccessIdentityConfig is what CreateOriginAccessIdentity sends.
type OriginAccessIdentityConfig struct {
	Comment string
	// CallerReference makes the creation idempotent: a retried creation
	// with the same reference and comment answers the same identity.
	// Empty makes one up.
	CallerReference string
}

// OriginAccessIdentity returns a handle on identity id; it sends nothing.
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

// Ref is how an S3 origin names the identity (S3Origin.OriginAccessIdentity):
// "origin-access-identity/cloudfront/<ID>".
func (o *OriginAccessIdentity) Ref() string {
	if o == nil || o.ID == "" {
		return ""
	}
	return "origin-access-identity/cloudfront/" + o.ID
}

// ARN is the IAM ARN a bucket policy names the identity by, as
// {"AWS": ARN} (CloudFront Developer Guide, "Restricting access to an
// Amazon S3 origin"): "arn:aws:iam::cloudfront:user/CloudFront Origin
// Access Identity <ID>".
func (o *OriginAccessIdentity) ARN() string {
	if o == nil || o.ID == "" {
		return ""
	}
	return "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity " + o.ID
}

// oaiIDFromRef returns the ID of an S3 origin's
// "origin-access-identity/cloudfront/<ID>".
func oaiIDFromRef(ref string) string {
	id, _ := strings.CutPrefix(ref, "origin-access-identity/cloudfront/")
	return id
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
	o.ID, o.CanonicalUserID = aws.ToString(x.Id), aws.ToString(x.S3CanonicalUserId)
	o.setConfig(x.CloudFrontOriginAccessIdentityConfig, etag)
}

func (o *OriginAccessIdentity) setConfig(cfg *types.CloudFrontOriginAccessIdentityConfig, etag *string) {
	if cfg != nil {
		o.Comment, o.CallerReference = aws.ToString(cfg.Comment), aws.ToString(cfg.CallerReference)
	}
	if etag != nil {
		o.ETag = *etag
	}
}

// CreateOriginAccessIdentity creates an origin access identity
// (CreateCloudFrontOriginAccessIdentity). A comment longer than 128
// characters is refused before anything is sent (API Reference,
// CloudFrontOriginAccessIdentityConfig: "The comment cannot be longer
// than 128 characters").
func (c *Conn) CreateOriginAccessIdentity(ctx context.Context, cfg OriginAccessIdentityConfig) (*OriginAccessIdentity, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if err := checkComment(cfg.Comment); err != nil {
		return nil, err
	}
	if cfg.CallerReference == "" {
		cfg.CallerReference = newCallerReference()
	}
	out, err := client.CreateCloudFrontOriginAccessIdentity(ctx, &cloudfront.CreateCloudFrontOriginAccessIdentityInput{
		CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{
			CallerReference: aws.String(cfg.CallerReference), Comment: aws.String(cfg.Comment)}})
	if err != nil {
		return nil, convert(err)
	}
	o := &OriginAccessIdentity{conn: c}
	o.set(out.CloudFrontOriginAccessIdentity, out.ETag)
	return o, nil
}

func checkComment(s string) error {
	if n := len([]rune(s)); n > 128 {
		return goboto.Invalid("Comment", s[:32]+"...", "is longer than 128 characters")
	}
	return nil
}

// Refresh reads the identity (GetCloudFrontOriginAccessIdentity): its
// canonical user, comment and ETag. A missing identity is a
// *goboto.APIError with code NoSuchCloudFrontOriginAccessIdentity,
// goboto.IsNotFound true.
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

// RefreshConfig reads only the identity's configuration and ETag
// (GetCloudFrontOriginAccessIdentityConfig).
func (o *OriginAccessIdentity) RefreshConfig(ctx context.Context) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	out, err := client.GetCloudFrontOriginAccessIdentityConfig(ctx, &cloudfront.GetCloudFrontOriginAccessIdentityConfigInput{Id: aws.String(o.ID)})
	if err != nil {
		return convert(err)
	}
	o.setConfig(out.CloudFrontOriginAccessIdentityConfig, out.ETag)
	return nil
}

// SetComment changes the identity's comment
// (UpdateCloudFrontOriginAccessIdentity) with o.ETag as If-Match. It
// needs the ETag and CallerReference loaded (Refresh): without them it
// is a *goboto.ValidationError before anything is sent. If the identity
// changed since, CloudFront answers PreconditionFailed.
func (o *OriginAccessIdentity) SetComment(ctx context.Context, comment string) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	if err := checkComment(comment); err != nil {
		return err
	}
	if o.ETag == "" || o.CallerReference == "" {
		return goboto.Invalid("OriginAccessIdentity.ETag", o.ETag, "is not loaded: Refresh the identity before updating it")
	}
	out, err := client.UpdateCloudFrontOriginAccessIdentity(ctx, &cloudfront.UpdateCloudFrontOriginAccessIdentityInput{
		Id: aws.String(o.ID), IfMatch: aws.String(o.ETag),
		CloudFrontOriginAccessIdentityConfig: &types.CloudFrontOriginAccessIdentityConfig{
			CallerReference: aws.String(o.CallerReference), Comment: aws.String(comment)}})
	if err != nil {
		return convert(err)
	}
	o.set(out.CloudFrontOriginAccessIdentity, out.ETag)
	return nil
}

// Delete deletes the identity (DeleteCloudFrontOriginAccessIdentity)
// with o.ETag as If-Match, read first (Refresh) when none is loaded. An
// identity an origin still uses is CloudFrontOriginAccessIdentityInUse.
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
	_, err = client.DeleteCloudFrontOriginAccessIdentity(ctx, &cloudfront.DeleteCloudFrontOriginAccessIdentityInput{
		Id: aws.String(o.ID), IfMatch: aws.String(o.ETag)})
	return convert(err)
}

// OriginAccessIdentities lists the account's origin access identities
// (ListCloudFrontOriginAccessIdentities), one page per need, as handles
// with ID, canonical user and comment (no ETag).
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
				return &OriginAccessIdentity{conn: c, ID: aws.ToString(s.Id), CanonicalUserID: aws.ToString(s.S3CanonicalUserId), Comment: aws.ToString(s.Comment)}
			})
	}
}
