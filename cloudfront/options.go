package cloudfront

import (
	"strconv"

	"github.com/goboto/goboto"
)

// ListOptions are the settings of every CloudFront listing:
// Distributions, Invalidations, StreamingDistributions. A listing
// refuses, with a *goboto.ValidationError, a setting it does not take.
type ListOptions struct {
	// PageSize is how many items one call asks for (MaxItems, 1-1,000);
	// 0 is CloudFront's default of 100. The iterator yields items one by
	// one either way.
	PageSize int
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

// PageSize sets how many items a listing asks for per call (MaxItems,
// 1-1,000).
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

func listOptions(opts []ListOption) (ListOptions, error) {
	var o ListOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if o.PageSize != 0 && (o.PageSize < 1 || o.PageSize > 1000) {
		return o, goboto.Invalid("MaxItems", strconv.Itoa(o.PageSize), "out of range 1-1000")
	}
	return o, nil
}

// maxItems is the MaxItems parameter for o: nil for CloudFront's default.
func (o ListOptions) maxItems() *int32 {
	if o.PageSize == 0 {
		return nil
	}
	n := int32(o.PageSize)
	return &n
}
