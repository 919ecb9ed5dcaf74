package cloudwatch

import (
	"strconv"

	"github.com/goboto/goboto"
)

// ListOptions are the settings of Conn.Metrics (ListMetrics). ListMetrics
// has no page size: CloudWatch answers up to 500 metrics a page, so
// PageSize is refused with a *goboto.ValidationError.
type ListOptions struct {
	// PageSize is not taken by ListMetrics; it is here because every
	// goboto listing has it.
	PageSize int
	// Namespace and MetricName limit the listing to one namespace and
	// metric name.
	Namespace, MetricName string
	// Dimensions keep only metrics that have every dimension named, with
	// the value given; an empty value matches any value (DimensionFilter
	// without Value). At most 10.
	Dimensions Dimensions
	// RecentlyActive keeps only metrics that received data in the last
	// three hours (RecentlyActive PT3H); otherwise the last two weeks.
	RecentlyActive bool
	// LinkedAccounts includes the metrics of the source accounts linked
	// to a monitoring account (IncludeLinkedAccounts).
	LinkedAccounts bool
	// Account, with LinkedAccounts, keeps only that account's metrics
	// (OwningAccount).
	Account string
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

// PageSize sets how many items a listing asks for per call. ListMetrics
// takes none, and refuses it.
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

// InNamespace limits a listing to the namespace ns ("AWS/EC2", "MyApp").
func InNamespace(ns string) ListOption { return func(o *ListOptions) { o.Namespace = ns } }

// Named limits a listing to metrics called name ("CPUUtilization").
func Named(name string) ListOption { return func(o *ListOptions) { o.MetricName = name } }

// WithDimension keeps metrics that have the dimension name, with the
// value given, or any value when value is "".
func WithDimension(name, value string) ListOption {
	return func(o *ListOptions) {
		if o.Dimensions == nil {
			o.Dimensions = Dimensions{}
		}
		o.Dimensions[name] = value
	}
}

// RecentlyActive keeps metrics that received data in the last three
// hours.
func RecentlyActive() ListOption { return func(o *ListOptions) { o.RecentlyActive = true } }

// LinkedAccounts includes the metrics of the source accounts linked to a
// monitoring account; account, when not "", keeps only that account's.
func LinkedAccounts(account string) ListOption {
	return func(o *ListOptions) { o.LinkedAccounts, o.Account = true, account }
}

func listOptions(opts []ListOption) (ListOptions, error) {
	var o ListOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	switch {
	case o.PageSize != 0:
		return o, goboto.Invalid("PageSize", strconv.Itoa(o.PageSize), "is not taken by ListMetrics, which answers up to 500 metrics a page")
	case len(o.Dimensions) > maxListDimensions:
		return o, goboto.Invalid("Dimensions", strconv.Itoa(len(o.Dimensions)), "more than 10 dimension filters")
	case o.Account != "" && !o.LinkedAccounts:
		return o, goboto.Invalid("OwningAccount", o.Account, "needs LinkedAccounts")
	}
	if o.Namespace != "" {
		if err := validName("Namespace", o.Namespace); err != nil {
			return o, err
		}
	}
	if len(o.MetricName) > MaxNameLength {
		return o, goboto.Invalid("MetricName", o.MetricName, "is longer than 255 bytes")
	}
	for name, value := range o.Dimensions {
		switch {
		case name == "" || len(name) > MaxDimensionName:
			return o, goboto.Invalid("Dimensions", name, "a dimension name must be 1-255 bytes")
		case len(value) > MaxDimensionValue:
			return o, goboto.Invalid("Dimensions."+name, value, "a dimension value must be at most 1024 bytes")
		}
	}
	return o, nil
}
