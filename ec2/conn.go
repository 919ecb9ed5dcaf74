package ec2

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Conn is a connection to EC2 in one region. It is safe for concurrent use.
type Conn struct {
	client *ec2.Client
	region string
}

// New returns a connection to EC2 in cfg.Region, built from a copy of cfg
// with goboto's retry policy, user agent and opts applied. It sends no
// request.
//
// The endpoint is goboto.WithEndpoint's, else AWS_ENDPOINT_URL_EC2 or the
// shared config file's ec2 services section, else cfg.BaseEndpoint.
// WithClientOptions passes aws-sdk-go-v2's own per-client options,
// applied after goboto's.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	fns := core.ClientOptions(o, func(so *ec2.Options, ep string) { so.BaseEndpoint = aws.String(ep) })
	return &Conn{client: ec2.NewFromConfig(core.Config(cfg, o), fns...), region: cfg.Region}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// WithClientOptions passes aws-sdk-go-v2 per-client options to the EC2
// client New builds, applied after goboto's own (so they can replace,
// for instance, the endpoint resolver or add middleware). It is the
// escape hatch for what goboto's options do not cover; Conn.Client
// reaches the client itself.
func WithClientOptions(fns ...func(*ec2.Options)) goboto.Option {
	return core.WithClientOptions(fns...)
}

// Client returns the aws-sdk-go-v2 client underneath, for the EC2
// operations goboto does not wrap; nil for a Conn not made by New.
func (c *Conn) Client() *ec2.Client {
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

// String returns "EC2Connection:<region>".
func (c *Conn) String() string { return "EC2Connection:" + c.Region() }

// api returns the client to call, or a *goboto.ValidationError for a
// Conn (or a handle's connection) that New did not make, so that a zero
// value fails instead of panicking.
func (c *Conn) api() (*ec2.Client, error) {
	if c == nil || c.client == nil {
		return nil, goboto.Invalid("Conn", "", "is not a connection made by ec2.New")
	}
	return c.client, nil
}

// ready is a handle's check: idErr, what validating its ID found, or
// else api's refusal of a connection New did not make.
func (c *Conn) ready(idErr error) error {
	if idErr != nil {
		return idErr
	}
	_, err := c.api()
	return err
}
