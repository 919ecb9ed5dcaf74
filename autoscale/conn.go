package autoscale

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Conn is a connection to EC2 Auto Scaling in one region. It is safe for
// concurrent use.
type Conn struct {
	client *autoscaling.Client
	region string
}

// New returns a connection to EC2 Auto Scaling in cfg.Region, built from
// a copy of cfg with goboto's user agent and opts applied; the config's
// own retryer is kept unless goboto.WithRetry is given. It sends no
// request.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	client := autoscaling.NewFromConfig(core.Config(cfg, o),
		core.ClientOptions(o, func(ao *autoscaling.Options, ep string) { ao.BaseEndpoint = aws.String(ep) })...)
	return &Conn{client: client, region: cfg.Region}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// WithClientOptions passes aws-sdk-go-v2 per-client options to the
// AutoScaling client New builds (autoscaling.NewFromConfig's optFns, of
// package github.com/aws/aws-sdk-go-v2/service/autoscaling), applied
// after goboto's own: middleware, an endpoint resolver, a different HTTP
// client.
func WithClientOptions(fns ...func(*autoscaling.Options)) goboto.Option {
	return core.WithClientOptions(fns...)
}

// Client returns the aws-sdk-go-v2 client underneath, for the
// AutoScaling operations goboto does not wrap; nil for a Conn not made
// by New.
func (c *Conn) Client() *autoscaling.Client {
	if c == nil {
		return nil
	}
	return c.client
}

// Region returns the region the connection talks to.
func (c *Conn) Region() string {
	if c == nil {
		return ""
	}
	return c.region
}

// String returns "AutoScaleConnection:<region>", as boto named it.
func (c *Conn) String() string { return "AutoScaleConnection:" + c.Region() }

// api returns the client to send with, or a *goboto.ValidationError for
// a Conn not made by New: a zero Conn, or a handle built as a literal
// rather than by its connection.
func (c *Conn) api() (*autoscaling.Client, error) {
	if c == nil || c.client == nil {
		return nil, goboto.Invalid("Conn", "", "is not set up: make it with autoscale.New and handles with its methods")
	}
	return c.client, nil
}
