package sqs

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Conn is a connection to SQS in one region. It is safe for concurrent use.
type Conn struct {
	client *sqs.Client
	region string
	// checksums is whether message MD5s are verified: off when the
	// client's DisableMessageChecksumValidation is set (WithoutChecksums).
	checksums bool
}

// New returns a connection to SQS in cfg.Region, built from a copy of cfg
// with goboto's user agent and opts applied; the config's own retryer
// is kept unless goboto.WithRetry is given. It sends no request.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	client := sqs.NewFromConfig(core.Config(cfg, o),
		core.ClientOptions(o, func(so *sqs.Options, ep string) { so.BaseEndpoint = aws.String(ep) })...)
	return &Conn{client: client, region: cfg.Region, checksums: !client.Options().DisableMessageChecksumValidation}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// WithClientOptions passes aws-sdk-go-v2 per-client options to the SQS
// client New builds (sqs.NewFromConfig's optFns, of package
// github.com/aws/aws-sdk-go-v2/service/sqs), applied after goboto's own:
// middleware, an endpoint resolver, a different HTTP client.
func WithClientOptions(fns ...func(*sqs.Options)) goboto.Option {
	return core.WithClientOptions(fns...)
}

// WithoutChecksums turns off the MD5 checks of message bodies and
// attributes, goboto's and aws-sdk-go-v2's alike (its
// DisableMessageChecksumValidation), for hosts where MD5 is not allowed
// (FIPS 140 mode).
func WithoutChecksums() goboto.Option {
	return core.WithClientOptions(func(o *sqs.Options) { o.DisableMessageChecksumValidation = true })
}

// Client returns the aws-sdk-go-v2 client underneath, for the SQS
// operations goboto does not wrap; nil for a Conn not made by New.
func (c *Conn) Client() *sqs.Client {
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

// String returns "SQSConnection:<region>".
func (c *Conn) String() string { return "SQSConnection:" + c.Region() }

// api returns the client to send with, or a *goboto.ValidationError for
// a Conn not made by New: a zero Conn, or a handle built as a literal
// rather than by its connection.
func (c *Conn) api() (*sqs.Client, error) {
	if c == nil || c.client == nil {
		return nil, goboto.Invalid("Conn", "", "is not set up: make it with sqs.New and handles with its methods")
	}
	return c.client, nil
}
