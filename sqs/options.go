package sqs

import (
	"strconv"

	"github.com/goboto/goboto"
)

// ListOptions are the settings of every SQS listing: Queues,
// Queue.DeadLetterSources (PageSize only) and Queue.MoveTasks (PageSize
// only, up to 10). A listing refuses, with a *goboto.ValidationError, a
// setting it does not take.
type ListOptions struct {
	// PageSize is how many queues one call asks for (MaxResults,
	// 1-1,000); 0 asks for SQS's default of up to 1,000 and no further
	// pages. The iterator yields queues one by one either way.
	PageSize int
	// Prefix limits Queues to names that start with it
	// (QueueNamePrefix).
	Prefix string
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

// PageSize sets how many items a listing asks for per call (MaxResults,
// 1-1,000).
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

// Prefix limits Queues to queue names that start with p.
func Prefix(p string) ListOption { return func(o *ListOptions) { o.Prefix = p } }

func listOptions(opts []ListOption) (ListOptions, error) {
	var o ListOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if o.PageSize != 0 && (o.PageSize < 1 || o.PageSize > 1000) {
		return o, goboto.Invalid("MaxResults", strconv.Itoa(o.PageSize), "out of range 1-1000")
	}
	if len(o.Prefix) > 80 {
		return o, goboto.Invalid("QueueNamePrefix", o.Prefix, "is longer than a queue name can be (80)")
	}
	return o, nil
}
