package core

import "context"

// Each drives an aws-sdk-go-v2 paginator for a goboto iterator: it feeds
// yield, one by one, item(x) for every x that items finds in each page
// next returns while more says there are pages. It fetches the next page
// only when the caller's loop asks for more, stops fetching when the loop
// breaks, and yields a failed page's error, converted by Error, once and
// last. Service packages adapt their paginators' NextPage, whose option
// type differs per service, with a one-line closure.
func Each[Out, X, T any](ctx context.Context, yield func(T, error) bool, more func() bool,
	next func(context.Context) (Out, error), items func(Out) []X, item func(X) T) {
	for more() {
		out, err := next(ctx)
		if err != nil {
			var zero T
			yield(zero, Error(err))
			return
		}
		for _, x := range items(out) {
			if !yield(item(x), nil) {
				return
			}
		}
	}
}
