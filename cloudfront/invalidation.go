package cloudfront

import (
	"context"
	"iter"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/goboto/goboto"
	"github.com/goboto/goboto/internal/core"
)

// Invalidation is a handle on one invalidation batch of a distribution;
// its exported fields are what CloudFront last answered.
type Invalidation struct {
	dist *Distribution

	ID              string
	Status          string // "InProgress" or "Completed"
	Created         time.Time
	Paths           []string // GetInvalidation and CreateInvalidation only
	CallerReference string
}

// Invalidation returns a handle on the distribution's invalidation id;
// it sends nothing.
func (d *Distribution) Invalidation(id string) *Invalidation {
	return &Invalidation{dist: d, ID: id}
}

// Distribution returns the distribution the invalidation belongs to.
func (inv *Invalidation) Distribution() *Distribution {
	if inv == nil {
		return nil
	}
	return inv.dist
}

// Conn returns the connection the handle uses.
func (inv *Invalidation) Conn() *Conn { return inv.Distribution().Conn() }

func (inv *Invalidation) api() (*cloudfront.Client, error) {
	if inv == nil {
		return nil, goboto.Invalid("Invalidation", "", "is nil")
	}
	client, err := inv.dist.api()
	if err != nil {
		return nil, err
	}
	if inv.ID == "" {
		return nil, goboto.Invalid("Invalidation.ID", "", "is empty")
	}
	return client, nil
}

func (inv *Invalidation) set(x *types.Invalidation) {
	if x == nil {
		return
	}
	inv.ID, inv.Status, inv.Created = aws.ToString(x.Id), aws.ToString(x.Status), aws.ToTime(x.CreateTime)
	if b := x.InvalidationBatch; b != nil {
		inv.CallerReference = aws.ToString(b.CallerReference)
		if b.Paths != nil {
			inv.Paths = b.Paths.Items
		}
	}
}

// Invalidate removes paths from CloudFront's caches (CreateInvalidation)
// with a made-up caller reference. Each path begins with / and may end
// in one * (Developer Guide, "What you need to know when invalidating
// files"); at most 3,000 at a time.
func (d *Distribution) Invalidate(ctx context.Context, paths ...string) (*Invalidation, error) {
	return d.InvalidateRef(ctx, newCallerReference(), paths...)
}

// InvalidateRef is Invalidate with a caller reference of your own:
// sending the same reference and paths again answers the same
// invalidation rather than making another, and other paths are
// InvalidationBatchAlreadyExists, as the API model documents
// (InvalidationBatch, CallerReference). Reports against AWS quote
// InvalidArgument for a reference sent again with the same paths
// (aws/aws-cdk#3878), so do not count on the replay.
func (d *Distribution) InvalidateRef(ctx context.Context, ref string, paths ...string) (*Invalidation, error) {
	client, err := d.api()
	if err != nil {
		return nil, err
	}
	if ref == "" {
		return nil, goboto.Invalid("CallerReference", "", "is empty")
	}
	if len(paths) == 0 || len(paths) > MaxInvalidation {
		return nil, goboto.Invalid("Paths", itoa(len(paths)), "must be 1-3000 paths")
	}
	for _, p := range paths {
		if !strings.HasPrefix(p, "/") || !utf8.ValidString(p) {
			return nil, goboto.Invalid("Paths", p, "must begin with /")
		}
		if i := strings.IndexByte(p, '*'); i >= 0 && i != len(p)-1 {
			return nil, goboto.Invalid("Paths", p, "may have a * only as its last character")
		}
	}
	out, err := client.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{DistributionId: aws.String(d.ID),
		InvalidationBatch: &types.InvalidationBatch{CallerReference: aws.String(ref),
			Paths: &types.Paths{Quantity: aws.Int32(int32(len(paths))), Items: paths}}})
	if err != nil {
		return nil, convert(err)
	}
	inv := &Invalidation{dist: d}
	inv.set(out.Invalidation)
	return inv, nil
}

// Refresh reads the invalidation (GetInvalidation).
func (inv *Invalidation) Refresh(ctx context.Context) error {
	client, err := inv.api()
	if err != nil {
		return err
	}
	out, err := client.GetInvalidation(ctx, &cloudfront.GetInvalidationInput{DistributionId: aws.String(inv.dist.ID), Id: aws.String(inv.ID)})
	if err != nil {
		return convert(err)
	}
	inv.set(out.Invalidation)
	return nil
}

// Invalidations lists the distribution's invalidations, newest first
// (ListInvalidations), one page per need; the handles carry ID, status
// and creation time.
func (d *Distribution) Invalidations(ctx context.Context, opts ...ListOption) iter.Seq2[*Invalidation, error] {
	return func(yield func(*Invalidation, error) bool) {
		client, err := d.api()
		if err != nil {
			yield(nil, err)
			return
		}
		o, err := listOptions(opts)
		if err != nil {
			yield(nil, err)
			return
		}
		p := cloudfront.NewListInvalidationsPaginator(client, &cloudfront.ListInvalidationsInput{DistributionId: aws.String(d.ID), MaxItems: o.maxItems()})
		core.Each(ctx, yield, p.HasMorePages,
			func(ctx context.Context) (*cloudfront.ListInvalidationsOutput, error) { return p.NextPage(ctx) },
			func(out *cloudfront.ListInvalidationsOutput) []types.InvalidationSummary {
				if out.InvalidationList == nil {
					return nil
				}
				return out.InvalidationList.Items
			},
			func(s types.InvalidationSummary) *Invalidation {
				return &Invalidation{dist: d, ID: aws.ToString(s.Id), Status: aws.ToString(s.Status), Created: aws.ToTime(s.CreateTime)}
			})
	}
}
