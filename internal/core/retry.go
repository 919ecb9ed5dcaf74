package core

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/goboto/goboto"
)

// DefaultMaxAttempts is aws-sdk-go-v2's standard number of attempts.
const DefaultMaxAttempts = retry.DefaultMaxAttempts

// DefaultMaxBackoff is aws-sdk-go-v2's standard cap on the retry wait.
const DefaultMaxBackoff = retry.DefaultMaxBackoff

// Retryer returns the retryer factory a goboto connection uses.
//
// Without goboto.WithRetry (o.MaxAttempts and o.MaxBackoff both zero) the
// caller's own cfg.Retryer is kept as it is. When cfg has none, goboto's
// policy is built in cfg.RetryMode (standard, or adaptive, which adds
// client-side rate limiting) with cfg.RetryMaxAttempts: aws-sdk-go-v2's
// retryer, plus the throttle codes goboto shares across services.
// SimpleDB answers ServiceUnavailable (503) when a caller outruns it;
// counting it as a throttle makes a retry cost the token bucket less, as
// for EC2's RequestLimitExceeded, and keeps IsThrottled and the retryer
// in agreement. WithRetry replaces any retryer with goboto's policy, with
// its attempts and longest backoff.
func Retryer(cfg aws.Config, o goboto.Options) func() aws.Retryer {
	withRetry := o.MaxAttempts > 0 || o.MaxBackoff > 0
	if !withRetry && cfg.Retryer != nil {
		return cfg.Retryer
	}
	attempts := o.MaxAttempts
	if attempts <= 0 {
		attempts = cfg.RetryMaxAttempts
	}
	if attempts <= 0 {
		attempts = DefaultMaxAttempts
	}
	backoff := o.MaxBackoff
	if backoff <= 0 {
		backoff = DefaultMaxBackoff
	}
	if cfg.RetryMode == aws.RetryModeAdaptive {
		return func() aws.Retryer {
			return retry.NewAdaptiveMode(func(ao *retry.AdaptiveModeOptions) {
				ao.StandardOptions = append(ao.StandardOptions, func(so *retry.StandardOptions) {
					standardOptions(so, attempts, backoff)
				})
			})
		}
	}
	return func() aws.Retryer { return NewRetryer(attempts, backoff) }
}

// NewRetryer builds one retryer with goboto's policy.
func NewRetryer(maxAttempts int, maxBackoff time.Duration) aws.RetryerV2 {
	return retry.NewStandard(func(so *retry.StandardOptions) { standardOptions(so, maxAttempts, maxBackoff) })
}

// standardOptions applies goboto's policy to a standard retryer's options.
func standardOptions(so *retry.StandardOptions, maxAttempts int, maxBackoff time.Duration) {
	so.MaxAttempts = maxAttempts
	so.MaxBackoff = maxBackoff
	so.Backoff = retry.NewExponentialJitterBackoff(maxBackoff)
	throttle := retry.IsErrorThrottleFunc(func(err error) aws.Ternary {
		if goboto.IsThrottled(err) {
			return aws.TrueTernary
		}
		return aws.UnknownTernary
	})
	so.Throttles = append(so.Throttles, throttle)
	// A throttle is always worth retrying after a pause.
	so.Retryables = append(so.Retryables, retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
		return throttle.IsErrorThrottle(err)
	}))
}
