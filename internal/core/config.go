package core

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/goboto/goboto"
)

// UserAgent is the product token goboto adds to every request.
const UserAgent = "goboto/" + goboto.Version

// DefaultMinCompressSize is the smallest request body, in bytes, that
// services with request compression (CloudWatch's PutMetricData) gzip. It
// is what config.LoadDefaultConfig sets; a hand-built aws.Config leaves
// the field at zero, and aws-sdk-go-v2 then gzips every body, even a
// 73-byte one, spending CPU for nothing. Config puts it back when it is
// zero; a caller who truly wants every body gzipped sets 1.
const DefaultMinCompressSize = 10240

// Config returns a copy of cfg prepared for a goboto connection: the
// retry policy (Retryer), the endpoint override, the goboto user agent, a
// check that the region is one AWS has before anything is sent
// (CheckRegion), the request-compression threshold and, when a logger is
// set, redacted debug logging. cfg itself is not changed.
func Config(cfg aws.Config, o goboto.Options) aws.Config {
	out := cfg.Copy()
	out.Retryer = Retryer(cfg, o)
	if o.Endpoint != "" {
		out.BaseEndpoint = aws.String(o.Endpoint)
	}
	if out.RequestMinCompressSizeBytes == 0 {
		out.RequestMinCompressSizeBytes = DefaultMinCompressSize
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
