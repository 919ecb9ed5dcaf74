package core

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/goboto/goboto"
)

// serviceEndpointSource is what aws-sdk-go-v2's config sources (the
// environment, the shared config file) offer for per-service endpoints.
type serviceEndpointSource interface {
	GetServiceBaseEndpoint(ctx context.Context, sdkID string) (string, bool, error)
}

// ignoreEndpointsSource reports AWS_IGNORE_CONFIGURED_ENDPOINT_URLS and
// its shared-config twin.
type ignoreEndpointsSource interface {
	GetIgnoreConfiguredEndpoints(ctx context.Context) (bool, bool, error)
}

// Endpoint returns the base URL override in force for a service, or ""
// when requests go to AWS. sdkIDs are the service's SDK ID ("EC2", "S3",
// "SimpleDB") and any aliases. The order is aws-sdk-go-v2's own, with
// goboto's option first:
//
//  1. goboto.WithEndpoint;
//  2. the service's own setting among cfg.ConfigSources, as
//     config.LoadDefaultConfig fills them: AWS_ENDPOINT_URL_<ID> or the
//     shared config file's services section, unless the environment sets
//     only the global AWS_ENDPOINT_URL, or configured endpoints are
//     switched off (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS);
//  3. cfg.BaseEndpoint (which LoadDefaultConfig takes from
//     AWS_ENDPOINT_URL).
func Endpoint(cfg aws.Config, o goboto.Options, sdkIDs ...string) string {
	if o.Endpoint != "" {
		return o.Endpoint
	}
	if ep := configuredEndpoint(cfg, sdkIDs); ep != "" {
		return ep
	}
	if cfg.BaseEndpoint != nil {
		return *cfg.BaseEndpoint
	}
	return ""
}

func configuredEndpoint(cfg aws.Config, sdkIDs []string) string {
	ctx := context.Background()
	for _, src := range cfg.ConfigSources {
		if p, ok := src.(ignoreEndpointsSource); ok {
			if ignore, found, _ := p.GetIgnoreConfiguredEndpoints(ctx); found && ignore {
				return ""
			}
		}
	}
	_, global := os.LookupEnv("AWS_ENDPOINT_URL")
	for _, id := range sdkIDs {
		if _, own := os.LookupEnv("AWS_ENDPOINT_URL_" + envName(id)); global && !own {
			continue
		}
		for _, src := range cfg.ConfigSources {
			p, ok := src.(serviceEndpointSource)
			if !ok {
				continue
			}
			if ep, found, err := p.GetServiceBaseEndpoint(ctx, id); err == nil && found && ep != "" {
				return ep
			}
		}
	}
	return ""
}

// envName is the suffix of a service's AWS_ENDPOINT_URL_ variable: its SDK
// ID upper-cased, spaces as underscores.
func envName(sdkID string) string {
	b := []byte(sdkID)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		case c == ' ':
			b[i] = '_'
		}
	}
	return string(b)
}

// WithClientOptions is every service's WithClientOptions: it keeps the
// non-nil fns, for ClientOptions to hand to the client whose Options
// type is T.
func WithClientOptions[T any](fns ...func(*T)) goboto.Option {
	return func(o *goboto.Options) {
		for _, fn := range fns {
			if fn != nil {
				o.ClientOptions = append(o.ClientOptions, fn)
			}
		}
	}
}

// ClientOptions returns the per-client option functions a service's
// aws-sdk-go-v2 client is built with: the endpoint override, when one is
// in force, set last by goboto so that no configured endpoint can win
// over goboto.WithEndpoint, then the caller's own functions for this
// client's Options type T (goboto.Options.ClientOptions, set through
// each service's WithClientOptions).
func ClientOptions[T any](o goboto.Options, setEndpoint func(*T, string)) []func(*T) {
	var out []func(*T)
	if o.Endpoint != "" {
		ep := o.Endpoint
		out = append(out, func(t *T) { setEndpoint(t, ep) })
	}
	for _, fn := range o.ClientOptions {
		if f, ok := fn.(func(*T)); ok && f != nil {
			out = append(out, f)
		}
	}
	return out
}
