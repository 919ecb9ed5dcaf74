package cloudfront

import (
	"context"
	"errors"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// rtmpGone is the deprecation every streaming call carries.
//
// CloudFront API Reference, CreateStreamingDistribution: "This API is
// deprecated. Amazon CloudFront is deprecating real-time messaging
// protocol (RTMP) distributions on December 31, 2020." The Get, List,
// Update and Delete operations remain in the API for the distributions
// that exist.

// StreamingDistributionConfig is an RTMP distribution's configuration:
// one S3 bucket origin.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
type StreamingDistributionConfig struct {
	CallerReference string // made up by CreateStreamingDistribution when empty
	Comment         string
	Enabled         bool
	// Origin is the bucket's domain, "bucket.s3.amazonaws.com"; it cannot
	// change after creation.
	Origin               string
	OriginAccessIdentity string // "origin-access-identity/cloudfront/<ID>", or empty
	Aliases              []string
	TrustedSigners       []string // AWS account numbers or "self"
	PriceClass           PriceClass
	Logging              *Logging
	Tags                 map[string]string // at creation only

	raw *types.StreamingDistributionConfig
}

// StreamingDistribution is a handle on an RTMP distribution; its exported
// fields are what CloudFront last answered.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
type StreamingDistribution struct {
	conn *Conn

	ID, ARN, DomainName, Status string
	LastModified                time.Time
	ETag                        string
	Config                      *StreamingDistributionConfig
}

// StreamingObject is an object served by an RTMP distribution.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
type StreamingObject struct {
	dist *StreamingDistribution
	Key  string
}

// URL returns the object's RTMP URL, rtmp://<domain>/cfx/st/<key>, the
// form RTMP players were given (Developer Guide, "Configuring the media
// player": the cfx/st application).
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (o *StreamingObject) URL() string {
	if o == nil || o.dist == nil {
		return ""
	}
	return "rtmp://" + o.dist.DomainName + "/cfx/st/" + strings.TrimPrefix(o.Key, "/")
}

// Object returns the handle of key on the distribution; it sends nothing.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Object(key string) *StreamingObject {
	return &StreamingObject{dist: s, Key: key}
}

// StreamingDistribution returns a handle on streaming distribution id;
// it sends nothing.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (c *Conn) StreamingDistribution(id string) *StreamingDistribution {
	return &StreamingDistribution{conn: c, ID: id}
}

// Conn returns the connection the handle uses.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Conn() *Conn {
	if s == nil {
		return nil
	}
	return s.conn
}

func (s *StreamingDistribution) api() (*cloudfront.Client, error) {
	if s == nil {
		return nil, goboto.Invalid("StreamingDistribution", "", "is nil")
	}
	client, err := s.conn.api()
	if err != nil {
		return nil, err
	}
	if s.ID == "" {
		return nil, goboto.Invalid("StreamingDistribution.ID", "", "is empty")
	}
	return client, nil
}

func (s *StreamingDistribution) set(x *types.StreamingDistribution, etag *string) {
	if x == nil {
		return
	}
	s.ID, s.ARN, s.DomainName, s.Status = aws.ToString(x.Id), aws.ToString(x.ARN), aws.ToString(x.DomainName), aws.ToString(x.Status)
	s.LastModified = aws.ToTime(x.LastModifiedTime)
	if etag != nil {
		s.ETag = *etag
	}
	s.Config = streamingConfigFrom(x.StreamingDistributionConfig)
}

func streamingConfigFrom(raw *types.StreamingDistributionConfig) *StreamingDistributionConfig {
	if raw == nil {
		return nil
	}
	c := &StreamingDistributionConfig{CallerReference: aws.ToString(raw.CallerReference), Comment: aws.ToString(raw.Comment),
		Enabled: aws.ToBool(raw.Enabled), PriceClass: PriceClass(raw.PriceClass), raw: raw}
	if o := raw.S3Origin; o != nil {
		c.Origin, c.OriginAccessIdentity = aws.ToString(o.DomainName), aws.ToString(o.OriginAccessIdentity)
	}
	if raw.Aliases != nil {
		c.Aliases = slices.Clone(raw.Aliases.Items)
	}
	if raw.TrustedSigners != nil {
		c.TrustedSigners = slices.Clone(raw.TrustedSigners.Items)
	}
	if l := raw.Logging; l != nil && aws.ToBool(l.Enabled) {
		c.Logging = &Logging{Bucket: aws.ToString(l.Bucket), Prefix: aws.ToString(l.Prefix)}
	}
	return c
}

// Validate checks c before anything is sent: an S3 bucket origin
// (RTMP distributions take no custom origins), valid signers, aliases
// and comment, and a logging bucket's domain.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (c *StreamingDistributionConfig) Validate() error {
	if c == nil {
		return goboto.Invalid("StreamingDistributionConfig", "", "is nil")
	}
	if !strings.HasSuffix(c.Origin, ".s3.amazonaws.com") {
		return goboto.Invalid("Origin", c.Origin, "must be an S3 bucket's domain, <bucket>.s3.amazonaws.com")
	}
	if len(c.Comment) > MaxComment {
		return goboto.Invalid("Comment", c.Comment, "is longer than 128 characters")
	}
	if len(c.Aliases) > MaxAliases {
		return goboto.Invalid("Aliases", itoa(len(c.Aliases)), "more than 100 alternate domain names")
	}
	for _, s := range c.TrustedSigners {
		if s != "self" && (len(s) != 12 || strings.Trim(s, "0123456789") != "") {
			return goboto.Invalid("TrustedSigners", s, "must be self or a 12-digit AWS account number")
		}
	}
	if l := c.Logging; l != nil && !strings.HasSuffix(l.Bucket, ".s3.amazonaws.com") {
		return goboto.Invalid("Logging.Bucket", l.Bucket, "must be the bucket's domain, <bucket>.s3.amazonaws.com")
	}
	switch c.PriceClass {
	case "", PriceClassAll, PriceClass100, PriceClass200:
	default:
		return goboto.Invalid("PriceClass", string(c.PriceClass), "must be PriceClass_All, PriceClass_100 or PriceClass_200")
	}
	return checkTags(c.Tags)
}

func (c *StreamingDistributionConfig) v2() *types.StreamingDistributionConfig {
	out := &types.StreamingDistributionConfig{}
	if c.raw != nil {
		cp := *c.raw
		out = &cp
	}
	out.CallerReference, out.Comment, out.Enabled = aws.String(c.CallerReference), aws.String(c.Comment), aws.Bool(c.Enabled)
	out.S3Origin = &types.S3Origin{DomainName: aws.String(c.Origin), OriginAccessIdentity: aws.String(c.OriginAccessIdentity)}
	out.Aliases = &types.Aliases{Quantity: qty(c.Aliases), Items: c.Aliases}
	out.TrustedSigners = &types.TrustedSigners{Enabled: aws.Bool(len(c.TrustedSigners) > 0), Quantity: qty(c.TrustedSigners), Items: c.TrustedSigners}
	out.PriceClass = types.PriceClass(c.PriceClass)
	if c.PriceClass == "" {
		out.PriceClass = types.PriceClassPriceClassAll
	}
	out.Logging = &types.StreamingLoggingConfig{Enabled: aws.Bool(false), Bucket: aws.String(""), Prefix: aws.String("")}
	if l := c.Logging; l != nil {
		out.Logging = &types.StreamingLoggingConfig{Enabled: aws.Bool(true), Bucket: aws.String(l.Bucket), Prefix: aws.String(l.Prefix)}
	}
	return out
}

// CreateStreamingDistribution creates an RTMP distribution
// (CreateStreamingDistribution, or ...WithTags when cfg has Tags). AWS
// refuses it for every account since RTMP was discontinued; it is here
// for emulators and the fake's legacy mode (cloudfronttest
// WithLegacyStreaming). A CallerReference used before is
// StreamingDistributionAlreadyExists, whatever the configuration; unlike
// CreateDistribution, it does not look for the one that holds it.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (c *Conn) CreateStreamingDistribution(ctx context.Context, cfg StreamingDistributionConfig) (*StreamingDistribution, error) {
	client, err := c.api()
	if err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.CallerReference == "" {
		cfg.CallerReference = newCallerReference()
	}
	s := &StreamingDistribution{conn: c}
	if len(cfg.Tags) == 0 {
		out, err := client.CreateStreamingDistribution(ctx, &cloudfront.CreateStreamingDistributionInput{StreamingDistributionConfig: cfg.v2()})
		if err != nil {
			return nil, convert(err)
		}
		s.set(out.StreamingDistribution, out.ETag)
		return s, nil
	}
	out, err := client.CreateStreamingDistributionWithTags(ctx, &cloudfront.CreateStreamingDistributionWithTagsInput{
		StreamingDistributionConfigWithTags: &types.StreamingDistributionConfigWithTags{StreamingDistributionConfig: cfg.v2(), Tags: v2Tags(cfg.Tags)}})
	if err != nil {
		return nil, convert(err)
	}
	s.set(out.StreamingDistribution, out.ETag)
	return s, nil
}

// Refresh reads the streaming distribution (GetStreamingDistribution);
// a missing one is NoSuchStreamingDistribution, goboto.IsNotFound true.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Refresh(ctx context.Context) error {
	client, err := s.api()
	if err != nil {
		return err
	}
	out, err := client.GetStreamingDistribution(ctx, &cloudfront.GetStreamingDistributionInput{Id: aws.String(s.ID)})
	if err != nil {
		return convert(err)
	}
	s.set(out.StreamingDistribution, out.ETag)
	return nil
}

// Save sends s.Config (UpdateStreamingDistribution) with s.ETag as
// If-Match; without a loaded ETag it is a *goboto.ValidationError before
// anything is sent.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Save(ctx context.Context) error {
	client, err := s.api()
	if err != nil {
		return err
	}
	if s.ETag == "" || s.Config == nil {
		return goboto.Invalid("StreamingDistribution.ETag", "", "is not loaded: Refresh the distribution (or use Update) before saving")
	}
	if err := s.Config.Validate(); err != nil {
		return err
	}
	out, err := client.UpdateStreamingDistribution(ctx, &cloudfront.UpdateStreamingDistributionInput{Id: aws.String(s.ID),
		StreamingDistributionConfig: s.Config.v2(), IfMatch: aws.String(s.ETag)})
	if err != nil {
		return convert(err)
	}
	s.set(out.StreamingDistribution, out.ETag)
	return nil
}

// Update is read-modify-write (GetStreamingDistributionConfig, edit,
// UpdateStreamingDistribution with If-Match), retried up to 5 times on
// PreconditionFailed, as Distribution.Update.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Update(ctx context.Context, edit func(*StreamingDistributionConfig) error) error {
	client, err := s.api()
	if err != nil {
		return err
	}
	if edit == nil {
		return goboto.Invalid("edit", "", "is nil")
	}
	var last error
	for range updateAttempts {
		got, err := client.GetStreamingDistributionConfig(ctx, &cloudfront.GetStreamingDistributionConfigInput{Id: aws.String(s.ID)})
		if err != nil {
			return convert(err)
		}
		s.Config, s.ETag = streamingConfigFrom(got.StreamingDistributionConfig), aws.ToString(got.ETag)
		if err := edit(s.Config); err != nil {
			return err
		}
		err = s.Save(ctx)
		var ae *goboto.APIError
		if !errors.As(err, &ae) || ae.Code != "PreconditionFailed" {
			return err
		}
		last = err
	}
	return last
}

// Enable turns the streaming distribution on.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Enable(ctx context.Context) error {
	return s.Update(ctx, func(c *StreamingDistributionConfig) error { c.Enabled = true; return nil })
}

// Disable turns the streaming distribution off.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Disable(ctx context.Context) error {
	return s.Update(ctx, func(c *StreamingDistributionConfig) error { c.Enabled = false; return nil })
}

// Wait polls the streaming distribution (GetStreamingDistribution) until
// it is in state, with the defaults and options of Distribution.Wait.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Wait(ctx context.Context, state DistributionState, opts ...goboto.WaitOption) error {
	if _, err := s.api(); err != nil {
		return err
	}
	if state != DistributionDeployed && state != DistributionInProgress {
		return goboto.Invalid("State", string(state), "must be DistributionDeployed or DistributionInProgress")
	}
	return core.Wait{
		Service: "CloudFront", Resource: "streaming distribution", ID: s.ID, Want: string(state),
		Options: goboto.ApplyWait(waitDefaults(), opts...),
		Poll: func(ctx context.Context) (string, error) {
			if err := s.Refresh(ctx); err != nil {
				return "", err
			}
			return s.Status, nil
		},
	}.Run(ctx)
}

// Delete disables the streaming distribution if needed, waits for it to
// deploy (opts as Distribution.Delete) and deletes it
// (DeleteStreamingDistribution with the current ETag).
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (s *StreamingDistribution) Delete(ctx context.Context, opts ...goboto.WaitOption) error {
	client, err := s.api()
	if err != nil {
		return err
	}
	o := goboto.ApplyWait(waitDefaults(), opts...)
	if err := s.Refresh(ctx); err != nil {
		return err
	}
	if s.Config != nil && s.Config.Enabled {
		if o.Progress != nil {
			o.Progress("disabling", 0)
		}
		if err := s.Disable(ctx); err != nil {
			return err
		}
	}
	if err := s.Wait(ctx, DistributionDeployed, opts...); err != nil {
		return err
	}
	_, err = client.DeleteStreamingDistribution(ctx, &cloudfront.DeleteStreamingDistributionInput{Id: aws.String(s.ID), IfMatch: aws.String(s.ETag)})
	return convert(err)
}

// StreamingDistributions lists the account's RTMP distributions
// (ListStreamingDistributions), one page per need.
//
// Deprecated: CloudFront discontinued RTMP distributions on 2020-12-31.
func (c *Conn) StreamingDistributions(ctx context.Context, opts ...ListOption) iter.Seq2[*StreamingDistribution, error] {
	return func(yield func(*StreamingDistribution, error) bool) {
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
		p := cloudfront.NewListStreamingDistributionsPaginator(client, &cloudfront.ListStreamingDistributionsInput{MaxItems: o.maxItems()})
		core.Each(ctx, yield, p.HasMorePages,
			func(ctx context.Context) (*cloudfront.ListStreamingDistributionsOutput, error) {
				return p.NextPage(ctx)
			},
			func(out *cloudfront.ListStreamingDistributionsOutput) []types.StreamingDistributionSummary {
				if out.StreamingDistributionList == nil {
					return nil
				}
				return out.StreamingDistributionList.Items
			},
			func(x types.StreamingDistributionSummary) *StreamingDistribution {
				return &StreamingDistribution{conn: c, ID: aws.ToString(x.Id), ARN: aws.ToString(x.ARN), DomainName: aws.ToString(x.DomainName),
					Status: aws.ToString(x.Status), LastModified: aws.ToTime(x.LastModifiedTime),
					Config: streamingConfigFrom(&types.StreamingDistributionConfig{S3Origin: x.S3Origin, Aliases: x.Aliases,
						TrustedSigners: x.TrustedSigners, Comment: x.Comment, PriceClass: x.PriceClass, Enabled: x.Enabled})}
			})
	}
}
