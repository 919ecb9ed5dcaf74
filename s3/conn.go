package s3

import (
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Conn is a connection to S3 in one region. It is safe for concurrent use.
type Conn struct {
	client *s3.Client
	region string
	// partBufs holds part buffers (*[]byte) transfers have finished
	// with, for the next transfer to reuse.
	partBufs sync.Pool
}

// New returns a connection to S3 in cfg.Region, built from a copy of cfg
// with goboto's retry policy, user agent and opts applied. Requests use
// path-style addressing (http://host/bucket/key) whenever an endpoint
// override is in force, virtual-hosted addressing otherwise. It sends no
// request.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	pathStyle := core.PathStyle(cfg, o)
	client := s3.NewFromConfig(core.Config(cfg, o), func(so *s3.Options) {
		so.UsePathStyle = pathStyle
	})
	return &Conn{client: client, region: cfg.Region}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// Client returns the aws-sdk-go-v2 client underneath, for the S3
// operations goboto does not wrap.
func (c *Conn) Client() *s3.Client { return c.client }

// Region returns the region the connection talks to.
func (c *Conn) Region() string { return c.region }

// String returns "S3Connection:<region>".
func (c *Conn) String() string { return "S3Connection:" + c.region }
