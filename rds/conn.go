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
// with goboto's retry policy, user agent and opts applied. It sends no
// request.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	return &Conn{client: rds.NewFromConfig(core.Config(cfg, o)), region: cfg.Region}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// Client returns the aws-sdk-go-v2 client underneath, for the RDS
// operations goboto does not wrap.
func (c *Conn) Client() *rds.Client { return c.client }

// Region returns the region the connection talks to.
func (c *Conn) Region() string { return c.region }

// String returns "RDSConnection:<region>".
func (c *Conn) String() string { return "RDSConnection:" + c.region }

// pager is what every aws-sdk-go-v2 RDS paginator offers.
type pager[Out any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*rds.Options)) (Out, error)
}

// each drives p for an iterator; see core.Each.
func each[Out, X, T any](ctx context.Context, yield func(T, error) bool, p pager[Out], items func(Out) []X, item func(X) T) {
	core.Each(ctx, yield, p.HasMorePages, func(ctx context.Context) (Out, error) { return p.NextPage(ctx) }, items, item)
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
