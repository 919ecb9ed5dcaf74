package suite

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/smithy-go/middleware"
)

// countAttempts is a per-call option that counts the HTTP attempts the
// SDK's retryer makes for the call into *n. A call that is not safe to
// repeat (a delete) can then tell "the backend refused it" from "an
// attempt whose answer was lost did it, and the retry found nothing":
// one CI run saw moto answer "Scheduled action name not found" to a
// DeleteScheduledAction of an action it had just described.
func countAttempts(n *int) func(*autoscaling.Options) {
	return func(o *autoscaling.Options) {
		o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
			// At the end of the finalize step, inside the retry loop: once
			// an attempt.
			return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("suite/countAttempts",
				func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
					middleware.FinalizeOutput, middleware.Metadata, error,
				) {
					*n++
					return next.HandleFinalize(ctx, in)
				}), middleware.After)
		})
	}
}
