package sdb

import (
	"context"
	"iter"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
	"github.com/goboto/goboto/internal/query"
	"github.com/goboto/goboto/internal/sigv2"
	"github.com/goboto/goboto/regions"
)

// apiVersion is the SimpleDB API version goboto speaks, its only one.
const apiVersion = "2009-04-15"

// Conn is a connection to SimpleDB in one region. It is safe for
// concurrent use; the handles it returns keep a pointer to it, so their
// calls go to the same region with the same credentials.
type Conn struct {
	region string
	client *query.Client
}

// New returns a connection to SimpleDB in cfg.Region, signing with
// cfg.Credentials. A region that is empty or not an AWS region fails
// every call with a *goboto.ValidationError before anything is sent. Credentials are fetched for each
// attempt through an aws.CredentialsCache, so refreshing and session
// credentials work.
//
// Requests go to https://sdb.amazonaws.com in us-east-1 and to
// https://sdb.<region>.amazonaws.com elsewhere, unless an endpoint
// override is in force: goboto.WithEndpoint, AWS_ENDPOINT_URL_SIMPLEDB (or
// AWS_ENDPOINT_URL_SDB) or a simpledb (or sdb) entry in the shared config
// file's services section, as config.LoadDefaultConfig reads them, or
// cfg.BaseEndpoint. With such an
// override the Host header sent and signed is still the region's AWS
// hostname (unless the override is itself an amazonaws.com name):
// Signature Version 2 carries no region, so local fakes such as sdbtest
// tell the region from that Host.
//
// Retries follow goboto's policy (see the package documentation); a
// logger set with goboto.WithLogger receives one redacted record per
// HTTP exchange.
func New(cfg aws.Config, opts ...goboto.Option) *Conn {
	o := goboto.Apply(opts...)
	region := cfg.Region
	host := hostname(region)
	endpoint := core.Endpoint(cfg, o, "SimpleDB", "SDB")
	sendHost := host
	if endpoint == "" {
		endpoint = "https://" + host
		sendHost = ""
	} else if u, err := url.Parse(endpoint); err == nil && strings.HasSuffix(u.Hostname(), ".amazonaws.com") {
		// A real AWS endpoint must see its own name.
		sendHost = ""
	}
	hc := core.HTTPClient(cfg)
	if o.Logger != nil {
		hc = &core.LoggingClient{Next: hc, Logger: o.Logger}
	}
	return &Conn{
		region: region,
		client: query.New(query.Client{
			Service:     "SimpleDB",
			Version:     apiVersion,
			Endpoint:    endpoint,
			Host:        sendHost,
			Credentials: cfg.Credentials,
			Retryer:     core.Retryer(cfg, o),
			HTTPClient:  hc,
			UserAgent:   core.UserAgent,
			Check:       func() error { return core.CheckRegion(region) },
		}),
	}
}

// hostname is SimpleDB's AWS hostname in region, from the generated
// regions data; a region it does not list gets the usual pattern, so a
// new region works before the data is regenerated.
func hostname(region string) string {
	if h, ok := regions.Hostname(regions.SDB, region); ok {
		return h
	}
	return "sdb." + region + ".amazonaws.com"
}

// NewConn is New without options, the shape regions.NewServiceSet takes:
//
//	set, err := regions.NewServiceSet(cfg, regions.SDB, sdb.NewConn)
func NewConn(cfg aws.Config) *Conn { return New(cfg) }

// Region returns the region the connection talks to.
func (c *Conn) Region() string { return c.region }

// String returns "SDBConnection:<region>".
func (c *Conn) String() string { return "SDBConnection:" + c.region }

// do calls action and returns the service's errors unchanged: they are
// already *goboto.APIError.
func (c *Conn) do(ctx context.Context, action string, params url.Values, out any) error {
	_, err := c.call(ctx, action, params, out)
	return err
}

// doPairs is do with the parameters as pairs (query.Client.DoPairs).
func (c *Conn) doPairs(ctx context.Context, action string, params []sigv2.Param, out any) error {
	if c == nil || c.client == nil {
		return goboto.Invalid("Conn", "", "is not made by sdb.New: the handle has no connection")
	}
	_, err := c.client.DoPairs(ctx, action, params, out)
	return err
}

// call is do that also returns the answer's metadata. A Conn not made by
// New (a zero Conn, or a nil one behind a zero handle) has nowhere to send
// to and fails without sending.
func (c *Conn) call(ctx context.Context, action string, params url.Values, out any) (query.Metadata, error) {
	if c == nil || c.client == nil {
		return query.Metadata{}, goboto.Invalid("Conn", "", "is not made by sdb.New: the handle has no connection")
	}
	return c.client.Do(ctx, action, params, out)
}

// Domain returns a handle on the domain name. It does no I/O and does not
// check that the domain exists: the first call that uses it does.
func (c *Conn) Domain(name string) *Domain { return &Domain{conn: c, name: name} }

// CreateDomain creates the domain name, or does nothing if it exists
// (CreateDomain is idempotent), and returns its handle.
func (c *Conn) CreateDomain(ctx context.Context, name string) (*Domain, error) {
	if err := validDomainName(name); err != nil {
		return nil, err
	}
	if err := c.do(ctx, "CreateDomain", url.Values{"DomainName": {name}}, nil); err != nil {
		return nil, err
	}
	return c.Domain(name), nil
}

// DeleteDomain deletes the domain name and every item in it
// (DeleteDomain). Deleting a domain that does not exist succeeds.
func (c *Conn) DeleteDomain(ctx context.Context, name string) error {
	if err := validDomainName(name); err != nil {
		return err
	}
	return c.do(ctx, "DeleteDomain", url.Values{"DomainName": {name}}, nil)
}

type listDomainsResult struct {
	Names     []string `xml:"DomainName"`
	NextToken string   `xml:"NextToken"`
}

// Domains lists the account's domains in the connection's region
// (ListDomains). Pages are fetched as the loop needs them, following
// NextToken; breaking out of the loop stops fetching. An error is yielded
// once, last. PageSize is the only ListOption it takes.
func (c *Conn) Domains(ctx context.Context, opts ...ListOption) iter.Seq2[*Domain, error] {
	o := listOptions(opts)
	return func(yield func(*Domain, error) bool) {
		if err := o.refuse("Domains", true, false, false); err != nil {
			yield(nil, err)
			return
		}
		if o.PageSize != 0 {
			if err := validListSize(o.PageSize); err != nil {
				yield(nil, err)
				return
			}
		}
		token := ""
		for {
			params := url.Values{}
			if o.PageSize != 0 {
				params.Set("MaxNumberOfDomains", strconv.Itoa(o.PageSize))
			}
			if token != "" {
				params.Set("NextToken", token)
			}
			var res listDomainsResult
			if err := c.do(ctx, "ListDomains", params, &res); err != nil {
				yield(nil, err)
				return
			}
			for _, name := range res.Names {
				if !yield(c.Domain(name), nil) {
					return
				}
			}
			if res.NextToken == "" || res.NextToken == token {
				return
			}
			token = res.NextToken
		}
	}
}
