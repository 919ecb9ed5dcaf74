package ec2

import (
	"context"
	"iter"
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// ListOptions are the settings of a listing. Every listing takes them as
// ListOption values; each names the fields it takes, and refuses the
// others with a *goboto.ValidationError before sending anything.
type ListOptions struct {
	// PageSize is how many items a listing asks for per call
	// (MaxResults); zero leaves it to EC2. The iterator yields items one
	// by one either way; smaller pages mean less waiting for the first
	// item and, when the loop stops early, less fetched for nothing.
	// Each listing's documentation gives its range.
	PageSize int
	// Owners limits Snapshots and Images to what these accounts own:
	// IDs, "self", "amazon" (and for images "aws-marketplace").
	Owners []string
	// RestorableBy limits Snapshots to those these accounts may create
	// volumes from: IDs, "self", "all".
	RestorableBy []string
	// ExecutableBy limits Images to those these accounts may launch:
	// IDs, "self", "all".
	ExecutableBy []string
	// All lists, for Zones and Regions, also the zones or regions the
	// account has not opted in to (AllAvailabilityZones, AllRegions), and
	// for InstanceStatuses also the instances that are not running
	// (IncludeAllInstances).
	All bool
}

// ListOption changes ListOptions.
type ListOption func(*ListOptions)

// PageSize sets ListOptions.PageSize.
//
//	for v, err := range conn.Volumes(ctx, nil, ec2.PageSize(50)) { ... }
func PageSize(n int) ListOption { return func(o *ListOptions) { o.PageSize = n } }

// Owners limits Snapshots or Images to those owned by the given accounts:
// IDs, "self", "amazon" (and for images "aws-marketplace").
func Owners(owners ...string) ListOption {
	owners = slices.Clone(owners)
	return func(o *ListOptions) { o.Owners = append(o.Owners, owners...) }
}

// RestorableBy limits Snapshots to snapshots the given accounts may create
// volumes from: IDs, "self", "all".
func RestorableBy(accounts ...string) ListOption {
	accounts = slices.Clone(accounts)
	return func(o *ListOptions) { o.RestorableBy = append(o.RestorableBy, accounts...) }
}

// ExecutableBy limits Images to images the given accounts may launch:
// IDs, "self", "all".
func ExecutableBy(accounts ...string) ListOption {
	accounts = slices.Clone(accounts)
	return func(o *ListOptions) { o.ExecutableBy = append(o.ExecutableBy, accounts...) }
}

// AllZones makes Zones list also the zones the account has not opted in
// to (AllAvailabilityZones), such as most Local Zones.
func AllZones() ListOption { return func(o *ListOptions) { o.All = true } }

// AllRegions makes Regions list also the regions the account has not
// opted in to (AllRegions).
func AllRegions() ListOption { return func(o *ListOptions) { o.All = true } }

// AllInstances makes InstanceStatuses list also the instances that are
// not running (IncludeAllInstances), whose checks are not-applicable.
func AllInstances() ListOption { return func(o *ListOptions) { o.All = true } }

// listing is what one listing accepts: its action, its MaxResults range
// (hi 0: the action does not page) and the ListOptions fields it takes.
type listing struct {
	action string
	lo, hi int
	// capped is an action whose documentation says a MaxResults above hi
	// returns hi items rather than failing (DescribeVolumes,
	// DescribeSnapshots), so any larger size is accepted.
	capped                                  bool
	owners, restorableBy, executableBy, all bool
}

// options folds opts and checks them against l.
func (l listing) options(opts []ListOption) (ListOptions, error) {
	var o ListOptions
	for _, fn := range opts {
		if fn != nil {
			fn(&o)
		}
	}
	refuse := func(field string) (ListOptions, error) {
		return ListOptions{}, goboto.Invalid(field, "", "is not taken by "+l.action)
	}
	switch {
	case o.PageSize != 0 && l.hi == 0:
		return refuse("PageSize")
	case len(o.Owners) > 0 && !l.owners:
		return refuse("Owners")
	case len(o.RestorableBy) > 0 && !l.restorableBy:
		return refuse("RestorableBy")
	case len(o.ExecutableBy) > 0 && !l.executableBy:
		return refuse("ExecutableBy")
	case o.All && !l.all:
		return refuse("All")
	}
	if o.PageSize != 0 && (o.PageSize < l.lo || !l.capped && o.PageSize > l.hi) {
		rule := "out of range " + strconv.Itoa(l.lo) + "-" + strconv.Itoa(l.hi) + " for " + l.action
		if l.capped {
			rule = "must be at least " + strconv.Itoa(l.lo) + " for " + l.action
		}
		return ListOptions{}, goboto.Invalid("PageSize", strconv.Itoa(o.PageSize), rule)
	}
	return o, nil
}

// maxResults is o.PageSize as MaxResults, nil when unset.
func (o ListOptions) maxResults() *int32 {
	if o.PageSize == 0 {
		return nil
	}
	return aws.Int32(int32(min(o.PageSize, 1<<31-1)))
}

// pager is what every aws-sdk-go-v2 EC2 paginator offers.
type pager[Out any] interface {
	HasMorePages() bool
	NextPage(context.Context, ...func(*ec2.Options)) (Out, error)
}

// each drives p for an iterator; see core.Each.
func each[Out, X, T any](ctx context.Context, yield func(T, error) bool, p pager[Out], items func(Out) []X, item func(X) T) {
	core.Each(ctx, yield, p.HasMorePages, func(ctx context.Context) (Out, error) { return p.NextPage(ctx) }, items, item)
}

// fail is an iterator that yields err alone.
func fail[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// start checks what every listing checks before it sends: the connection
// and the options, and a context already done.
func (c *Conn) start(ctx context.Context, l listing, opts []ListOption) (*ec2.Client, ListOptions, error) {
	client, err := c.api()
	if err != nil {
		return nil, ListOptions{}, err
	}
	o, err := l.options(opts)
	if err != nil {
		return nil, ListOptions{}, err
	}
	if err := ctx.Err(); err != nil {
		return nil, ListOptions{}, err
	}
	return client, o, nil
}
