package sqs

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// attempts watches every attempt of one call, the SDK's retries
// included. A send whose last attempt SQS refused may still have left
// its message in the queue through an earlier attempt that got no
// answer, or a 5xx (SQS may fail after storing the message), before the
// retryer tried again; only a call refused on every attempt surely sent
// nothing. Attempts of one call run one after the other, so it needs no
// lock.
type attempts struct{ n, refused int }

// option adds the watch to one call's middleware stack. It goes last in
// the Deserialize step, which runs once per attempt, inside the retry
// loop of the Finalize step.
func (a *attempts) option(o *sqs.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		return st.Deserialize.Add(middleware.DeserializeMiddlewareFunc("goboto.sqs.attempts", a.watch), middleware.After)
	})
}

func (a *attempts) watch(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
	out, md, err := next.HandleDeserialize(ctx, in)
	a.n++
	if r, ok := out.RawResponse.(*smithyhttp.Response); ok && r.StatusCode >= 400 && r.StatusCode < 500 {
		a.refused++
	}
	return out, md, err
}

// allRefused reports whether SQS answered every attempt with a 4xx.
func (a *attempts) allRefused() bool { return a.n > 0 && a.refused == a.n }
