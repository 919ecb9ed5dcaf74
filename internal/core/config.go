package core

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/goboto/goboto"
)

// UserAgent is the product token goboto adds to every request.
const UserAgent = "goboto/" + goboto.Version

// Config returns a copy of cfg prepared for a goboto connection: the
// retry policy (Retryer), the endpoint override, the goboto user agent, a
// check that the region is one AWS has before anything is sent
// (CheckRegion) and, when a logger is set, redacted debug logging. cfg
// itself is not changed.
func Config(cfg aws.Config, o goboto.Options) aws.Config {
	out := cfg.Copy()
	out.Retryer = Retryer(cfg, o)
	if o.Endpoint != "" {
		out.BaseEndpoint = aws.String(o.Endpoint)
	}
	out.APIOptions = append(out.APIOptions[:len(out.APIOptions):len(out.APIOptions)],
		awsmiddleware.AddUserAgentKeyValue("goboto", goboto.Version), addRegionCheck)
	var hc aws.HTTPClient = detachedClient{next: HTTPClient(cfg)}
	if o.Logger != nil {
		hc = &LoggingClient{Next: hc, Logger: o.Logger}
	}
	out.HTTPClient = hc
	return out
}

// HTTPClient returns cfg's HTTP client, or aws-sdk-go-v2's default one.
func HTTPClient(cfg aws.Config) aws.HTTPClient {
	if cfg.HTTPClient != nil {
		return cfg.HTTPClient
	}
	return awshttp.NewBuildableClient()
}

// PathStyle reports whether S3 requests must use path-style addressing
// (http://host/bucket/key): whenever an endpoint override is in force,
// however it was given, since local fakes and emulators answer on one
// host name and cannot give every bucket a DNS name of its own.
func PathStyle(cfg aws.Config, o goboto.Options) bool { return Endpoint(cfg, o, "S3") != "" }
