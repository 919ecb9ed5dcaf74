package autoscale

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/smithy-go/middleware"

	"github.com/goboto/goboto/internal/core"
)

// pager is what every aws-sdk-go-v2 AutoScaling paginator offers.
type pager[Out any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*autoscaling.Options)) (Out, error)
}

// listing is what a paged listing takes: the model's MaxRecords limit
// for its Describe call and the ListOptions fields it takes besides
// PageSize (the takes* names).
type listing struct {
	max   int
	takes []string
}

// paged is every paged listing: it checks the handle (api), then opts
// against l, and only then asks start for the paginator of the
// Describe call the options make (start may refuse what listOptions
// cannot judge alone). Pages are fetched as the loop needs them, and
// item makes a handle of each element items finds in a page; an error
// is yielded once, last.
func paged[Out, X, T any](ctx context.Context, api func() (*autoscaling.Client, error), l listing, opts []ListOption,
	start func(*autoscaling.Client, ListOptions) (pager[Out], error), items func(Out) []X, item func(X) T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		client, err := api()
		if err != nil {
			yield(zero, err)
			return
		}
		o, err := listOptions(opts, l.max, l.takes...)
		if err != nil {
			yield(zero, err)
			return
		}
		p, err := start(client, o)
		if err != nil {
			yield(zero, err)
			return
		}
		core.Each(ctx, yield, p.HasMorePages, func(ctx context.Context) (Out, error) { return p.NextPage(ctx) }, items, item)
	}
}

// notFound is the *goboto.APIError a Refresh returns when its Describe
// call does not list the name it asked for: AutoScaling answers such a
// call with an empty list, not an error, so goboto names the case with
// the resource's NotFound* code.
type notFound struct {
	op, code, message string
}

// describeOne is every Refresh after the handle's checks: it sends call
// with in, which asks for the one name want, and hands fill the element
// of the answer (items) whose name (key) is want. An answer without it
// is nf, with the call's request ID and HTTP status.
func describeOne[In, Out, X any](ctx context.Context, call func(context.Context, In, ...func(*autoscaling.Options)) (Out, error), in In,
	items func(Out) ([]X, middleware.Metadata), key func(X) *string, want string, fill func(X), nf notFound) error {
	out, err := call(ctx, in)
	if err != nil {
		return convert(err)
	}
	xs, meta := items(out)
	for _, x := range xs {
		if aws.ToString(key(x)) == want {
			fill(x)
			return nil
		}
	}
	return core.NotFound(meta, "AutoScaling", nf.op, nf.code, nf.message)
}
