package goboto

import (
	"log/slog"
	"time"
)

// Options are the settings every goboto connection shares. Build them with
// the With* functions and pass them to a service's New.
type Options struct {
	// Endpoint, when set, sends every request to this base URL instead of
	// AWS, for local fakes and other emulators. It overrides
	// aws.Config.BaseEndpoint. S3 switches to path-style addressing.
	Endpoint string

	// MaxAttempts is the most times one call is tried, first try included.
	// Zero means aws.Config.RetryMaxAttempts, or 3 when that is unset too.
	// One disables retries.
	MaxAttempts int

	// MaxBackoff caps the wait between attempts. Zero means 20 seconds,
	// aws-sdk-go-v2's default.
	MaxBackoff time.Duration

	// Logger, when set, receives one debug record per HTTP exchange.
	// Credentials, session tokens, Authorization headers and signatures are
	// redacted before they reach it.
	Logger *slog.Logger

	// ClientOptions are aws-sdk-go-v2 per-client option functions
	// (func(*ec2.Options), func(*s3.Options), ...), applied after
	// goboto's own when the service's client is built. Each service's
	// WithClientOptions adds them with their type checked; a service
	// ignores the functions meant for another.
	ClientOptions []any
}

// Option changes Options.
type Option func(*Options)

// WithEndpoint sends every request to url, e.g. "http://127.0.0.1:4566".
func WithEndpoint(url string) Option { return func(o *Options) { o.Endpoint = url } }

// WithRetry replaces the retryer of the aws.Config given to New with
// goboto's policy, with these attempts per call and this longest wait
// between them; a zero value keeps the default (aws.Config's
// RetryMaxAttempts, else 3; 20 seconds). Without WithRetry a connection
// keeps the config's own Retryer, or builds goboto's policy in the
// config's RetryMode.
func WithRetry(maxAttempts int, maxBackoff time.Duration) Option {
	return func(o *Options) {
		o.MaxAttempts = maxAttempts
		o.MaxBackoff = maxBackoff
	}
}

// WithLogger turns on redacted debug logging of every HTTP exchange.
func WithLogger(l *slog.Logger) Option { return func(o *Options) { o.Logger = l } }

// Apply folds opts into a fresh Options.
func Apply(opts ...Option) Options {
	var o Options
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	return o
}
