package cloudfront

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// OACConfig is an origin access control's configuration.
type OACConfig struct {
	Name        string // 1-64 characters, unique in the account
	Description string
	// SigningBehavior is when CloudFront signs its requests to the
	// origin: "always" (the default), "never" or "no-override".
	SigningBehavior string
	// OriginType is the kind of origin: "s3" (the default),
	// "mediastore", "mediapackagev2" or "lambda".
	OriginType string
}

func (c OACConfig) check() error {
	if c.Name == "" || len(c.Name) > 64 {
		return goboto.Invalid("Name", c.Name, "must be 1-64 characters")
	}
	switch c.SigningBehavior {
	case "", "always", "never", "no-override":
	default:
		return goboto.Invalid("SigningBehavior", c.SigningBehavior, "must be always, never or no-override")
	}
	switch c.OriginType {
	case "", "s3", "mediastore", "mediapackagev2", "lambda":
	default:
		return goboto.Invalid("OriginType", c.OriginType, "must be s3, mediastore, mediapackagev2 or lambda")
	}
	return nil
}

func (c OACConfig) v2() *types.OriginAccessControlConfig {
	sb, ot := c.SigningBehavior, c.OriginType
	if sb == "" {
		sb = "always"
	}
	if ot == "" {
		ot = "s3"
	}
	return &types.OriginAccessControlConfig{Name: aws.String(c.Name), Description: aws.String(c.Description),
		SigningProtocol: types.OriginAccessControlSigningProtocolsSigv4, SigningBehavior: types.OriginAccessControlSigningBehaviors(sb),
		OriginAccessControlOriginType: types.OriginAccessControlOriginTypes(ot)}
}

// OriginAccessControl is a handle on an origin access control (OAC): it
// makes CloudFront sign its requests to the origin (SigV4 as the service
// principal cloudfront.amazonaws.com), so an S3 bucket policy can admit
// the distribution and nobody else.
type OriginAccessControl struct {
	conn *Conn

	ID     string
	ETag   string
	Config OACConfig
}

// OriginAccessControl returns a handle on OAC id; it sends nothing.
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

func (o *OriginAccessControl) set(x *types.OriginAccessControl, etag *string) {
	if x == nil {
		return
	}
	o.ID = aws.ToString(x.Id)
	if c := x.OriginAccessControlConfig; c != nil {
		o.Config = OACConfig{Name: aws.ToString(c.Name), Description: aws.ToString(c.Description),
			SigningBehavior: string(c.SigningBehavior), OriginType: string(c.OriginAccessControlOriginType)}
	}
	if etag != nil {
		o.ETag = *etag
	}
}

// CreateOriginAccessControl creates an OAC (CreateOriginAccessControl);
// a name the account already has is OriginAccessControlAlreadyExists.
func (c *Conn) CreateOriginAccessControl(ctx context.Context, cfg OACConfig) (*OriginAccessControl, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	out, err := client.CreateOriginAccessControl(ctx, &cloudfront.CreateOriginAccessControlInput{OriginAccessControlConfig: cfg.v2()})
	if err != nil {
		return nil, convert(err)
	}
	o := &OriginAccessControl{conn: c}
	o.set(out.OriginAccessControl, out.ETag)
	return o, nil
}

// Refresh reads the OAC (GetOriginAccessControl); a missing one is
// NoSuchOriginAccessControl.
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

// Update changes the OAC by read-modify-write (GetOriginAccessControl,
// edit, UpdateOriginAccessControl with If-Match), retried on
// PreconditionFailed.
func (o *OriginAccessControl) Update(ctx context.Context, edit func(*OACConfig) error) error {
	client, err := o.api()
	if err != nil {
		return err
	}
	if edit == nil {
		return goboto.Invalid("edit", "", "is nil")
	}
	return retryPrecondition(func() error {
		if err := o.Refresh(ctx); err != nil {
			return err
		}
		cfg := o.Config
		if err := edit(&cfg); err != nil {
			return err
		}
		if err := cfg.check(); err != nil {
			return err
		}
		out, err := client.UpdateOriginAccessControl(ctx, &cloudfront.UpdateOriginAccessControlInput{Id: aws.String(o.ID),
			IfMatch: aws.String(o.ETag), OriginAccessControlConfig: cfg.v2()})
		if err != nil {
			return convert(err)
		}
		o.set(out.OriginAccessControl, out.ETag)
		return nil
	})
}

// Attach makes origin originID of distribution d use the OAC
// (UpdateDistribution, read-modify-write), removing the origin's OAI,
// since an origin cannot have both.
func (o *OriginAccessControl) Attach(ctx context.Context, d *Distribution, originID string) error {
	if _, err := o.api(); err != nil {
		return err
	}
	if _, err := d.api(); err != nil {
		return err
	}
	return d.Update(ctx, func(c *DistributionConfig) error {
		for i := range c.Origins {
			if c.Origins[i].ID == originID {
				c.Origins[i].OriginAccessControlID = o.ID
				if c.Origins[i].S3 != nil {
					c.Origins[i].S3.OriginAccessIdentity = ""
				}
				return nil
			}
		}
		return goboto.Invalid("originID", originID, "names no origin of distribution "+d.ID)
	})
}

// Delete deletes the OAC (DeleteOriginAccessControl) with the handle's
// ETag, read first when none is loaded; one an origin uses is
// OriginAccessControlInUse.
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

// OriginAccessControls lists the account's OACs
// (ListOriginAccessControls), one page per need.
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
				return &OriginAccessControl{conn: c, ID: aws.ToString(s.Id), Config: OACConfig{Name: aws.ToString(s.Name),
					Description: aws.ToString(s.Description), SigningBehavior: string(s.SigningBehavior), OriginType: string(s.OriginAccessControlOriginType)}}
			})
	}
}
