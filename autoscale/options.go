package autoscale

import (
	"strconv"

	"github.com/goboto/goboto"
)

// ListOptions are the settings of every AutoScaling listing. A listing
// refuses, with a *goboto.ValidationError, a setting it does not take.
type ListOptions struct {
	// PageSize is how many items one call asks for (MaxRecords, 1-100);
	// 0 asks for AutoScaling's default. The iterator yields items one by
	// one either way.
	PageSize int
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

// PageSize sets how many items a listing asks for per call (MaxRecords,
// 1-100).
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

// listOptions applies opts, checking PageSize against max, the model's
// MaxRecords limit for the caller's operation (100 for most; 50 for
// DescribeAutoScalingInstances).
func listOptions(opts []ListOption, max int) (ListOptions, error) {
	var o ListOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	if o.PageSize != 0 && (o.PageSize < 1 || o.PageSize > max) {
		return o, goboto.Invalid("MaxRecords", strconv.Itoa(o.PageSize), "out of range 1-"+strconv.Itoa(max))
	}
	return o, nil
}
