package cloudfront

import (
	"context"
	"iter"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// SigningBehavior says which origin requests CloudFront signs with
// origin access control (API Reference, OriginAccessControlConfig).
type SigningBehavior string

const (
	// SignAlways signs every request, replacing a viewer's Authorization
	// header: what AWS recommends.
	SignAlways SigningBehavior = "always"
	// SignNever signs nothing, which turns the control off.
	SignNever SigningBehavior = "never"
	// SignNoOverride signs a request unless the viewer sent an
	// Authorization header, which is passed on instead.
	SignNoOverride SigningBehavior = "no-override"
)

// OriginType is the kind of origin an origin access control signs for.
type OriginType string

// The origin types of the API (OriginAccessControlOriginTypes).
const (
	OriginTypeS3             OriginType = "s3"
	OriginTypeMediaStore     OriginType = "mediastore"
	OriginTypeMediaPackageV2 OriginType = "mediapackagev2"
	OriginTypeLambda         OriginType = "lambda"
)

// OriginAccessControl is a handle on an origin access control (OAC):
// CloudFront signs its requests to the origin with SigV4 as the service
// principal cloudfront.amazonaws.com, and the bucket policy allows that
// principal on the condition AWS:SourceArn is the distribution's ARN.
// Making one (Conn.OriginAccessControl) does no I/O; its exported fields
// are what CloudFront last answered, and Save sends them.
type OriginAccessControl struct {
	conn *Conn

	ID          string
	Name        string // unique in the account, up to 64 characters
	Description string
	Signing     SigningBehavior
	OriginType  OriginType
	// ETag is the version last seen; Save and Delete send it as If-Match.
	ETag string
}

// OriginAccessControlConfig is what CreateOriginAccessControl sends.
type OriginAccessControlConfig struct {
	Name        string // required, up to 64 characters
	Description string
	Signing     SigningBehavior // "": SignAlways
	OriginType  OriginType      // "": OriginTypeS3
}

// OriginAccessControl returns a handle on control id; it sends nothing.
func (c *Conn) OriginAccessControl(id string) *OriginAccessControl {
	return &OriginAccessControl{conn: c, ID: id}
}

// Conn returns the connection the handle uses.
func (o *OriginAccessControl) Conn() *Conn {
	if o == nil {
		return nil
	}
	return o.conn
}

func (o *OriginAccessControl) api() (*cloudfront.Client, error) {
	if o == nil {
		return nil, goboto.Invalid("OriginAccessControl", "", "is nil")
	}
	client, err := o.conn.api()
	if err != nil {
		return nil, err
	}
	if o.ID == "" {
		return nil, goboto.Invalid("OriginAccessControl.ID", "", "is empty")
	}
	return client, nil
}

// v2 checks cfg and builds the API's configuration (sigv4 is the only
// signing protocol).
func (cfg OriginAccessControlConfig) v2() (*types.OriginAccessControlConfig, error) {
	if cfg.Signing == "" {
		cfg.Signing = SignAlways
	}
	if cfg.OriginType == "" {
		cfg.OriginType = OriginTypeS3
	}
	if n := len([]rune(cfg.Name)); n == 0 || n > 64 {
		return nil, goboto.Invalid("OriginAccessControl.Name", cfg.Name, "must be 1 to 64 characters ("+strconv.Itoa(n)+")")
	}
	switch cfg.Signing {
	case SignAlways, SignNever, SignNoOverride:
	default:
		return nil, goboto.Invalid("OriginAccessControl.Signing", string(cfg.Signing), "must be always, never or no-override")
	}
	switch cfg.OriginType {
	case OriginTypeS3, OriginTypeMediaStore, OriginTypeMediaPackageV2, OriginTypeLambda:
	default:
		return nil, goboto.Invalid("OriginAccessControl.OriginType", string(cfg.OriginType), "must be s3, mediastore, mediapackagev2 or lambda")
	}
	out := &types.OriginAccessControlConfig{Name: aws.String(cfg.Name), SigningProtocol: types.OriginAccessControlSigningProtocolsSigv4,
		SigningBehavior: types.OriginAccessControlSigningBehaviors(cfg.Signing), OriginAccessControlOriginType: types.OriginAccessControlOriginTypes(cfg.OriginType)}
	if cfg.Description != "" {
		out.Description = aws.String(cfg.Description)
	}
	return out, nil
}

func (o *OriginAccessControl) setConfig(cfg *types.OriginAccessControlConfig, etag *string) {
	if cfg != nil {
		o.Name, o.Description = aws.ToString(cfg.Name), aws.ToString(cfg.Description)
		o.Signing, o.OriginType = SigningBehavior(cfg.SigningBehavior), OriginType(cfg.OriginAccessControlOriginType)
	}
	if etag != nil {
		o.ETag = *etag
	}
}

func (o *OriginAccessControl) set(x *types.OriginAccessControl, etag *string) {
	if x != nil {
		o.ID = aws.ToString(x.Id)
		o.setConfig(x.OriginAccessControlConfig, etag)
	}
}

// CreateOriginAccessControl creates an origin access control
// (CreateOriginAccessControl) after checking cfg.
func (c *Conn) CreateOriginAccessControl(ctx context.Context, cfg OriginAccessControlConfig) (*OriginAccessControl, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	in, err := cfg.v2()
	if err != nil {
		return nil, err
	}
	out, err := client.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: in})
	if err != nil {
		return nil, convert(err)
	}
	o := &OriginAccessControl{conn: c}
	o.set(out.OriginAccessControl, out.ETag)
	return o, nil
}

// Refresh reads the control (GetOriginAccessControl). A missing one is
// a *goboto.APIError with code NoSuchOriginAccessControl, goboto.IsNotFound
// true.
func (o *OriginAccessControl) Refresh(ctx context.Context) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	out, err := client.GetOriginAccessControl(ctx, &cloudfront.GetOriginAccessControlInput{Id: aws.String(o.ID)})
	if err != nil {
		return convert(err)
	}
	o.set(out.OriginAccessControl, out.ETag)
	return nil
}

// RefreshConfig reads only the control's configuration and ETag
// (GetOriginAccessControlConfig).
func (o *OriginAccessControl) RefreshConfig(ctx context.Context) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	out, err := client.GetOriginAccessControlConfig(ctx, &cloudfront.GetOriginAccessControlConfigInput{Id: aws.String(o.ID)})
	if err != nil {
		return convert(err)
	}
	o.setConfig(out.OriginAccessControlConfig, out.ETag)
	return nil
}

// Save sends the handle's Name, Description, Signing and OriginType
// (UpdateOriginAccessControl) with o.ETag as If-Match. Without a loaded
// ETag it is a *goboto.ValidationError before anything is sent.
func (o *OriginAccessControl) Save(ctx context.Context) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	if o.ETag == "" {
		return goboto.Invalid("OriginAccessControl.ETag", "", "is not loaded: Refresh the control before saving it")
	}
	in, err := OriginAccessControlConfig{Name: o.Name, Description: o.Description, Signing: o.Signing, OriginType: o.OriginType}.v2()
	if err != nil {
		return err
	}
	out, err := client.UpdateOriginAccessControl(ctx, &cloudfront.UpdateOriginAccessControlInput{Id: aws.String(o.ID),
		IfMatch: aws.String(o.ETag), OriginAccessControlConfig: in})
	if err != nil {
		return convert(err)
	}
	o.set(out.OriginAccessControl, out.ETag)
	return nil
}

// Delete deletes the control (DeleteOriginAccessControl) with o.ETag as
// If-Match, read first when none is loaded. A control an origin still
// uses is OriginAccessControlInUse.
func (o *OriginAccessControl) Delete(ctx context.Context) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	if o.ETag == "" {
		if err := o.Refresh(ctx); err != nil {
			return err
		}
	}
	_, err = client.DeleteOriginAccessControl(ctx, &cloudfront.DeleteOriginAccessControlInput{Id: aws.String(o.ID), IfMatch: aws.String(o.ETag)})
	return convert(err)
}

// Attach makes origin originID of d use the control, dropping the
// origin's OAI (an origin cannot have both), by read-modify-write
// (Distribution.Update). An origin d does not have is a
// *goboto.ValidationError, nothing sent after the read.
func (o *OriginAccessControl) Attach(ctx context.Context, d *Distribution, originID string) error {
	if _, err := o.api(); err != nil {
		return err
	}
	return d.Update(ctx, func(cfg *DistributionConfig) error {
		for i := range cfg.Origins {
			if cfg.Origins[i].ID == originID {
				cfg.Origins[i].OriginAccessControlID = o.ID
				if cfg.Origins[i].S3 != nil {
					cfg.Origins[i].S3.OriginAccessIdentity = ""
				}
				return nil
			}
		}
		return goboto.Invalid("originID", originID, "is no origin of distribution "+d.ID)
	})
}

// OriginAccessControls lists the account's origin access controls
// (ListOriginAccessControls), one page per need, as handles (no ETag).
func (c *Conn) OriginAccessControls(ctx context.Context, opts ...ListOption) iter.Seq2[*OriginAccessControl, error] {
	return func(yield func(*OriginAccessControl, error) bool) {
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
		p := cloudfront.NewListOriginAccessControlsPaginator(client, &cloudfront.ListOriginAccessControlsInput{MaxItems: o.maxItems()})
		core.Each(ctx, yield, p.HasMorePages,
			func(ctx context.Context) (*cloudfront.ListOriginAccessControlsOutput, error) { return p.NextPage(ctx) },
			func(out *cloudfront.ListOriginAccessControlsOutput) []types.OriginAccessControlSummary {
				if out.OriginAccessControlList == nil {
					return nil
				}
				return out.OriginAccessControlList.Items
			},
			func(s types.OriginAccessControlSummary) *OriginAccessControl {
				return &OriginAccessControl{conn: c, ID: aws.ToString(s.Id), Name: aws.ToString(s.Name), Description: aws.ToString(s.Description),
					Signing: SigningBehavior(s.SigningBehavior), OriginType: OriginType(s.OriginAccessControlOriginType)}
			})
	}
}
