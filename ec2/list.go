package ec2

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// ListOption changes a listing (Instances, Reservations, Volumes): PageSize.
type ListOption interface{ applyList(*listConfig) }

type listConfig struct{ pageSize int32 }

// PageSize is a ListOption and SnapshotOption setting how many items a
// listing asks for per call (MaxResults): 5-1000 for instances and
// snapshots, 5-500 for volumes. Without it EC2 answers everything in one
// page (up to its own limits). The iterator yields items one by one
// either way; smaller pages mean less waiting for the first item and, when
// the loop stops early, less fetched for nothing.
//
//	for v, err := range conn.Volumes(ctx, nil, ec2.PageSize(50)) { ... }
type PageSize int32

func (n PageSize) applyList(c *listConfig) { c.pageSize = int32(n) }

func (n PageSize) applySnapshots(in *ec2.DescribeSnapshotsInput) { in.MaxResults = aws.Int32(int32(n)) }

func listOptions(opts []ListOption) listConfig {
	var c listConfig
	for _, o := range opts {
		if o != nil {
			o.applyList(&c)
		}
	}
	return c
}

// maxResults checks a page size against an action's range and returns it
// as MaxResults, nil when unset.
func maxResults(n, hi int32) (*int32, error) {
	if n == 0 {
		return nil, nil
	}
	if n < 5 || n > hi {
		return nil, goboto.Invalid("PageSize", strconv.Itoa(int(n)), "out of range 5-"+strconv.Itoa(int(hi)))
	}
	return aws.Int32(n), nil
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
