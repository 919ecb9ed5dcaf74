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
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	return &Conn{client: ec2.NewFromConfig(core.Config(cfg, o)), region: cfg.Region}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// Client returns the aws-sdk-go-v2 client underneath, for the EC2
// operations goboto does not wrap.
func (c *Conn) Client() *ec2.Client { return c.client }

// Region returns the region the connection talks to.
func (c *Conn) Region() string { return c.region }

// String returns "EC2Connection:<region>".
func (c *Conn) String() string { return "EC2Connection:" + c.region }
