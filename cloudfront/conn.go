package cloudfront

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/regions"
)

// Conn is a connection to CloudFront. It is safe for concurrent use.
type Conn struct {
	client *cloudfront.Client
	region string // the signing region: the partition's global region
	// cfg and opts are what New was given, for the S3 connections
	// AddObject and Objects make to a distribution's origin bucket.
	cfg  aws.Config
	opts []goboto.Option
}

// GlobalRegion returns the region CloudFront requests are signed for in
// region's partition: cn-northwest-1 in China, us-east-1 elsewhere (AWS
// endpoint rules for CloudFront, "aws-global" and "aws-cn-global"). An
// empty region is us-east-1, since CloudFront has no regional endpoints;
// a name that is no AWS region is returned as it is, for the connection
// to refuse before it sends anything.
func GlobalRegion(region string) string {
	if region == "" {
		return "us-east-1"
	}
	switch p, ok := regions.PartitionOf(region); {
	case !ok:
		return region
	case p == "aws-cn":
		return "cn-northwest-1"
	default:
		return "us-east-1"
	}
}

// New returns a connection to CloudFront, built from a copy of cfg with
// goboto's user agent and opts applied; the config's own retryer is kept
// unless goboto.WithRetry is given. Requests are signed for the global
// region of cfg.Region's partition (GlobalRegion). It sends no request.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	region := GlobalRegion(cfg.Region)
	orig := cfg.Copy()
	cfg = cfg.Copy()
	cfg.Region = region
	client := cloudfront.NewFromConfig(core.Config(cfg, o),
		core.ClientOptions(o, func(co *cloudfront.Options, ep string) { co.BaseEndpoint = aws.String(ep) })...)
	return &Conn{client: client, region: region, cfg: orig, opts: append([]goboto.Option(nil), opts...)}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// WithClientOptions passes aws-sdk-go-v2 per-client options to the
// CloudFront client New builds (cloudfront.NewFromConfig's optFns, of
// package github.com/aws/aws-sdk-go-v2/service/cloudfront), applied after
// goboto's own: middleware, an endpoint resolver, a different HTTP
// client.
func WithClientOptions(fns ...func(*cloudfront.Options)) goboto.Option {
	return core.WithClientOptions(fns...)
}

// Client returns the aws-sdk-go-v2 client underneath, for the CloudFront
// operations goboto does not wrap; nil for a Conn not made by New.
func (c *Conn) Client() *cloudfront.Client {
	if c == nil {
		return nil
	}
	return c.client
}

// Region returns the region requests are signed for: the global region
// of the configured region's partition.
func (c *Conn) Region() string {
	if c == nil {
		return ""
	}
	return c.region
}

// String returns "CloudFrontConnection:<region>".
func (c *Conn) String() string { return "CloudFrontConnection:" + c.Region() }

// api returns the client to send with, or a *goboto.ValidationError for
// a Conn not made by New: a zero Conn, or a handle built as a literal
// rather than by its connection.
func (c *Conn) api() (*cloudfront.Client, error) {
	if c == nil || c.client == nil {
		return nil, goboto.Invalid("Conn", "", "is not set up: make it with cloudfront.New and handles with its methods")
	}
	return c.client, nil
}
