package cloudwatch

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
	"github.com/aws/smithy-go/transport/http/protocol/rpcv2"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Conn is a connection to CloudWatch in one region. It is safe for
// concurrent use.
type Conn struct {
	client *cloudwatch.Client
	region string
}

// New returns a connection to CloudWatch in cfg.Region, built from a copy
// of cfg with goboto's user agent and opts applied; the config's own
// retryer is kept unless goboto.WithRetry is given, and a
// RequestMinCompressSizeBytes left at zero becomes 10,240, so small
// PutMetricData bodies are not gzipped. It sends no request.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	client := cloudwatch.NewFromConfig(core.Config(cfg, o),
		core.ClientOptions(o, func(co *cloudwatch.Options, ep string) { co.BaseEndpoint = aws.String(ep) })...)
	return &Conn{client: client, region: cfg.Region}
}

// NewConn is New without options, in the shape regions.NewServiceSet takes.
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// WithClientOptions passes aws-sdk-go-v2 per-client options to the
// CloudWatch client New builds (cloudwatch.NewFromConfig's optFns, of
// package github.com/aws/aws-sdk-go-v2/service/cloudwatch), applied after
// goboto's own: middleware, an endpoint resolver, a different HTTP client.
func WithClientOptions(fns ...func(*cloudwatch.Options)) goboto.Option {
	return core.WithClientOptions(fns...)
}

// Protocol is one of CloudWatch's wire protocols.
type Protocol string

// CloudWatch's protocols. aws-sdk-go-v2 speaks CBOR (Smithy RPC v2 CBOR)
// since v1.53.0; JSON (AWS JSON 1.0) is what boto3 speaks, and Query
// (the form-encoded protocol) what the aws CLI v2.9 and boto 2 speak.
const (
	CBOR  Protocol = "rpcv2Cbor"
	JSON  Protocol = "awsJson1_0"
	Query Protocol = "awsQuery"
)

// WithProtocol makes the connection speak p instead of CBOR, for proxies
// and emulators that do not understand CBOR (moto, for one, has no CBOR
// support and does not take gzipped JSON: give it Query). It sets the
// aws-sdk-go-v2 client's Options.Protocol. A Protocol other than CBOR,
// JSON and Query fails every call with a *goboto.ValidationError before
// anything is sent.
func WithProtocol(p Protocol) goboto.Option {
	return core.WithClientOptions(func(o *cloudwatch.Options) {
		switch p {
		case CBOR:
			o.Protocol = rpcv2.NewCBOR(schemas.GraniteServiceVersion20100801)
		case JSON:
			o.Protocol = awsjson.New10(schemas.GraniteServiceVersion20100801)
		case Query:
			o.Protocol = awsquery.New(schemas.GraniteServiceVersion20100801)
		default:
			o.Protocol = badProtocol{ClientProtocol: o.Protocol, name: p}
		}
	})
}

// badProtocol refuses to serialize any request: the caller asked for a
// protocol CloudWatch does not have, and guessing one would hide that.
type badProtocol struct {
	smithyhttp.ClientProtocol
	name Protocol
}

func (p badProtocol) SerializeRequest(context.Context, *smithy.OperationSchema, smithy.Serializable, *smithyhttp.Request) error {
	return goboto.Invalid("Protocol", string(p.name), "must be cloudwatch.CBOR, JSON or Query")
}

// Client returns the aws-sdk-go-v2 client underneath, for the CloudWatch
// operations goboto does not wrap; nil for a Conn not made by New.
func (c *Conn) Client() *cloudwatch.Client {
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

// String returns "CloudWatchConnection:<region>".
func (c *Conn) String() string { return "CloudWatchConnection:" + c.Region() }

// api returns the client to send with, or a *goboto.ValidationError for
// a Conn not made by New: a zero Conn, or a handle built as a literal
// rather than by its connection.
func (c *Conn) api() (*cloudwatch.Client, error) {
	if c == nil || c.client == nil {
		return nil, goboto.Invalid("Conn", "", "is not set up: make it with cloudwatch.New and handles with its methods")
	}
	return c.client, nil
}
