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

// Retryer returns goboto's retry policy as an aws.Config.Retryer factory:
// aws-sdk-go-v2's standard retryer, with attempts and backoff taken from o
// (falling back to cfg.RetryMaxAttempts and then the SDK defaults), and the
// throttle codes goboto shares across services. SimpleDB answers
// ServiceUnavailable (503) when a caller outruns it; counting it as a
// throttle makes a retry cost the token bucket less, as for EC2's
// RequestLimitExceeded, and keeps IsThrottled and the retryer in agreement.
func Retryer(cfg aws.Config, o goboto.Options) func() aws.Retryer {
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
	return func() aws.Retryer { return NewRetryer(attempts, backoff) }
}

// NewRetryer builds one retryer with goboto's policy.
func NewRetryer(maxAttempts int, maxBackoff time.Duration) aws.RetryerV2 {
	return retry.NewStandard(func(so *retry.StandardOptions) {
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
	})
}
