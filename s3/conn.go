package s3

import (
	"net/http"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
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
// override is in force (goboto.WithEndpoint, AWS_ENDPOINT_URL_S3, the
// shared config file's services section, aws.Config.BaseEndpoint),
// virtual-hosted addressing otherwise; WithClientOptions can still
// change that. It sends no request.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = defaultHTTPClient()
	}
	pathStyle := core.PathStyle(cfg, o)
	fns := append([]func(*s3.Options){func(so *s3.Options) { so.UsePathStyle = pathStyle }},
		core.ClientOptions(o, func(so *s3.Options, ep string) { so.BaseEndpoint = aws.String(ep) })...)
	return &Conn{client: s3.NewFromConfig(core.Config(cfg, o), fns...), region: cfg.Region}
}

// WithClientOptions passes aws-sdk-go-v2's own per-client options to the
// S3 client New builds, applied after goboto's (path-style addressing,
// the endpoint override), for what goboto has no option of its own:
//
//	conn := s3.New(cfg, s3.WithClientOptions(func(o *s3v2.Options) { o.UseAccelerate = true }))
func WithClientOptions(fns ...func(*s3.Options)) goboto.Option {
	return core.WithClientOptions(fns...)
}

// maxIdlePerHost is how many idle connections to one S3 endpoint the
// default HTTP client keeps. Go's default of 2 (the SDK's 10) is fewer
// than a transfer's parts in flight, and every part over the limit would
// open a new connection.
const maxIdlePerHost = 64

// defaultHTTPClient is aws-sdk-go-v2's default client, keeping enough idle
// connections for concurrent transfers. A client the caller set in
// aws.Config is used as it is.
func defaultHTTPClient() *awshttp.BuildableClient {
	return awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConns = max(t.MaxIdleConns, maxIdlePerHost)
		t.MaxIdleConnsPerHost = maxIdlePerHost
	})
}

// ready refuses a Conn not made by New, whose methods would otherwise
// reach for a client that is not there.
func (c *Conn) ready() error {
	if c == nil || c.client == nil {
		return goboto.Invalid("Conn", "zero", "make connections with s3.New")
	}
	return nil
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
