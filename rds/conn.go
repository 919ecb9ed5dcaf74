package rds

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Conn is a connection to RDS in one region. It is safe for concurrent use.
type Conn struct {
	client *rds.Client
	region string
}

// New returns a connection to RDS in cfg.Region, built from a copy of cfg
// with goboto's user agent and opts applied; the config's own retryer
// is kept unless goboto.WithRetry is given. It sends no request.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	client := rds.NewFromConfig(core.Config(cfg, o),
		core.ClientOptions(o, func(so *rds.Options, ep string) { so.BaseEndpoint = aws.String(ep) })...)
	return &Conn{client: client, region: cfg.Region}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// WithClientOptions passes aws-sdk-go-v2 per-client options to the RDS
// client New builds (rds.NewFromConfig's optFns, of package
// github.com/aws/aws-sdk-go-v2/service/rds), applied after goboto's own:
// middleware, an endpoint resolver, a different HTTP client.
func WithClientOptions(fns ...func(*rds.Options)) goboto.Option {
	return core.WithClientOptions(fns...)
}

// Client returns the aws-sdk-go-v2 client underneath, for the RDS
// operations goboto does not wrap; nil for a Conn not made by New.
func (c *Conn) Client() *rds.Client {
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

// String returns "RDSConnection:<region>".
func (c *Conn) String() string { return "RDSConnection:" + c.Region() }

// api returns the client to send with, or a *goboto.ValidationError for
// a Conn not made by New: a zero Conn, or a handle built as a literal
// rather than by its connection.
func (c *Conn) api() (*rds.Client, error) {
	if c == nil || c.client == nil {
		return nil, goboto.Invalid("Conn", "", "is not set up: make it with rds.New and handles with its methods")
	}
	return c.client, nil
}

// listClient is listOptions followed by the connection's client: the
// start of every listing that checks nothing else first.
func (c *Conn) listClient(op string, t takes, opts []ListOption) (ListOptions, *rds.Client, error) {
	o, err := listOptions(op, t, opts)
	if err != nil {
		return o, nil, err
	}
	client, err := c.api()
	return o, client, err
}

// pager is what every aws-sdk-go-v2 RDS paginator offers.
type pager[Out any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*rds.Options)) (Out, error)
}

// each drives p for an iterator; see core.Each.
func each[Out, X, T any](ctx context.Context, yield func(T, error) bool, p pager[Out], items func(Out) []X, item func(X) T) {
	core.Each(ctx, yield, p.HasMorePages, func(ctx context.Context) (Out, error) { return p.NextPage(ctx) }, items, item)
}

// fail is an iterator that yields err and ends.
func fail[T any](err error) func(yield func(T, error) bool) {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// optionalString is v as an optional input field: nil when v is empty.
func optionalString(v string) *string {
	if v == "" {
		return nil
	}
	return aws.String(v)
}

// optionalInt32 is nil for 0, which RDS's optional numbers leave unset.
func optionalInt32(v int32) *int32 {
	if v == 0 {
		return nil
	}
	return &v
}
